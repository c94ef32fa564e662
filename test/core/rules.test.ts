import { expect } from '@open-wc/testing';
import { BUILT_IN, resolveCategories } from '../../src/core/categories.js';
import { decodeRecord, encodeRecord } from '../../src/core/codec.js';
import {
  allOptional,
  categoryMismatch,
  changedCategories,
  checkRecord,
  DEFAULT_COOKIE_DAYS,
  makeRecord,
  stateFromRecord,
  toChange,
  undecidedState,
  type RecordContext,
  type RecordStatus,
} from '../../src/core/rules.js';
import type { Category, ConsentRecord, ConsentState } from '../../src/core/types.js';

const DAY = 86_400;
const NOW = 1_700_000_000;

const builtIn = resolveCategories({ logs: 'required', offered: null, config: {} });
const logsOptional = resolveCategories({ logs: 'optional', offered: null, config: {} });
const withMarketing = resolveCategories({
  logs: 'required',
  offered: null,
  config: { marketing: {} },
});

const ctx = (over: Partial<RecordContext> = {}): RecordContext => ({
  categories: builtIn,
  revision: 3,
  cookieDays: DEFAULT_COOKIE_DAYS,
  now: NOW,
  ...over,
});

const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  version: 1,
  revision: 3,
  granted: ['necessary', 'logs', 'analytics'],
  denied: ['preferences'],
  id: 'abcdefgh12',
  decidedAt: NOW - 60,
  method: 'custom',
  ...over,
});

describe('rules', () => {
  describe('checkRecord', () => {
    const cases: {
      name: string;
      record: ConsentRecord;
      ctx?: Partial<RecordContext>;
      expected: RecordStatus;
    }[] = [
      { name: 'a current choice', record: record(), expected: 'valid' },
      {
        name: 'ids in another order',
        record: record({ granted: ['analytics', 'logs', 'necessary'] }),
        expected: 'valid',
      },
      {
        name: 'all optional denied',
        record: record({ granted: ['necessary', 'logs'], denied: ['preferences', 'analytics'] }),
        expected: 'valid',
      },
      {
        name: 'an unknown category granted',
        record: record({ granted: ['necessary', 'logs', 'analytics', 'marketing'] }),
        expected: 'unknown',
      },
      {
        name: 'an unknown category denied',
        record: record({ denied: ['preferences', 'marketing'] }),
        expected: 'unknown',
      },
      {
        name: 'an optional category missing',
        record: record({ denied: [] }),
        expected: 'missing',
      },
      {
        name: 'a category added to the site since (missing from the record)',
        record: record(),
        ctx: { categories: withMarketing },
        expected: 'missing',
      },
      {
        name: 'a required category denied (forged)',
        record: record({
          granted: ['logs', 'analytics'],
          denied: ['necessary', 'preferences'],
        }),
        expected: 'refused',
      },
      {
        name: 'logs denied while required (forged)',
        record: record({
          granted: ['necessary', 'analytics'],
          denied: ['logs', 'preferences'],
        }),
        expected: 'refused',
      },
      {
        name: 'a required category missing',
        record: record({ granted: ['necessary', 'analytics'] }),
        expected: 'missing',
      },
      {
        name: 'nothing at all',
        record: record({ granted: [], denied: [] }),
        expected: 'missing',
      },
      {
        name: 'logs denied while optional',
        record: record({
          granted: ['necessary', 'analytics'],
          denied: ['logs', 'preferences'],
        }),
        ctx: { categories: logsOptional },
        expected: 'valid',
      },
      {
        name: 'logs missing while optional',
        record: record({ granted: ['necessary', 'analytics'] }),
        ctx: { categories: logsOptional },
        expected: 'missing',
      },
      {
        name: 'decided more than a day in the future',
        record: record({ decidedAt: NOW + DAY + 1 }),
        expected: 'future',
      },
      {
        name: 'decided a year in the future',
        record: record({ decidedAt: NOW + 365 * DAY }),
        expected: 'future',
      },
      {
        name: 'decided up to a day in the future (clock skew)',
        record: record({ decidedAt: NOW + DAY }),
        expected: 'valid',
      },
      {
        name: 'an older revision',
        record: record({ revision: 2 }),
        expected: 'revision',
      },
      {
        name: 'revision 0 after the policy moved to 1',
        record: record({ revision: 0 }),
        ctx: { revision: 1 },
        expected: 'revision',
      },
      {
        name: 'a forged record of an older revision is refused, not a revision',
        record: record({
          revision: 2,
          granted: ['logs', 'analytics'],
          denied: ['necessary', 'preferences'],
        }),
        expected: 'refused',
      },
      { name: 'a newer revision', record: record({ revision: 4 }), expected: 'valid' },
      {
        name: 'older than cookie-days',
        record: record({ decidedAt: NOW - DEFAULT_COOKIE_DAYS * DAY - 1 }),
        expected: 'expired',
      },
      {
        name: 'exactly cookie-days old (the boundary)',
        record: record({ decidedAt: NOW - DEFAULT_COOKIE_DAYS * DAY }),
        expected: 'expired',
      },
      {
        name: 'one second younger than cookie-days',
        record: record({ decidedAt: NOW - DEFAULT_COOKIE_DAYS * DAY + 1 }),
        expected: 'valid',
      },
      {
        name: 'two days old with cookie-days 1',
        record: record({ decidedAt: NOW - 2 * DAY }),
        ctx: { cookieDays: 1 },
        expected: 'expired',
      },
      {
        name: 'five years old with cookie-days 3650',
        record: record({ decidedAt: NOW - 5 * 365 * DAY }),
        ctx: { cookieDays: 3650 },
        expected: 'valid',
      },
    ];

    for (const { name, record: r, ctx: over, expected } of cases) {
      it(`${name} → ${expected}`, () => {
        expect(checkRecord(r, ctx(over))).to.equal(expected);
      });
    }

    it('says which ids make a record no choice for the page (the console line names them)', () => {
      const mismatch = (r: ConsentRecord, categories = builtIn) => categoryMismatch(r, categories);
      expect(mismatch(record())).to.equal(null);
      expect(
        mismatch(record({ granted: ['necessary', 'logs', 'marketing', 'video'] })),
      ).to.deep.equal(['unknown', ['marketing', 'video']]);
      expect(mismatch(record(), withMarketing)).to.deep.equal(['missing', ['marketing']]);
      expect(
        mismatch(record({ granted: ['analytics'], denied: ['necessary', 'logs', 'preferences'] })),
      ).to.deep.equal(['refused', ['necessary', 'logs']]);
    });

    it('DEFAULT_COOKIE_DAYS is 182 (six months)', () => {
      expect(DEFAULT_COOKIE_DAYS).to.equal(182);
    });
  });

  describe('undecidedState', () => {
    it('has required categories on, optional off, and no id, time or method', () => {
      expect(undecidedState(builtIn, 3)).to.deep.equal({
        decided: false,
        categories: { necessary: true, logs: true, preferences: false, analytics: false },
        granted: ['necessary', 'logs'],
        denied: ['preferences', 'analytics'],
        revision: 3,
        id: null,
        decidedAt: null,
        method: null,
      });
    });

    it('is what stateFromRecord gives without a record', () => {
      expect(stateFromRecord(null, builtIn, 7)).to.deep.equal(undecidedState(builtIn, 7));
    });

    it('has logs off when logs are optional', () => {
      const state = undecidedState(logsOptional, 0);
      expect(state.categories).to.deep.equal({
        necessary: true,
        logs: false,
        preferences: false,
        analytics: false,
      });
      expect(state.denied).to.deep.equal(['logs', 'preferences', 'analytics']);
    });
  });

  describe('stateFromRecord', () => {
    it('is decided, with the record’s values and an ISO time', () => {
      expect(stateFromRecord(record({ decidedAt: NOW }), builtIn)).to.deep.equal({
        decided: true,
        categories: { necessary: true, logs: true, preferences: false, analytics: true },
        granted: ['necessary', 'logs', 'analytics'],
        denied: ['preferences'],
        revision: 3,
        id: 'abcdefgh12',
        decidedAt: '2023-11-14T22:13:20.000Z',
        method: 'custom',
      });
    });

    it('lists categories in display order, whatever the record’s order', () => {
      const state = stateFromRecord(
        record({ granted: ['analytics', 'preferences', 'logs', 'necessary'], denied: [] }),
        builtIn,
      );
      expect(state.granted).to.deep.equal(['necessary', 'logs', 'preferences', 'analytics']);
      expect(Object.keys(state.categories)).to.deep.equal(builtIn.map((c) => c.id));
    });

    it('keeps required categories on', () => {
      const state = stateFromRecord(record({ granted: [], denied: [] }), builtIn);
      expect(state.categories).to.deep.equal({
        necessary: true,
        logs: true,
        preferences: false,
        analytics: false,
      });
    });

    it('gives a time that Date parses back to the record’s second', () => {
      const state = stateFromRecord(record({ decidedAt: 1_234_567_890 }), builtIn);
      expect(state.decidedAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(state.decidedAt!) / 1000).to.equal(1_234_567_890);
    });
  });

  describe('makeRecord', () => {
    const make = (choice: Record<string, boolean>, categories: readonly Category[] = builtIn) =>
      makeRecord({ categories, choice, method: 'custom', revision: 5, id: 'abcdefgh12', now: NOW });

    const cases: { name: string; choice: Record<string, boolean>; granted: string[] }[] = [
      { name: 'nothing chosen', choice: {}, granted: ['necessary', 'logs'] },
      {
        name: 'analytics on',
        choice: { analytics: true },
        granted: ['necessary', 'logs', 'analytics'],
      },
      {
        name: 'required categories off (ignored)',
        choice: { necessary: false, logs: false, preferences: true },
        granted: ['necessary', 'logs', 'preferences'],
      },
      {
        name: 'an unknown category (ignored)',
        choice: { marketing: true },
        granted: ['necessary', 'logs'],
      },
      {
        name: 'everything on',
        choice: { preferences: true, analytics: true },
        granted: ['necessary', 'logs', 'preferences', 'analytics'],
      },
    ];
    for (const { name, choice, granted } of cases) {
      it(name, () => {
        const r = make(choice);
        expect(r.granted).to.deep.equal(granted);
        expect(r.denied).to.deep.equal(
          builtIn.map((c) => c.id).filter((id) => !granted.includes(id)),
        );
      });
    }

    it('records the method, revision, id, time and format version', () => {
      const r = make({ analytics: true });
      expect(r).to.deep.equal({
        version: 1,
        revision: 5,
        granted: ['necessary', 'logs', 'analytics'],
        denied: ['preferences'],
        id: 'abcdefgh12',
        decidedAt: NOW,
        method: 'custom',
      });
    });

    it('lets logs be denied when they are optional', () => {
      expect(make({}, logsOptional).denied).to.deep.equal(['logs', 'preferences', 'analytics']);
    });

    it('makes a record that survives the cookie and checks as valid', () => {
      const r = make({ preferences: true });
      const stored = decodeRecord(encodeRecord(r));
      expect(stored).to.deep.equal(r);
      expect(checkRecord(stored!, ctx({ revision: 5 }))).to.equal('valid');
    });
  });

  describe('allOptional', () => {
    it('turns every optional category on', () => {
      expect(allOptional(builtIn, true)).to.deep.equal({ preferences: true, analytics: true });
    });
    it('turns every optional category off', () => {
      expect(allOptional(builtIn, false)).to.deep.equal({ preferences: false, analytics: false });
    });
    it('includes logs when optional, and custom categories', () => {
      expect(allOptional(logsOptional, true)).to.deep.equal({
        logs: true,
        preferences: true,
        analytics: true,
      });
      expect(allOptional(withMarketing, false)).to.have.property('marketing', false);
    });
    it('never names a required category', () => {
      expect(allOptional(BUILT_IN, true)).to.not.have.any.keys('necessary', 'logs');
    });
  });

  describe('changedCategories', () => {
    const undecided = undecidedState(builtIn, 0);
    const state = (categories: Record<string, boolean>): ConsentState => ({
      ...undecided,
      categories,
    });
    const cases: { name: string; prev: ConsentState; next: ConsentState; expected: string[] }[] = [
      { name: 'nothing changed', prev: undecided, next: undecided, expected: [] },
      {
        name: 'reject all after undecided changes no value',
        prev: undecided,
        next: stateFromRecord(record({ granted: ['necessary', 'logs'], denied: [] }), builtIn),
        expected: [],
      },
      {
        name: 'accept all after undecided',
        prev: undecided,
        next: stateFromRecord(
          record({ granted: ['necessary', 'logs', 'preferences', 'analytics'], denied: [] }),
          builtIn,
        ),
        expected: ['preferences', 'analytics'],
      },
      {
        name: 'analytics revoked',
        prev: state({ necessary: true, logs: true, preferences: false, analytics: true }),
        next: state({ necessary: true, logs: true, preferences: false, analytics: false }),
        expected: ['analytics'],
      },
      {
        name: 'a category that appears, on',
        prev: state({ necessary: true }),
        next: state({ necessary: true, marketing: true }),
        expected: ['marketing'],
      },
      {
        name: 'a category that appears, off (no change from off)',
        prev: state({ necessary: true }),
        next: state({ necessary: true, marketing: false }),
        expected: [],
      },
      {
        name: 'a category that disappears while on',
        prev: state({ necessary: true, marketing: true }),
        next: state({ necessary: true }),
        expected: ['marketing'],
      },
      {
        name: "in next's category order, then those only prev has",
        prev: state({ chat: true, analytics: false, marketing: true, preferences: false }),
        next: state({ preferences: true, analytics: true, marketing: false }),
        expected: ['preferences', 'analytics', 'marketing', 'chat'],
      },
    ];
    for (const { name, prev, next, expected } of cases) {
      it(name, () => {
        expect(changedCategories(prev, next)).to.deep.equal(expected);
      });
    }
  });

  describe('toChange', () => {
    it('is the state plus changed and source', () => {
      const s = undecidedState(builtIn, 1);
      expect(toChange(s, ['analytics'], 'api')).to.deep.equal({
        ...s,
        changed: ['analytics'],
        source: 'api',
      });
    });
  });
});
