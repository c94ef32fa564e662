import { expect } from '@open-wc/testing';
import {
  decodeRecord,
  encodeRecord,
  FORMAT_VERSION,
  MAX_VALUE_LENGTH,
} from '../../src/core/codec.js';
import { BUILT_IN } from '../../src/core/categories.js';
import type { ConsentMethod, ConsentRecord } from '../../src/core/types.js';

const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  version: FORMAT_VERSION,
  revision: 3,
  granted: ['necessary', 'logs'],
  denied: ['preferences', 'analytics'],
  id: 'abcdefgh12',
  decidedAt: 1_700_000_000,
  method: 'reject-all',
  ...over,
});

/** A real stored value (accept all but preferences, revision 3). */
const VALID = '1.3.necessary~logs.analytics.abcdefgh12.1700000000.a';

/** `VALID` with field `index` (0 = version … 6 = method) replaced. */
function withField(index: number, text: string): string {
  const fields = VALID.split('.');
  fields[index] = text;
  return fields.join('.');
}

/**
 * A well-formed value of exactly `length` characters: many distinct category ids in `granted`,
 * the last one padded to hit the length.
 */
function wellFormedOfLength(length: number): string {
  const head = '1.0.';
  const tail = '..abcdefgh.1700000000.a';
  const ids: string[] = [];
  const size = () => head.length + ids.join('~').length + tail.length;
  const room = () => length - size() - (ids.length > 0 ? 1 : 0);
  while (room() > 40) ids.push(`c${String(ids.length).padStart(4, '0')}`);
  const pad = room();
  ids.push('z'.repeat(pad));
  const value = `${head}${ids.join('~')}${tail}`;
  if (value.length !== length || pad < 1 || pad > 40) throw new Error('bad test helper');
  return value;
}

describe('codec', () => {
  describe('round trip', () => {
    const records: { name: string; record: ConsentRecord; value: string }[] = [
      {
        name: 'reject all, built-in categories',
        record: record(),
        value: '1.3.necessary~logs.preferences~analytics.abcdefgh12.1700000000.r',
      },
      {
        name: 'accept all',
        record: record({
          granted: ['necessary', 'logs', 'preferences', 'analytics'],
          denied: [],
          method: 'accept-all',
        }),
        value: '1.3.necessary~logs~preferences~analytics..abcdefgh12.1700000000.a',
      },
      {
        name: 'custom choice, revision 0',
        record: record({
          revision: 0,
          granted: ['necessary', 'logs', 'analytics'],
          denied: ['preferences'],
          method: 'custom',
        }),
        value: '1.0.necessary~logs~analytics.preferences.abcdefgh12.1700000000.c',
      },
      {
        name: 'GPC, logs optional and denied, 22-character id',
        record: record({
          granted: ['necessary'],
          denied: ['logs', 'preferences', 'analytics'],
          id: 'Ab-_0123456789xyzXYZ_-',
          method: 'gpc',
        }),
        value: '1.3.necessary.logs~preferences~analytics.Ab-_0123456789xyzXYZ_-.1700000000.g',
      },
      {
        name: 'API, custom categories with - and _, largest revision',
        record: record({
          revision: 999_999_999,
          granted: ['necessary', 'logs', 'ads-1', 'chat_widget'],
          denied: [],
          id: 'x'.repeat(64),
          decidedAt: 4_102_444_800,
          method: 'api',
        }),
        value: `1.999999999.necessary~logs~ads-1~chat_widget..${'x'.repeat(64)}.4102444800.p`,
      },
      {
        name: 'both lists empty',
        record: record({ granted: [], denied: [] }),
        value: '1.3...abcdefgh12.1700000000.r',
      },
    ];

    for (const { name, record: r, value } of records) {
      it(`encodes and decodes: ${name}`, () => {
        expect(encodeRecord(r)).to.equal(value);
        expect(decodeRecord(value)).to.deep.equal(r);
        expect(encodeRecord(decodeRecord(value)!)).to.equal(value);
      });
    }

    it('decodes a stored value into a record of the current version', () => {
      expect(decodeRecord(VALID)).to.deep.equal({
        version: 1,
        revision: 3,
        granted: ['necessary', 'logs'],
        denied: ['analytics'],
        id: 'abcdefgh12',
        decidedAt: 1_700_000_000,
        method: 'accept-all',
      });
    });

    const methods: [ConsentMethod, string][] = [
      ['accept-all', 'a'],
      ['reject-all', 'r'],
      ['custom', 'c'],
      ['gpc', 'g'],
      ['api', 'p'],
    ];
    for (const [method, letter] of methods) {
      it(`stores method ${method} as the letter ${letter}`, () => {
        const value = encodeRecord(record({ method }));
        expect(value.endsWith(`.${letter}`)).to.equal(true);
        expect(decodeRecord(value)?.method).to.equal(method);
      });
    }
  });

  describe('anything that is not a record is null', () => {
    const cases: { name: string; value: unknown }[] = [
      { name: 'undefined', value: undefined },
      { name: 'null', value: null },
      { name: 'a number', value: 42 },
      { name: 'an object', value: {} },
      { name: 'an array of the fields', value: VALID.split('.') },
      { name: 'a String object', value: new String(VALID) },
      { name: 'true', value: true },
      { name: 'the empty string', value: '' },
      { name: 'garbage', value: 'hello world' },
      { name: 'random bytes', value: '\u0000\uFFFF%%%;=,"\\' },
      { name: 'JSON', value: '{}' },
      { name: 'a JSON record', value: JSON.stringify(record()) },
      { name: 'seven empty fields', value: '......' },
      { name: 'a 4,000-character value', value: 'a'.repeat(4000) },
      { name: 'version 2', value: withField(0, '2') },
      { name: 'version 0', value: withField(0, '0') },
      { name: 'version 01', value: withField(0, '01') },
      { name: 'version " 1"', value: withField(0, ' 1') },
      { name: 'no version', value: withField(0, '') },
      { name: '6 fields', value: VALID.slice(0, VALID.lastIndexOf('.')) },
      { name: '8 fields', value: `${VALID}.x` },
      { name: '8 fields (trailing dot)', value: `${VALID}.` },
      { name: 'negative revision', value: withField(1, '-1') },
      { name: 'leading-zero revision', value: withField(1, '03') },
      { name: 'non-numeric revision', value: withField(1, 'x') },
      { name: 'exponent revision', value: withField(1, '1e3') },
      { name: 'hex revision', value: withField(1, '0x3') },
      { name: 'empty revision', value: withField(1, '') },
      { name: 'a 10-digit revision', value: withField(1, '1234567890') },
      { name: 'revision with a space', value: withField(1, ' 3') },
      { name: 'id too short (7)', value: withField(4, 'abcdefg') },
      { name: 'id too long (65)', value: withField(4, 'a'.repeat(65)) },
      { name: 'empty id', value: withField(4, '') },
      { name: 'id with !', value: withField(4, 'abcdefg!h') },
      { name: 'id with a space', value: withField(4, 'abcd efgh') },
      { name: 'id with +', value: withField(4, 'abcdefgh+') },
      { name: 'id with /', value: withField(4, 'abcd/efgh') },
      { name: 'id with =', value: withField(4, 'abcdefgh==') },
      { name: 'id with Thai letters', value: withField(4, 'กขคงจฉชซ') },
      { name: 'time 0', value: withField(5, '0') },
      { name: 'negative time', value: withField(5, '-1700000000') },
      { name: 'non-numeric time', value: withField(5, 'yesterday') },
      { name: 'leading-zero time', value: withField(5, '01700000000') },
      { name: 'time with a fraction', value: withField(5, '1700000000,5') },
      { name: 'ISO time', value: withField(5, '2023-11-14T22:13:20Z') },
      { name: 'time of 12 digits', value: withField(5, '170000000000') },
      { name: 'empty time', value: withField(5, '') },
      { name: 'unknown method x', value: withField(6, 'x') },
      { name: 'upper-case method A', value: withField(6, 'A') },
      { name: 'method of two letters', value: withField(6, 'aa') },
      { name: 'method spelled out', value: withField(6, 'accept-all') },
      { name: 'method toString', value: withField(6, 'toString') },
      { name: 'empty method', value: withField(6, '') },
      { name: 'a trailing space', value: `${VALID} ` },
      { name: 'a trailing newline', value: `${VALID}\n` },
      { name: 'percent-encoded', value: encodeURIComponent(VALID).replace(/\./g, '%2E') },
      { name: 'duplicate id in granted', value: withField(2, 'necessary~logs~necessary') },
      { name: 'duplicate id in denied', value: withField(3, 'analytics~analytics') },
      { name: 'the same id granted and denied', value: withField(3, 'analytics~logs') },
      { name: 'category Analytics', value: withField(3, 'Analytics') },
      { name: 'category 1abc', value: withField(3, '1abc') },
      { name: 'category _ga', value: withField(3, '_ga') },
      { name: 'empty category between ~', value: withField(2, 'necessary~~logs') },
      { name: 'trailing ~', value: withField(2, 'necessary~logs~') },
      { name: 'category of 41 characters', value: withField(3, 'a'.repeat(41)) },
      {
        name: 'a well-formed value over 1,024 characters',
        value: wellFormedOfLength(MAX_VALUE_LENGTH + 1),
      },
    ];

    for (const { name, value } of cases) {
      it(name, () => {
        expect(decodeRecord(value)).to.equal(null);
      });
    }

    it('accepts a well-formed value of exactly 1,024 characters (the limit is the reason)', () => {
      const value = wellFormedOfLength(MAX_VALUE_LENGTH);
      expect(MAX_VALUE_LENGTH).to.equal(1024);
      expect(decodeRecord(value)).to.not.equal(null);
    });

    it('the value the table breaks is itself valid', () => {
      // Each case above differs from VALID only in the field it breaks.
      expect(decodeRecord(VALID)).to.not.equal(null);
    });

    it('a value cut mid-way is null', () => {
      expect(decodeRecord(VALID.slice(0, Math.floor(VALID.length / 2)))).to.equal(null);
    });

    it('every prefix of a stored value is null, and none throws', () => {
      // The method letter is the last field, so a cut value always lacks it (or a field).
      for (const value of [VALID, encodeRecord(record({ method: 'api', denied: [] }))]) {
        for (let end = 0; end < value.length; end++) {
          const prefix = value.slice(0, end);
          let decoded: ConsentRecord | null | 'threw' = 'threw';
          try {
            decoded = decodeRecord(prefix);
          } catch {
            // `decoded` stays 'threw'
          }
          expect(decoded, JSON.stringify(prefix)).to.equal(null);
        }
      }
    });

    it('never throws, whatever it is given', () => {
      const odd: unknown[] = [
        Symbol('x'),
        () => VALID,
        10n,
        Object.create(null),
        { toString: () => VALID },
        { split: () => VALID.split('.') },
        new Proxy(
          {},
          {
            get() {
              throw new Error('trap');
            },
          },
        ),
      ];
      for (const value of odd) expect(decodeRecord(value)).to.equal(null);
    });
  });

  describe('the stored value', () => {
    const all = BUILT_IN.map((c) => c.id);
    const longest = record({
      revision: 999_999_999,
      granted: all,
      denied: [],
      id: 'Ab-_0123456789xyzXYZ_-',
      decidedAt: 9_999_999_999,
      method: 'accept-all',
    });

    it('is well under 300 bytes with the built-in categories', () => {
      const value = encodeRecord(longest);
      expect(new TextEncoder().encode(value).length).to.be.below(150);
      // The cookie header adds the name: still well under 300.
      expect(`consent=${value}`.length).to.be.below(300);
    });

    const samples: ConsentRecord[] = [
      longest,
      record(),
      record({ granted: ['necessary', 'logs', 'ads-1', 'chat_widget'], denied: ['x-y_z'] }),
    ];
    for (const sample of samples) {
      const value = encodeRecord(sample);
      it(`is left unchanged by encodeURIComponent: ${value}`, () => {
        expect(encodeURIComponent(value)).to.equal(value);
      });
      it(`holds only cookie octets (RFC 6265): ${value}`, () => {
        // cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
        expect(value).to.match(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/);
        // and nothing a PHP-style decoder would change
        expect(value).to.not.match(/[+%\s]/);
      });
    }
  });
});
