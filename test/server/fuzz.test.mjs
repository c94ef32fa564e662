// Property-based tests (fast-check) of the consent cookie as the BUILT dist/server.js reads it,
// through the package's own `consent-banner/server` export, as the other test/server files do.
// Every property runs a fixed number of times from one fixed seed, so a run repeats exactly;
// a failure prints the seed and the path that reproduce its counterexample.
//
// The codec itself is not exported from dist/server.js, so the format is generated and checked
// from docs/reference/cookie.md (the `expected*` helpers below are that description, written out):
// `readConsent` must read every value exactly as that description says, or not at all.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import Cookies from 'js-cookie';
import { isGranted, readConsent } from 'consent-banner/server';

/** One seed for every property (fast-check's `seed`), and the number of runs of each. */
const SEED = 20261202;
const RUNS = {
  roundTrip: 5_000,
  /** Random strings: this many from each of the four generators, 100,000 in all. */
  randomPerGenerator: 25_000,
  mutations: 20_000,
  agreement: 15_000,
  /** The same with other cookie names. */
  agreementNames: 10_000,
  work: 150,
};
/** decidedAt is generated up to here (2025-12-01T00:00:00Z): fixed, so that a seed repeats. */
const TIME_MIN = 946_684_800; // 2000-01-01
const TIME_MAX = 1_764_547_200;
/** docs/reference/cookie.md: longer values are not records. */
const MAX_VALUE_LENGTH = 1024;

const BUILT_IN = ['necessary', 'logs', 'preferences', 'analytics'];
const METHODS = { a: 'accept-all', r: 'reject-all', c: 'custom', g: 'gpc', p: 'api' };
const LETTERS = Object.fromEntries(Object.entries(METHODS).map(([l, m]) => [m, l]));
const ID = 'Qm9vX3JhbmRvbV9pZA';
const AT = 1763800000;
const README_VALUE = `1.3.necessary~logs~analytics.preferences.${ID}.${AT}.c`;

const params = (numRuns) => ({ seed: SEED, numRuns });
const nowSeconds = () => Math.floor(Date.now() / 1000);

// ---------------------------------------------------------------------------------------------
// The format, from docs/reference/cookie.md
// ---------------------------------------------------------------------------------------------

/** A category id: `[a-z][a-z0-9_-]*` (docs/guide/configuration.md), at most 40 long as the configuration accepts. */
const isCategoryId = (id) => /^[a-z][a-z0-9_-]*$/.test(id) && id.length <= 40;
/** A whole number written as `String(n)` would write it (no sign, no leading zero). */
const canonical = (text, max) => /^(0|[1-9][0-9]*)$/.test(text) && Number(text) <= max;

/**
 * The record a value stands for, by docs/reference/cookie.md, or null. `decidedAt` may be up to a
 * day ahead of this machine's clock (a visitor's clock may run fast); it must be at least 1.
 */
function expectedRecord(value) {
  if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) return null;
  const fields = value.split('.');
  if (fields.length !== 7) return null;
  const [version, revision, granted, denied, id, decidedAt, letter] = fields;
  const list = (text) => (text === '' ? [] : text.split('~'));
  const g = list(granted);
  const d = list(denied);
  const named = [...g, ...d];
  if (version !== '1' || !canonical(revision, 999_999_999)) return null;
  if (!named.every(isCategoryId) || new Set(named).size !== named.length) return null;
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) return null;
  if (!canonical(decidedAt, nowSeconds() + 86_400) || decidedAt === '0') return null;
  if (!Object.hasOwn(METHODS, letter)) return null;
  return {
    revision: Number(revision),
    granted: g,
    denied: d,
    id,
    decidedAt: Number(decidedAt),
    method: METHODS[letter],
  };
}

/**
 * The state (`el.consent`) a value stands for, or null. The categories are the site's list when
 * given (docs/server/node.md: `siteCategories`, with `necessary`), otherwise those the record names:
 * the built-in ones in the banner's display order (docs/guide/categories.md), then the others in the
 * order the record names them. `necessary` must be granted; with a site list the record must
 * name exactly its categories.
 */
function expectedState(value, siteCategories) {
  const record = expectedRecord(value);
  if (!record) return null;
  const named = [...record.granted, ...record.denied];
  const order = siteCategories
    ? ['necessary', ...siteCategories.filter((id) => id !== 'necessary')]
    : [
        ...BUILT_IN.filter((id) => id === 'necessary' || named.includes(id)),
        ...named.filter((id) => !BUILT_IN.includes(id)),
      ];
  if (!record.granted.includes('necessary')) return null;
  if (named.length !== order.length || !named.every((id) => order.includes(id))) return null;
  const categories = {};
  for (const id of order) categories[id] = record.granted.includes(id);
  return {
    decided: true,
    categories,
    granted: order.filter((id) => categories[id]),
    denied: order.filter((id) => !categories[id]),
    revision: record.revision,
    id: record.id,
    decidedAt: new Date(record.decidedAt * 1000).toISOString(),
    method: record.method,
  };
}

/** The value a state would be written as (docs/reference/cookie.md), in the state's own order. */
const encodeState = (s) =>
  [
    1,
    s.revision,
    s.granted.join('~'),
    s.denied.join('~'),
    s.id,
    Date.parse(s.decidedAt) / 1000,
    LETTERS[s.method],
  ].join('.');

/**
 * A non-null result must itself be a valid record: written back as a value, it reads as the
 * very same state, it grants `necessary`, and its lists are disjoint and name what it names.
 */
function assertSelfConsistent(state) {
  if (state === null) return;
  const value = encodeState(state);
  assert.ok(value.length <= MAX_VALUE_LENGTH, 'a state longer than a record can be');
  assert.deepEqual(readConsent(`consent=${value}`), state, `re-encoded as ${value}`);
  assert.equal(state.categories.necessary, true);
  assert.deepEqual(
    Object.keys(state.categories),
    Object.keys(state.categories).filter((id) => isCategoryId(id)),
  );
  for (const id of state.granted) assert.equal(state.categories[id], true);
  for (const id of state.denied) assert.equal(state.categories[id], false);
}

// ---------------------------------------------------------------------------------------------
// Reading a Cookie header: docs/explanation/design-decisions.md (js-cookie's rules) and "Node"
// ---------------------------------------------------------------------------------------------

/** Percent-decodes runs of `%XX`, as js-cookie reads values; throws for invalid UTF-8. */
const decodeRuns = (text) => text.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);

/**
 * The value the server takes from a header, by the rules in docs/explanation/design-decisions.md and
 * "Node", which are js-cookie's: pairs split on `;`, the first `=` separates name and value
 * (a pair without one is that name with an empty value), both trimmed, the name decoded with
 * `decodeURIComponent` and the value's `%XX` runs, a quoted value unquoted, the first pair of
 * the name that decodes wins.
 */
function headerValue(header, name = 'consent') {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    try {
      if (decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).trim()) !== name) continue;
      const raw = eq < 0 ? '' : pair.slice(eq + 1).trim();
      return decodeRuns(raw[0] === '"' ? raw.slice(1, -1) : raw);
    } catch {
      // undecodable: the next one
    }
  }
  return undefined;
}

/**
 * What the banner reads in a browser whose `document.cookie` is `jar`: js-cookie's own
 * `Cookies.get`, given a stand-in `document`. js-cookie reads nothing of the document but its
 * `cookie` string (node_modules/js-cookie/dist/js.cookie.mjs), so for a string a browser could
 * expose this is exactly what the page reads.
 */
function browserValue(jar, name = 'consent') {
  globalThis.document = { cookie: jar };
  try {
    return Cookies.get(name);
  } finally {
    delete globalThis.document;
  }
}

/**
 * The Cookie header a browser sends for `jar` (the same cookies, serialised the same way), as
 * Node hands it to a server: UTF-8 bytes read as latin1.
 */
const headerFor = (jar) => Buffer.from(jar, 'utf8').toString('latin1');

/** Calls `fn`; fails with `what` when it throws. */
function noThrow(fn, what) {
  try {
    return fn();
  } catch (error) {
    assert.fail(`threw for ${JSON.stringify(what)}: ${error}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const categoryId = fc.oneof(
  fc.constantFrom('logs', 'preferences', 'analytics', 'marketing', 'a', 'z'.repeat(40)),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,39}$/, { size: 'large' }),
);
const consentId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/, { size: 'large' }),
  fc.constantFrom('a_b-c_d-', 'Z'.repeat(64), ID),
);

/**
 * A valid record as the README describes it: version 1, revision 0…999999999, `necessary`
 * granted, disjoint lists of other ids in any order, an id, a past time, a method letter;
 * `siteOrder` is a display order the site's banner might have for the ids it names.
 */
const recordArb = fc
  .record({
    revision: fc.oneof(fc.integer({ min: 0, max: 999_999_999 }), fc.constantFrom(0, 999_999_999)),
    others: fc
      .uniqueArray(categoryId, { maxLength: 12 })
      .map((ids) => ids.filter((id) => id !== 'necessary')),
    grantedMask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    necessaryAt: fc.nat(12),
    sortKeys: fc.array(fc.integer(), { minLength: 13, maxLength: 13 }),
    id: consentId,
    decidedAt: fc.oneof(
      fc.integer({ min: TIME_MIN, max: TIME_MAX }),
      fc.constantFrom(TIME_MIN, TIME_MAX),
    ),
    letter: fc.constantFrom('a', 'r', 'c', 'g', 'p'),
  })
  .map(({ others, grantedMask, necessaryAt, sortKeys, ...rest }) => {
    const granted = others.filter((_, i) => grantedMask[i]);
    const denied = others.filter((_, i) => !grantedMask[i]);
    granted.splice(necessaryAt % (granted.length + 1), 0, 'necessary');
    // The site's order: built-in ones first (docs/guide/categories.md), its own in some order.
    const key = (id) => sortKeys[others.indexOf(id) + 1];
    const siteOrder = [
      ...BUILT_IN.filter((id) => id === 'necessary' || others.includes(id)),
      ...others.filter((id) => !BUILT_IN.includes(id)).sort((x, y) => key(x) - key(y)),
    ];
    const value = [1, rest.revision, granted.join('~'), denied.join('~'), rest.id]
      .concat([rest.decidedAt, rest.letter])
      .join('.');
    return { ...rest, granted, denied, siteOrder, value };
  });

/** Characters a value may be made of, and pieces of records, for strings that look like one. */
const PIECES = [
  ...'1.~.~.0123456789abcz_-"%; =',
  'consent',
  'consent=',
  '; ',
  'necessary',
  'logs',
  'analytics',
  'preferences',
  ID,
  String(AT),
  '%7E',
  '%2E',
  '%7e',
  '%E0',
  '%A4',
  '%63',
  '%',
  '\t',
  '\u00a0',
  '\u0e20',
];
const recordish = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40, size: 'large' }).map((p) => p.join('')),
  // a real value with pieces spliced in
  fc
    .tuple(
      recordArb,
      fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...PIECES)), { maxLength: 4 }),
    )
    .map(([{ value }, edits]) => {
      let v = value;
      for (const [at, cut, piece] of edits) {
        const i = at % (v.length + 1);
        v = v.slice(0, i) + piece + v.slice(i + cut);
      }
      return v;
    }),
);

/** The four generators of random strings. */
const GENERATORS = {
  binary: fc.string({ unit: 'binary', maxLength: 300, size: 'medium' }),
  unicode: fc.string({ unit: 'grapheme', maxLength: 200, size: 'medium' }),
  ascii: fc.string({ unit: 'binary-ascii', maxLength: 300, size: 'medium' }),
  recordish,
};

// ---------------------------------------------------------------------------------------------
// 1. Round trip
// ---------------------------------------------------------------------------------------------

describe('property 1: every valid record is read back as written (docs/reference/cookie.md)', () => {
  test('encode → readConsent gives the same fields, lists in the banner order', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.roundTrip} runs`);
    assert.ok(TIME_MAX <= nowSeconds(), "this machine's clock is before the generated times");
    const seen = { sites: 0, withoutLogs: 0 };
    fc.assert(
      fc.property(recordArb, (r) => {
        assert.ok(r.value.length <= MAX_VALUE_LENGTH);
        // Every character needs no encoding (docs/reference/cookie.md).
        assert.equal(encodeURIComponent(r.value), r.value);
        const state = readConsent(`consent=${r.value}`);
        const named = [...r.granted, ...r.denied];
        const order = [
          ...BUILT_IN.filter((id) => named.includes(id)),
          ...named.filter((id) => !BUILT_IN.includes(id)),
        ];
        assert.deepEqual(state, {
          decided: true,
          categories: Object.fromEntries(order.map((id) => [id, r.granted.includes(id)])),
          granted: order.filter((id) => r.granted.includes(id)),
          denied: order.filter((id) => r.denied.includes(id)),
          revision: r.revision,
          id: r.id,
          decidedAt: new Date(r.decidedAt * 1000).toISOString(),
          method: METHODS[r.letter],
        });
        assert.deepEqual(new Set(state.granted), new Set(r.granted));
        assert.deepEqual(new Set(state.denied), new Set(r.denied));
        assert.deepEqual(readConsent(`lang=th; consent=${r.value}; _ga=GA1.1.2.3`), state);
        assert.deepEqual(readConsent(`consent=${r.value}`, { revision: r.revision }), state);
        if (r.revision < 999_999_999)
          assert.equal(readConsent(`consent=${r.value}`, { revision: r.revision + 1 }), null);
        for (const id of named)
          assert.equal(isGranted(`consent=${r.value}`, id), r.granted.includes(id));
        // With the site's list, exactly the site's display order; without `logs` named, no choice.
        const site = { siteCategories: r.siteOrder };
        if (r.siteOrder.includes('logs')) {
          seen.sites++;
          const own = readConsent(`consent=${r.value}`, site);
          assert.deepEqual(
            own.granted,
            r.siteOrder.filter((id) => r.granted.includes(id)),
          );
          assert.deepEqual(
            own.denied,
            r.siteOrder.filter((id) => r.denied.includes(id)),
          );
          assert.deepEqual(Object.keys(own.categories), r.siteOrder);
          const more = readConsent(`consent=${r.value}`, {
            siteCategories: [...r.siteOrder, 'zz-extra'],
          });
          assert.equal(more, null);
        } else seen.withoutLogs++;
      }),
      params(RUNS.roundTrip),
    );
    t.diagnostic(`with siteCategories: ${seen.sites}; records without logs: ${seen.withoutLogs}`);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Random strings and mutations of real values
// ---------------------------------------------------------------------------------------------

describe('property 2: no input throws or grants more than a valid record says', () => {
  /** The checks for one string `s`, as the value and as the whole header. */
  function check(s, stats) {
    const headers = [s, `consent=${s}`, `consent=${s}; consent=${README_VALUE}`];
    for (const header of headers) {
      const state = noThrow(() => readConsent(header), header);
      noThrow(() => readConsent(header, { revision: 0, siteCategories: BUILT_IN }), header);
      noThrow(() => isGranted(header, 'logs'), header);
      // What the header says by README's rules, and only that.
      assert.deepEqual(state, expectedState(headerValue(header)), JSON.stringify(header));
      assertSelfConsistent(state);
      if (state && header !== headers[2]) stats.valid++;
    }
  }

  for (const [name, arb] of Object.entries(GENERATORS)) {
    test(`${RUNS.randomPerGenerator} random strings (${name})`, (t) => {
      t.diagnostic(`seed ${SEED}, ${RUNS.randomPerGenerator} runs (${name})`);
      const stats = { valid: 0 };
      fc.assert(
        fc.property(arb, (s) => check(s, stats)),
        params(RUNS.randomPerGenerator),
      );
      t.diagnostic(`headers that read as a valid record: ${stats.valid}`);
    });
  }

  /** Changes to a real value `v`: `same` reads as `v` does, `none` as no choice, `any` by README. */
  const percentEscape = (v, mask, lower) =>
    [...v]
      .map((c, i) => {
        if (!mask[i % mask.length]) return c;
        const hex = c.charCodeAt(0).toString(16).padStart(2, '0');
        return `%${lower ? hex : hex.toUpperCase()}`;
      })
      .join('');
  const fieldsOf = (v) => v.split('.');
  const mutation = fc.oneof(
    // --- reads as the original ---
    fc
      .tuple(fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }), fc.boolean())
      .map(([mask, lower]) => ({
        kind: 'same',
        name: 'percent-escaped characters',
        apply: (v) => `consent=${percentEscape(v, mask, lower)}`,
      })),
    fc.constant({ kind: 'same', name: 'in quotes', apply: (v) => `consent="${v}"` }),
    fc.constant({ kind: 'same', name: 'escaped name', apply: (v) => `%63onsent=${v}` }),
    fc.constantFrom(' ', '  ', '\t', ' \t ').map((w) => ({
      kind: 'same',
      name: 'white space around',
      apply: (v) => `${w}consent${w}=${w}${v}${w};${w}`,
    })),
    fc
      .constantFrom('consent=garbage', `consent=${README_VALUE}`, 'consent=', 'consent=%E0%A4%A')
      .map((later) => ({
        kind: 'same',
        name: 'a second consent cookie after it',
        apply: (v) => `consent=${v}; ${later}`,
      })),
    fc
      .constantFrom('consent=%E0%A4%A', 'cons%E0nt=x', 'consent=%E0', '%ZZ=1', 'a=b=c')
      .map((before) => ({
        kind: 'same',
        name: 'an undecodable or other cookie before it',
        apply: (v) => `${before}; consent=${v}`,
      })),
    // --- reads as no choice ---
    fc.nat().map((n) => ({
      kind: 'none',
      name: 'truncated (a prefix)',
      apply: (v) => `consent=${v.slice(0, n % v.length)}`,
    })),
    fc.nat().map((n) => ({
      kind: 'none',
      name: 'truncated (a suffix)',
      apply: (v) => `consent=${v.slice(1 + (n % v.length))}`,
    })),
    fc.nat(6).map((i) => ({
      kind: 'none',
      name: 'a field duplicated',
      apply: (v) => {
        const f = fieldsOf(v);
        f.splice(i, 0, f[i]);
        return `consent=${f.join('.')}`;
      },
    })),
    fc.constantFrom('.x', '.', '.1', '.a').map((extra) => ({
      kind: 'none',
      name: 'an extra field',
      apply: (v) => `consent=${v}${extra}`,
    })),
    fc.integer({ min: 65, max: 5000 }).map((n) => ({
      kind: 'none',
      name: 'a huge id',
      apply: (v) => {
        const f = fieldsOf(v);
        f[4] = f[4].repeat(Math.ceil(n / f[4].length));
        return `consent=${f.join('.')}`;
      },
    })),
    fc
      .tuple(fc.nat(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }))
      .filter(([, u]) => [...u].some((c) => c.charCodeAt(0) > 0x7f) && !/[;\s]/.test(u))
      .map(([n, u]) => ({
        kind: 'none',
        name: 'unicode inside',
        apply: (v) => {
          const i = n % (v.length + 1);
          return `consent=${v.slice(0, i)}${u}${v.slice(i)}`;
        },
      })),
    fc.tuple(fc.nat(), fc.constantFrom(' ', '\t', '\u00a0', '\u3000', '+')).map(([n, w]) => ({
      kind: 'none',
      name: 'white space or + inside',
      apply: (v) => {
        const i = 1 + (n % (v.length - 1));
        return `consent=${v.slice(0, i)}${w}${v.slice(i)}`;
      },
    })),
    fc
      .tuple(fc.nat(), fc.constantFrom('%E0%A4%A', '%E0%A4', '%C0%80', '%D8%00', '%ED%A0%80'))
      .map(([n, bad]) => ({
        kind: 'none',
        name: 'a bad percent-escape inside',
        apply: (v) => {
          const i = n % (v.length + 1);
          return `consent=${v.slice(0, i)}${bad}${v.slice(i)}`;
        },
      })),
    fc.constantFrom('"', "'").map((q) => ({
      kind: 'none',
      name: 'a quote on one side',
      apply: (v) => (q === '"' ? `consent="${v}` : `consent=${v}${q}`),
    })),
    fc.integer({ min: 1, max: 60 }).map((n) => ({
      kind: 'none',
      name: 'longer than 1,024 characters (more valid ids)',
      apply: (v) => {
        const f = fieldsOf(v);
        const pad = [];
        for (let i = 0; f.join('.').length + pad.join('~').length <= MAX_VALUE_LENGTH + n; i++)
          pad.push(`x${i}`);
        f[3] = [f[3], ...pad].filter(Boolean).join('~');
        return `consent=${f.join('.')}`;
      },
    })),
    // --- reads as the changed value says (docs/reference/cookie.md) ---
    fc.array(fc.nat(), { minLength: 1, maxLength: 4 }).map((at) => ({
      kind: 'any',
      name: 'separators . and ~ swapped',
      apply: (v) => {
        const chars = [...v];
        const seps = chars.flatMap((c, i) => (c === '.' || c === '~' ? [i] : []));
        for (const n of at) {
          const i = seps[n % seps.length];
          chars[i] = chars[i] === '.' ? '~' : '.';
        }
        return `consent=${chars.join('')}`;
      },
    })),
    fc
      .array(fc.tuple(fc.nat(), fc.nat(2), fc.constantFrom(...'.~1a0_-zA9%')), {
        minLength: 1,
        maxLength: 3,
      })
      .map((edits) => ({
        kind: 'any',
        name: 'characters replaced, inserted, deleted',
        apply: (v) => {
          let s = v;
          for (const [n, cut, c] of edits) {
            const i = n % (s.length + 1);
            s = s.slice(0, i) + (cut === 2 ? '' : c) + s.slice(i + (cut === 0 ? 0 : 1));
          }
          return `consent=${s}`;
        },
      })),
    fc.tuple(fc.nat(6), fc.nat(6)).map(([i, j]) => ({
      kind: 'any',
      name: 'two fields swapped',
      apply: (v) => {
        const f = fieldsOf(v);
        [f[i], f[j]] = [f[j], f[i]];
        return `consent=${f.join('.')}`;
      },
    })),
  );

  test(`${RUNS.mutations} mutations of real values`, (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.mutations} runs`);
    const counts = {};
    let moreGranted = 0;
    fc.assert(
      fc.property(recordArb, mutation, (r, m) => {
        const original = readConsent(`consent=${r.value}`);
        assert.notEqual(original, null);
        const header = m.apply(r.value);
        const state = noThrow(() => readConsent(header), header);
        noThrow(() => isGranted(header, 'analytics', { siteCategories: BUILT_IN }), header);
        counts[m.name] = (counts[m.name] ?? 0) + 1;
        if (m.kind === 'same') assert.deepEqual(state, original, m.name);
        if (m.kind === 'none') assert.equal(state, null, m.name);
        // Never more than the original grants, for what reads the same or as nothing ...
        if (m.kind !== 'any' && state)
          for (const id of state.granted) assert.ok(original.categories[id] === true, id);
        // ... and for any other change, exactly what the changed value says.
        assert.deepEqual(state, expectedState(headerValue(header)), `${m.name}: ${header}`);
        assertSelfConsistent(state);
        if (state && state.granted.some((id) => original.categories[id] !== true)) moreGranted++;
      }),
      params(RUNS.mutations),
    );
    t.diagnostic(`mutations by kind: ${JSON.stringify(counts)}`);
    t.diagnostic(
      `changed values that are valid records granting an id the original did not ` +
        `(the changed text itself says so, e.g. a denied id moved into the granted list): ${moreGranted}`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Server and browser agree
// ---------------------------------------------------------------------------------------------

describe('property 3: readConsent reads what js-cookie reads from document.cookie', () => {
  // A jar as a browser exposes it in `document.cookie` and sends it in the Cookie header:
  // `name=value` pairs joined by "; ", names and values without ";" or control characters and
  // not starting or ending with white space (browsers strip it when a cookie is set), names
  // without "=". A cookie without a name is serialised as its value alone (generated below,
  // in its own property).
  const control = (c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
  const bad = { test: (s) => s.includes(';') || [...s].some(control) || /^[ \t]|[ \t]$/.test(s) };
  const plainText = (unit, maxLength) => fc.string({ unit, maxLength }).filter((s) => !bad.test(s));
  const cookieName = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('consent', '%63onsent', 'cons%65nt', 'consent') },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        'CONSENT',
        'consent_old',
        'xconsent',
        'consent%',
        'cons%E0nt',
        '%ZZconsent',
        'consent%00',
        'lang',
        '_ga',
        'a b',
        'constructor',
        '__proto__',
      ),
    },
    {
      weight: 2,
      arbitrary: plainText('grapheme-ascii', 12).filter((s) => s !== '' && !s.includes('=')),
    },
    { weight: 1, arbitrary: plainText('grapheme', 8).filter((s) => s !== '' && !s.includes('=')) },
  );
  const escapeSome = (v, mask) =>
    [...v]
      .map((c, i) => (mask[i % mask.length] ? `%${c.charCodeAt(0).toString(16).toUpperCase()}` : c))
      .join('');
  const cookieValue = fc.oneof(
    { weight: 5, arbitrary: recordArb.map((r) => r.value) },
    { weight: 2, arbitrary: recordArb.map((r) => `"${r.value}"`) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(recordArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 9 }))
        .map(([r, mask]) => escapeSome(r.value, mask)),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(recordArb, fc.constantFrom('%', '%E0%A4', '%zz', '%E0%A4%A', '"', ' x', '=1'))
        .map(([r, bad]) => `${r.value}${bad}`),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        'garbage',
        '%E0%A4%A',
        '""',
        '"',
        'a=b=c',
        README_VALUE,
        `1.3.necessary~logs.analytics.${ID}.${AT}.r`,
        '%31.3.necessary~logs~analytics.preferences.Qm9vX3JhbmRvbV9pZA.1763800000.c',
      ),
    },
    { weight: 2, arbitrary: plainText('grapheme-ascii', 30) },
    { weight: 1, arbitrary: plainText('grapheme', 20) },
    { weight: 1, arbitrary: recordish.filter((s) => !bad.test(s)) },
  );
  const named = fc.tuple(cookieName, cookieValue).map(([n, v]) => `${n}=${v}`);
  const nameless = cookieValue.filter((v) => v !== '' && !v.includes('='));
  const jarOf = (cookie) =>
    fc.array(cookie, { minLength: 1, maxLength: 6 }).map((c) => c.join('; '));

  const agree = (jar, name) => {
    const browser = expectedState(browserValue(jar, name));
    const server = noThrow(() => readConsent(headerFor(jar), { cookieName: name }), jar);
    assert.deepEqual(server, browser, `document.cookie = ${JSON.stringify(jar)}`);
    return server;
  };

  test('jars of named cookies: several, duplicates, bad escapes, quotes, spaces', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.agreement} runs`);
    const stats = { valid: 0, none: 0 };
    fc.assert(
      fc.property(jarOf(named), (jar) => {
        stats[agree(jar, 'consent') ? 'valid' : 'none']++;
      }),
      params(RUNS.agreement),
    );
    t.diagnostic(`jars read as a choice by both: ${stats.valid}; as none by both: ${stats.none}`);
  });

  // The two properties below found two places where the header reader did not follow
  // js-cookie (docs/explanation/design-decisions.md): "consent; consent=<valid>" (js-cookie reads the
  // nameless cookie as consent="" and stops: no choice), and a raw "%" in a name, which
  // js-cookie cannot decode and skips ("50%off=<valid>; 50%25off=garbage").
  test('jars with nameless cookies (a cookie without a name is sent as its value alone)', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.agreement} runs`);
    const cookie = fc.oneof(named, nameless, fc.constantFrom('consent', '%63onsent', 'Consent'));
    fc.assert(
      fc.property(jarOf(cookie), (jar) => {
        agree(jar, 'consent');
      }),
      params(RUNS.agreement),
    );
  });

  test('cookie names with "%" (a cookie-name token may hold one)', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.agreement} runs`);
    const rename = fc.constantFrom('50%off', '100%', 'a%zz', '%', 'a%2');
    // The banner writes such a name escaped (js-cookie writes "%" as "%25"); others may not.
    const escaped = fc.boolean();
    fc.assert(
      fc.property(jarOf(named), rename, escaped, (jar, name, esc) => {
        const raw = esc ? name.replaceAll('%', '%25') : name;
        agree(jar.replace('consent=', `${raw}=`).replaceAll('consent', name), name);
      }),
      params(RUNS.agreement),
    );
  });

  test('other cookie names the banner accepts (cookie-name tokens)', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.agreementNames} runs`);
    const rename = fc.constantFrom('sso_consent', 'c', 'Consent', 'a.b', "it's", 'x~y', 'a+b');
    fc.assert(
      fc.property(jarOf(named), rename, (jar, name) => {
        agree(jar.replaceAll('consent', name), name);
      }),
      params(RUNS.agreementNames),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Work grows linearly; oversized values are refused before the codec parses them
// ---------------------------------------------------------------------------------------------

describe('property 4: work is linear in the header, and the codec sees at most 1,024 characters', () => {
  // The measure is deterministic, not a clock: during one readConsent call, every string
  // method the reader uses (split, replace, trim, slice, indexOf, includes, startsWith),
  // RegExp.prototype.test and decodeURIComponent are wrapped, and each call adds the length of
  // the string it is given (its `this`, or its argument). Every one of them costs at most a
  // constant per character it is given, so the sum bounds the reader's work up to a constant.
  // The codec's own steps are the splits on "." and "~" and the regular-expression tests: the
  // longest string any of them receives must be at most the limit of docs/reference/cookie.md.
  function measure(header) {
    const methods = ['split', 'replace', 'trim', 'slice', 'indexOf', 'includes', 'startsWith'];
    const saved = methods.map((m) => String.prototype[m]);
    const savedTest = RegExp.prototype.test;
    const savedDecode = globalThis.decodeURIComponent;
    const work = { chars: 0, calls: 0, codecMax: 0 };
    methods.forEach((m, i) => {
      const original = saved[i];
      String.prototype[m] = function (...args) {
        work.chars += this.length;
        work.calls++;
        if (m === 'split' && (args[0] === '.' || args[0] === '~'))
          work.codecMax = Math.max(work.codecMax, this.length);
        return original.apply(this, args);
      };
    });
    RegExp.prototype.test = function (s) {
      work.chars += String(s).length;
      work.calls++;
      work.codecMax = Math.max(work.codecMax, String(s).length);
      return savedTest.call(this, s);
    };
    globalThis.decodeURIComponent = (s) => {
      work.chars += s.length;
      work.calls++;
      return savedDecode(s);
    };
    let state;
    try {
      state = readConsent(header);
    } finally {
      methods.forEach((m, i) => (String.prototype[m] = saved[i]));
      RegExp.prototype.test = savedTest;
      globalThis.decodeURIComponent = savedDecode;
    }
    return { ...work, state };
  }

  /** Headers of (about) `n` characters, each stressing one part of the reader. */
  const SHAPES = {
    'many small cookies, then consent': (n) =>
      `${Array.from({ length: Math.ceil(n / 8) }, (_, i) => `c${String(i % 1000).padStart(3, '0')}=v`).join('; ')}; consent=${README_VALUE}`,
    'one huge value': (n) => `consent=${'a'.repeat(n)}`,
    'one huge quoted value': (n) => `consent="${README_VALUE}${'~x'.repeat(n / 2)}"`,
    'a huge valid-looking value': (n) =>
      `consent=1.0.necessary~logs${Array.from({ length: n / 8 }, (_, i) => `~c${String(i).padStart(6, '0')}`).join('')}..${ID}.${AT}.a`,
    'a huge run of escapes': (n) => `consent=${'%41'.repeat(n / 3)}`,
    'a huge run of bad escapes': (n) => `consent=${'%E0'.repeat(n / 3)}`,
    'escapes and dots': (n) => `consent=${'%7E.'.repeat(n / 4)}`,
    'a huge name': (n) => `${'n'.repeat(n)}=1; consent=${README_VALUE}`,
    'a huge escaped name': (n) => `${'%6E'.repeat(n / 3)}=1; consent=${README_VALUE}`,
    'only separators': (n) => ';'.repeat(n),
    'only equals signs': (n) => `consent=${'='.repeat(n)}`,
    'undecodable consent cookies': (n) => 'consent=%E0; '.repeat(n / 13),
    'white space': (n) => `consent=${' '.repeat(n)}${README_VALUE}${' '.repeat(n)}`,
  };

  test('a 10 MB value is no choice, and the codec never sees more than 1,024 characters', (t) => {
    const header = `consent=${README_VALUE}${'~x'.repeat(5 * 1024 * 1024)}`;
    const w = measure(header);
    t.diagnostic(
      `10 MB value: ${w.chars} characters seen in ${w.calls} calls; codec saw ${w.codecMax}`,
    );
    assert.equal(w.state, null);
    assert.ok(w.codecMax <= MAX_VALUE_LENGTH, `the codec was given ${w.codecMax} characters`);
    assert.ok(w.chars <= 12 * header.length, `${w.chars} characters of work`);
    // A value of exactly the limit is still parsed: the limit is the reason, nothing else.
    const head = `1.0.necessary~logs~`;
    const tail = `..${ID}.${AT}.a`;
    let ids = '';
    for (let i = 0; head.length + ids.length + tail.length + 40 < MAX_VALUE_LENGTH; i++)
      ids += `c${String(i).padStart(4, '0')}~`;
    const atLimit = `${head}${ids}${'z'.repeat(MAX_VALUE_LENGTH - head.length - ids.length - tail.length)}${tail}`;
    assert.equal(atLimit.length, MAX_VALUE_LENGTH);
    const w2 = measure(`consent=${atLimit}`);
    assert.notEqual(w2.state, null);
    assert.equal(w2.codecMax, MAX_VALUE_LENGTH);
    assert.equal(measure(`consent=${atLimit.replace('z', 'zz')}`).state, null);
  });

  test('work for 2n characters is at most twice the work for n (plus a constant)', (t) => {
    t.diagnostic(`seed ${SEED}, ${RUNS.work} runs`);
    let worst = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(SHAPES)),
        fc.integer({ min: 2_000, max: 60_000 }),
        (shape, size) => {
          const n = size - (size % 24); // a multiple of every step a shape repeats by
          const [short, long] = [SHAPES[shape](n), SHAPES[shape](2 * n)];
          const small = measure(short);
          const large = measure(long);
          const length = long.length;
          assert.ok(length <= 2 * short.length + 64, `${shape}: not twice as long`);
          assert.ok(small.codecMax <= MAX_VALUE_LENGTH, `${shape}: codec saw ${small.codecMax}`);
          assert.ok(large.codecMax <= MAX_VALUE_LENGTH, `${shape}: codec saw ${large.codecMax}`);
          assert.ok(
            large.chars <= 2 * small.chars + 4 * MAX_VALUE_LENGTH,
            `${shape}: ${small.chars} for ${n}, ${large.chars} for ${2 * n}`,
          );
          assert.ok(large.chars <= 12 * length + 4 * MAX_VALUE_LENGTH, `${shape}: ${large.chars}`);
          worst = Math.max(worst, large.chars / length);
        },
      ),
      params(RUNS.work),
    );
    t.diagnostic(`most characters of work per character of header: ${worst.toFixed(2)}`);
  });
});
