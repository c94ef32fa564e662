import { expect } from '@open-wc/testing';
import { ANALYTICS_COOKIES } from '../../src/core/categories.js';
import { cookieDomains } from '../../src/core/script-plan.js';
import {
  clearCookies,
  readCookie,
  removeCookie,
  writeCookie,
} from '../../src/effects/cookie-store.js';

const VALUE = '1.3.necessary~logs.analytics.abcdefgh12.1700000000.a';

/** Names of the cookies this page sees. */
const cookieNames = () =>
  document.cookie
    .split(';')
    .map((pair) => pair.split('=')[0]!.trim())
    .filter(Boolean);

/** Deletes every cookie the page sees, host-only and on `localhost`. */
function deleteAllCookies() {
  for (const name of cookieNames()) {
    document.cookie = `${name}=; Max-Age=0; Path=/`;
    document.cookie = `${name}=; Max-Age=0; Path=/; Domain=${location.hostname}`;
  }
}

/** What Chromium's CookieStore reports (TypeScript's DOM types name only `name` and `value`). */
interface StoredCookie {
  name: string;
  value: string;
  path: string;
  sameSite: 'strict' | 'lax' | 'none';
  domain: string | null;
  secure: boolean;
  expires: number | null;
}

/** Whether a `document.cookie` write deletes: an `Expires` before now, or `Max-Age=0`. */
const expiresInThePast = (text: string) => {
  const expires = /;\s*expires=([^;]*)/i.exec(text)?.[1];
  return /;\s*max-age=0(;|$)/i.test(text) || (!!expires && Date.parse(expires) < Date.now());
};

/** Sets a cookie directly, the way an analytics tag would. */
const setRaw = (name: string, value = '1') => {
  document.cookie = `${name}=${value}; Path=/; Max-Age=600`;
};

describe('cookie-store', () => {
  beforeEach(() => {
    deleteAllCookies();
    expect(document.cookie).to.equal('');
  });
  afterEach(deleteAllCookies);

  describe('writeCookie and readCookie', () => {
    it('reads back what it wrote', () => {
      expect(writeCookie({ name: 'consent', days: 182 }, VALUE)).to.equal(true);
      expect(readCookie('consent')).to.equal(VALUE);
    });

    it('stores the value as written, so a server reads it unchanged', () => {
      writeCookie({ name: 'consent', days: 182 }, VALUE);
      expect(document.cookie).to.equal(`consent=${VALUE}`);
    });

    it('overwrites an earlier value', () => {
      writeCookie({ name: 'consent', days: 182 }, VALUE);
      const next = VALUE.replace('.a', '.r');
      expect(writeCookie({ name: 'consent', days: 182 }, next)).to.equal(true);
      expect(readCookie('consent')).to.equal(next);
      expect(cookieNames()).to.deep.equal(['consent']);
    });

    it('uses the given cookie name', () => {
      writeCookie({ name: 'sso_consent', days: 1 }, VALUE);
      expect(readCookie('sso_consent')).to.equal(VALUE);
      expect(readCookie('consent')).to.equal(undefined);
    });

    it('sets Path=/, SameSite=Lax, host-only, and Max-Age from days', async () => {
      const before = Date.now();
      writeCookie({ name: 'consent', days: 30 }, VALUE);
      const cookie = (await cookieStore.get('consent')) as StoredCookie | null;
      expect(cookie).to.not.equal(null);
      expect(cookie!.path).to.equal('/');
      expect(cookie!.sameSite).to.equal('lax');
      expect(cookie!.domain).to.equal(null);
      // http://localhost: not Secure (it would be on https).
      expect(cookie!.secure).to.equal(false);
      const expires = cookie!.expires!;
      const expected = before + 30 * 86_400_000;
      expect(expires).to.be.within(expected - 60_000, expected + 60_000);
    });

    it('is readable at other paths of the site', async () => {
      writeCookie({ name: 'consent', days: 1 }, VALUE);
      const frame = document.createElement('iframe');
      // A same-origin page at another path than this one.
      frame.src = '/test/effects/fixtures/blank.html';
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve));
      document.body.append(frame);
      try {
        await loaded;
        expect(frame.contentDocument!.cookie).to.include(`consent=${VALUE}`);
      } finally {
        frame.remove();
      }
    });

    it('returns undefined for a cookie that is not there', () => {
      expect(readCookie('consent')).to.equal(undefined);
    });

    // Which of several cookies of one name counts: test/core/cookie-header.test.ts.
    it('reads a percent-encoded value decoded, as a server does', () => {
      document.cookie = 'consent=1.0.necessary%7Elogs..abcdefgh12.1700000000.a; Path=/';
      expect(readCookie('consent')).to.equal('1.0.necessary~logs..abcdefgh12.1700000000.a');
    });

    const refused: { name: string; write: () => boolean }[] = [
      {
        name: 'a value larger than a browser keeps',
        write: () => writeCookie({ name: 'consent', days: 1 }, 'x'.repeat(5000)),
      },
      {
        // __Host- cookies must be Secure; on http the browser refuses it.
        name: 'a __Host- name on http',
        write: () => writeCookie({ name: '__Host-consent', days: 1 }, VALUE),
      },
      {
        name: 'zero days (expires at once)',
        write: () => writeCookie({ name: 'consent', days: 0 }, VALUE),
      },
    ];
    for (const { name, write } of refused) {
      it(`returns false when the browser does not keep it: ${name}`, () => {
        expect(write()).to.equal(false);
        expect(document.cookie).to.equal('');
      });
    }
  });

  describe('removeCookie', () => {
    it('removes the cookie', () => {
      writeCookie({ name: 'consent', days: 182 }, VALUE);
      removeCookie({ name: 'consent', days: 182 });
      expect(readCookie('consent')).to.equal(undefined);
      expect(document.cookie).to.equal('');
    });

    it('leaves other cookies alone', () => {
      setRaw('session', 'abc');
      writeCookie({ name: 'consent', days: 182 }, VALUE);
      removeCookie({ name: 'consent', days: 182 });
      expect(document.cookie).to.equal('session=abc');
    });

    it('does nothing when there is no cookie', () => {
      expect(() => removeCookie({ name: 'consent', days: 182 })).to.not.throw();
      expect(document.cookie).to.equal('');
    });
  });

  describe('clearCookies', () => {
    it('removes the analytics cookies and keeps the others', () => {
      for (const name of ['_ga', '_ga_ABC123', '_gat_x', '_gat', '_gid', '_pk_id.1.a1b2'])
        setRaw(name);
      for (const name of ['_gid2', 'other', 'consent', 'x_ga']) setRaw(name);
      clearCookies(ANALYTICS_COOKIES, 'consent');
      expect(cookieNames().sort()).to.deep.equal(['_gid2', 'consent', 'other', 'x_ga']);
    });

    it('never deletes the consent cookie, whatever the patterns say', () => {
      for (const name of ['consent', 'consent_old', '_ga']) setRaw(name);
      clearCookies(['consent', 'consent*', '_ga'], 'consent');
      expect(cookieNames()).to.deep.equal(['consent']);
    });

    const cases: { patterns: string[]; kept: string[] }[] = [
      { patterns: ['_ga'], kept: ['_ga_ABC', '_gat_x', '_gid2', 'other'] },
      { patterns: ['_ga_*'], kept: ['_ga', '_gat_x', '_gid2', 'other'] },
      { patterns: ['_ga', '_ga_*', '_gat*'], kept: ['_gid2', 'other'] },
      { patterns: ['_g*'], kept: ['other'] },
      { patterns: ['_gid'], kept: ['_ga', '_ga_ABC', '_gat_x', '_gid2', 'other'] },
      { patterns: [], kept: ['_ga', '_ga_ABC', '_gat_x', '_gid2', 'other'] },
    ];
    for (const { patterns, kept } of cases) {
      it(`${JSON.stringify(patterns)} keeps ${kept.join(', ')}`, () => {
        for (const name of ['_ga', '_ga_ABC', '_gat_x', '_gid2', 'other']) setRaw(name);
        clearCookies(patterns, 'consent');
        expect(cookieNames().sort()).to.deep.equal(kept);
      });
    }

    it('deletes with Path=/ on the host and on each domain the cookie may have', () => {
      // This page is on localhost, where a browser keeps no domain cookies; so watch what
      // clearCookies writes instead.
      const native = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
      const writes: string[] = [];
      Object.defineProperty(document, 'cookie', {
        configurable: true,
        get: () => native.get!.call(document),
        set: (text: string) => {
          writes.push(text);
          native.set!.call(document, text);
        },
      });
      try {
        setRaw('_ga');
        writes.length = 0;
        clearCookies(['_ga'], 'consent');
      } finally {
        delete (document as { cookie?: string }).cookie;
      }
      const domains = cookieDomains(location.hostname);
      expect(domains).to.include(location.hostname);
      for (const domain of domains) {
        const found = writes.some(
          (w) =>
            w.startsWith('_ga=;') &&
            /;\s*path=\/(;|$)/i.test(w) &&
            expiresInThePast(w) &&
            (domain ? w.toLowerCase().includes(`domain=${domain}`) : !/domain=/i.test(w)),
        );
        expect(
          found,
          `a deletion for ${domain ?? 'the host only'} in ${JSON.stringify(writes)}`,
        ).to.equal(true);
      }
      expect(document.cookie).to.equal('');
    });

    it(`also removes a cookie set with Domain=${location.hostname}`, () => {
      document.cookie = `_ga=1; Path=/; Max-Age=600; Domain=${location.hostname}`;
      expect(cookieNames()).to.deep.equal(['_ga']);
      clearCookies(['_ga'], 'consent');
      expect(document.cookie).to.equal('');
    });
  });

  describe('never throws', () => {
    it('reads an odd or malformed cookie without throwing', () => {
      document.cookie = 'broken=%E0%A4%A; Path=/';
      document.cookie = 'quoted="1.2.3"; Path=/';
      document.cookie = 'consent=; Path=/';
      expect(() => readCookie('broken')).to.not.throw();
      expect(() => readCookie('consent')).to.not.throw();
      expect(() => readCookie('')).to.not.throw();
      expect(() => clearCookies(['broken', 'quo*'], 'consent')).to.not.throw();
    });

    describe('when the page may not use cookies (sandboxed frame)', () => {
      beforeEach(() => {
        // What a sandboxed frame without allow-same-origin does: document.cookie throws.
        Object.defineProperty(document, 'cookie', {
          configurable: true,
          get() {
            throw new DOMException('The document is sandboxed', 'SecurityError');
          },
          set() {
            throw new DOMException('The document is sandboxed', 'SecurityError');
          },
        });
        expect(() => document.cookie).to.throw();
      });
      afterEach(() => {
        // Back to Document.prototype's accessor.
        delete (document as { cookie?: string }).cookie;
      });

      it('readCookie gives undefined', () => {
        expect(readCookie('consent')).to.equal(undefined);
      });
      it('writeCookie gives false', () => {
        expect(writeCookie({ name: 'consent', days: 1 }, VALUE)).to.equal(false);
      });
      it('removeCookie and clearCookies do not throw', () => {
        expect(() => removeCookie({ name: 'consent', days: 1 })).to.not.throw();
        expect(() => clearCookies(ANALYTICS_COOKIES, 'consent')).to.not.throw();
      });
    });
  });
});
