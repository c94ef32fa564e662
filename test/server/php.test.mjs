// src/server/consent.php, the PHP reader of the consent cookie (docs/server/index.md, "PHP"), against the BUILT dist/server.js through `consent-banner/server`: for
// every value (captured from a real browser, written by hand, mutated, generated),
// consent_read, consent_granted and consent_refresh_cookie answer exactly what readConsent,
// isGranted and refreshCookie answer, and wrong options throw alike. All of it runs in ONE php
// process (test/server/php/runner.php). Then PHP's own cookie parsing (`php -S` with
// test/server/php/router.php and real Cookie headers) and the PHP demo (demo/php/).
//
// PHP runs with `-n` (no php.ini, so no extension loaded from it): what consent.php needs is in
// every PHP build. PHP is found through $PHP or PATH.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import {
  anonymizeIp,
  isGranted,
  logLine,
  normalizeIp,
  readConsent,
  refreshCookie,
} from 'consent-banner/server';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = fileURLToPath(new URL('./php/runner.php', import.meta.url));
const ROUTER = fileURLToPath(new URL('./php/router.php', import.meta.url));
const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));

// ---------------------------------------------------------------------------------------------
// PHP
// ---------------------------------------------------------------------------------------------

const PHP = process.env.PHP || 'php';
/** `-n`: no php.ini; errors to stderr, never into the JSON on stdout. */
const PHP_ARGS = ['-n', '-d', 'display_errors=stderr'];
/** `php -S` shows errors in the response even with display_errors=stderr: log them instead. */
const SERVER_ARGS = ['-n', '-d', 'display_errors=0', '-d', 'log_errors=1'];
const probe = spawnSync(PHP, [...PHP_ARGS, '-r', 'echo PHP_VERSION;'], { encoding: 'utf8' });
const PHP_VERSION = probe.status === 0 ? probe.stdout.trim() : null;

/** Fails the test with the one-line hint when there is no PHP. */
function requirePhp() {
  if (!PHP_VERSION) assert.fail('install PHP: sudo apt-get install php-cli');
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const DAY = 86_400;
const BUILT_IN = ['necessary', 'logs', 'preferences', 'analytics'];
const ID = 'Qm9vX3JhbmRvbV9pZA';
const AT = 1763800000; // 2025-11-22T08:26:40Z
const README_VALUE = `1.3.necessary~logs~analytics.preferences.${ID}.${AT}.c`;
const NOW = Math.floor(Date.now() / 1000);
/** The `now` of most refreshCookie calls: ten days after AT. */
const REF = AT + 10 * DAY + 5;
/** A minute after the last fixture was captured. */
const FIXTURE_REF =
  Math.max(...fixtures.cases.map((c) => Date.parse(c.state.decidedAt) / 1000)) + 60;

/** A well-formed record with many host categories, `length` characters long. */
function wellFormed(length) {
  const head = '1.0.necessary~logs';
  const tail = `..${ID}.${AT}.a`;
  let ids = '';
  for (let n = 0; head.length + ids.length + tail.length + 12 < length; n++)
    ids += `~c${String(n).padStart(9, '0')}`;
  return `${head}${ids}~${'z'.repeat(length - head.length - ids.length - tail.length - 1)}${tail}`;
}

/** A value with decision time `at`. */
const decidedAt = (at) => `1.0.necessary~logs.preferences~analytics.${ID}.${at}.r`;

const HAND_VALID = [
  README_VALUE,
  `1.0.necessary~logs~preferences~analytics..AbCdEfGhIjKlMnOpQrStUv.${AT}.a`,
  `1.0.necessary.logs~preferences~analytics.${ID}.${AT}.r`,
  `1.1.necessary~logs.preferences~analytics.${ID}.${AT}.g`,
  `1.0.necessary~logs~preferences.analytics.a_b-c_d-.${AT}.p`,
  `1.2.necessary~logs~marketing.preferences~analytics.${ID}.${AT}.c`,
  `1.0.necessary~logs..${ID}.${AT}.a`,
  `1.0.analytics~necessary.logs.${ID}.${AT}.c`,
  `1.999999999.necessary~logs.analytics.${'Z'.repeat(64)}.${AT}.a`,
  `1.0.necessary~${'z'.repeat(40)}~constructor~a-b_c.logs~hasownproperty.${ID}.1.a`,
  `1.0.necessary..${ID}.${AT}.a`,
  wellFormed(1024),
  decidedAt(NOW - 60),
  // A visitor's clock a little fast: up to a day ahead counts (an hour's margin either way).
  decidedAt(NOW + DAY - 3600),
];

const HAND_INVALID = [
  '',
  'garbage',
  'lorem ipsum dolor',
  '{"necessary":true,"logs":true}',
  README_VALUE.split('.').slice(0, 6).join('.'),
  README_VALUE.slice(0, 25),
  `${README_VALUE}.x`,
  `2${README_VALUE.slice(1)}`,
  `1.3.logs~analytics.necessary~preferences.${ID}.${AT}.a`,
  `1.3.logs~analytics.preferences.${ID}.${AT}.a`,
  `1.3.necessary~logs.logs.${ID}.${AT}.c`,
  `1.3.necessary~logs~logs.preferences.${ID}.${AT}.c`,
  `1.3.necessary~Logs.preferences.${ID}.${AT}.c`,
  `1.3.necessary+logs.preferences.${ID}.${AT}.c`,
  `1.3.necessary logs.preferences.${ID}.${AT}.c`,
  `1.3.necessary%7Elogs.preferences.${ID}.${AT}.c`, // as $_COOKIE holds it, already decoded
  README_VALUE.replaceAll('~', '%7E'),
  `1.3.necessary~${'z'.repeat(41)}.preferences.${ID}.${AT}.c`,
  decidedAt(NOW + DAY + 3600),
  decidedAt(95617584000),
  decidedAt('1763800000000'),
  decidedAt(0),
  wellFormed(1025),
  `${README_VALUE}${'~x'.repeat(5000)}`,
  `${README_VALUE}${'~x'.repeat(50_000)}`,
  '%E0%A4%A',
  `${README_VALUE}%`,
  `1 .3.necessary~logs.x.${ID}.${AT}.c`,
  // What PHP's regular expressions would let through with `$` instead of `\z` (a newline at
  // the end), and other white space.
  `${README_VALUE}\n`,
  `${README_VALUE}\r\n`,
  `\n${README_VALUE}`,
  ` ${README_VALUE}`,
  `${README_VALUE} `,
  `${README_VALUE}\t`,
  `${README_VALUE}\0`,
  `1\n.3.necessary~logs~analytics.preferences.${ID}.${AT}.c`,
  `1.3\n.necessary~logs~analytics.preferences.${ID}.${AT}.c`,
  `1.3.necessary~logs~analytics\n.preferences.${ID}.${AT}.c`,
  `1.3.necessary~logs~analytics.preferences.${ID}\n.${AT}.c`,
  `1.3.necessary~logs~analytics.preferences.${ID}.${AT}\n.c`,
  `1.3.necessary~logs~analytics.preferences.${ID}.${AT}.c\n`,
  `"${README_VALUE}"`,
  `1.\u0663.necessary~logs.preferences.${ID}.${AT}.c`, // an Arabic-Indic digit
  `1.\uff13.necessary~logs.preferences.${ID}.${AT}.c`, // a full-width digit
  `1.3.necessary~\u0e01.preferences.${ID}.${AT}.c`, // Thai
  `1.3.n\u00e9cessary~logs.preferences.${ID}.${AT}.c`,
  `${README_VALUE}\u00a0`,
  `\ufeff${README_VALUE}`,
  `${README_VALUE}\r\nSet-Cookie: admin=1`,
];

/** Not strings: what $_COOKIE may hold (an array for `consent[x]=...`), and what code passes. */
const NOT_STRINGS = [null, 42, 1.5, true, false, [], [README_VALUE], { x: README_VALUE }];

/** Byte strings that are not UTF-8, as a visitor's browser may send them. */
const BYTES = [
  Buffer.from([0xe0, 0xa4]),
  Buffer.concat([Buffer.from(README_VALUE), Buffer.from([0xff])]),
  Buffer.from(README_VALUE.replace('~', '\u0000'), 'latin1'),
  Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256)),
];

/** Every kind of change to a valid value; `wide` adds each character replaced and escaped. */
function mutations(v, wide) {
  const fields = v.split('.');
  const withField = (i, text) => fields.map((f, j) => (j === i ? text : f)).join('.');
  const out = [];
  const VARIANTS = [
    ['', '0', '2', '01', '1 ', ' 1', '+1', '1\n', 'v1', '1.0'],
    ['', '-1', '03', '00', '1e3', '0x1', '3.0', '999999999', '1000000000', ' 3', '3\n', '\u0663'],
    ['', 'necessary', 'logs', 'necessary~necessary', 'Necessary', 'necessary~', '~necessary'],
    ['necessary~~logs', `necessary~${'a'.repeat(40)}`, `necessary~${'a'.repeat(41)}`],
    ['necessary~1abc', 'necessary~_x', 'necessary~constructor', 'necessary~__proto__'],
    ['necessary~a-b_c', 'necessary\n', 'necessary~logs\n', 'necessary+logs', 'n\u00e9cessary'],
  ];
  const LISTS = VARIANTS.slice(2).flat();
  const PER_FIELD = [
    VARIANTS[0],
    VARIANTS[1],
    LISTS,
    LISTS,
    ['', 'abcdefg', 'abcdefgh', 'a'.repeat(64), 'a'.repeat(65), 'abcdefgh!', 'abcdefgh\n'],
    ['', '0', '01', '1', '-1', '1e9', '99999999999', '100000000000', ' 1', '1\n', String(NOW)],
    ['', 'A', 'C', 'x', 'ac', 'custom', 'c\n', ' a', ...'abcdefghijklmnopqrstuvwxyz'],
  ];
  PER_FIELD.forEach((variants, i) => {
    for (const text of variants) out.push(withField(i, text));
  });
  // Two fields swapped.
  for (let i = 0; i < 7; i++)
    for (let j = i + 1; j < 7; j++) {
      const f = [...fields];
      [f[i], f[j]] = [f[j], f[i]];
      out.push(f.join('.'));
    }
  for (let i = 0; i < v.length; i++) {
    out.push(v.slice(0, i) + v.slice(i + 1)); // deleted
    out.push(v.slice(0, i) + v[i] + v.slice(i)); // doubled
    if (v[i] === '.' || v[i] === '~')
      out.push(v.slice(0, i) + (v[i] === '.' ? '~' : '.') + v.slice(i + 1));
    if (wide) {
      out.push(v.slice(0, i)); // truncated
      const hex = v.charCodeAt(i).toString(16).toUpperCase().padStart(2, '0');
      out.push(`${v.slice(0, i)}%${hex}${v.slice(i + 1)}`); // escaped, as the raw header has it
      for (const c of ['.', '~', '0', '9', 'a', 'Z', '_', '-', '%', ' ', '\n', '\0', '+', '"'])
        out.push(v.slice(0, i) + c + v.slice(i + 1));
      for (const c of [';', '=', '\u00e9', '\u0e01', '\u00a0'])
        out.push(v.slice(0, i) + c + v.slice(i + 1));
    }
  }
  for (const c of [' ', '\t', '\n', '\r\n', '\0', '"', "'", ';', '=', '.', '~', 'x', '\u00a0'])
    out.push(c + v, v + c);
  out.push(`consent=${v}`, v.toUpperCase(), v + v);
  // A category moved from one list to the other, or named in both, or twice.
  const [granted, denied] = [fields[2].split('~'), fields[3] ? fields[3].split('~') : []];
  const withLists = (g, d) => [...fields.slice(0, 2), g.join('~'), d.join('~'), ...fields.slice(4)];
  for (const id of denied) {
    out.push(
      withLists(
        [...granted, id],
        denied.filter((d) => d !== id),
      ).join('.'),
    );
    out.push(withField(2, [...granted, id].join('~')));
  }
  for (const id of granted) out.push(withField(3, [...denied, id].join('~')));
  out.push(withField(2, `${fields[2]}~${granted[0]}`));
  return out;
}

const BASES = [...HAND_VALID.slice(0, 8), ...fixtures.cases.map((c) => c.value)];

// Generated values (fast-check, seeded): arbitrary strings and records that are nearly right.
const SEED = 20261202;
const GENERATED = 3_000;
const categoryId = fc.oneof(
  fc.constantFrom(...BUILT_IN, 'marketing', 'Logs', '', '1x', 'z'.repeat(41)),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,41}$/),
);
const list = fc
  .tuple(fc.boolean(), fc.array(categoryId, { maxLength: 5 }))
  .map(([necessary, ids]) => (necessary ? ['necessary', ...ids] : ids).join('~'));
const near = (good, bad) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });
const nearRecord = fc
  .tuple(
    near(fc.constant('1'), fc.constantFrom('', '0', '2', '01', '1 ', 'v1')),
    near(fc.nat(999_999_999).map(String), fc.constantFrom('', '-1', '03', '1000000000', '3\n')),
    list,
    near(
      fc.subarray(BUILT_IN.slice(1)).map((ids) => ids.join('~')),
      list,
    ),
    near(
      fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      fc.constantFrom('', 'short', 'a'.repeat(65), `${ID}!`, `${ID}\n`),
    ),
    near(
      fc.integer({ min: REF - 400 * DAY, max: REF + 3 * DAY }).map(String),
      fc.constantFrom('0', '01', '', '1763800000000', '99999999999'),
    ),
    near(fc.constantFrom('a', 'r', 'c', 'g', 'p'), fc.constantFrom('', 'x', 'A', 'ac', 'c\n')),
  )
  .map((f) => f.join('.'));
const PIECES = [...'1.~.~.0123456789acz_-"%; =\n', 'necessary', 'logs', 'analytics', ID, `${AT}`];
const generated = fc.oneof(
  { weight: 6, arbitrary: nearRecord },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 120 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 200 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...PIECES), { maxLength: 30 })
      .map((pieces) => pieces.join('')),
  },
);

/** The values, by group (generated strings with lone surrogates have no UTF-8 form: left out). */
const GROUPS = {
  'values captured from a real browser (fixtures.json)': fixtures.cases.map((c) => c.value),
  'valid values written by hand in the banner format': HAND_VALID,
  'invalid values written by hand, arrays and other non-strings, bytes that are not UTF-8': [
    ...HAND_INVALID,
    ...NOT_STRINGS,
    ...BYTES,
  ],
  'every kind of mutation of valid values': [
    ...new Set(BASES.flatMap((v, i) => mutations(v, i < 3))),
  ],
  [`${GENERATED.toLocaleString('en')} generated strings and near-records (fast-check, seed ${SEED})`]:
    fc.sample(
      generated.filter((s) => s.isWellFormed()),
      { seed: SEED, numRuns: GENERATED },
    ),
};

// ---------------------------------------------------------------------------------------------
// Options, for Node and for PHP
// ---------------------------------------------------------------------------------------------

/** A value that PHP gets in another form than Node. */
const BOTH = Symbol('both');
const both = (node, php) => ({ [BOTH]: true, node, php });
const isBoth = (x) => x !== null && typeof x === 'object' && x[BOTH] === true;
/** `now` as an int of Unix seconds in PHP, the same instant as a Date in Node. */
const seconds = (s) => both(new Date(s * 1000), s);
/** A PHP float that is a whole number (3.0): the same number in JavaScript. */
const float = (n) => both(n, { $float: n });
/** A PHP array with string keys, where JavaScript has an object. */
const assoc = (object) => both(object, { $assoc: object });

const isPlain = (x) => x !== null && typeof x === 'object' && !isBoth(x);
const toNode = (x) => {
  if (isBoth(x)) return x.node;
  if (Array.isArray(x)) return x.map(toNode);
  if (isPlain(x) && !(x instanceof Date))
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toNode(v)]));
  return x;
};
const toPhp = (x) => {
  if (isBoth(x)) return x.php;
  if (x instanceof Date) return { $date: x.getTime() };
  if (typeof x === 'number' && Number.isNaN(x)) return { $nan: 1 };
  if (x === Infinity) return { $inf: 1 };
  if (Array.isArray(x)) return x.map(toPhp);
  if (isPlain(x)) return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, toPhp(v)]));
  return x;
};

const READS = [
  {},
  { revision: 0 },
  { revision: 2 },
  { revision: 3 },
  { revision: float(3) },
  { siteCategories: BUILT_IN },
  { siteCategories: ['analytics', 'preferences', 'logs'] },
  { siteCategories: [...BUILT_IN, 'marketing'], revision: 1 },
  { siteCategories: ['logs', 'logs', 'necessary'] },
  { cookieName: 'consent' },
];
const GRANT_IDS = [...BUILT_IN, 'marketing', 'zz-unknown', '', 'constructor'];
const GRANTS = GRANT_IDS.flatMap((id) => [
  [id, {}],
  [id, { revision: 2, siteCategories: BUILT_IN }],
]);
const REFRESHES = [
  { now: new Date(REF * 1000) },
  { now: seconds(REF) },
  { now: new Date(REF * 1000 + 999) },
  { now: seconds(REF), revision: 3 },
  { now: seconds(REF), siteCategories: BUILT_IN, cookieDays: 30 },
  { now: seconds(REF), cookieDays: 3650, cookieDomain: '.example.go.th', secure: false },
  { now: seconds(REF), cookieName: 'sso_consent', cookieDomain: 'example.go.th' },
  { now: seconds(REF), cookieDays: float(7) },
  { now: seconds(FIXTURE_REF) },
  {
    now: seconds(FIXTURE_REF),
    revision: 2,
    siteCategories: BUILT_IN,
    secure: false,
    cookieDays: 1,
  },
  { now: seconds(AT - DAY + 60), cookieDays: 30 },
  { now: seconds(AT - DAY - 60) },
];

/** What a call returns, or the error it throws, as the runner reports it. */
function answer(call) {
  try {
    return call();
  } catch (error) {
    return { $throw: error.constructor.name, message: error.message };
  }
}

/**
 * The Cookie header that hands readConsent exactly the value `v`: the header reader
 * percent-decodes, so the value goes in encoded. Anything but a string is no cookie at all.
 */
function header(v, options) {
  const name = toNode(options).cookieName ?? 'consent';
  const text = Buffer.isBuffer(v) ? v.toString('latin1') : v;
  return typeof text === 'string'
    ? `${encodeURIComponent(name)}=${encodeURIComponent(text)}`
    : undefined;
}

/** Node's answers for one value, in the runner's shape. */
const nodeAnswers = (v) =>
  JSON.parse(
    JSON.stringify([
      READS.map((o) => answer(() => readConsent(header(v, o), toNode(o)))),
      GRANTS.map(([id, o]) => answer(() => isGranted(header(v, o), id, toNode(o)))),
      REFRESHES.map((o) => answer(() => refreshCookie(header(v, o), toNode(o)))),
    ]),
  );

const encodeValue = (v) => {
  if (typeof v === 'string') return { s: v };
  if (Buffer.isBuffer(v)) return { b: v.toString('base64') };
  return { j: v };
};

// Wrong options: [function, options, the PHP message when it is not Node's own].
const PHP_NOW =
  /^consent-banner\/consent\.php: now must be a \\DateTimeInterface or an int of Unix seconds/;
const NOT_ARRAY = /Argument #\d \(\$options\) must be of type array, (string|int) given/;
const WRONG = [
  ['read', { revision: -1 }],
  ['read', { revision: 1.5 }],
  ['read', { revision: '3' }],
  ['read', { revision: Number.NaN }],
  ['read', { revision: Infinity }],
  ['read', { revision: null }],
  ['read', { revision: true }],
  ['read', { revision: 2 ** 53 }],
  ['read', { siteCategories: 'analytics' }],
  ['read', { siteCategories: ['Analytics'] }],
  ['read', { siteCategories: [1] }],
  ['read', { siteCategories: [null] }],
  ['read', { siteCategories: {} }],
  ['read', { siteCategories: assoc({ a: 'logs' }) }],
  ['read', { siteCategories: null }],
  ['read', { siteCategories: ['logs\n'] }],
  ['read', { siteCategories: ['preferences', 'analytics'] }],
  ['read', { siteCategories: ['necessary'] }],
  ['read', { siteCategories: [] }],
  ['read', { categories: ['preferences', 'analytics'] }],
  ['read', { cookiename: 'consent' }],
  ['read', { cookieDays: 30 }],
  ['read', { cookieName: '' }],
  ['read', { cookieName: 42 }],
  ['read', { cookieName: null }],
  ['read', '182', NOT_ARRAY],
  ['read', 42, NOT_ARRAY],
  ['granted', { revision: -1 }],
  ['granted', { siteCategories: ['analytics'] }],
  ['granted', { secure: false }],
  ['granted', '182', NOT_ARRAY],
  ['refresh', { cookieDays: 0 }],
  ['refresh', { cookieDays: 3651 }],
  ['refresh', { cookieDays: 1.5 }],
  ['refresh', { cookieDays: '182' }],
  ['refresh', { cookieDays: null }],
  ['refresh', { cookieDomain: '' }],
  ['refresh', { cookieDomain: 'example.go.th; Secure' }],
  ['refresh', { cookieDomain: 'exa mple.go.th' }],
  ['refresh', { cookieDomain: 'example.go.th\n' }],
  ['refresh', { cookieDomain: `${'a'.repeat(64)}.go.th` }],
  ['refresh', { cookieDomain: null }],
  ['refresh', { cookieDomain: 42 }],
  ['refresh', { secure: 'yes' }],
  ['refresh', { secure: 1 }],
  ['refresh', { secure: null }],
  ['refresh', { now: 'today' }, PHP_NOW],
  ['refresh', { now: 1.5 }, PHP_NOW],
  ['refresh', { now: null }, PHP_NOW],
  ['refresh', { now: both(new Date(8.64e15 + 1000), 8.64e12 + 1) }, PHP_NOW],
  ['refresh', { cookieName: 'my consent' }],
  ['refresh', { cookieName: 'a;b' }],
  ['refresh', { cookieName: 'consent\n' }],
  ['refresh', { cookieName: 'x'.repeat(65) }],
  ['refresh', { cookieName: '' }],
  ['refresh', { revision: -1 }],
  ['refresh', { maxAge: 10 }],
  ['refresh', { categories: BUILT_IN }],
  ['refresh', '182', NOT_ARRAY],
];
const NODE_FUNCTIONS = {
  read: (o) => readConsent('consent=garbage', o),
  granted: (o) => isGranted('consent=garbage', 'logs', o),
  refresh: (o) => refreshCookie('consent=garbage', o),
};

/** Addresses as REMOTE_ADDR holds them, for the demo's log line. */
const ADDRESSES = [
  '203.0.113.7',
  '127.0.0.1',
  '0.0.0.0',
  '255.255.255.255',
  '2001:db8:1234:5678:9abc:def0:1234:5678',
  '2001:DB8:0::1',
  '2001:db8:0:1:1:1:1:1',
  '::ffff:127.0.0.1',
  '::ffff:203.0.113.7',
  '::1',
  '::',
  'fe80::1',
  '1:2:3:4:5:6:7:8',
  '',
  'garbage',
  '1.2.3',
  '01.2.3.4',
  '256.1.1.1',
  '2001:db8::1::2',
];

// ---------------------------------------------------------------------------------------------
// The batch: every value and option set, in one php process
// ---------------------------------------------------------------------------------------------

let result;
/** The runner's answers (run once, on first use). */
function batch() {
  requirePhp();
  if (result) return result;
  const values = Object.values(GROUPS).flat();
  const dir = mkdtempSync(join(tmpdir(), 'consent-php-'));
  try {
    const file = join(dir, 'input.json');
    writeFileSync(
      file,
      JSON.stringify({
        values: values.map(encodeValue),
        reads: READS.map(toPhp),
        grants: GRANTS.map(([id, o]) => [id, toPhp(o)]),
        refreshes: REFRESHES.map(toPhp),
        wrong: WRONG.map(([fn, options]) => ({ fn, options: toPhp(options) })),
        ips: ADDRESSES,
      }),
    );
    const started = performance.now();
    const out = execFileSync(PHP, [...PHP_ARGS, RUNNER, file], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    result = { ...JSON.parse(out), ms: performance.now() - started };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let at = 0;
  result.groups = {};
  for (const [name, group] of Object.entries(GROUPS)) {
    result.groups[name] = group.map((v, i) => ({ v, php: result.results[at + i] }));
    at += group.length;
  }
  return result;
}

/** Fails with the first value and call where PHP and Node differ (values, keys or key order). */
function compare(entries) {
  const seen = { valid: 0, refreshed: 0, values: entries.length };
  const kinds = ['consent_read', 'consent_granted', 'consent_refresh_cookie'];
  const options = [READS, GRANTS, REFRESHES];
  for (const { v, php } of entries) {
    const node = nodeAnswers(v);
    if (node[0][0] !== null) seen.valid++;
    if (node[2].some((c) => c !== null)) seen.refreshed++;
    for (let k = 0; k < 3; k++)
      for (let i = 0; i < node[k].length; i++) {
        const [actual, expected] = [JSON.stringify(php[k][i]), JSON.stringify(node[k][i])];
        if (actual === expected) continue;
        const shown = Buffer.isBuffer(v) ? `bytes ${v.toString('hex')}` : v;
        const where = `${kinds[k]}(${JSON.stringify(shown)}, ${JSON.stringify(toPhp(options[k][i]))})`;
        assert.ok(!php[k][i]?.$throw, `${where} threw: ${php[k][i]?.message}`);
        assert.deepEqual(php[k][i], node[k][i], where);
        assert.equal(actual, expected, `${where}: the order`);
      }
  }
  return seen;
}

describe('consent.php answers as consent-banner/server does, for every value (one php process)', () => {
  test('php is installed', (t) => {
    requirePhp();
    const { version, extensions, ms } = batch();
    t.diagnostic(
      `PHP ${version} (-n: ${extensions.join(', ')}); the batch took ${Math.round(ms)} ms`,
    );
    assert.equal(version, PHP_VERSION);
    const [major, minor] = version.split('.').map(Number);
    assert.ok(major > 7 || (major === 7 && minor >= 4), 'consent.php needs PHP 7.4 or later');
  });

  for (const name of Object.keys(GROUPS)) {
    test(name, (t) => {
      const seen = compare(batch().groups[name]);
      t.diagnostic(
        `${seen.values} values: ${seen.valid} valid choices, ${seen.refreshed} refreshed with some option set`,
      );
      if (name.startsWith('valid') || name.startsWith('values captured'))
        assert.equal(seen.valid, seen.values, 'each one is a valid choice');
      if (name.startsWith('invalid')) assert.equal(seen.valid, 0);
      if (name.startsWith('every') || /generated/.test(name)) {
        assert.ok(seen.valid > 100, `some are still valid: ${seen.valid}`);
        assert.ok(seen.valid < seen.values / 2, `most are not: ${seen.valid}`);
      }
    });
  }

  test('the fixtures read as the page itself reported them, and are re-issued as they came', () => {
    const { groups } = batch();
    const php = groups['values captured from a real browser (fixtures.json)'];
    fixtures.cases.forEach((c, i) => {
      assert.equal(php[i].v, c.value);
      assert.deepEqual(php[i].php[0][0], c.state, c.name);
      const refreshed =
        php[i].php[2][REFRESHES.findIndex((o) => o.now.php === FIXTURE_REF && !o.revision)];
      assert.equal(
        refreshed,
        `consent=${c.value}; Path=/; SameSite=Lax; Max-Age=${Date.parse(c.state.decidedAt) / 1000 + 182 * DAY - FIXTURE_REF}; Secure`,
      );
    });
  });

  test('the README example: the state, granted categories, the refreshed cookie', () => {
    const { php } = batch().groups['valid values written by hand in the banner format'][0];
    assert.deepEqual(php[0][0], {
      decided: true,
      categories: { necessary: true, logs: true, preferences: false, analytics: true },
      granted: ['necessary', 'logs', 'analytics'],
      denied: ['preferences'],
      revision: 3,
      id: ID,
      decidedAt: '2025-11-22T08:26:40.000Z',
      method: 'custom',
    });
    assert.deepEqual(
      GRANTS.map(([id], i) => [id, php[1][i]])
        .filter(([, on], i) => on && i % 2 === 0)
        .map(([id]) => id),
      ['necessary', 'logs', 'analytics'],
    );
    assert.equal(
      php[2][1],
      `consent=${README_VALUE}; Path=/; SameSite=Lax; Max-Age=${172 * DAY - 5}; Secure`,
    );
  });

  test('wrong options throw a TypeError saying what is wrong, as in Node', () => {
    const { wrong } = batch();
    WRONG.forEach(([fn, options, phpMessage], i) => {
      const what = `${fn} ${JSON.stringify(toPhp(options))}`;
      const node = answer(() => NODE_FUNCTIONS[fn](toNode(options)));
      assert.equal(node.$throw, 'TypeError', `Node: ${what}`);
      assert.equal(wrong[i]?.$throw, 'TypeError', `PHP: ${what}: ${JSON.stringify(wrong[i])}`);
      if (phpMessage) assert.match(wrong[i].message, phpMessage, what);
      else
        assert.equal(
          wrong[i].message,
          node.message.replace(/^consent-banner\/server: /, 'consent-banner/consent.php: '),
          what,
        );
    });
  });

  test('the demo writes addresses as Node normalizeIp / anonymizeIp do', () => {
    const { ips } = batch();
    ADDRESSES.forEach((address, i) =>
      assert.deepEqual(ips[i], [normalizeIp(address), anonymizeIp(address)], address),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// php -S: PHP's own cookie parsing, and the demo
// ---------------------------------------------------------------------------------------------

/** A port that was free a moment ago. */
async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `php -S` with `args`; resolves once it accepts a connection (polled). */
async function phpServer(t, args, env = {}) {
  const port = await freePort();
  const child = spawn(PHP, [...SERVER_ARGS, '-S', `127.0.0.1:${port}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  t.after(() => child.kill());
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) assert.fail(`php -S exited (${child.exitCode}): ${output}`);
    const up = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return { origin: `http://127.0.0.1:${port}`, output: () => output };
    if (Date.now() > deadline) assert.fail(`php -S did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A GET of `path` as it is (no URL escaping) with these raw headers (latin1 bytes as they are). */
const request = (origin, path, headers = {}) =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(origin);
    get({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });

describe("PHP's own cookie parsing ($_COOKIE), through php -S and real Cookie headers", () => {
  const V = README_VALUE;
  const OTHER = `1.3.necessary.logs~preferences~analytics.ZZZZZZZZZZ.${AT}.r`;
  const SENT_AT = AT + 5 * DAY;
  const many = Array.from({ length: 1000 }, (_, i) => `c${i}=v`).join('; ');
  // [name, Cookie header, and where PHP differs from the browser (js-cookie) and Node: the value
  // PHP reads instead (null: no choice), and why]. Every such header is one the banner never
  // writes; all but one make PHP see no choice where the browser sees one.
  const CASES = [
    ['the banner cookie alone', `consent=${V}`],
    ['among other cookies', `lang=th; consent=${V}; _ga=GA1.1.123.456`],
    ['no spaces around ";"', `a=1;consent=${V};b=2`],
    ['the first of two counts', `consent=${V}; consent=${OTHER}`],
    ['the first of two counts (the other way round)', `consent=${OTHER}; consent=${V}`],
    ['a first one that is garbage', `consent=garbage; consent=${V}`],
    ['a first one that is empty', `consent=; consent=${V}`],
    ['a nameless cookie "consent" first', `consent; consent=${V}`],
    ['a percent-encoded value', `consent=${V.replaceAll('~', '%7E')}`],
    ['"=" inside another cookie', `token=a=b=c; consent=${V}`],
    ['another name (case counts)', `Consent=${V}`],
    ['"+" where "~" belongs', `consent=${V.replaceAll('~', '+')}`],
    ['garbage', 'consent=garbage'],
    ['only separators', ';;; ; = ;=;'],
    ['10 KB of separators', ';'.repeat(10_240)],
    [
      'latin1 bytes',
      `consent=${Buffer.from(BYTES[3])
        .toString('latin1')
        .replace(/[^\x20-\x3a\x3c-\x7e\x80-\xff]/g, '')}`,
    ],
    ['consent[x]=... alone: an array, no choice', `consent[x]=${V}`],
    ['a trailing "%"', `consent=${V}%`],
    [
      'consent[x]=... before the cookie',
      `consent[x]=1; consent=${V}`,
      null,
      'a name with [...] makes $_COOKIE["consent"] an array',
    ],
    [
      'consent[x]=... after the cookie',
      `consent=${V}; consent[x]=1`,
      null,
      'a later consent[...] turns the first value into an array too',
    ],
    ['a value in double quotes', `consent="${V}"`, null, 'PHP keeps the quotes'],
    [
      'a first one that cannot be percent-decoded',
      `consent=%E0%A4%A; consent=${V}`,
      null,
      'PHP decodes it to bytes and keeps the first; js-cookie skips it and takes the next',
    ],
    [
      'a percent-encoded name',
      `%63onsent=${V}`,
      null,
      'PHP does not decode cookie names; js-cookie does',
    ],
    [
      'a percent-encoded name before the cookie',
      `%63onsent=garbage; consent=${V}`,
      V,
      'for js-cookie the first "consent" is garbage; PHP sees only the second',
    ],
    [
      'white space around the name',
      `  consent = ${V}  ;`,
      null,
      'PHP makes the name "consent_"; a browser never sends such a name',
    ],
    [
      'after 1,000 other cookies',
      `${many}; consent=${V}`,
      null,
      'PHP takes at most max_input_vars (1,000) cookies; a browser keeps at most a few hundred',
    ],
  ];

  test('each header: PHP reads what the browser reads, or the documented difference', async (t) => {
    requirePhp();
    const server = await phpServer(t, [ROUTER]);
    for (const [name, cookie, differs, why] of CASES) {
      const res = await request(server.origin, '/', { cookie, 'x-now': String(SENT_AT) });
      assert.equal(res.status, 200, `${name}: ${res.body}`);
      const php = JSON.parse(res.body);
      const node = JSON.parse(JSON.stringify(readConsent(cookie)));
      const now = new Date(SENT_AT * 1000);
      if (differs === undefined) {
        assert.deepEqual(php.state, node, name);
        assert.equal(php.logs, isGranted(cookie, 'logs'), name);
        assert.equal(res.headers['set-cookie']?.[0] ?? null, refreshCookie(cookie, { now }), name);
      } else {
        // What the browser (and Node) reads, and what PHP reads instead.
        const expected = differs === null ? null : readConsent(`consent=${differs}`);
        assert.notDeepEqual(
          node,
          JSON.parse(JSON.stringify(expected)),
          `${name}: not a difference`,
        );
        assert.deepEqual(php.state, JSON.parse(JSON.stringify(expected)), `${name}: ${why}`);
      }
      assert.equal(php.sent, res.headers['set-cookie'] !== undefined, name);
    }
    assert.match(server.output(), /Input variables exceeded 1000/);
  });

  test('a cookie-name with "." is $_COOKIE["a_b"] in PHP ("." and " " become "_")', async (t) => {
    requirePhp();
    const server = await phpServer(t, [ROUTER]);
    const res = await request(server.origin, '/', {
      cookie: `sso.consent=${V}; x y=1; a_b=2`,
      'x-cookie-name': 'sso_consent',
    });
    const php = JSON.parse(res.body);
    assert.deepEqual(php.names, ['sso_consent', 'x_y', 'a_b']);
    assert.deepEqual(php.state, JSON.parse(JSON.stringify(readConsent(`consent=${V}`))));
    assert.deepEqual(
      readConsent(`sso.consent=${V}`, { cookieName: 'sso.consent' }),
      readConsent(`consent=${V}`),
    );
  });

  test('consent_send_refresh sends the Set-Cookie header Node would', async (t) => {
    requirePhp();
    const server = await phpServer(t, [ROUTER]);
    const now = Math.floor(Date.now() / 1000);
    const recent = `1.3.necessary~logs.preferences~analytics.${ID}.${now - 60}.c`;
    const res = await request(server.origin, '/', {
      cookie: `consent=${recent}`,
      'x-now': String(now),
    });
    assert.deepEqual(res.headers['set-cookie'], [
      refreshCookie(`consent=${recent}`, { now: new Date(now * 1000) }),
    ]);
    assert.equal(
      res.headers['set-cookie'][0],
      `consent=${recent}; Path=/; SameSite=Lax; Max-Age=${182 * DAY - 60}; Secure`,
    );
    const none = await request(server.origin, '/', { cookie: 'consent=garbage' });
    assert.equal(none.headers['set-cookie'], undefined);
    // Once the page has begun, nothing can be sent: false, and no warning.
    const late = await request(server.origin, '/?late=1', { cookie: `consent=${recent}` });
    assert.equal(late.status, 200, late.body);
    assert.equal(late.headers['set-cookie'], undefined);
    assert.deepEqual(
      [JSON.parse(late.body).sent, JSON.parse(late.body).headersSent],
      [false, true],
    );
  });
});

describe('the PHP demo (demo/php/), through php -S', () => {
  test('logs the full address and time with logs granted, an anonymised line otherwise', async (t) => {
    requirePhp();
    const dir = mkdtempSync(join(tmpdir(), 'consent-php-demo-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const log = join(dir, 'access.log');
    const server = await phpServer(t, ['demo/php/index.php'], { LOG: log });
    const at = Math.floor(Date.now() / 1000) - 60;
    const granted = `consent=1.1.necessary~logs~analytics.preferences.${ID}.${at}.c`;
    const declined = `consent=1.1.necessary.logs~preferences~analytics.${ID}.${at}.r`;
    const old = `consent=1.0.necessary~logs~analytics.preferences.${ID}.${at}.c`; // revision 0
    const before = Math.floor(Date.now() / 1000);
    const pages = {
      '/granted?q="1"': granted,
      '/declined': declined,
      '/none': undefined,
      '/old': old,
    };
    const responses = {};
    for (const [path, cookie] of Object.entries(pages))
      responses[path] = await request(server.origin, path, cookie ? { cookie } : {});
    // The built script is not a page: php -S serves it, and the demo logs nothing. php -S takes
    // one request at a time, so the next page's line comes right after the last one.
    await request(server.origin, '/dist/consent-banner.iife.js');
    await request(server.origin, '/last');
    const after = Math.floor(Date.now() / 1000);

    assert.match(
      responses['/granted?q="1"'].body,
      /Granted: necessary, logs, analytics\.\s+This request was logged in full\./,
    );
    assert.match(
      responses['/declined'].body,
      /Granted: necessary\.\s+This request was logged with the address anonymised/,
    );
    assert.match(responses['/none'].body, /No choice yet\./);
    assert.match(responses['/old'].body, /No choice yet\./);
    for (const [path, cookie] of [
      ['/granted?q="1"', granted],
      ['/declined', declined],
    ]) {
      const [sent] = responses[path].headers['set-cookie'] ?? [];
      assert.match(sent ?? '', /^consent=[^;]+; Path=\/; SameSite=Lax; Max-Age=\d+$/, path);
      assert.equal(sent.split('; ')[0], cookie, 'the very value the banner wrote');
      const maxAge = Number(/Max-Age=(\d+)/.exec(sent)[1]);
      assert.ok(
        maxAge <= 182 * DAY - (before - at) && maxAge >= 182 * DAY - (after - at),
        `${maxAge}`,
      );
    }
    for (const path of ['/none', '/old'])
      assert.equal(responses[path].headers['set-cookie'], undefined);

    // The lines appear once each response is done: polled, never waited for blindly.
    const deadline = Date.now() + 10_000;
    let lines = [];
    while (!lines.at(-1)?.includes('"GET /last"')) {
      if (Date.now() > deadline) assert.fail(`only these lines:\n${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
    }
    assert.equal(lines.length, 5, lines.join('\n'));
    lines.pop();
    const paths = Object.keys(pages);
    lines.forEach((line, i) => {
      // The very line Node's logLine writes for the same request, at the time PHP logged.
      const time = /^\S+ \[(\S+)\]/.exec(line)?.[1] ?? '';
      const request = {
        headers: { cookie: pages[paths[i]] },
        socket: { remoteAddress: '127.0.0.1' },
        method: 'GET',
        url: paths[i],
      };
      const when = time.length === 10 ? new Date(`${time}T12:00:00Z`) : new Date(time);
      assert.equal(line, logLine(request, { statusCode: 200 }, { revision: 1, time: when }));
    });
    assert.match(
      lines[0],
      /^127\.0\.0\.1 \[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\] "GET \/granted\?q=\\x221\\x22" 200 logs=1$/,
    );
    assert.match(lines[1], /^127\.0\.0\.0 \[\d{4}-\d\d-\d\d\] "GET \/declined" 200 logs=0$/);
    const logged = Date.parse(/\[(\S+)\]/.exec(lines[0])[1]) / 1000;
    assert.ok(logged >= before && logged <= after, 'the time of the request');
  });
});
