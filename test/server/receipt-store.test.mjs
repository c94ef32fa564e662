// openReceiptStore against the BUILT dist/server.js (the package's `consent-banner/server`), one
// suite run twice: against the embedded store (PGlite, in a temporary directory) and against a
// real PostgreSQL server started for the run (test/support/postgres.mjs). Receipts are sent as
// the banner sends them: a POST with the page's Origin, through the Web-standard handler, and
// through node:http, Express and Fastify.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openReceiptStore, toNodeListener, wordingHash } from 'consent-banner/server';
import express from 'express';
import Fastify from 'fastify';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { POSTGRES_HINT, startPostgres } from '../support/postgres.mjs';
import {
  COUNTS,
  CSV_HEADER,
  MARCH,
  MARCH_FIRST_CSV,
  REFUSED,
  SITE,
  march,
  purgeCase,
  receipt,
  WORDING_TEXTS,
} from './receipt-cases.mjs';

const ENDPOINT = `${SITE}/consent-receipts`;

/** A POST as the banner's fetch makes it. */
const post = (body, headers = {}) =>
  new Request(ENDPOINT, {
    method: 'POST',
    headers: { origin: SITE, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** The `address` option docs/server/records.md gives for a store behind a proxy, as written there. */
function viaProxy() {
  const docs = readFileSync(new URL('../../docs/server/records.md', import.meta.url), 'utf8');
  const [, code] = /const viaProxy = ([\s\S]*?);\n/.exec(docs) ?? [];
  assert.ok(code, 'no viaProxy in docs/server/records.md');
  return new Function(`return ${code}`)();
}

/** All records, as the export gives them. */
async function exported(store, options = {}) {
  let text = '';
  for await (const chunk of store.export(options)) text += chunk;
  return text;
}
const jsonLines = (text) =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

/** The stores the suite runs against: each with how to open it and how to reach its tables. */
const backends = [
  {
    name: 'the embedded store (PGlite)',
    async setUp() {
      const dir = mkdtempSync(join(tmpdir(), 'consent-records-'));
      const url = `file:${join(dir, 'records')}`;
      return {
        url,
        /** SQL on the tables, with the store closed (one process owns the directory). */
        async sql(text) {
          const db = await PGlite.create(join(dir, 'records'));
          try {
            return (await db.query(text)).rows;
          } finally {
            await db.close();
          }
        },
        tearDown: async () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'PostgreSQL',
    async setUp() {
      const server = await startPostgres();
      if (!server) throw new Error(POSTGRES_HINT);
      return {
        url: server.url,
        async sql(text) {
          const client = new pg.Client({ connectionString: server.url });
          await client.connect();
          try {
            return (await client.query(text)).rows;
          } finally {
            await client.end();
          }
        },
        tearDown: () => server.stop(),
      };
    },
  },
];

for (const backend of backends) {
  describe(`openReceiptStore: ${backend.name}`, () => {
    /** @type {Awaited<ReturnType<(typeof backends)[0]['setUp']>>} */
    let db;
    let store;
    before(async () => {
      db = await backend.setUp();
      store = await openReceiptStore(db.url, { perMinute: 0 });
    });
    after(async () => {
      await store?.close();
      await db?.tearDown();
    });
    /**
     * Runs `work` with a store opened with `options` (or with none, given `null`) in place of the
     * suite's own: the embedded store's directory belongs to one store at a time.
     */
    async function instead(options, work) {
      await store.close();
      const other = options && (await openReceiptStore(db.url, options));
      try {
        return await work(other);
      } finally {
        await other?.close();
        store = await openReceiptStore(db.url, { perMinute: 0 });
      }
    }

    test('a receipt is stored (201), and the same one again is confirmed (200) and not stored twice', async () => {
      const sent = receipt();
      const first = await store.handle(post(sent));
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('access-control-allow-origin'), SITE);
      assert.equal((await store.handle(post(sent))).status, 200);
      const got = await store.get(sent.id);
      assert.deepEqual(
        { ...got, receivedAt: undefined },
        { ...sent, receivedAt: undefined, wording: null, wordingTexts: null },
      );
      assert.ok(Date.parse(got.receivedAt) > Date.now() - 60_000);
      assert.equal(jsonLines(await exported(store)).filter((r) => r.id === sent.id).length, 1);
    });

    test('one receipt sent 20 times at once: one 201, nineteen 200, stored once', async () => {
      const sent = receipt();
      const answers = await Promise.all(Array.from({ length: 20 }, () => store.handle(post(sent))));
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [201, ...Array(19).fill(200)].sort());
      assert.equal(jsonLines(await exported(store)).filter((r) => r.id === sent.id).length, 1);
    });

    test('the wording: a receipt that names an unknown one is answered "send it"; its texts are kept once, if they give its hash', async () => {
      const words = { lang: 'th', texts: WORDING_TEXTS };
      const hash = await wordingHash(words);
      const sent = receipt({ schema: 2, wording: hash });
      const first = await store.handle(post(sent));
      assert.equal(first.status, 201);
      assert.equal(first.headers.get('consent-wording'), 'send');
      assert.match(first.headers.get('access-control-expose-headers') ?? '', /consent-wording/);
      // Texts that are not the ones hashed: refused, nothing kept.
      const forged = {
        schema: 2,
        wording: hash,
        lang: 'th',
        texts: { ...WORDING_TEXTS, acceptAll: 'ตกลง' },
      };
      assert.equal((await store.handle(post(forged))).status, 400);
      assert.equal((await store.get(sent.id)).wordingTexts, null);
      const body = { schema: 2, wording: hash, ...words };
      assert.equal((await store.handle(post(body))).status, 201);
      assert.equal((await store.handle(post(body))).status, 200);
      // Known now: the next receipt that names it is not asked for it.
      const next = await store.handle(post(receipt({ schema: 2, wording: hash })));
      assert.equal(next.status, 201);
      assert.equal(next.headers.get('consent-wording'), null);
      const got = await store.get(sent.id);
      assert.equal(got.schema, 2);
      assert.equal(got.wording, hash);
      assert.deepEqual(got.wordingTexts, words);
      // A wording's body may be longer than a receipt's.
      const long = { lang: 'en', texts: { description: 'x'.repeat(9000) } };
      const longBody = { schema: 2, wording: await wordingHash(long), ...long };
      assert.equal((await store.handle(post(longBody))).status, 201);
    });

    test('no IP address and no user agent is stored: the record holds the receipt and the time it came', async () => {
      const sent = receipt();
      await store.handle(
        post(sent, {
          'user-agent': 'Mozilla/5.0 (X11) Chrome/156',
          'x-forwarded-for': '203.0.113.7',
        }),
        { address: '203.0.113.7' },
      );
      const columns = await instead(null, () =>
        db.sql(
          `select column_name from information_schema.columns where table_name = 'consent_receipts' order by 1`,
        ),
      );
      assert.deepEqual(
        columns.map((c) => c.column_name),
        [
          'decided_at',
          'denied',
          'granted',
          'id',
          'lang',
          'method',
          'received_at',
          'revision',
          'schema',
          'url',
          'wording',
        ],
      );
      assert.doesNotMatch(JSON.stringify(await store.get(sent.id)), /203\.0\.113|Mozilla/);
    });

    test('what is not a receipt is refused and nothing is stored', async () => {
      const before = (await exported(store)).length;
      const big = REFUSED.find(([what]) => what === 'over 8,192 bytes')[1];
      const cases = [
        ...REFUSED.map(([what, body, status]) => [what, post(body), status]),
        ['over 8,192 bytes, no Content-Length', chunked(big), 413],
        ['another site', post(receipt(), { origin: 'https://evil.example' }), 403],
        [
          'no Origin (curl)',
          new Request(ENDPOINT, { method: 'POST', body: JSON.stringify(receipt()) }),
          403,
        ],
        ['a GET', new Request(ENDPOINT, { headers: { origin: SITE } }), 405],
      ];
      for (const [what, request, status] of cases) {
        const answer = await store.handle(request);
        assert.equal(answer.status, status, what);
        assert.ok((await answer.text()).length > 0, `${what}: says why`);
      }
      assert.equal((await exported(store)).length, before);
    });

    test('a body that does not arrive in time is answered 408 and nothing is stored', async () => {
      await instead({ bodyTimeoutMs: 100, perMinute: 0 }, async (slow) => {
        const sent = receipt();
        const never = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(JSON.stringify(sent).slice(0, 20)));
          },
        });
        const request = new Request(ENDPOINT, {
          method: 'POST',
          headers: { origin: SITE },
          body: never,
          duplex: 'half',
        });
        assert.equal((await slow.handle(request)).status, 408);
        assert.equal(await slow.get(sent.id), null);
      });
    });

    test('another origin of the site, when named, may send; a preflight from it is answered', async () => {
      const other = 'https://sso.go.th';
      await instead({ origins: [other], perMinute: 0 }, async (named) => {
        const preflight = await named.handle(
          new Request(ENDPOINT, { method: 'OPTIONS', headers: { origin: other } }),
        );
        assert.equal(preflight.status, 204);
        assert.equal(preflight.headers.get('access-control-allow-origin'), other);
        assert.match(preflight.headers.get('access-control-allow-headers'), /content-type/);
        assert.equal((await named.handle(post(receipt(), { origin: other }))).status, 201);
        const refused = await named.handle(
          new Request(ENDPOINT, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } }),
        );
        assert.equal(refused.status, 403);
      });
    });

    test('the rate per client address is limited (429 with Retry-After); other addresses go on', async () => {
      await instead({ perMinute: 3 }, async (limited) => {
        const from = (address) => limited.handle(post(receipt()), { address });
        for (let i = 0; i < 3; i++) assert.equal((await from('198.51.100.1')).status, 201);
        const fourth = await from('198.51.100.1');
        assert.equal(fourth.status, 429);
        assert.ok(Number(fourth.headers.get('retry-after')) > 0);
        assert.equal((await from('198.51.100.2')).status, 201);
      });
    });

    test("behind a proxy, the docs' address option limits each client, not the proxy", async () => {
      await instead({ perMinute: 3 }, async (limited) => {
        const served = async (options, work) => {
          const server = createServer(toNodeListener(limited.handle, options));
          await new Promise((done) => server.listen(0, '127.0.0.1', done));
          const base = `http://127.0.0.1:${server.address().port}`;
          const from = (client) =>
            fetch(`${base}/consent-receipts`, {
              method: 'POST',
              headers: { origin: base, 'x-forwarded-for': `192.0.2.9, ${client}` },
              body: JSON.stringify(receipt()),
            }).then((answer) => answer.status);
          try {
            await work(from);
          } finally {
            server.close();
          }
        };
        // As docs/server/records.md writes it: the address the proxy added last.
        await served({ address: viaProxy() }, async (from) => {
          for (let i = 0; i < 3; i++) assert.equal(await from('198.51.100.1'), 201);
          assert.equal(await from('198.51.100.1'), 429);
          assert.equal(await from('198.51.100.2'), 201);
        });
        // Without it, every visitor is the proxy: the fourth client is refused.
        await served(undefined, async (from) => {
          for (const client of ['198.51.100.3', '198.51.100.4', '198.51.100.5'])
            assert.equal(await from(client), 201);
          assert.equal(await from('198.51.100.6'), 429);
        });
      });
    });

    test('export: a date range, oldest first, as JSON lines and as CSV, past one page', async () => {
      const sent = march(2100);
      for (const r of sent) assert.equal((await store.handle(post(r))).status, 201);
      const lines = jsonLines(await exported(store, MARCH));
      assert.deepEqual(
        lines.map((r) => r.id),
        sent.map((r) => r.id),
      );
      const csv = (await exported(store, { ...MARCH, format: 'csv' })).trimEnd().split('\n');
      assert.equal(csv[0], CSV_HEADER);
      assert.equal(csv.length, 2101);
      assert.ok(csv[1].startsWith(sent[0].id + MARCH_FIRST_CSV[0]), csv[1]);
      assert.match(csv[1], MARCH_FIRST_CSV[1]);
      assert.throws(() => store.export({ format: 'xlsx' }), /format "xlsx" is not csv or jsonl/);
    });

    test('counts: decisions per day in Bangkok time, by method, and how many granted each category', async () => {
      for (const r of COUNTS.receipts) assert.equal((await store.handle(post(r))).status, 201);
      assert.deepEqual(await store.counts(COUNTS.range), COUNTS.expected);
    });

    test('purge: before a date, and by default past the retention period', async () => {
      const { old, kept, ancient, before } = purgeCase();
      for (const r of [old, kept, ancient]) assert.equal((await store.handle(post(r))).status, 201);
      assert.equal(await store.purge({ before }), 1);
      assert.equal(await store.get(ancient.id), null);
      assert.ok((await store.purge()) >= 1);
      assert.equal(await store.get(old.id), null);
      assert.equal((await store.get(kept.id))?.id, kept.id);
    });

    test('through node:http, Express and Fastify', async () => {
      const listener = toNodeListener(store.handle);
      const app = express();
      app.post('/consent-receipts', listener);
      const fastify = Fastify();
      // As docs/server/records.md mounts it: Fastify reads bodies itself, so the store's route
      // gets the untouched request.
      await fastify.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
        scope.post('/consent-receipts', (request, reply) => {
          reply.hijack();
          listener(request.raw, reply.raw);
        });
      });
      fastify.post('/other', async (request) => request.body);
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      const servers = {
        'node:http': createServer(listener),
        Express: createServer(app),
      };
      const urls = { Fastify: `http://127.0.0.1:${fastify.server.address().port}` };
      for (const [name, server] of Object.entries(servers)) {
        await new Promise((done) => server.listen(0, '127.0.0.1', done));
        urls[name] = `http://127.0.0.1:${server.address().port}`;
      }
      try {
        for (const [name, base] of Object.entries(urls)) {
          const sent = receipt();
          const send = () =>
            fetch(`${base}/consent-receipts`, {
              method: 'POST',
              headers: { origin: base, 'content-type': 'application/json' },
              body: JSON.stringify(sent),
            });
          assert.equal((await send()).status, 201, name);
          assert.equal((await send()).status, 200, name);
          const refused = await fetch(`${base}/consent-receipts`, {
            method: 'POST',
            headers: { origin: base },
            body: 'x'.repeat(20_000),
          });
          assert.equal(refused.status, 413, name);
          assert.equal((await store.get(sent.id))?.id, sent.id, name);
        }
        // The site's other Fastify routes still get their JSON parsed.
        const other = await fetch(`${urls.Fastify}/other`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{"a":1}',
        });
        assert.deepEqual(await other.json(), { a: 1 });
      } finally {
        for (const server of Object.values(servers)) server.close();
        await fastify.close();
      }
    });

    test('records are append-only: the database itself refuses to change one', async () => {
      const sent = receipt();
      await store.handle(post(sent));
      await instead(null, () =>
        assert.rejects(
          db.sql(`update consent_receipts set method = 'accept-all' where id = '${sent.id}'`),
          /append-only/,
        ),
      );
      assert.equal((await store.get(sent.id))?.method, 'custom');
    });
  });
}

describe('openReceiptStore: bad addresses', () => {
  test('an address that names no store: one line that says what is expected', async () => {
    await assert.rejects(
      openReceiptStore('mysql://localhost/consent'),
      /"mysql:\/\/localhost\/consent" is not a store address; expected file:<directory>, memory: or postgres:\/\/…/,
    );
    await assert.rejects(
      openReceiptStore('memory:', { timeZone: "UTC'; drop table x; --" }),
      /timeZone .* is not a time zone name/,
    );
  });
});

/** A POST whose body is streamed, so it has no Content-Length. */
function chunked(text) {
  const bytes = new TextEncoder().encode(text);
  return new Request(ENDPOINT, {
    method: 'POST',
    headers: { origin: SITE, 'content-type': 'application/json' },
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
        controller.close();
      },
    }),
    duplex: 'half',
  });
}
