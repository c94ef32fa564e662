// readConsent / isGranted against the BUILT dist/server.js (through the package's own
// `consent-banner/server` export): values exactly as the banner writes them, captured ones from
// a real browser (fixtures.json), and every kind of bad input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { DEFAULT_COOKIE_NAME, isGranted, readConsent } from 'consent-banner/server';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));

const BUILT_IN = ['necessary', 'logs', 'preferences', 'analytics'];
const ID = 'Qm9vX3JhbmRvbV9pZA';
const AT = 1763800000; // 2025-11-22T08:26:40Z
const AT_ISO = '2025-11-22T08:26:40.000Z';

/** The README's example value: revision 3, analytics granted, preferences denied, custom. */
const README_VALUE = `1.3.necessary~logs~analytics.preferences.${ID}.${AT}.c`;

/** The state the page reports for a record (what `el.consent` holds). */
function state({ revision = 0, granted, denied, method, order = BUILT_IN, id = ID, at = AT_ISO }) {
  const categories = {};
  for (const c of order)
    if (granted.includes(c) || denied.includes(c)) categories[c] = granted.includes(c);
  return {
    decided: true,
    categories,
    granted: order.filter((c) => granted.includes(c)),
    denied: order.filter((c) => denied.includes(c)),
    revision,
    id,
    decidedAt: at,
    method,
  };
}

describe('values written by hand, exactly in the banner format (docs/reference/cookie.md)', () => {
  const cases = [
    {
      name: 'the README example (custom, revision 3)',
      value: README_VALUE,
      expected: state({
        revision: 3,
        granted: ['necessary', 'logs', 'analytics'],
        denied: ['preferences'],
        method: 'custom',
      }),
    },
    {
      name: 'accept all, built-in categories (empty denied list)',
      value: `1.0.necessary~logs~preferences~analytics..AbCdEfGhIjKlMnOpQrStUv.${AT}.a`,
      expected: state({
        granted: BUILT_IN,
        denied: [],
        method: 'accept-all',
        id: 'AbCdEfGhIjKlMnOpQrStUv',
      }),
    },
    {
      name: 'reject all with logs optional: logs denied',
      value: `1.0.necessary.logs~preferences~analytics.${ID}.${AT}.r`,
      expected: state({
        granted: ['necessary'],
        denied: ['logs', 'preferences', 'analytics'],
        method: 'reject-all',
      }),
    },
    {
      name: 'Global Privacy Control, logs required',
      value: `1.1.necessary~logs.preferences~analytics.${ID}.${AT}.g`,
      expected: state({
        revision: 1,
        granted: ['necessary', 'logs'],
        denied: ['preferences', 'analytics'],
        method: 'gpc',
      }),
    },
    {
      name: 'set through the API, 8-character id (the shortest allowed)',
      value: `1.0.necessary~logs~preferences.analytics.a_b-c_d-.${AT}.p`,
      expected: state({
        granted: ['necessary', 'logs', 'preferences'],
        denied: ['analytics'],
        method: 'api',
        id: 'a_b-c_d-',
      }),
    },
    {
      name: 'a host category after the built-in ones (the cooperative demo: marketing)',
      value: `1.2.necessary~logs~marketing.preferences~analytics.${ID}.${AT}.c`,
      expected: state({
        revision: 2,
        granted: ['necessary', 'logs', 'marketing'],
        denied: ['preferences', 'analytics'],
        method: 'custom',
        order: [...BUILT_IN, 'marketing'],
      }),
    },
    {
      name: 'a site offering no optional category',
      value: `1.0.necessary~logs..${ID}.${AT}.a`,
      expected: state({ granted: ['necessary', 'logs'], denied: [], method: 'accept-all' }),
    },
  ];
  for (const { name, value, expected } of cases) {
    test(name, () => {
      assert.deepEqual(readConsent(`consent=${value}`), expected);
      assert.deepEqual(readConsent(`lang=th; consent=${value}; _ga=GA1.1.123.456`), expected);
    });
  }

  test('the state has exactly the fields of the browser state, in its order', () => {
    assert.deepEqual(Object.keys(readConsent(`consent=${README_VALUE}`)), [
      'decided',
      'categories',
      'granted',
      'denied',
      'revision',
      'id',
      'decidedAt',
      'method',
    ]);
  });

  test('the default cookie name is "consent"', () => {
    assert.equal(DEFAULT_COOKIE_NAME, 'consent');
  });
});

describe('values captured from a real browser decision (fixtures.json)', () => {
  test('there are captured cases, each with the Cookie header the browser sent', () => {
    assert.ok(fixtures.cases.length >= 3);
    assert.match(fixtures.note, /capture-fixtures\.mjs/);
    for (const c of fixtures.cases) assert.equal(c.cookieHeader, `consent=${c.value}`);
  });

  for (const c of fixtures.cases) {
    test(`${c.name}: the server reads what the page reported`, () => {
      assert.ok(
        Date.parse(c.state.decidedAt) <= Date.now() + 86_400_000,
        `this machine's clock is before ${c.state.decidedAt}, when the fixture was captured`,
      );
      const site = { revision: c.state.revision, siteCategories: Object.keys(c.state.categories) };
      assert.deepEqual(readConsent(c.cookieHeader, site), c.state);
      assert.deepEqual(readConsent(c.cookieHeader), c.state);
      for (const [id, on] of Object.entries(c.state.categories))
        assert.equal(isGranted(c.cookieHeader, id, site), on, id);
      assert.equal(readConsent(c.cookieHeader, { revision: c.state.revision + 1 }), null);
    });
  }
});

describe('no valid choice: null, never an exception', () => {
  const valid = README_VALUE;
  const fields = valid.split('.');
  const withField = (i, text) => fields.map((f, j) => (j === i ? text : f)).join('.');
  /** A well-formed record with many host categories, `length` characters long. */
  const wellFormed = (length) => {
    const head = '1.0.necessary~logs';
    const tail = `..${ID}.${AT}.a`;
    let ids = '';
    let n = 0;
    while (head.length + ids.length + tail.length + 12 < length)
      ids += `~c${String(n++).padStart(9, '0')}`;
    const pad = length - head.length - ids.length - tail.length - 1;
    return `${head}${ids}~${'z'.repeat(pad)}${tail}`;
  };
  assert.equal(wellFormed(1024).length, 1024);
  assert.equal(wellFormed(1025).length, 1025);

  const cases = [
    ['undefined', undefined],
    ['null', null],
    ['an empty header', ''],
    ['a number', 42],
    ['an object', { consent: valid }],
    ['an array', [`consent=${valid}`]],
    ['a symbol', Symbol('consent')],
    ['garbage', 'lorem ipsum dolor'],
    ['only separators', ';;; ; = ;=;'],
    ['a nameless cookie "consent"', 'consent'],
    ['consent= (empty value)', 'consent='],
    ['consent=garbage', 'consent=garbage'],
    ['JSON', 'consent={"necessary":true,"logs":true}'],
    ['another cookie whose name ends in consent', `xconsent=${valid}`],
    ['another cookie whose name starts with consent', `consent_old=${valid}`],
    ['truncated (six fields)', `consent=${fields.slice(0, 6).join('.')}`],
    ['truncated in the middle', `consent=${valid.slice(0, 25)}`],
    ['an extra field', `consent=${valid}.x`],
    ['version 2', `consent=${withField(0, '2')}`],
    ['version 0', `consent=${withField(0, '0')}`],
    ['version 01', `consent=${withField(0, '01')}`],
    ['a negative revision', `consent=${withField(1, '-1')}`],
    ['a revision with a leading zero', `consent=${withField(1, '03')}`],
    ['forged: necessary denied', `consent=1.3.logs~analytics.necessary~preferences.${ID}.${AT}.a`],
    ['forged: necessary missing', `consent=1.3.logs~analytics.preferences.${ID}.${AT}.a`],
    ['a category both granted and denied', `consent=1.3.necessary~logs.logs.${ID}.${AT}.c`],
    ['a category twice', `consent=1.3.necessary~logs~logs.preferences.${ID}.${AT}.c`],
    ['a category id in capitals', `consent=1.3.necessary~Logs.preferences.${ID}.${AT}.c`],
    ['a "+" where "~" belongs', `consent=1.3.necessary+logs.preferences.${ID}.${AT}.c`],
    ['a consent id of 7 characters', `consent=${withField(4, 'abcdefg')}`],
    ['a consent id with a dot-free bad character', `consent=${withField(4, 'abcdefgh!')}`],
    ['decided at 0', `consent=${withField(5, '0')}`],
    ['decided in the year 5000', `consent=${withField(5, '95617584000')}`],
    ['milliseconds instead of seconds', `consent=${withField(5, '1763800000000')}`],
    ['an unknown method letter', `consent=${withField(6, 'x')}`],
    ['a method word', `consent=${withField(6, 'custom')}`],
    ['a well-formed value of 1,025 characters', `consent=${wellFormed(1025)}`],
    ['a value of 10 KB', `consent=${valid}${'~x'.repeat(5000)}`],
    ['percent-encoded garbage %E0%A4%A', 'consent=%E0%A4%A'],
    ['an invalid UTF-8 escape', 'consent=%E0%A4'],
    ['a lone %', `consent=${valid}%`],
    ['a percent-encoded forged record', `consent=1.0.logs%7Eanalytics.necessary.${ID}.${AT}.a`],
    ['the first of two consent cookies is garbage', `consent=garbage; consent=${valid}`],
    ['the first of two consent cookies is empty', `consent=; consent=${valid}`],
    ['a value with spaces around its dots', `consent=1 .3.necessary~logs.x.${ID}.${AT}.c`],
    ['a header of 10 KB of separators', ';'.repeat(10_240)],
  ];
  for (const [name, header] of cases) {
    test(name, () => {
      assert.equal(readConsent(header), null);
      assert.equal(readConsent(header, { revision: 0 }), null);
      for (const id of ['necessary', 'logs', 'analytics'])
        assert.equal(isGranted(header, id), false);
    });
  }

  test('a well-formed value of exactly 1,024 characters still counts', () => {
    const value = wellFormed(1024);
    assert.equal(readConsent(`consent=${value}`)?.method, 'accept-all');
  });

  test('100 KB of random bytes, quickly', () => {
    let header = '';
    let seed = 7;
    while (header.length < 100_000) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      header += String.fromCharCode(seed % 256);
    }
    header += `; consent=%${header.slice(0, 200)}`;
    const started = performance.now();
    assert.equal(readConsent(header), null);
    assert.ok(performance.now() - started < 500, 'linear time');
  });
});

describe("reading the header as the banner reads document.cookie (js-cookie's rules)", () => {
  const value = README_VALUE;
  const other = `1.3.necessary.logs~preferences~analytics.ZZZZZZZZZZ.${AT}.r`;

  test('several cookies with the same name: the first one wins', () => {
    assert.equal(readConsent(`consent=${value}; consent=${other}`)?.method, 'custom');
    assert.equal(readConsent(`consent=${other}; consent=${value}`)?.method, 'reject-all');
    assert.equal(readConsent(`consent=${value}; consent=garbage`)?.method, 'custom');
  });

  test('a first one that cannot be percent-decoded is skipped, as js-cookie skips it', () => {
    assert.equal(readConsent(`consent=%E0%A4%A; consent=${value}`)?.method, 'custom');
    assert.equal(readConsent(`cons%E0nt=x; consent=${other}`)?.method, 'reject-all');
    assert.equal(readConsent('consent=%E0%A4%A'), null);
  });

  test('the consent cookie after 10 KB of other cookies', () => {
    const others = Array.from({ length: 300 }, (_, i) => `c${i}=${'v'.repeat(30)}`).join('; ');
    const header = `${others}; consent=${value}`;
    assert.ok(header.length > 10_240);
    assert.equal(readConsent(header)?.id, ID);
  });

  test('white space and missing spaces around ";" and "="', () => {
    assert.equal(readConsent(`a=1;consent=${value};b=2`)?.id, ID);
    assert.equal(readConsent(`  consent = ${value}  ;`)?.id, ID);
  });

  test('a value in double quotes (RFC 6265 allows them)', () => {
    assert.equal(readConsent(`consent="${value}"`)?.id, ID);
  });

  test('a percent-encoded value decodes as in the browser', () => {
    assert.equal(readConsent(`consent=${value.replaceAll('~', '%7E')}`)?.id, ID);
    assert.equal(readConsent(`%63onsent=${value}`)?.id, ID);
  });

  test('"=" inside another cookie value does not confuse it', () => {
    assert.equal(readConsent(`token=a=b=c; consent=${value}`)?.id, ID);
  });
});

describe('options', () => {
  const value = README_VALUE; // revision 3

  test('revision: a record for an older revision is no choice; the same or newer counts', () => {
    assert.equal(readConsent(`consent=${value}`, { revision: 0 })?.revision, 3);
    assert.equal(readConsent(`consent=${value}`, { revision: 2 })?.revision, 3);
    assert.equal(readConsent(`consent=${value}`, { revision: 3 })?.revision, 3);
    assert.equal(readConsent(`consent=${value}`, { revision: 4 }), null);
    assert.equal(isGranted(`consent=${value}`, 'necessary', { revision: 4 }), false);
  });

  /** Asserts that `options` throw a TypeError whose message matches `message`. */
  const wrong = (options, message) =>
    assert.throws(
      () => readConsent(`consent=${value}`, options),
      (error) => error instanceof TypeError && message.test(error.message),
      JSON.stringify(options),
    );

  test('revision: a value that is not a whole number ≥ 0 is a clear error', () => {
    for (const revision of [-1, 1.5, '3', Number.NaN, Infinity, null])
      wrong({ revision }, /^consent-banner\/server: revision must be a whole number/);
  });

  test('siteCategories: the same set, in any order, counts', () => {
    assert.equal(readConsent(`consent=${value}`, { siteCategories: BUILT_IN })?.id, ID);
    assert.deepEqual(
      readConsent(`consent=${value}`, { siteCategories: ['analytics', 'preferences', 'logs'] })
        ?.granted,
      ['necessary', 'analytics', 'logs'],
      'necessary is implied; the order is the given one',
    );
  });

  test('siteCategories: a record missing one the site has, or naming an unknown one, is null', () => {
    assert.equal(
      readConsent(`consent=${value}`, { siteCategories: [...BUILT_IN, 'marketing'] }),
      null,
    );
    assert.equal(
      readConsent(`consent=${value}`, { siteCategories: ['necessary', 'logs', 'analytics'] }),
      null,
    );
  });

  test('siteCategories: a list that is not category ids is a clear error', () => {
    for (const siteCategories of ['analytics', ['Analytics'], [1], [null], {}])
      wrong({ siteCategories }, /siteCategories must be a list of category ids/);
  });

  test('siteCategories without "logs" (the attribute\'s list, say) is a clear error, not null for everyone', () => {
    wrong({ siteCategories: ['preferences', 'analytics'] }, /siteCategories must include "logs"/);
    wrong({ siteCategories: ['necessary'] }, /must include "logs"/);
  });

  test('"categories", the attribute\'s name, is a clear error that names siteCategories', () => {
    wrong(
      { categories: ['preferences', 'analytics'] },
      /unknown option "categories".*"siteCategories"/,
    );
    wrong(
      { cookiename: 'consent' },
      /unknown option "cookiename": the options are cookieName, revision, siteCategories/,
    );
  });

  test('cookieName reads that cookie, and only it', () => {
    const header = `consent=garbage; coop_consent=${value}`;
    assert.equal(readConsent(header), null);
    assert.equal(readConsent(header, { cookieName: 'coop_consent' })?.id, ID);
    assert.equal(isGranted(header, 'analytics', { cookieName: 'coop_consent' }), true);
    assert.equal(readConsent(`consent=${value}`, { cookieName: 'coop_consent' }), null);
  });

  test('cookieName: empty or not a string is a clear error', () => {
    for (const cookieName of ['', 42, null])
      wrong({ cookieName }, /cookieName must be the banner's cookie-name/);
  });

  test('null or empty options are the defaults; other non-objects are a clear error', () => {
    assert.equal(readConsent(`consent=${value}`, null)?.id, ID);
    assert.equal(readConsent(`consent=${value}`, {})?.id, ID);
    wrong('consent', /options must be an object/);
    assert.throws(() => isGranted(`consent=${value}`, 'logs', 42), TypeError);
  });

  test('good options with any header never throw', () => {
    for (const header of [undefined, null, 42, '', '=;;=', 'consent', `consent=${value}`])
      assert.doesNotThrow(() => readConsent(header, { revision: 1, siteCategories: BUILT_IN }));
  });
});

describe('isGranted', () => {
  const header = `consent=${README_VALUE}`;
  const table = [
    ['necessary', true],
    ['logs', true],
    ['analytics', true],
    ['preferences', false],
    ['marketing', false],
    ['constructor', false],
    ['__proto__', false],
    ['toString', false],
    ['', false],
  ];
  for (const [id, expected] of table) {
    test(`${id || '(empty id)'} → ${expected}`, () =>
      assert.equal(isGranted(header, id), expected));
  }

  test('necessary is granted whenever a valid record exists, even one that denies everything else', () => {
    assert.equal(
      isGranted(`consent=1.0.necessary.logs~analytics.${ID}.${AT}.r`, 'necessary'),
      true,
    );
    assert.equal(isGranted(`consent=1.0.necessary.logs~analytics.${ID}.${AT}.r`, 'logs'), false);
  });

  test('false for everything without a valid record', () => {
    for (const h of [undefined, null, '', 'consent=garbage'])
      for (const id of ['necessary', 'logs']) assert.equal(isGranted(h, id), false);
  });

  test('an id that is not a string is false, never an exception', () => {
    for (const id of [undefined, null, 1, {}, Symbol('logs')])
      assert.equal(isGranted(header, id), false);
  });
});

describe('dist/server.js', () => {
  const code = readFileSync(new URL('../../dist/server.js', import.meta.url), 'utf8');
  // Without comments, and without the audit page's files, which it serves as text to a browser
  // (uPlot and the page's own script: they name `window` and `document`).
  const source = code
    .replace(/^var (\w+_raw_default|uPlot\w*_default) = ".*";$/gm, '')
    .replace(/^var AUDIT_(CSS|JS) = `[^`]*`;$/gm, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

  test('is one dependency-free ES module: no imports, no require, no Node or DOM globals', () => {
    assert.doesNotMatch(source, /^\s*import[\s{*]/m);
    // One dynamic import: the receipt store's database driver, when a store is opened.
    assert.equal(source.match(/\bimport\s*\(/g)?.length, 1);
    assert.match(source, /driver\(\s*"@electric-sql\/pglite"/);
    assert.match(source, /driver\(\s*"pg"/);
    assert.doesNotMatch(source, /\brequire\s*\(/);
    assert.doesNotMatch(source, /\b(document|window|navigator|localStorage|process|Buffer)\b/);
    assert.match(source, /^export \{/m);
    // What was taken out is what was meant: both files are still in the module.
    assert.match(code, /^var uPlot_iife_min_default = "/m);
    assert.match(code, /^var AUDIT_JS = `/m);
  });
});
