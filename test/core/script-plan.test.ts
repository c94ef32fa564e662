import { expect } from '@open-wc/testing';
import { categoriesOf, cookieDomains, matchesCookie, mayRun } from '../../src/core/script-plan.js';

describe('script-plan', () => {
  describe('categoriesOf', () => {
    const cases: [string | null | undefined, string[] | null][] = [
      ['analytics', ['analytics']],
      ['analytics preferences', ['analytics', 'preferences']],
      ['analytics,preferences', ['analytics', 'preferences']],
      ['  analytics ,  preferences\n', ['analytics', 'preferences']],
      ['chat_widget ads-1', ['chat_widget', 'ads-1']],
      ['', null],
      ['   ', null],
      [',', null],
      [null, null],
      [undefined, null],
      ['Analytics', null],
      ['1abc', null],
      ['analytics Bad', null],
      ['analytics;preferences', null],
    ];
    for (const [value, expected] of cases) {
      it(`${JSON.stringify(value) ?? 'undefined'} → ${JSON.stringify(expected)}`, () => {
        expect(categoriesOf(value)).to.deep.equal(expected);
      });
    }
  });

  describe('mayRun', () => {
    const granted = new Set(['necessary', 'logs', 'analytics']);
    const isGranted = (id: string) => granted.has(id);
    const cases: [string | null | undefined, boolean][] = [
      ['analytics', true],
      ['necessary analytics', true],
      ['necessary,analytics', true],
      ['preferences', false],
      ['analytics preferences', false],
      ['preferences analytics', false],
      ['marketing', false],
      ['', false],
      ['  ', false],
      [null, false],
      [undefined, false],
      ['Analytics', false],
      ['analytics Analytics', false],
      ['analytics *', false],
    ];
    for (const [value, expected] of cases) {
      it(`${JSON.stringify(value) ?? 'undefined'} → ${expected}`, () => {
        expect(mayRun(value, isGranted)).to.equal(expected);
      });
    }

    it('never runs an invalid or empty value, even when everything is granted', () => {
      for (const value of ['', ' ', ',', 'Analytics', '1abc', null, undefined])
        expect(
          mayRun(value, () => true),
          String(value),
        ).to.equal(false);
    });
  });

  describe('matchesCookie', () => {
    const cases: [string, string, boolean][] = [
      ['_ga', '_ga', true],
      ['_ga', '_ga_*', false],
      ['_ga_ABC123', '_ga_*', true],
      ['_ga_', '_ga_*', true],
      ['_gid', '_gid', true],
      ['_gid2', '_gid', false],
      ['_gi', '_gid', false],
      ['_gat', '_gat*', true],
      ['_gat_UA-1', '_gat*', true],
      ['_pk_id.1.abcd', '_pk_*', true],
      ['x_ga', '_ga*', false],
      ['_GA', '_ga', false],
      ['_ga', '_ga*', true],
      ['other', '_ga_*', false],
    ];
    for (const [name, pattern, expected] of cases) {
      it(`${name} ${expected ? 'matches' : 'does not match'} ${pattern}`, () => {
        expect(matchesCookie(name, pattern)).to.equal(expected);
      });
    }
  });

  describe('cookieDomains', () => {
    const cases: [string, (string | undefined)[]][] = [
      ['localhost', [undefined, 'localhost']],
      ['127.0.0.1', [undefined]],
      ['192.168.1.20', [undefined]],
      ['::1', [undefined]],
      ['[::1]', [undefined]],
      ['', [undefined]],
      ['example.com', [undefined, 'example.com']],
      ['www.example.go.th', [undefined, 'www.example.go.th', 'example.go.th']],
      ['a.b.example.com', [undefined, 'a.b.example.com', 'b.example.com']],
    ];
    for (const [hostname, expected] of cases) {
      it(`${JSON.stringify(hostname)} → ${JSON.stringify(expected)}`, () => {
        expect(cookieDomains(hostname)).to.deep.equal(expected);
      });
    }

    it('always includes host-only (no Domain attribute) first', () => {
      for (const [hostname] of cases) expect(cookieDomains(hostname)[0]).to.equal(undefined);
    });
  });
});
