import { expect } from '@open-wc/testing';
import { cookieNames, firstCookie } from '../../src/core/cookie-header.js';

// The one reader of cookie strings: the banner on document.cookie, consent-banner/server on
// the Cookie header.
describe('cookie-header', () => {
  const VALUE = '1.3.necessary~logs.analytics.abcdefgh12.1700000000.a';

  describe('firstCookie', () => {
    const cases: [string, string, string | null | undefined][] = [
      ['only cookie', `consent=${VALUE}`, VALUE],
      ['among others, with spaces', `a=1;  consent=${VALUE} ; b=2`, VALUE],
      ['the first of two with one name', `consent=${VALUE}; consent=other`, VALUE],
      [
        'a first one that cannot be decoded, not a later one',
        `consent=%E0%A4%A; consent=${VALUE}`,
        null,
      ],
      ['a percent-encoded value, decoded', 'consent=a%7Eb', 'a~b'],
      ['a quoted value, unquoted', 'consent="a.b"', 'a.b'],
      ['a percent-encoded name', `cons%65nt=${VALUE}`, VALUE],
      ['a name that only starts the same', `consent2=${VALUE}`, undefined],
      ['a pair without "=" (a nameless cookie)', 'consent', undefined],
      ['an empty value', 'consent=', ''],
      ['an empty string', '', undefined],
    ];
    for (const [name, header, expected] of cases)
      it(name, () => expect(firstCookie(header, 'consent')).to.equal(expected));
  });

  describe('cookieNames', () => {
    it('lists each pair by its name as written, skipping nameless ones', () => {
      expect(cookieNames('_ga=1; _gid=2;nameless; consent=1.2=3; =x; _pk_id.1=z')).to.deep.equal([
        '_ga',
        '_gid',
        'consent',
        '_pk_id.1',
      ]);
    });
    it('gives nothing for an empty string', () => {
      expect(cookieNames('')).to.deep.equal([]);
    });
  });
});
