import { expect } from '@open-wc/testing';
import { firstCookie } from '../../src/core/cookie-header.js';

// consent-banner/server's reader of the Cookie header, which follows js-cookie's rules (the
// banner's reader of document.cookie); test/flows/cookie-agreement.test.ts checks the two
// agree in real browsers.
describe('cookie-header', () => {
  const VALUE = '1.3.necessary~logs.analytics.abcdefgh12.1700000000.a';

  describe('firstCookie', () => {
    const cases: [string, string, string | undefined][] = [
      ['only cookie', `consent=${VALUE}`, VALUE],
      ['among others, with spaces', `a=1;  consent=${VALUE} ; b=2`, VALUE],
      ['the first of two with one name', `consent=${VALUE}; consent=other`, VALUE],
      [
        'a first one that cannot be decoded is skipped, as js-cookie does',
        `consent=%E0%A4%A; consent=${VALUE}`,
        VALUE,
      ],
      ['only one, and it cannot be decoded', 'consent=%E0%A4%A', undefined],
      ['a name that cannot be decoded is skipped', `cons%E0nt=x; consent=${VALUE}`, VALUE],
      ['a percent-encoded value, decoded', 'consent=a%7Eb', 'a~b'],
      ['a quoted value, unquoted', 'consent="a.b"', 'a.b'],
      [
        'a value that only starts with a quote loses its last character too',
        'consent="a.bc',
        'a.b',
      ],
      ['a percent-encoded name', `cons%65nt=${VALUE}`, VALUE],
      ['a name that only starts the same', `consent2=${VALUE}`, undefined],
      // js-cookie reads a pair without "=" (a nameless cookie) as that name, empty: no choice,
      // even with a valid one after it.
      ['a pair without "=" (a nameless cookie)', 'consent', ''],
      ['a nameless "consent" before a valid one', `consent; consent=${VALUE}`, ''],
      ['a name js-cookie cannot decode is skipped', `50%off=x; consent=${VALUE}`, VALUE],
      ['an empty value', 'consent=', ''],
      ['an empty string', '', undefined],
    ];
    for (const [name, header, expected] of cases)
      it(name, () => expect(firstCookie(header, 'consent')).to.equal(expected));
    it('a name with a raw "%" cannot be decoded, so it is never the one (as in js-cookie)', () => {
      expect(firstCookie(`50%off=${VALUE}`, '50%off')).to.equal(undefined);
      expect(firstCookie(`50%off=${VALUE}; 50%25off=x`, '50%off')).to.equal('x');
    });
  });
});
