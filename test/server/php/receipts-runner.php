<?php
// Runs one consent-receipts.php function for test/server/php-receipts.test.mjs: argv[1] is the
// DSN, argv[2] the function (get, export, counts, purge, read, hash, store, sql), stdin its argument
// as JSON (CONSENT_RECEIPTS_USER and CONSENT_RECEIPTS_PASSWORD: the DSN's user and password,
// when it needs them). Prints what it returns as JSON (export prints the export itself).
declare(strict_types=1);

require __DIR__ . '/strict.php';
require __DIR__ . '/../../../src/server/consent-receipts.php';

[, $dsn, $what] = $argv + [null, '', ''];
$argument = json_decode((string) stream_get_contents(STDIN), true);
if ($what === 'hash') {
    // One hash per wording: [lang, texts] pairs.
    echo json_encode(array_map(static fn ($w) => consent_receipts_wording_hash($w[0], $w[1]), $argument));
    return;
}
if ($what === 'read') {
    // One answer per body: the bodies need no store.
    echo json_encode(array_map('consent_receipts_read', $argument));
    return;
}
$db = consent_receipts_open((string) $dsn, getenv('CONSENT_RECEIPTS_USER') ?: null,
    getenv('CONSENT_RECEIPTS_PASSWORD') ?: null);
try {
    switch ($what) {
        case 'get':
            echo json_encode(consent_receipts_get($db, $argument));
            break;
        case 'export':
            consent_receipts_export($db, $argument);
            break;
        case 'counts':
            echo json_encode(consent_receipts_counts($db, $argument));
            break;
        case 'purge':
            echo json_encode(consent_receipts_purge($db, $argument));
            break;
        case 'store':
            // Receipts consent_receipts_read accepts, in one transaction: how many were new.
            $db->beginTransaction();
            $new = 0;
            foreach ($argument as $receipt) {
                $new += consent_receipts_store($db, consent_receipts_read(json_encode($receipt))) ? 1 : 0;
            }
            $db->commit();
            echo json_encode($new);
            break;
        case 'sql':
            echo json_encode($db->exec($argument));
            break;
    }
} catch (Throwable $e) {
    fwrite(STDERR, $e->getMessage());
    exit(1);
}
