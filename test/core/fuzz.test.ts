// Property-based tests (fast-check) of the codec itself and of the header reader against
// js-cookie on the browser's real `document.cookie`. Fixed seed and run counts, so a run
// repeats; test/server/fuzz.test.mjs fuzzes the built server reader in Node.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import Cookies from 'js-cookie';
import { decodeRecord, encodeRecord, FORMAT_VERSION } from '../../src/core/codec.js';
import { firstCookie } from '../../src/core/cookie-header.js';
import type { ConsentMethod, ConsentRecord } from '../../src/core/types.js';

const SEED = 20261202;
const RUNS = { roundTrip: 3000, garbage: 5000, jar: 200 };
/** decidedAt up to 2025-12-01T00:00:00Z, fixed so that a seed repeats. */
const TIME_MAX = 1_764_547_200;
const METHODS: ConsentMethod[] = ['accept-all', 'reject-all', 'custom', 'gpc', 'api'];

const params = (numRuns: number) => ({ seed: SEED, numRuns });

/** A valid record by docs/reference/cookie.md: `necessary` granted, disjoint lists of ids. */
const recordArb: fc.Arbitrary<ConsentRecord> = fc
  .record({
    revision: fc.integer({ min: 0, max: 999_999_999 }),
    others: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,39}$/, { size: 'large' }), {
      maxLength: 12,
    }),
    mask: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    at: fc.nat(12),
    id: fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/, { size: 'large' }),
    decidedAt: fc.integer({ min: 1, max: TIME_MAX }),
    method: fc.constantFrom(...METHODS),
  })
  .map(({ others, mask, at, ...rest }) => {
    const ids = others.filter((id) => id !== 'necessary');
    const granted = ids.filter((_, i) => mask[i]);
    granted.splice(at % (granted.length + 1), 0, 'necessary');
    return {
      version: FORMAT_VERSION,
      ...rest,
      granted,
      denied: ids.filter((_, i) => !mask[i]),
    };
  });

describe('fuzz: codec', () => {
  it(`encode → decode is the record again (seed ${SEED}, ${RUNS.roundTrip} runs)`, () => {
    fc.assert(
      fc.property(recordArb, (record) => {
        const value = encodeRecord(record);
        expect(value.length).to.be.at.most(1024);
        expect(encodeURIComponent(value)).to.equal(value);
        expect(decodeRecord(value)).to.deep.equal(record);
      }),
      params(RUNS.roundTrip),
    );
  });

  it(`whatever decodes encodes to the same text (seed ${SEED}, ${RUNS.garbage} runs)`, () => {
    const pieces = fc.constantFrom(
      ...'1.~0a9z_-%"; ',
      'necessary',
      'logs',
      'abcdefgh',
      '1700000000',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200, size: 'medium' }),
      fc.array(pieces, { maxLength: 30, size: 'large' }).map((p) => p.join('')),
      recordArb.map(encodeRecord),
    );
    fc.assert(
      fc.property(text, (s) => {
        const record = decodeRecord(s);
        if (record) expect(encodeRecord(record)).to.equal(s);
      }),
      params(RUNS.garbage),
    );
  });
});

describe('fuzz: the header reader and js-cookie on the real document.cookie', () => {
  // Cookies are set on this page's path and removed after each run; the names come from a
  // fixed list so that every one can be removed.
  const NAMES = ['consent', 'cons%65nt', '%63onsent', 'consent_old', 'Consent', 'lang'];
  const clear = () => {
    for (const name of NAMES) document.cookie = `${name}=; Max-Age=0`;
  };
  afterEach(clear);

  it(`both read the same value (seed ${SEED}, ${RUNS.jar} runs)`, () => {
    const value = fc.oneof(
      recordArb.map(encodeRecord),
      recordArb.map((r) => `"${encodeRecord(r)}"`),
      recordArb.map((r) => `${encodeRecord(r)}%E0%A4`),
      fc.constantFrom('', 'garbage', '%E0%A4%A', 'a=b', '%7E', 'x y'),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES), value), { maxLength: 5 }), (jar) => {
        clear();
        for (const [name, v] of jar) document.cookie = `${name}=${v}`;
        const header = document.cookie;
        expect(firstCookie(header, 'consent'), header).to.equal(Cookies.get('consent'));
      }),
      params(RUNS.jar),
    );
  });
});
