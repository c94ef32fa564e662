// Logging that honours the `logs` choice: clientIp, logLine and the consentLog middleware with
// fake request/response objects, then the demo's real node:http server (examples/node/node-server.mjs).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { clientIp, consentLog, cookieHeader, logLine, logsGranted } from 'consent-banner/server';

const AT = 1763800000;
const GRANTED = `consent=1.0.necessary~logs~analytics.preferences.Qm9vX3JhbmRvbV9pZA.${AT}.c`;
const DENIED = `consent=1.0.necessary.logs~preferences~analytics.Qm9vX3JhbmRvbV9pZA.${AT}.r`;
const FORGED = `consent=1.0.logs.necessary.Qm9vX3JhbmRvbV9pZA.${AT}.a`;
const OLD_REVISION = GRANTED; // revision 0

/** A `node:http`-like request. */
const request = (options = {}) => {
  const { cookie, headers = {}, method = 'GET', url = '/' } = options;
  return {
    headers: { ...(cookie === undefined ? {} : { cookie }), ...headers },
    socket: { remoteAddress: 'ip' in options ? options.ip : '203.0.113.7' },
    method,
    url,
  };
};

/** A `node:http`-like response that can finish. */
class FakeResponse extends EventEmitter {
  statusCode = 200;
  finish(status = 200) {
    this.statusCode = status;
    this.emit('finish');
  }
}

describe('clientIp', () => {
  const table = [
    ['logs granted: the full address', { cookie: GRANTED }, '203.0.113.7'],
    ['logs denied: anonymised', { cookie: DENIED }, '203.0.113.0'],
    ['no cookie (no choice yet): anonymised', {}, '203.0.113.0'],
    ['a garbage cookie: anonymised', { cookie: 'consent=garbage' }, '203.0.113.0'],
    ['a forged record (necessary denied): anonymised', { cookie: FORGED }, '203.0.113.0'],
    [
      'IPv6, granted: canonical',
      { ip: '2001:DB8:1234:5678::1', cookie: GRANTED },
      '2001:db8:1234:5678::1',
    ],
    [
      'IPv6, denied: first 48 bits',
      { ip: '2001:db8:1234:5678::1', cookie: DENIED },
      '2001:db8:1234::',
    ],
    ['IPv4-mapped, granted: plain IPv4', { ip: '::ffff:127.0.0.1', cookie: GRANTED }, '127.0.0.1'],
    [
      'IPv4-mapped, denied: IPv4 anonymised',
      { ip: '::ffff:127.0.0.1', cookie: DENIED },
      '127.0.0.0',
    ],
    ['no address (a closed socket)', { ip: undefined, cookie: GRANTED }, '-'],
    [
      'a garbage address, granted: "-", not the raw value',
      { ip: 'evil\nline', cookie: GRANTED },
      '-',
    ],
  ];
  for (const [name, options, expected] of table) {
    test(name, () => assert.equal(clientIp(request(options)), expected));
  }

  test('options reach readConsent: an older revision is no choice', () => {
    assert.equal(clientIp(request({ cookie: OLD_REVISION }), { revision: 1 }), '203.0.113.0');
    assert.equal(clientIp(request({ cookie: OLD_REVISION }), { revision: 0 }), '203.0.113.7');
  });

  test('options reach readConsent: cookieName', () => {
    const req = request({ cookie: GRANTED.replace('consent=', 'coop_consent=') });
    assert.equal(clientIp(req), '203.0.113.0');
    assert.equal(clientIp(req, { cookieName: 'coop_consent' }), '203.0.113.7');
  });

  test('X-Forwarded-For only with trustProxy, and then its last entry', () => {
    const req = request({
      ip: '10.0.0.2',
      cookie: GRANTED,
      headers: { 'x-forwarded-for': '198.51.100.9, 203.0.113.7' },
    });
    assert.equal(clientIp(req), '10.0.0.2');
    assert.equal(clientIp(req, { trustProxy: true }), '203.0.113.7');
    const spoofed = request({ cookie: GRANTED, headers: { 'x-forwarded-for': 'not an ip' } });
    assert.equal(clientIp(spoofed, { trustProxy: true }), '-');
  });

  test('a Fetch API Headers object and an HTTP/2 list of cookie headers work too', () => {
    const fetchStyle = {
      headers: new Headers({ cookie: GRANTED }),
      socket: { remoteAddress: '203.0.113.7' },
    };
    assert.equal(clientIp(fetchStyle), '203.0.113.7');
    assert.equal(cookieHeader(fetchStyle), GRANTED);
    const listed = request({ cookie: ['lang=th', GRANTED] });
    assert.equal(cookieHeader(listed), `lang=th; ${GRANTED}`);
    assert.equal(clientIp(listed), '203.0.113.7');
  });

  test('requests that are not requests never throw', () => {
    for (const req of [
      {},
      { headers: null, socket: null },
      { headers: 'cookie', socket: 5 },
      Object.create(null),
    ])
      assert.equal(clientIp(req), '-');
    const hostile = {
      get headers() {
        throw new Error('boom');
      },
      socket: { remoteAddress: '203.0.113.7' },
    };
    assert.equal(clientIp(hostile), '203.0.113.0');
    assert.equal(logsGranted(hostile), false);
    assert.equal(clientIp(request({ cookie: GRANTED }), null), '203.0.113.7');
  });
});

describe('logLine', () => {
  const time = new Date('2025-11-22T03:04:05.678Z');

  test('logs granted: full address and the exact time (UTC, seconds)', () => {
    const line = logLine(
      request({ cookie: GRANTED, url: '/news?page=2' }),
      { statusCode: 200 },
      { time },
    );
    assert.equal(line, '203.0.113.7 [2025-11-22T03:04:05Z] "GET /news?page=2" 200 logs=1');
  });

  test('logs denied: anonymised address and the day only', () => {
    const line = logLine(
      request({ cookie: DENIED, url: '/news?page=2' }),
      { statusCode: 404 },
      { time },
    );
    assert.equal(line, '203.0.113.0 [2025-11-22] "GET /news?page=2" 404 logs=0');
    assert.doesNotMatch(line, /203\.0\.113\.7|03:04/);
  });

  test('no response yet: status "-"; Express originalUrl preferred over url', () => {
    const req = { ...request({ cookie: GRANTED, url: '/' }), originalUrl: '/shop/cart' };
    assert.equal(
      logLine(req, null, { time }),
      '203.0.113.7 [2025-11-22T03:04:05Z] "GET /shop/cart" - logs=1',
    );
  });

  test('a request cannot forge a line: quotes, backslashes, control and non-ASCII characters escaped', () => {
    const req = request({
      cookie: DENIED,
      method: 'GET',
      url: '/a"b\\c\n127.0.0.1 [x] "GET /" 200 logs=1\u0e01',
    });
    const line = logLine(req, { statusCode: 200 }, { time });
    assert.equal(line.split('\n').length, 1);
    assert.equal(
      line,
      '203.0.113.0 [2025-11-22] "GET /a\\x22b\\x5Cc\\x0A127.0.0.1 [x] \\x22GET /\\x22 200 logs=1\\u0E01" 200 logs=0',
    );
  });

  test('a very long URL is cut', () => {
    const line = logLine(request({ url: `/${'a'.repeat(10_000)}` }), { statusCode: 200 }, { time });
    assert.ok(line.length < 2200);
  });

  test('an invalid time or a hostile request gives a line, not an exception', () => {
    assert.match(
      logLine(request({ cookie: GRANTED }), { statusCode: 200 }, { time: new Date(Number.NaN) }),
      /^203\.0\.113\.7 \[-\]/,
    );
    assert.equal(logLine(null, null), '- [-] "-" - logs=0');
  });
});

describe('consentLog middleware', () => {
  test('writes one line when the response finishes, and calls next() at once', () => {
    const lines = [];
    const middleware = consentLog({ write: (line) => lines.push(line) });
    const res = new FakeResponse();
    let nexts = 0;
    middleware(request({ cookie: GRANTED, url: '/a' }), res, () => (nexts += 1));
    assert.equal(nexts, 1);
    assert.deepEqual(lines, [], 'nothing before the response is finished');
    res.finish(201);
    res.emit('finish');
    assert.equal(lines.length, 1, 'once per request');
    assert.match(
      lines[0],
      /^203\.0\.113\.7 \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\] "GET \/a" 201 logs=1$/,
    );
  });

  test('a client that goes away: one line on close, none more on a later finish', () => {
    const lines = [];
    const res = new FakeResponse();
    consentLog({ write: (line) => lines.push(line) })(request({ cookie: DENIED }), res);
    res.emit('close');
    res.finish();
    assert.equal(lines.length, 1);
  });

  test('logs denied: the anonymised line', () => {
    const lines = [];
    const res = new FakeResponse();
    consentLog({ write: (line) => lines.push(line) })(request({ cookie: DENIED, url: '/b' }), res);
    res.finish(200);
    assert.match(lines[0], /^203\.0\.113\.0 \[\d{4}-\d\d-\d\d\] "GET \/b" 200 logs=0$/);
  });

  test('options (revision) reach every line', () => {
    const lines = [];
    const res = new FakeResponse();
    consentLog({ revision: 1, write: (line) => lines.push(line) })(
      request({ cookie: OLD_REVISION }),
      res,
    );
    res.finish();
    assert.match(lines[0], /^203\.0\.113\.0 .* logs=0$/);
  });

  test('a response without events is logged at once; without next() it still works', () => {
    const lines = [];
    consentLog({ write: (line) => lines.push(line) })(request({ cookie: GRANTED }), {
      statusCode: 204,
    });
    assert.equal(lines.length, 1);
    assert.match(lines[0], / 204 logs=1$/);
  });

  test('a writer that throws does not throw out of the response', (t) => {
    const errors = t.mock.method(console, 'error', () => {});
    const res = new FakeResponse();
    consentLog({
      write: () => {
        throw new Error('disk full');
      },
    })(request(), res);
    assert.doesNotThrow(() => res.finish());
    assert.equal(errors.mock.callCount(), 1);
  });

  test('the default writer is console.log', (t) => {
    const logged = t.mock.method(console, 'log', () => {});
    const res = new FakeResponse();
    consentLog()(request({ cookie: DENIED }), res);
    res.finish();
    assert.equal(logged.mock.callCount(), 1);
    assert.match(logged.mock.calls[0].arguments[0], /^203\.0\.113\.0 /);
  });
});

describe('wrong options', () => {
  const request = { headers: { cookie: 'consent=x' }, socket: { remoteAddress: '203.0.113.7' } };
  test('the attribute\'s "categories" is a clear error in every helper, not anonymised lines for everyone', () => {
    const options = { categories: ['preferences', 'analytics'] };
    const clear = (error) => error instanceof TypeError && /"siteCategories"/.test(error.message);
    assert.throws(() => logsGranted(request, options), clear);
    assert.throws(() => clientIp(request, options), clear);
    assert.throws(() => logLine(request, null, options), clear);
    assert.throws(() => consentLog(options), clear, 'when the middleware is set up');
  });
  test('their own options are known: trustProxy, time, write', () => {
    assert.doesNotThrow(() =>
      logLine(request, null, { trustProxy: true, time: new Date(0), revision: 1 }),
    );
    assert.doesNotThrow(() => consentLog({ write: () => {}, siteCategories: ['logs'] }));
  });
});

describe('the README example: examples/node/node-server.mjs, a real node:http server', () => {
  test('logs the full address with logs granted, an anonymised one otherwise', async (t) => {
    const script = fileURLToPath(new URL('../../examples/node/node-server.mjs', import.meta.url));
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    t.after(() => child.kill());
    const lines = [];
    const waiters = [];
    let buffered = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buffered += chunk;
      const parts = buffered.split('\n');
      buffered = parts.pop();
      lines.push(...parts);
      for (const wake of waiters.splice(0)) wake();
    });
    const lineMatching = async (pattern) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const found = lines.find((l) => pattern.test(l));
        if (found) return found;
        if (Date.now() > deadline) assert.fail(`no line ${pattern} in:\n${lines.join('\n')}`);
        await new Promise((wake) => {
          waiters.push(wake);
          setTimeout(wake, 200);
        });
      }
    };

    const origin = (await lineMatching(/^listening on /))
      .replace('listening on ', '')
      .replace(/\/$/, '');
    const granted = GRANTED.replace('1.0.', '1.1.'); // the example's site is at revision 1
    const denied = DENIED.replace('1.0.', '1.1.');

    const yes = await fetch(`${origin}/granted`, { headers: { cookie: granted } });
    assert.equal(await yes.text(), 'granted: necessary, logs, analytics; statistics on\n');
    // The choice is sent back only while it lasts: this one, made in 2025, has lapsed.
    assert.equal(yes.headers.get('set-cookie'), null);
    const at = Math.floor(Date.now() / 1000) - 60;
    const recent = granted.replace(`.${AT}.`, `.${at}.`);
    const kept = await fetch(`${origin}/recent`, { headers: { cookie: `theme=dark; ${recent}` } });
    const maxAge = 182 * 86_400 - 60;
    const setCookie = kept.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /^consent=[^;]+; Path=\/; SameSite=Lax; Max-Age=\d+$/);
    assert.equal(setCookie.split(';')[0], recent, 'the very value the banner wrote');
    const sent = Number(/Max-Age=(\d+)/.exec(setCookie)?.[1]);
    assert.ok(sent <= maxAge && sent > maxAge - 30, `the time left of 182 days: ${sent}`);
    const no = await fetch(`${origin}/denied`, { headers: { cookie: denied } });
    assert.equal(await no.text(), 'granted: necessary; statistics off\n');
    const none = await fetch(`${origin}/none`);
    assert.equal(await none.text(), 'no valid choice yet: only what is necessary\n');
    const old = await fetch(`${origin}/old`, { headers: { cookie: GRANTED } });
    assert.equal(await old.text(), 'no valid choice yet: only what is necessary\n');
    for (const response of [no, none, old]) assert.equal(response.headers.get('set-cookie'), null);

    assert.match(
      await lineMatching(/"GET \/granted"/),
      /^127\.0\.0\.1 \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\] "GET \/granted" 200 logs=1$/,
    );
    for (const path of ['denied', 'none', 'old']) {
      const line = await lineMatching(new RegExp(`"GET /${path}"`));
      assert.match(
        line,
        new RegExp(`^127\\.0\\.0\\.0 \\[\\d{4}-\\d\\d-\\d\\d\\] "GET /${path}" 200 logs=0$`),
      );
    }
  });
});
