// src/server/consent-receipts.php, the PHP receipt store (docs/server/records.md, "PHP"), with
// php-cli: its receiver served by `php -S` (four workers) against SQLite, a real MariaDB
// (test/support/mariadb.mjs) and a real PostgreSQL (test/support/postgres.mjs), with the cases
// of openReceiptStore's suite
// (receipt-store.test.mjs); its checks against readReceipt's on the same bodies; and, on
// PostgreSQL, the Node store reading what PHP stored.
//
// PHP runs with `-n` and loads PDO and its three drivers itself (Debian: php-sqlite3, php-mysql,
// php-pgsql).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openReceiptStore, readReceipt, wordingHash } from 'consent-banner/server';
import { freePort, startServer } from '../support/server-kit.mjs';
import { MARIADB_HINT, startMariaDb } from '../support/mariadb.mjs';
import { POSTGRES_HINT, startPostgres } from '../support/postgres.mjs';
import {
  COUNTS,
  CSV_HEADER,
  MARCH,
  MARCH_FIRST_CSV,
  REFUSED,
  march,
  purgeCase,
  receipt,
  WORDING_TEXTS,
} from './receipt-cases.mjs';

const PHP = process.env.PHP || 'php';
const PHP_ARGS = [
  '-n',
  '-d',
  'extension=pdo',
  '-d',
  'extension=pdo_sqlite',
  '-d',
  'extension=pdo_pgsql',
  '-d',
  'extension=mysqlnd',
  '-d',
  'extension=pdo_mysql',
  '-d',
  'display_errors=stderr',
];
const ROUTER = fileURLToPath(new URL('./php/receipts-router.php', import.meta.url));
const RUNNER = fileURLToPath(new URL('./php/receipts-runner.php', import.meta.url));
const HINT =
  'install PHP with PDO for SQLite, MySQL and PostgreSQL: apt-get install php-cli php-sqlite3 php-mysql php-pgsql';

const probe = spawnSync(
  PHP,
  [...PHP_ARGS, '-r', 'echo implode(",", PDO::getAvailableDrivers());'],
  {
    encoding: 'utf8',
  },
);
const drivers = probe.status === 0 ? probe.stdout.split(',') : [];

/** Runs a consent-receipts.php function through the runner; its output (JSON parsed, or text). */
async function php(dsn, what, argument, { raw = false } = {}) {
  const running = promisify(execFile)(PHP, [...PHP_ARGS, RUNNER, dsn, what], { env: credentials });
  // On stdin: a thousand receipts are more than one command-line argument may hold.
  running.child.stdin.end(JSON.stringify(argument));
  const { stdout } = await running;
  return raw ? stdout : JSON.parse(stdout);
}

/** The environment of PHP's processes: the DSN's user and password, when it needs them. */
let credentials = process.env;

const backends = [
  {
    name: 'SQLite',
    driver: 'sqlite',
    async setUp() {
      const dir = mkdtempSync(join(tmpdir(), 'php-receipts-'));
      return {
        dsn: `sqlite:${join(dir, 'records.sqlite')}`,
        tearDown: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'MariaDB',
    driver: 'mysql',
    async setUp() {
      const server = await startMariaDb([PHP, ...PHP_ARGS]);
      if (!server) throw new Error(MARIADB_HINT);
      credentials = {
        ...process.env,
        CONSENT_RECEIPTS_USER: server.user ?? '',
        CONSENT_RECEIPTS_PASSWORD: server.password ?? '',
      };
      return {
        dsn: server.dsn,
        tearDown: async () => {
          credentials = process.env;
          await server.stop();
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    driver: 'pgsql',
    async setUp() {
      const server = await startPostgres();
      if (!server) throw new Error(POSTGRES_HINT);
      const url = new URL(server.url);
      return {
        dsn: `pgsql:host=${url.hostname};port=${url.port};dbname=${url.pathname.slice(1)};user=${url.username}`,
        nodeUrl: server.url,
        tearDown: () => server.stop(),
      };
    },
  },
];

for (const backend of backends) {
  describe(`consent-receipts.php: ${backend.name}`, () => {
    let db;
    let server;
    let base;
    before(async () => {
      if (!drivers.includes(backend.driver)) assert.fail(HINT);
      db = await backend.setUp();
      const port = await freePort();
      // What the router reads (its store), and four workers: receipts arrive at once.
      process.env.CONSENT_RECEIPTS_DSN = db.dsn;
      process.env.CONSENT_RECEIPTS_USER = credentials.CONSENT_RECEIPTS_USER ?? '';
      process.env.CONSENT_RECEIPTS_PASSWORD = credentials.CONSENT_RECEIPTS_PASSWORD ?? '';
      process.env.PHP_CLI_SERVER_WORKERS = '4';
      server = await startServer({
        name: 'php -S',
        command: PHP,
        args: [
          ...PHP_ARGS,
          '-d',
          'display_errors=0',
          '-d',
          'log_errors=1',
          '-S',
          `127.0.0.1:${port}`,
          ROUTER,
        ],
        port,
        // Its workers go with it.
        group: true,
      });
      base = `http://127.0.0.1:${port}`;
    });
    after(async () => {
      await server?.stop();
      await db?.tearDown();
    });

    const post = (body, headers = {}) =>
      fetch(`${base}/receipts`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    test('a receipt is stored (201), and the same one again is confirmed (200) and not stored twice', async () => {
      const sent = receipt();
      const first = await post(sent);
      assert.equal(first.status, 201, await first.text());
      assert.equal(first.headers.get('access-control-allow-origin'), base);
      assert.equal((await post(sent)).status, 200);
      const got = await php(db.dsn, 'get', sent.id);
      assert.deepEqual(
        { ...got, receivedAt: undefined },
        { ...sent, receivedAt: undefined, wording: null, wordingTexts: null },
      );
      assert.ok(Date.parse(got.receivedAt) > Date.now() - 60_000);
      const lines = (await php(db.dsn, 'export', {}, { raw: true })).split('\n').filter(Boolean);
      assert.equal(lines.filter((line) => JSON.parse(line).id === sent.id).length, 1);
    });

    test('one receipt sent 20 times at once: one 201, nineteen 200, stored once', async () => {
      const sent = receipt();
      const answers = await Promise.all(Array.from({ length: 20 }, () => post(sent)));
      assert.deepEqual(answers.map((a) => a.status).sort(), [201, ...Array(19).fill(200)].sort());
      const lines = (await php(db.dsn, 'export', {}, { raw: true })).split('\n').filter(Boolean);
      assert.equal(lines.filter((line) => JSON.parse(line).id === sent.id).length, 1);
    });

    test('two consent ids that differ only in case are two records', async () => {
      const id = `${receipt().id.toLowerCase()}ab`;
      const lower = receipt({ id });
      const upper = receipt({ id: id.toUpperCase(), method: 'accept-all' });
      assert.equal((await post(lower)).status, 201);
      assert.equal((await post(upper)).status, 201);
      assert.equal((await php(db.dsn, 'get', lower.id)).method, lower.method);
      assert.equal((await php(db.dsn, 'get', upper.id)).method, 'accept-all');
    });

    test('a receipt of schema 2 is stored with the hash of its wording', async () => {
      const sent = receipt({ schema: 2, wording: '0123456789abcdef01234567' });
      assert.equal((await post(sent)).status, 201);
      const got = await php(db.dsn, 'get', sent.id);
      assert.equal(got.schema, 2);
      assert.equal(got.wording, '0123456789abcdef01234567');
    });

    test('the wording: a receipt that names an unknown one is answered "send it"; its texts are kept once, if they give its hash', async () => {
      const words = { lang: 'th', texts: WORDING_TEXTS };
      const hash = await wordingHash(words);
      const sent = receipt({ schema: 2, wording: hash });
      const first = await post(sent);
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('consent-wording'), 'send');
      const forged = {
        schema: 2,
        wording: hash,
        lang: 'th',
        texts: { ...WORDING_TEXTS, acceptAll: 'ตกลง' },
      };
      assert.equal((await post(forged)).status, 400);
      assert.equal((await php(db.dsn, 'get', sent.id)).wordingTexts, null);
      const body = { schema: 2, wording: hash, ...words };
      assert.equal((await post(body)).status, 201);
      assert.equal((await post(body)).status, 200);
      const next = await post(receipt({ schema: 2, wording: hash }));
      assert.equal(next.status, 201);
      assert.equal(next.headers.get('consent-wording'), null);
      assert.deepEqual((await php(db.dsn, 'get', sent.id)).wordingTexts, words);
    });

    test('what is not a receipt is refused and nothing is stored', async () => {
      const before = await php(db.dsn, 'export', {}, { raw: true });
      const cases = [
        ...REFUSED.map(([what, body, status]) => [what, () => post(body), status]),
        ['another site', () => post(receipt(), { origin: 'https://evil.example' }), 403],
        [
          'no Origin (curl)',
          () => fetch(`${base}/receipts`, { method: 'POST', body: JSON.stringify(receipt()) }),
          403,
        ],
        ['a GET', () => fetch(`${base}/receipts`, { headers: { origin: base } }), 405],
      ];
      for (const [what, send, status] of cases) {
        const answer = await send();
        assert.equal(answer.status, status, what);
        assert.ok((await answer.text()).length > 0, `${what}: says why`);
      }
      assert.equal(await php(db.dsn, 'export', {}, { raw: true }), before);
    });

    test('export: a date range, oldest first, as JSON lines and as CSV, past one page', async () => {
      const sent = march(1100);
      // Stored as the receiver stores them, in one process: a thousand requests would take the
      // test's time, and the receiver's answers are tested above.
      assert.equal(await php(db.dsn, 'store', sent), sent.length);
      const lines = (await php(db.dsn, 'export', MARCH, { raw: true })).trimEnd().split('\n');
      assert.deepEqual(
        lines.map((line) => JSON.parse(line).id),
        sent.map((r) => r.id),
      );
      const csv = (await php(db.dsn, 'export', { ...MARCH, format: 'csv' }, { raw: true }))
        .trimEnd()
        .split('\n');
      assert.equal(csv[0], CSV_HEADER);
      assert.equal(csv.length, 1101);
      assert.ok(csv[1].startsWith(sent[0].id + MARCH_FIRST_CSV[0]), csv[1]);
      assert.match(csv[1], MARCH_FIRST_CSV[1]);
    });

    test('counts: decisions per day in Bangkok time, by method, and how many granted each category', async () => {
      for (const r of COUNTS.receipts) assert.equal((await post(r)).status, 201);
      assert.deepEqual(await php(db.dsn, 'counts', COUNTS.range), COUNTS.expected);
    });

    test('purge: before a date, and by default past the retention period', async () => {
      const { old, kept, ancient, before } = purgeCase();
      for (const r of [old, kept, ancient]) assert.equal((await post(r)).status, 201);
      assert.equal(await php(db.dsn, 'purge', { before }), 1);
      assert.equal(await php(db.dsn, 'get', ancient.id), null);
      assert.ok((await php(db.dsn, 'purge', {})) >= 1);
      assert.equal(await php(db.dsn, 'get', old.id), null);
      assert.equal((await php(db.dsn, 'get', kept.id))?.id, kept.id);
    });

    test('records are append-only: the database itself refuses to change one', async () => {
      const sent = receipt();
      assert.equal((await post(sent)).status, 201);
      await assert.rejects(
        php(
          db.dsn,
          'sql',
          `update consent_receipts set method = 'accept-all' where id = '${sent.id}'`,
        ),
        /append-only/,
      );
      assert.equal((await php(db.dsn, 'get', sent.id)).method, 'custom');
    });

    if (backend.name === 'PostgreSQL')
      test('the Node store reads what PHP stored (the same tables)', async () => {
        const sent = receipt();
        assert.equal((await post(sent)).status, 201);
        const store = await openReceiptStore(db.nodeUrl);
        try {
          const got = await store.get(sent.id);
          assert.deepEqual(
            { ...got, receivedAt: undefined },
            { ...sent, receivedAt: undefined, wording: null, wordingTexts: null },
          );
        } finally {
          await store.close();
        }
      });
  });
}

describe('consent-receipts.php hashes a wording as wordingHash does', () => {
  test('the same hash for texts with quotes, escapes, line separators, emoji and slashes', async () => {
    const wordings = [
      ['th', WORDING_TEXTS],
      [
        'en',
        {
          a: 'say "yes"',
          b: 'back\\slash / slash',
          c: 'line\nbreak\ttab\u0001',
          d: '\u2028\u2029',
        },
      ],
      ['en', { emoji: '🍪 cookies', 0: 'a key that is a number', z: '', 'category.x:y': 'ก' }],
    ];
    const hashes = await php('', 'hash', wordings);
    for (const [i, [lang, texts]] of wordings.entries())
      assert.equal(hashes[i], await wordingHash({ lang, texts }), `wording ${i}`);
  });
});

describe('consent-receipts.php checks a receipt as readReceipt does', () => {
  test('the same answer for each body', async () => {
    const good = receipt({ id: 'Qm9vX3JhbmRvbV9pZA' });
    const bodies = [
      good,
      { ...good, schema: 1.0, revision: 3.0 },
      { ...good, schema: 2 },
      { ...good, id: 'short' },
      { ...good, id: 'a'.repeat(65) },
      { ...good, id: 'has space here' },
      { ...good, decidedAt: '2026-03-02T03:00:00Z' },
      { ...good, decidedAt: '2026-02-30T03:00:00.000Z' },
      { ...good, decidedAt: '2026-03-02T03:00:00.000+07:00' },
      { ...good, revision: -1 },
      { ...good, revision: 1e9 },
      { ...good, revision: 2.5 },
      { ...good, revision: '3' },
      { ...good, granted: ['necessary', 'necessary'] },
      { ...good, granted: ['logs'], denied: ['necessary', 'preferences'] },
      { ...good, denied: ['analytics'] },
      { ...good, granted: ['necessary', 'Logs'] },
      { ...good, method: 'banner' },
      { ...good, lang: 'fr' },
      { ...good, url: 'https://www.sso.go.th/wpr/main/privacy?x=1' },
      { ...good, url: 'https://www.sso.go.th/wpr#top' },
      { ...good, url: 'https://WWW.sso.go.th/' },
      { ...good, url: 'https://www.sso.go.th:443/' },
      { ...good, url: 'https://www.sso.go.th:8443/a' },
      { ...good, url: 'https://www.sso.go.th' },
      { ...good, url: 'https://www.sso.go.th/a/../b' },
      { ...good, url: 'https://www.sso.go.th/a/%2E/b' },
      { ...good, url: 'https://www.sso.go.th/a b' },
      { ...good, url: 'https://www.sso.go.th/ก' },
      { ...good, url: 'https://www.sso.go.th/%E0%B8%81' },
      { ...good, url: 'http://127.0.0.1:8080/x' },
      { ...good, url: 'http://127.1/' },
      { ...good, url: 'ftp://www.sso.go.th/' },
      { ...good, url: 'javascript:alert(1)' },
      { ...good, extra: 1 },
      { ...good, schema: 2, wording: '0123456789abcdef01234567' },
      { ...good, schema: 2.0, wording: '0123456789abcdef01234567' },
      { ...good, schema: 2 },
      { ...good, schema: 2, wording: '0123456789ABCDEF01234567' },
      { ...good, schema: 2, wording: '0123456789abcdef' },
      { ...good, wording: '0123456789abcdef01234567' },
      (({ lang: _, ...rest }) => rest)(good),
      [good],
      'not json',
      '',
      'null',
      `{"schema":1,${'"x":1,'.repeat(2000)}"id":"x"}`,
    ].map((body) => (typeof body === 'string' ? body : JSON.stringify(body)));
    const answers = await php('', 'read', bodies);
    bodies.forEach((body, i) => {
      const node = readReceipt(body);
      assert.deepEqual(answers[i], node, `body ${i}: ${body.slice(0, 120)}`);
    });
  });
});
