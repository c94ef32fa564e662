// readReceipt / MAX_RECEIPT_BYTES against the BUILT dist/server.js (through the package's own
// `consent-banner/server` export): receipts as the banner makes them, every kind of bad input,
// and the README's receiver (examples/node/receipt-server.mjs) as a real node:http server.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import {
  MAX_RECEIPT_BYTES,
  openReceiptStore,
  readConsent,
  readReceipt,
  wordingHash,
  wordingText,
} from 'consent-banner/server';
import { startConsentEndpoint } from '../support/nginx.mjs';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));

const ID = 'Qm9vX3JhbmRvbV9pZA';

/** The README's example receipt. */
const GOOD = Object.freeze({
  schema: 1,
  id: ID,
  decidedAt: '2025-11-22T08:26:40.000Z',
  revision: 3,
  granted: ['necessary', 'logs', 'analytics'],
  denied: ['preferences'],
  method: 'custom',
  lang: 'th',
  url: 'https://www.sso.go.th/wpr/main/privacy',
});

/** GOOD with some fields replaced (`undefined` leaves one out). */
const good = (changes = {}) =>
  Object.fromEntries(
    Object.entries({ ...GOOD, ...changes }).filter(([, value]) => value !== undefined),
  );

/** What the browser's makeReceipt (src/core/receipt.ts) makes of a state. */
const receiptOf = (state, lang, url) => {
  const { id, decidedAt, revision, granted, denied, method } = state;
  return { schema: 1, id, decidedAt, revision, granted, denied, method, lang, url };
};

describe('receipts as the banner makes them', () => {
  test('the README example, as an object and as JSON text', () => {
    assert.deepEqual(readReceipt(GOOD), GOOD);
    assert.deepEqual(readReceipt(JSON.stringify(GOOD)), GOOD);
    assert.deepEqual(readReceipt(` \n${JSON.stringify(GOOD, null, 2)}\n`), GOOD);
  });

  test('the result is a fresh object with the schema keys in order, not the input', () => {
    const { schema, ...rest } = GOOD;
    const input = { ...rest, schema }; // the same keys, schema last
    const receipt = readReceipt(input);
    assert.notEqual(receipt, input);
    assert.notEqual(receipt.granted, input.granted);
    assert.deepEqual(Object.keys(receipt), Object.keys(GOOD));
  });

  test('the states a real browser reported (fixtures.json) make valid receipts', () => {
    assert.ok(fixtures.cases.length > 0);
    for (const c of fixtures.cases) {
      const lang = c.banner['data-lang'] === 'th' ? 'th' : 'en';
      const receipt = receiptOf(c.state, lang, 'http://127.0.0.1:4321/demo/script-tag.html');
      assert.deepEqual(readReceipt(JSON.stringify(receipt)), receipt, c.name);
    }
  });

  test('the state readConsent reads from a cookie makes a valid receipt', () => {
    const state = readConsent(
      `consent=1.0.necessary.logs~preferences~analytics.${ID}.1763800000.r`,
    );
    const receipt = receiptOf(state, 'en', 'https://example.com/');
    assert.deepEqual(readReceipt(receipt), receipt);
  });

  const variants = [
    [
      'every method',
      ['accept-all', 'reject-all', 'custom', 'gpc', 'api'].map((method) => ({ method })),
    ],
    ['both languages', [{ lang: 'th' }, { lang: 'en' }]],
    ['revision 0 and 999,999,999', [{ revision: 0 }, { revision: 999_999_999 }]],
    ['only necessary, nothing offered beside it', [{ granted: ['necessary'], denied: [] }]],
    ['a host category id', [{ granted: ['necessary', 'maps_embed-2'], denied: [] }]],
    ['consent ids of 8 and 64 characters', [{ id: 'a_b-c_d-' }, { id: 'A'.repeat(64) }]],
    [
      'page URLs: http, a port, an IPv6 host, a percent-encoded Thai path, a bare origin',
      [
        { url: 'http://localhost:5173/demo/index.html' },
        { url: 'https://[2001:db8::1]:8443/a/b' },
        { url: 'https://www.example.go.th/%E0%B8%81%E0%B8%82' },
        { url: 'https://example.com/' },
      ],
    ],
    ['a time before 1970', [{ decidedAt: '1969-12-31T23:59:59.999Z' }]],
  ];
  for (const [name, changes] of variants) {
    test(name, () => {
      for (const change of changes) assert.deepEqual(readReceipt(good(change)), good(change));
    });
  }

  test('MAX_RECEIPT_BYTES is a few kilobytes, far above a real receipt', () => {
    assert.equal(typeof MAX_RECEIPT_BYTES, 'number');
    assert.ok(MAX_RECEIPT_BYTES >= 4096 && MAX_RECEIPT_BYTES <= 65_536);
    assert.ok(JSON.stringify(GOOD).length * 10 < MAX_RECEIPT_BYTES);
  });
});

/**
 * A receipt as JSON text of exactly `bytes` bytes: valid in every field (many host categories
 * of 40 characters), padded with white space. `bytes` from about 500 up.
 */
function ofBytes(bytes) {
  const denied = [];
  const json = () => JSON.stringify(good({ denied }));
  for (let i = 0; ; i++) {
    denied.push(`c${String(i).padStart(39, '0')}`);
    if (Buffer.byteLength(json()) > bytes) break;
  }
  denied.pop();
  const text = json();
  return `${' '.repeat(bytes - Buffer.byteLength(text))}${text}`;
}

describe('not a receipt: null, never an exception', () => {
  const text = JSON.stringify(GOOD);

  const cases = [
    ['undefined', undefined],
    ['null', null],
    ['a number', 1],
    ['true', true],
    ['a symbol', Symbol('receipt')],
    ['a function', () => GOOD],
    ['an empty string', ''],
    ['a garbage string', 'lorem ipsum dolor'],
    ['truncated JSON', text.slice(0, -1)],
    ['JSON with a trailing comma', text.replace(/}$/, ',}')],
    ['JSON "null"', 'null'],
    ['a JSON string holding the receipt', JSON.stringify(text)],
    ['an array', [GOOD]],
    ['a JSON array', `[${text}]`],
    ['an empty object', {}],
    ['an extra key', good({ ip: '203.0.113.7' })],
    ['an extra key in JSON text', text.replace('{', '{"note":"x",')],
    ['a "__proto__" key', text.replace('{', '{"__proto__":{"admin":true},')],
    ['a missing key (lang)', good({ lang: undefined })],
    ['a missing key (denied)', good({ denied: undefined })],
    ['forged: schema 2', good({ schema: 2 })],
    ['schema "1"', good({ schema: '1' })],
    ['a consent id of 7 characters', good({ id: 'abcdefg' })],
    ['a consent id of 65 characters', good({ id: 'A'.repeat(65) })],
    ['a consent id with a dot', good({ id: 'abcd.efgh' })],
    ['a consent id with a space', good({ id: 'abcd efgh' })],
    ['a consent id that is a number', good({ id: 12345678 })],
    [
      'a category both granted and denied',
      good({ granted: ['necessary', 'logs'], denied: ['logs'] }),
    ],
    ['forged: necessary denied', good({ granted: ['logs'], denied: ['necessary'] })],
    ['forged: necessary missing', good({ granted: ['logs'], denied: [] })],
    ['empty category lists', good({ granted: [], denied: [] })],
    ['a category twice in granted', good({ granted: ['necessary', 'logs', 'logs'] })],
    ['a category twice in denied', good({ denied: ['preferences', 'preferences'] })],
    ['a category id in capitals', good({ granted: ['necessary', 'Logs'] })],
    ['an empty category id', good({ denied: [''] })],
    ['a category id of 41 characters', good({ denied: ['a'.repeat(41)] })],
    ['a category list that is a string', good({ granted: 'necessary~logs' })],
    ['a category list of objects', good({ granted: [{ id: 'necessary' }] })],
    ['a sparse category list', good({ denied: [, 'preferences'] })], // eslint-disable-line no-sparse-arrays
    ['a time without milliseconds', good({ decidedAt: '2025-11-22T08:26:40Z' })],
    ['a time with an offset', good({ decidedAt: '2025-11-22T15:26:40.000+07:00' })],
    ['a date only', good({ decidedAt: '2025-11-22' })],
    ['a time that does not exist (30 February)', good({ decidedAt: '2025-02-30T00:00:00.000Z' })],
    ['a bad time', good({ decidedAt: 'yesterday' })],
    ['a time in Unix seconds', good({ decidedAt: 1763800000 })],
    ['a negative revision', good({ revision: -1 })],
    ['a revision of 1,000,000,000', good({ revision: 1_000_000_000 })],
    ['a fractional revision', good({ revision: 1.5 })],
    ['a revision as text', good({ revision: '3' })],
    ['NaN as revision', good({ revision: Number.NaN })],
    ['an unknown method', good({ method: 'implied' })],
    ['a method letter (as in the cookie)', good({ method: 'c' })],
    ['an unknown language', good({ lang: 'fr' })],
    ['a language in capitals', good({ lang: 'TH' })],
    ['a query in the url', good({ url: 'https://example.com/page?id=7' })],
    ['an empty query in the url', good({ url: 'https://example.com/page?' })],
    ['a fragment in the url', good({ url: 'https://example.com/page#top' })],
    ['a javascript: url', good({ url: 'javascript:alert(1)' })],
    ['a data: url', good({ url: 'data:text/html,hi' })],
    ['a file: url', good({ url: 'file:///etc/passwd' })],
    ['a relative url', good({ url: '/demo/index.html' })],
    ['a url with a user name and password', good({ url: 'https://user:pw@example.com/' })],
    ['a url not in canonical form', good({ url: 'HTTPS://Example.com/a/../b' })],
    ['a url with white space', good({ url: ' https://example.com/' })],
    ['a url of 2,049 characters', good({ url: `https://example.com/${'a'.repeat(2029)}` })],
    ['a well-formed JSON text of MAX_RECEIPT_BYTES + 1 bytes', ofBytes(MAX_RECEIPT_BYTES + 1)],
    ['100 KB of JSON', text.replace('"schema"', `"x":"${'x'.repeat(100_000)}","schema"`)],
    [
      'an object over the limit (a huge category list)',
      good({ denied: Array.from({ length: 2000 }, (_, i) => `c${i}`) }),
    ],
  ];
  for (const [name, body] of cases) {
    test(name, () => {
      assert.equal(readReceipt(body), null);
    });
  }

  test('a well-formed JSON text of exactly MAX_RECEIPT_BYTES bytes counts', () => {
    const body = ofBytes(MAX_RECEIPT_BYTES);
    assert.equal(Buffer.byteLength(body), MAX_RECEIPT_BYTES);
    assert.equal(Buffer.byteLength(ofBytes(MAX_RECEIPT_BYTES + 1)), MAX_RECEIPT_BYTES + 1);
    assert.equal(readReceipt(body)?.denied.length, JSON.parse(body).denied.length);
  });

  test('hostile objects never throw', () => {
    const throwing = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('no keys');
        },
      },
    );
    const getter = { ...GOOD };
    Object.defineProperty(getter, 'id', {
      enumerable: true,
      get() {
        throw new Error('no id');
      },
    });
    const toStringBomb = good({ url: { toString: () => 'https://example.com/' } });
    for (const body of [throwing, getter, toStringBomb, Object.create(null)])
      assert.equal(readReceipt(body), null);
  });
});

describe('schema 2: the wording', () => {
  const hash = '0123456789abcdef01234567';
  test('readReceipt takes schema 2 with its wording, and nothing in between', () => {
    assert.deepEqual(
      readReceipt(good({ schema: 2, wording: hash })),
      good({ schema: 2, wording: hash }),
    );
    assert.equal(readReceipt(good({ schema: 2 })), null);
    assert.equal(readReceipt(good({ wording: hash })), null);
    assert.equal(readReceipt(good({ schema: 2, wording: hash.toUpperCase() })), null);
    assert.equal(readReceipt(good({ schema: 2, wording: hash.slice(1) })), null);
    assert.equal(readReceipt(good({ schema: 2, wording: null })), null);
  });

  test('wordingHash: the first 96 bits of the SHA-256 of the language and the texts in key order', async () => {
    const texts = { rejectAll: 'ปฏิเสธทั้งหมด', acceptAll: 'ยอมรับทั้งหมด' };
    const text = wordingText({ lang: 'th', texts });
    assert.equal(
      text,
      JSON.stringify(['th', ['acceptAll', 'ยอมรับทั้งหมด'], ['rejectAll', 'ปฏิเสธทั้งหมด']]),
    );
    const expected = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 24);
    assert.equal(await wordingHash({ lang: 'th', texts }), expected);
    // The same words in another order, the same hash; another language or text, another.
    const reordered = { acceptAll: texts.acceptAll, rejectAll: texts.rejectAll };
    assert.equal(await wordingHash({ lang: 'th', texts: reordered }), expected);
    assert.notEqual(await wordingHash({ lang: 'en', texts }), expected);
    assert.notEqual(
      await wordingHash({ lang: 'th', texts: { ...texts, acceptAll: 'ตกลง' } }),
      expected,
    );
  });
});

describe('the README receiver: examples/node/receipt-server.mjs, a real node:http server', () => {
  test('stores a receipt once, answers a resend with 200, refuses what is not a receipt, counts each visitor behind a proxy', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'receipts-'));
    const records = join(dir, 'records');
    // Started as nginx's demo starts it (test/support/nginx.mjs), on a free port.
    let endpoint = await startConsentEndpoint(records);
    t.after(async () => {
      await endpoint?.stop();
      rmSync(dir, { recursive: true, force: true });
    });
    const origin = `http://127.0.0.1:${endpoint.port}`;
    const post = (body, headers = {}) =>
      fetch(`${origin}/receipts`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json', ...headers },
        body,
      });

    assert.equal((await post(JSON.stringify(GOOD))).status, 201);
    assert.equal((await post(JSON.stringify(GOOD))).status, 200);
    assert.equal((await post('{"schema":1')).status, 400);
    assert.equal((await post(JSON.stringify(good({ schema: 2 })))).status, 400);
    assert.equal((await post('x'.repeat(MAX_RECEIPT_BYTES + 1))).status, 413);
    assert.equal((await fetch(`${origin}/receipts`)).status, 405);
    // Posted from another site's page, or with no page at all (curl): refused.
    assert.equal(
      (await post(JSON.stringify(GOOD), { origin: 'https://evil.example' })).status,
      403,
    );
    const other = good({ id: 'another-consent-id' });
    const [a, b] = await Promise.all([post(JSON.stringify(other)), post(JSON.stringify(other))]);
    assert.deepEqual([a.status, b.status].sort(), [200, 201]);

    // A receipt's answer never carries the cookie: it may arrive after the visitor has changed
    // their mind again, and would bring the earlier choice back.
    const at = Math.floor(Date.now() / 1000) - 5;
    const fresh = good({ id: 'fresh-consent-id', decidedAt: new Date(at * 1000).toISOString() });
    const value = `1.3.necessary~logs~analytics.preferences.fresh-consent-id.${at}.c`;
    const answer = await post(JSON.stringify(fresh), { cookie: `consent=${value}` });
    assert.equal(answer.status, 201);
    assert.equal(answer.headers.get('set-cookie'), null);

    // GET /refresh: nothing but the cookie, for nginx's auth_request, with the time left of
    // 182 days; Secure unless the proxy says the site is on plain http.
    const refresh = (headers) => fetch(`${origin}/refresh`, { headers });
    const secure = (await refresh({ cookie: `consent=${value}` })).headers.get('set-cookie');
    assert.match(secure ?? '', /^consent=(\S+); Path=\/; SameSite=Lax; Max-Age=(\d+); Secure$/);
    assert.equal(secure.split(';')[0], `consent=${value}`);
    const maxAge = Number(/Max-Age=(\d+)/.exec(secure)[1]);
    assert.ok(maxAge <= 182 * 86_400 - 5 && maxAge > 182 * 86_400 - 60, String(maxAge));
    const refreshed = await refresh({ cookie: `consent=${value}`, 'x-forwarded-proto': 'http' });
    assert.equal(refreshed.status, 204);
    assert.match(
      refreshed.headers.get('set-cookie') ?? '',
      /^consent=\S+; Path=\/; SameSite=Lax; Max-Age=\d+$/,
    );
    const nothing = await refresh({ cookie: 'consent=garbage' });
    assert.equal(nothing.status, 204);
    assert.equal(nothing.headers.get('set-cookie'), null);
    const lapsed = `consent=1.3.necessary~logs~analytics.preferences.${ID}.1763800000.c`;
    assert.equal((await refresh({ cookie: lapsed })).headers.get('set-cookie'), null);

    // Behind a proxy, each visitor is counted by the address the proxy passes on, as nginx's
    // $proxy_add_x_forwarded_for does: what came in, then the client it saw. The store's
    // default allows 60 receipts a minute from one address.
    let n = 0;
    const from = async (client) =>
      (
        await post(JSON.stringify(good({ id: `proxied-visitor-${(n += 1)}` })), {
          'x-forwarded-for': `192.0.2.9, ${client}`,
        })
      ).status;
    for (let i = 0; i < 60; i++) assert.equal(await from('198.51.100.1'), 201);
    assert.equal(await from('198.51.100.1'), 429);
    assert.equal(await from('198.51.100.2'), 201);

    // What the store kept: each receipt once, as sent, with the time it came.
    await endpoint.stop();
    endpoint = null;
    const store = await openReceiptStore(`file:${records}`);
    t.after(() => store.close());
    const lines = [];
    for await (const chunk of store.export()) lines.push(...chunk.trimEnd().split('\n'));
    const kept = lines
      .map((line) => JSON.parse(line))
      .filter((line) => !line.id.startsWith('proxied-visitor-'));
    assert.equal(lines.length - kept.length, 61);
    assert.deepEqual(
      kept.map((line) => line.id).sort(),
      [ID, 'another-consent-id', 'fresh-consent-id'].sort(),
    );
    const { receivedAt, wording, ...stored } = kept.find((line) => line.id === ID);
    assert.deepEqual(stored, GOOD);
    assert.equal(wording, null);
    assert.ok(!Number.isNaN(Date.parse(receivedAt)));
  });
});
