// `npx consent-banner records export|counts|purge` (the BUILT dist/cli.js) against an embedded
// store filled through the store's own receiver: what a cron job and an auditor run.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { openReceiptStore } from 'consent-banner/server';

const CLI = new URL('../../dist/cli.js', import.meta.url).pathname;
const SITE = 'https://www.sso.go.th';

const dir = mkdtempSync(join(tmpdir(), 'records-cli-'));
const db = `file:${join(dir, 'records')}`;

/** Runs the command; resolves with its exit code, stdout and stderr (never rejects). */
const run = (...args) =>
  promisify(execFile)(process.execPath, [CLI, 'records', ...args]).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

const receipt = (id, decidedAt, method, granted) => ({
  schema: 1,
  id,
  decidedAt,
  revision: 1,
  granted,
  denied: ['necessary', 'logs', 'preferences', 'analytics'].filter((c) => !granted.includes(c)),
  method,
  lang: 'th',
  url: `${SITE}/`,
});

before(async () => {
  const store = await openReceiptStore(db, { perMinute: 0 });
  const all = ['necessary', 'logs', 'preferences', 'analytics'];
  for (const r of [
    receipt('march-first-aaaa', '2026-03-01T02:00:00.000Z', 'accept-all', all),
    receipt('march-second-bbb', '2026-03-01T05:00:00.000Z', 'reject-all', ['necessary', 'logs']),
    receipt('april-first-cccc', '2026-04-01T02:00:00.000Z', 'custom', [
      'necessary',
      'logs',
      'analytics',
    ]),
    receipt('old-one-dddddddd', '2023-01-01T00:00:00.000Z', 'reject-all', ['necessary', 'logs']),
  ]) {
    const answer = await store.handle(
      new Request(`${SITE}/receipts`, {
        method: 'POST',
        headers: { origin: SITE },
        body: JSON.stringify(r),
      }),
    );
    assert.equal(answer.status, 201);
  }
  await store.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('export: a month as CSV, to stdout', async () => {
  const { code, stdout } = await run(
    'export',
    '--db',
    db,
    '--from',
    '2026-03-01',
    '--to',
    '2026-04-01',
    '--format',
    'csv',
  );
  assert.equal(code, 0);
  const lines = stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'id,decidedAt,receivedAt,revision,method,lang,url,granted,denied,wording');
  assert.deepEqual(
    lines.slice(1).map((line) => line.split(',')[0]),
    ['march-first-aaaa', 'march-second-bbb'],
  );
});

test('export: JSON lines by default, every record', async () => {
  const { code, stdout } = await run('export', '--db', db);
  assert.equal(code, 0);
  const ids = stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line).id);
  assert.deepEqual(ids, [
    'old-one-dddddddd',
    'march-first-aaaa',
    'march-second-bbb',
    'april-first-cccc',
  ]);
});

test('counts: one CSV row a day, with the grants per category', async () => {
  const { code, stdout } = await run(
    'counts',
    '--db',
    db,
    '--from',
    '2026-03-01',
    '--to',
    '2026-05-01',
  );
  assert.equal(code, 0);
  const [header, ...rows] = stdout.trimEnd().split('\n');
  assert.match(header, /^day,total,acceptAll,rejectAll,custom,gpc,api,granted\./);
  const columns = header.split(',');
  const row = (day) =>
    Object.fromEntries(
      rows
        .find((r) => r.startsWith(day))
        .split(',')
        .map((v, i) => [columns[i], v]),
    );
  assert.deepEqual(
    [
      row('2026-03-01').total,
      row('2026-03-01').acceptAll,
      row('2026-03-01').rejectAll,
      row('2026-03-01')['granted.analytics'],
    ],
    ['2', '1', '1', '1'],
  );
  assert.equal(row('2026-04-01').custom, '1');
  const json = await run('counts', '--db', db, '--from', '2026-04-01', '--format', 'json');
  assert.deepEqual(JSON.parse(json.stdout)[0].granted, { necessary: 1, logs: 1, analytics: 1 });
});

test('purge: past retention by default; the count on stderr', async () => {
  const { code, stderr } = await run('purge', '--db', db);
  assert.equal(code, 0);
  assert.match(stderr, /^consent-banner records purge: 1 records deleted\n$/);
  const { stdout } = await run('export', '--db', db);
  assert.doesNotMatch(stdout, /old-one/);
});

test('a wrong call: one line that says why, and the usage; exit code 2', async () => {
  for (const [args, why] of [
    [[], /name a command/],
    [['import'], /records import: no such command/],
    [['export', '--format', 'xlsx'], /--format=xlsx: expected csv or jsonl/],
    [['counts', '--from', 'March'], /--from=March: expected a date/],
    [['export', '--db', 'mysql://x/y'], /"mysql:\/\/x\/y" is not a store address/],
  ]) {
    const { code, stderr } = await run(...args);
    assert.equal(code, 2, args.join(' '));
    assert.match(stderr, why);
  }
});
