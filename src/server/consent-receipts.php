<?php

/**
 * consent-banner's receipt store for PHP (docs/server/records.md, "PHP"): the receiver for the
 * banner's `receipt-url` and the consent records, with PDO. SQLite by default (a file next to
 * the site: `php-sqlite3`), MariaDB or MySQL 8.0.29 and later (`php-mysql`), or PostgreSQL
 * (`php-pgsql`), where it writes the very tables the Node store (`openReceiptStore`) writes, so
 * that both, the audit page and the `consent-banner records` command read the same records.
 *
 *     require_once __DIR__ . '/node_modules/consent-banner/dist/consent-receipts.php';
 *
 *     $db = consent_receipts_open('sqlite:' . __DIR__ . '/../consent-records.sqlite');
 *     consent_receipts_handle($db);                          // receipts.php: the receipt-url
 *     consent_receipts_get($db, $id);                        // one record, or null
 *     consent_receipts_export($db, ['from' => '2026-03-01', 'to' => '2026-04-01', 'format' => 'csv']);
 *     consent_receipts_counts($db, ['from' => '2026-03-01']); // decisions per day
 *     consent_receipts_purge($db);                           // past retention: how many deleted
 *
 * The same answers as the Node store: 201 stored, 200 already stored (each consent id once),
 * 400 not a receipt, 403 not from the site's pages, 405 not a POST, 413 over 8,192 bytes, 503
 * the database is away (the banner sends it again later). No IP address, no user agent stored.
 * Records are append-only: the database refuses an UPDATE. PHP 7.4 or later with PDO.
 */

declare(strict_types=1);

require_once __DIR__ . '/consent.php';

if (!defined('CONSENT_MAX_RECEIPT_BYTES')) {
    /** A receipt body longer than this (bytes) is not a receipt (as MAX_RECEIPT_BYTES in Node). */
    define('CONSENT_MAX_RECEIPT_BYTES', 8192);
}

if (!function_exists('consent_receipts_open')) {
    /**
     * Connects to the store at $dsn (`sqlite:<file>`, `mysql:host=…;dbname=…` or
     * `pgsql:host=…;dbname=…`) and makes its tables, or brings them up to date.
     *
     * @throws \TypeError for a DSN of another database
     * @throws \PDOException when the database cannot be reached
     */
    function consent_receipts_open(string $dsn, ?string $user = null, ?string $password = null): \PDO
    {
        $driver = strtolower((string) strstr($dsn, ':', true));
        if ($driver !== 'sqlite' && $driver !== 'pgsql' && $driver !== 'mysql') {
            throw new \TypeError('consent-receipts.php: "' . $dsn
                . '" is not a store: expected sqlite:<file>, mysql:host=…;dbname=… or pgsql:host=…;dbname=…');
        }
        $db = new \PDO($dsn, $user, $password, [\PDO::ATTR_ERRMODE => \PDO::ERRMODE_EXCEPTION]);
        if ($driver === 'sqlite') {
            // WAL: readers never wait for the writer; FULL: a committed receipt survives a crash.
            $db->exec('pragma journal_mode = wal');
            $db->exec('pragma synchronous = full');
            $db->exec('pragma busy_timeout = 10000');
            $db->exec('create table if not exists consent_receipts (
                id text primary key, schema integer not null, decided_at text not null,
                received_at text not null, revision integer not null, method text not null,
                lang text not null, url text not null, granted text not null, denied text not null,
                wording text)');
            $db->exec('create index if not exists consent_receipts_by_time
                on consent_receipts (decided_at, id)');
            $db->exec('create table if not exists consent_wordings (hash text primary key,
                lang text not null, texts text not null, first_seen text not null)');
            $db->exec("create trigger if not exists consent_receipts_append_only
                before update on consent_receipts
                begin select raise(abort, 'consent receipts are append-only'); end");
            return $db;
        }
        if ($driver === 'mysql') {
            // As SQLite's: times as ISO 8601 text in UTC, which sorts as time does. InnoDB keeps
            // a committed receipt; binary collation, since consent ids differ by case alone.
            // (`schema` is a reserved word in MySQL: quoted there.) Made once: the first open
            // needs the CREATE and TRIGGER privileges (and, with binary logging on,
            // log_bin_trust_function_creators); once the trigger is there, each open asks only
            // whether it is, and SELECT, INSERT and DELETE are all the receiver needs.
            $db->exec('set names utf8mb4');
            if ($db->query("select count(*) from information_schema.triggers where trigger_schema = database()
                and trigger_name = 'consent_receipts_append_only'")->fetchColumn() > 0) {
                return $db;
            }
            $table = 'engine = InnoDB default charset = utf8mb4 collate = utf8mb4_bin';
            $db->exec("create table if not exists consent_receipts (
                id varchar(64) not null primary key, `schema` smallint not null,
                decided_at char(24) not null, received_at char(24) not null,
                revision integer not null, method varchar(16) not null, lang char(2) not null,
                url text not null, granted text not null, denied text not null, wording char(24),
                key consent_receipts_by_time (decided_at, id)) $table");
            $db->exec("create table if not exists consent_wordings (hash char(24) not null primary key,
                lang char(2) not null, texts longtext not null, first_seen char(24) not null) $table");
            $db->exec("create trigger if not exists consent_receipts_append_only
                before update on consent_receipts for each row
                signal sqlstate '45000' set message_text = 'consent receipts are append-only'");
            return $db;
        }
        // PostgreSQL: migration 1 of the Node store (src/server/records/schema.ts), the same
        // tables, made once, under the same advisory lock.
        $db->beginTransaction();
        $db->exec('select pg_advisory_xact_lock(7042617)');
        $db->exec('create table if not exists consent_migrations (version integer primary key,
            applied_at timestamptz not null default now())');
        $version = (int) $db->query('select coalesce(max(version), 0) from consent_migrations')->fetchColumn();
        if ($version < 1) {
            $db->exec('create table consent_wordings (hash text primary key, lang text not null,
                texts jsonb not null, first_seen timestamptz not null default now())');
            $db->exec('create table consent_receipts (id text primary key,
                schema smallint not null, decided_at timestamptz not null,
                received_at timestamptz not null default now(), revision integer not null,
                method text not null, lang text not null, url text not null,
                granted text[] not null, denied text[] not null, wording text)');
            $db->exec('create index consent_receipts_by_time on consent_receipts (decided_at, id)');
            $db->exec("create function consent_receipts_unchanged() returns trigger
                language plpgsql as \$\$ begin raise exception 'consent receipts are append-only'; end \$\$");
            $db->exec('create trigger consent_receipts_append_only before update on consent_receipts
                for each row execute function consent_receipts_unchanged()');
            $db->exec('insert into consent_migrations (version) values (1)');
        }
        $db->commit();
        return $db;
    }
}

if (!function_exists('consent_receipts_read')) {
    /**
     * The receipt in $body (the request body), checked as `readReceipt` checks it in Node
     * (docs/reference/receipt.md); null for anything else. Never throws.
     *
     * @return ?array<string, mixed>
     */
    function consent_receipts_read(string $body): ?array
    {
        if (strlen($body) > CONSENT_MAX_RECEIPT_BYTES) {
            return null;
        }
        $data = json_decode($body, true, 8);
        $keys = ['schema', 'id', 'decidedAt', 'revision', 'granted', 'denied', 'method', 'lang', 'url'];
        if (!is_array($data) || array_is_list($data) && $data !== []) {
            return null;
        }
        // Schema 2 adds the hash of the words the visitor saw (docs/reference/receipt.md).
        if (consent_whole_number($data['schema'] ?? null) === 2) {
            $keys[] = 'wording';
            if (!is_string($data['wording'] ?? null) || preg_match('/^[0-9a-f]{24}$/D', $data['wording']) !== 1) {
                return null;
            }
        }
        if (count($data) !== count($keys) || array_diff(array_keys($data), $keys) !== []) {
            return null;
        }
        $ids = static function ($list): ?array {
            if (!is_array($list) || !array_is_list($list)) {
                return null;
            }
            foreach ($list as $i => $id) {
                if (!consent_is_category_id($id) || array_search($id, $list, true) !== $i) {
                    return null;
                }
            }
            return $list;
        };
        $granted = $ids($data['granted']);
        $denied = $ids($data['denied']);
        $time = $data['decidedAt'];
        $url = $data['url'];
        // A number as JavaScript reads it: 1.0 is 1 (consent_whole_number, from consent.php).
        $schema = consent_whole_number($data['schema']);
        $revision = consent_whole_number($data['revision']);
        if (($schema !== 1 && $schema !== 2) || !is_string($data['id'])
            || preg_match('/^[A-Za-z0-9_-]{8,64}$/D', $data['id']) !== 1
            || !is_string($time) || !consent_receipts_is_time($time)
            || $revision === null || $revision < 0 || $revision > 999999999
            || $granted === null || $denied === null || array_intersect($granted, $denied) !== []
            || !in_array('necessary', $granted, true)
            || !in_array($data['method'], ['accept-all', 'reject-all', 'custom', 'gpc', 'api'], true)
            || ($data['lang'] !== 'th' && $data['lang'] !== 'en')
            || !is_string($url) || !consent_receipts_is_page_url($url)) {
            return null;
        }
        $receipt = [];
        foreach ($keys as $key) {
            $receipt[$key] = $data[$key];
        }
        $receipt['schema'] = $schema;
        $receipt['revision'] = $revision;
        return $receipt;
    }

    /** @internal An ISO 8601 UTC time exactly as JavaScript's toISOString writes it. */
    function consent_receipts_is_time(string $value): bool
    {
        if (preg_match('/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/D', $value) !== 1) {
            return false;
        }
        $time = \DateTimeImmutable::createFromFormat('!Y-m-d\TH:i:s.v\Z', $value, new \DateTimeZone('UTC'));
        return $time !== false && $time->format('Y-m-d\TH:i:s.v\Z') === $value;
    }

    /**
     * @internal An http(s) page address as the banner sends it (location.origin + pathname):
     * nothing but origin and path, in the form the URL parser writes. So: lower-case scheme and
     * host, no default port, no dot segments, and none of the characters the parser would
     * escape in a path. (An IPv6 literal host is refused here; Node's readReceipt takes one.)
     */
    function consent_receipts_is_page_url(string $value): bool
    {
        $path = '(/[!$%&\'()*+,\-.\/0-9:;=@A-Z\[\]^_a-z|~]*)';
        if (strlen($value) > 2048
            || preg_match('#^(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*\.?)(:\d{1,5})?' . $path . '$#D', $value, $m) !== 1) {
            return false;
        }
        [, $scheme, $host, $port, $pathname] = $m;
        // A host whose last label is a number is an IPv4 address, which the parser rewrites
        // unless it is already four plain decimal numbers of at most 255.
        $labels = explode('.', rtrim($host, '.'));
        if (preg_match('/^(0x[0-9a-f]*|\d+)$/D', (string) end($labels)) === 1) {
            $parts = explode('.', $host);
            if (count($parts) !== 4) {
                return false;
            }
            foreach ($parts as $part) {
                if (preg_match('/^(0|[1-9]\d{0,2})$/D', $part) !== 1 || (int) $part > 255) {
                    return false;
                }
            }
        }
        if ($port !== '') {
            $number = (int) substr($port, 1);
            if ($port !== ':' . $number || $number > 65535 || $number === ($scheme === 'https' ? 443 : 80)) {
                return false;
            }
        }
        // Dot segments (`.`, `..`, and their `%2e` spellings) are resolved by the parser.
        return preg_match('#/(\.|%2e){1,2}(/|$)#iD', $pathname) !== 1;
    }
}

if (!function_exists('array_is_list')) {
    /** PHP 8.1's array_is_list, for PHP 7.4 and 8.0. */
    function array_is_list(array $array): bool
    {
        return $array === [] || array_keys($array) === range(0, count($array) - 1);
    }
}

if (!function_exists('consent_receipts_wording_hash')) {
    /**
     * The hash of a wording, as `wordingHash` in Node and in the banner: the first 96 bits of
     * the SHA-256 of the language and each [key, text] pair, the keys in code-point order, as
     * JavaScript's JSON.stringify writes them (docs/reference/receipt.md "Schema 2: the wording").
     *
     * @param array<string, string> $texts
     */
    function consent_receipts_wording_hash(string $lang, array $texts): string
    {
        ksort($texts, SORT_STRING);
        $pairs = [$lang];
        foreach ($texts as $key => $text) {
            $pairs[] = [(string) $key, $text];
        }
        $json = json_encode($pairs, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES
            | JSON_UNESCAPED_LINE_TERMINATORS | JSON_THROW_ON_ERROR);
        return substr(hash('sha256', $json), 0, 24);
    }

    /**
     * The wording in $body, checked as `readWording` checks it in Node; null for anything else.
     *
     * @return ?array{schema: int, wording: string, lang: string, texts: array<string, string>}
     */
    function consent_receipts_read_wording(string $body): ?array
    {
        if (strlen($body) > 65536) {
            return null;
        }
        // As objects: a JSON object and a JSON array must stay apart (`texts` is an object).
        $data = json_decode($body, false, 8);
        if (!($data instanceof \stdClass)) {
            return null;
        }
        $fields = get_object_vars($data);
        $texts = $fields['texts'] ?? null;
        if (count($fields) !== 4
            || array_diff(array_keys($fields), ['schema', 'wording', 'lang', 'texts']) !== []
            || consent_whole_number($fields['schema']) !== 2
            || !is_string($fields['wording']) || preg_match('/^[0-9a-f]{24}$/D', $fields['wording']) !== 1
            || ($fields['lang'] !== 'th' && $fields['lang'] !== 'en') || !($texts instanceof \stdClass)) {
            return null;
        }
        $map = [];
        foreach (get_object_vars($texts) as $key => $text) {
            $key = (string) $key;
            // A text's length as JavaScript counts it: UTF-16 code units.
            $units = is_string($text)
                ? preg_match_all('/./su', $text) + preg_match_all('/[\x{10000}-\x{10FFFF}]/u', $text) : 0;
            if (preg_match('/^[A-Za-z0-9_.:-]{1,100}$/D', $key) !== 1 || !is_string($text) || $units > 10000) {
                return null;
            }
            $map[$key] = $text;
        }
        if ($map === [] || count($map) > 500) {
            return null;
        }
        return consent_receipts_wording_hash($fields['lang'], $map) === $fields['wording']
            ? ['schema' => 2, 'wording' => $fields['wording'], 'lang' => $fields['lang'], 'texts' => $map]
            : null;
    }
}

if (!function_exists('consent_receipts_handle')) {
    /**
     * Answers the request PHP is serving as the receipt endpoint: status, headers and a short
     * text saying why. $options: `origins`, the origins of the site's pages when they are not
     * this host (for example `['https://www.example.go.th']`). Call it before any output.
     *
     * @param array{origins?: list<string>} $options
     */
    function consent_receipts_handle(\PDO $db, array $options = []): void
    {
        $answer = static function (int $status, string $text, array $headers = []): void {
            http_response_code($status);
            header('Content-Type: text/plain; charset=utf-8');
            foreach ($headers as $name => $value) {
                header($name . ': ' . $value);
            }
            echo $status === 204 ? '' : $text . "\n";
        };
        $origin = (string) ($_SERVER['HTTP_ORIGIN'] ?? '');
        $host = (string) ($_SERVER['HTTP_HOST'] ?? '');
        $allowed = $origin !== '' && (in_array($origin, $options['origins'] ?? [], true)
            || (parse_url($origin, PHP_URL_HOST) !== null
                && strtolower((string) preg_replace('#^[a-z]+://#i', '', $origin)) === strtolower($host)));
        $cors = $allowed ? ['Access-Control-Allow-Origin' => $origin, 'Vary' => 'Origin'] : [];
        $method = (string) ($_SERVER['REQUEST_METHOD'] ?? 'GET');
        if ($method === 'OPTIONS') {
            if (!$allowed) {
                $answer(403, 'receipts are taken from this site only');
                return;
            }
            $answer(204, '', $cors + ['Access-Control-Allow-Methods' => 'POST',
                'Access-Control-Allow-Headers' => 'content-type', 'Access-Control-Max-Age' => '86400']);
            return;
        }
        if ($method !== 'POST') {
            $answer(405, 'POST a receipt', $cors + ['Allow' => 'POST, OPTIONS']);
            return;
        }
        if (!$allowed) {
            $answer(403, 'receipts are taken from this site only');
            return;
        }
        // Up to a wording's size (65,536 bytes); a receipt is held to its own limit below.
        if ((int) ($_SERVER['CONTENT_LENGTH'] ?? 0) > 65536) {
            $answer(413, 'at most 65536 bytes', $cors);
            return;
        }
        $body = (string) file_get_contents('php://input', false, null, 0, 65537);
        if (strlen($body) > 65536) {
            $answer(413, 'at most 65536 bytes', $cors);
            return;
        }
        $data = json_decode($body, false, 8);
        if ($data instanceof \stdClass && property_exists($data, 'texts')) {
            consent_receipts_answer_wording($db, $body, $answer, $cors);
            return;
        }
        if (strlen($body) > CONSENT_MAX_RECEIPT_BYTES) {
            $answer(413, 'a receipt is at most ' . CONSENT_MAX_RECEIPT_BYTES . ' bytes', $cors);
            return;
        }
        $receipt = consent_receipts_read($body);
        if ($receipt === null) {
            $answer(400, 'not a consent receipt', $cors);
            return;
        }
        try {
            $new = consent_receipts_store($db, $receipt);
        } catch (\PDOException $e) {
            $answer(503, 'the store is unavailable; send it again later', $cors + ['Retry-After' => '5']);
            return;
        }
        // A wording the store does not hold yet: the banner sends its texts, once.
        $ask = [];
        if (isset($receipt['wording'])) {
            $known = $db->prepare('select 1 from consent_wordings where hash = ?');
            $known->execute([$receipt['wording']]);
            $ask = $known->fetchColumn() === false ? ['Consent-Wording' => 'send'] : [];
        }
        $cors += ['Access-Control-Expose-Headers' => 'Consent-Wording'];
        // Sent again (its first answer was lost): it is confirmed, and stored once.
        $new ? $answer(201, 'stored', $cors + $ask) : $answer(200, 'already stored', $cors + $ask);
    }

    /**
     * @internal Keeps a wording once, if its texts give its hash.
     * @param array<string, string> $cors
     */
    function consent_receipts_answer_wording(\PDO $db, string $body, callable $answer, array $cors): void
    {
        $words = consent_receipts_read_wording($body);
        if ($words === null) {
            $answer(400, 'not a wording, or its texts do not give its hash', $cors);
            return;
        }
        $driver = $db->getAttribute(\PDO::ATTR_DRIVER_NAME);
        $now = (new \DateTimeImmutable('now', new \DateTimeZone('UTC')))->format('Y-m-d\TH:i:s.v\Z');
        try {
            $new = consent_receipts_insert($db, 'insert into consent_wordings (hash, lang, texts, first_seen) values (?, ?, '
                . ($driver === 'pgsql' ? '?::jsonb, ?::timestamptz' : '?, ?') . ')', 'hash', [$words['wording'], $words['lang'],
                // An object always, even for texts keyed "0", "1", …
                json_encode($words['texts'], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_FORCE_OBJECT), $now]);
        } catch (\PDOException $e) {
            $answer(503, 'the store is unavailable; send it again later', $cors + ['Retry-After' => '5']);
            return;
        }
        $new ? $answer(201, 'wording stored', $cors) : $answer(200, 'wording already stored', $cors);
    }

    /**
     * Stores a receipt that consent_receipts_read accepted; true when it is new, false when its
     * consent id is stored already.
     *
     * @param array<string, mixed> $receipt
     */
    function consent_receipts_store(\PDO $db, array $receipt): bool
    {
        $driver = $db->getAttribute(\PDO::ATTR_DRIVER_NAME);
        $now = (new \DateTimeImmutable('now', new \DateTimeZone('UTC')))->format('Y-m-d\TH:i:s.v\Z');
        $columns = consent_receipts_column_names($db);
        return consent_receipts_insert($db, "insert into consent_receipts ($columns) values " . ($driver === 'pgsql'
            ? "(?, ?, ?::timestamptz, ?::timestamptz, ?, ?, ?, ?, string_to_array(?, ' '), string_to_array(?, ' '), ?)"
            : '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'), 'id', [$receipt['id'], $receipt['schema'], $receipt['decidedAt'], $now,
            $receipt['revision'], $receipt['method'], $receipt['lang'], $receipt['url'],
            implode(' ', $receipt['granted']), implode(' ', $receipt['denied']), $receipt['wording'] ?? null]);
    }

    /**
     * @internal The record's columns, in the order of the Node store's, by name (`schema` is a
     * reserved word in MySQL: quoted there).
     */
    function consent_receipts_column_names(\PDO $db): string
    {
        return 'id, ' . ($db->getAttribute(\PDO::ATTR_DRIVER_NAME) === 'mysql' ? '`schema`' : 'schema')
            . ', decided_at, received_at, revision, method, lang, url, granted, denied, wording';
    }

    /**
     * @internal Runs the INSERT $sql with $values: true when it stored a row, false when a row
     * with the same $key was there already (each consent id and each wording once).
     * @param list<mixed> $values
     */
    function consent_receipts_insert(\PDO $db, string $sql, string $key, array $values): bool
    {
        if ($db->getAttribute(\PDO::ATTR_DRIVER_NAME) !== 'mysql') {
            $statement = $db->prepare("$sql on conflict ($key) do nothing");
            $statement->execute($values);
            return $statement->rowCount() === 1;
        }
        // MySQL has no ON CONFLICT, and INSERT IGNORE would also pass over other errors: the
        // duplicate key (error 1062) alone means "there already".
        try {
            $db->prepare($sql)->execute($values);
            return true;
        } catch (\PDOException $e) {
            if ((int) ($e->errorInfo[1] ?? 0) === 1062) {
                return false;
            }
            throw $e;
        }
    }
}

if (!function_exists('consent_receipts_get')) {
    /** @internal The columns as the Node store gives them, in either database. */
    function consent_receipts_columns(\PDO $db): string
    {
        return $db->getAttribute(\PDO::ATTR_DRIVER_NAME) === 'pgsql'
            ? "id, schema, to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') as decided_at,
               to_char(received_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') as received_at,
               revision, method, lang, url, array_to_string(granted, ' ') as granted,
               array_to_string(denied, ' ') as denied, wording"
            : consent_receipts_column_names($db);
    }

    /**
     * @internal A row → the record, with the keys of the Node store's.
     * @param array<string, mixed> $row
     * @return array<string, mixed>
     */
    function consent_receipts_record(array $row): array
    {
        $list = static fn ($text): array => $text === '' || $text === null ? [] : explode(' ', (string) $text);
        return ['schema' => (int) $row['schema'], 'id' => $row['id'], 'decidedAt' => $row['decided_at'],
            'revision' => (int) $row['revision'], 'granted' => $list($row['granted']),
            'denied' => $list($row['denied']), 'method' => $row['method'], 'lang' => $row['lang'],
            'url' => $row['url'], 'receivedAt' => $row['received_at'], 'wording' => $row['wording']];
    }

    /**
     * The record of one consent id, or null.
     *
     * @return ?array<string, mixed>
     */
    function consent_receipts_get(\PDO $db, string $id): ?array
    {
        $statement = $db->prepare('select ' . consent_receipts_columns($db) . ' from consent_receipts where id = ?');
        $statement->execute([$id]);
        $row = $statement->fetch(\PDO::FETCH_ASSOC);
        if ($row === false) {
            return null;
        }
        $record = consent_receipts_record($row);
        // The words the visitor saw, once the banner has sent them (as `get` in Node).
        $record['wordingTexts'] = null;
        if ($record['wording'] !== null) {
            $words = $db->prepare('select lang, texts from consent_wordings where hash = ?');
            $words->execute([$record['wording']]);
            $found = $words->fetch(\PDO::FETCH_ASSOC);
            if ($found !== false) {
                $record['wordingTexts'] = ['lang' => $found['lang'], 'texts' => json_decode((string) $found['texts'], true)];
            }
        }
        return $record;
    }

    /**
     * @internal A date range's ends as UTC times (`from` included, `to` excluded): a date
     * without a time starts at midnight in $options['timeZone'] (default Asia/Bangkok).
     * @param array<string, mixed> $options
     * @return array{0: ?string, 1: ?string}
     */
    function consent_receipts_range(array $options): array
    {
        $zone = new \DateTimeZone((string) ($options['timeZone'] ?? 'Asia/Bangkok'));
        $end = static function ($value) use ($zone): ?string {
            if ($value === null || $value === '') {
                return null;
            }
            if (!is_string($value) || preg_match('/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/D', $value) !== 1) {
                throw new \TypeError('consent-receipts.php: "' . (is_string($value) ? $value : gettype($value))
                    . '" is not a date: expected 2026-03-01 or an ISO 8601 time');
            }
            $time = new \DateTimeImmutable($value, $zone);
            return $time->setTimezone(new \DateTimeZone('UTC'))->format('Y-m-d\TH:i:s.v\Z');
        };
        return [$end($options['from'] ?? null), $end($options['to'] ?? null)];
    }

    /**
     * Calls $each with every record decided in the range, oldest first, read a thousand at a
     * time (an export of millions of rows does not fill the memory).
     *
     * @param array<string, mixed> $options
     */
    function consent_receipts_each(\PDO $db, array $options, callable $each): void
    {
        [$from, $to] = consent_receipts_range($options);
        $pg = $db->getAttribute(\PDO::ATTR_DRIVER_NAME) === 'pgsql';
        $time = $pg ? '?::timestamptz' : '?';
        $after = null;
        do {
            $where = ['1 = 1'];
            $params = [];
            if ($from !== null) {
                $where[] = "decided_at >= $time";
                $params[] = $from;
            }
            if ($to !== null) {
                $where[] = "decided_at < $time";
                $params[] = $to;
            }
            if ($after !== null) {
                $where[] = "(decided_at, id) > ($time, ?)";
                array_push($params, $after[0], $after[1]);
            }
            $statement = $db->prepare('select ' . consent_receipts_columns($db) . ' from consent_receipts where '
                . implode(' and ', $where) . ' order by decided_at, id limit 1000');
            $statement->execute($params);
            $rows = $statement->fetchAll(\PDO::FETCH_ASSOC);
            foreach ($rows as $row) {
                $each(consent_receipts_record($row));
            }
            $last = end($rows);
            $after = $last === false ? null : [$last['decided_at'], $last['id']];
        } while (count($rows) === 1000);
    }

    /**
     * Writes the records decided in the range to $out (default: the response), as JSON lines
     * or, with `'format' => 'csv'`, CSV with a header row.
     *
     * @param array{from?: string, to?: string, format?: string, timeZone?: string} $options
     * @param resource|null $out
     */
    function consent_receipts_export(\PDO $db, array $options = [], $out = null): void
    {
        $out = $out ?? fopen('php://output', 'wb');
        $csv = ($options['format'] ?? 'jsonl') === 'csv';
        if (!$csv && ($options['format'] ?? 'jsonl') !== 'jsonl') {
            throw new \TypeError('consent-receipts.php: format "' . $options['format'] . '" is not csv or jsonl');
        }
        $cell = static fn (string $v): string => preg_match('/[",\r\n]/', $v) === 1 ? '"' . str_replace('"', '""', $v) . '"' : $v;
        if ($csv) {
            fwrite($out, "id,decidedAt,receivedAt,revision,method,lang,url,granted,denied,wording\n");
        }
        consent_receipts_each($db, $options, static function (array $r) use ($out, $csv, $cell): void {
            fwrite($out, $csv
                ? implode(',', array_map($cell, [$r['id'], $r['decidedAt'], $r['receivedAt'], (string) $r['revision'],
                    $r['method'], $r['lang'], $r['url'], implode(' ', $r['granted']), implode(' ', $r['denied']),
                    (string) $r['wording']])) . "\n"
                : json_encode($r, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE) . "\n");
        });
    }

    /**
     * Decisions per day in the range (days in $options['timeZone'], default Asia/Bangkok), by
     * method, and how many granted each category: the entries of the Node store's `counts`.
     *
     * @param array{from?: string, to?: string, timeZone?: string} $options
     * @return list<array<string, mixed>>
     */
    function consent_receipts_counts(\PDO $db, array $options = []): array
    {
        $zone = new \DateTimeZone((string) ($options['timeZone'] ?? 'Asia/Bangkok'));
        $methods = ['accept-all' => 'acceptAll', 'reject-all' => 'rejectAll', 'custom' => 'custom', 'gpc' => 'gpc', 'api' => 'api'];
        $days = [];
        consent_receipts_each($db, $options, static function (array $r) use (&$days, $zone, $methods): void {
            $day = (new \DateTimeImmutable($r['decidedAt']))->setTimezone($zone)->format('Y-m-d');
            $days[$day] = $days[$day] ?? ['day' => $day, 'total' => 0, 'acceptAll' => 0, 'rejectAll' => 0,
                'custom' => 0, 'gpc' => 0, 'api' => 0, 'granted' => []];
            $days[$day]['total']++;
            $days[$day][$methods[$r['method']]]++;
            foreach ($r['granted'] as $id) {
                $days[$day]['granted'][$id] = ($days[$day]['granted'][$id] ?? 0) + 1;
            }
        });
        ksort($days);
        return array_values($days);
    }

    /**
     * Deletes the records decided before $options['before'], or by default those decided more
     * than cookieDays (182) + retainDays (365) days ago; returns how many.
     *
     * @param array{before?: string, cookieDays?: int, retainDays?: int, timeZone?: string} $options
     */
    function consent_receipts_purge(\PDO $db, array $options = []): int
    {
        $before = isset($options['before'])
            ? consent_receipts_range(['from' => $options['before']] + $options)[0]
            : (new \DateTimeImmutable('now', new \DateTimeZone('UTC')))
                ->modify('-' . ((int) ($options['cookieDays'] ?? 182) + (int) ($options['retainDays'] ?? 365)) . ' days')
                ->format('Y-m-d\TH:i:s.v\Z');
        $pg = $db->getAttribute(\PDO::ATTR_DRIVER_NAME) === 'pgsql';
        $statement = $db->prepare('delete from consent_receipts where decided_at < ' . ($pg ? '?::timestamptz' : '?'));
        $statement->execute([$before]);
        return $statement->rowCount();
    }
}
