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

/** What `action` writes to `document.cookie`, in order; the writes still take effect. */
function cookieWrites(action: () => void): string[] {
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
    action();
  } finally {
    delete (document as { cookie?: string }).cookie;
  }
  return writes;
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

    it('writes Path=/, SameSite=Lax, Max-Age from days, host-only, not Secure on http', () => {
      const writes = cookieWrites(() => writeCookie({ name: 'consent', days: 30 }, VALUE));
      expect(writes).to.have.length(1);
      const [pair, ...attributes] = writes[0]!.split(/;\s*/);
      expect(pair).to.equal(`consent=${VALUE}`);
      const names = attributes.map((a) => a.split('=')[0]!.toLowerCase());
      expect(names).to.have.members(['path', 'samesite', 'max-age']);
      expect(attributes.map((a) => a.toLowerCase())).to.have.members([
        'path=/',
        'samesite=lax',
        `max-age=${30 * 86_400}`,
      ]);
      expect(readCookie('consent')).to.equal(VALUE);
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
        // A cookie-domain the page is not on: every browser refuses it.
        name: 'a domain this page is not on',
        write: () => writeCookie({ name: 'consent', days: 1, domain: 'example.org' }, VALUE),
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
      // This page is on localhost, where not every browser keeps domain cookies; so watch what
      // clearCookies writes instead.
      setRaw('_ga');
      const writes = cookieWrites(() => clearCookies(['_ga'], 'consent'));
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

    it(`also removes a cookie a tag set with Domain=${location.hostname}`, () => {
      // Chromium and Firefox keep both cookies; WebKit refuses a domain cookie on localhost.
      document.cookie = '_ga=1; Path=/; Max-Age=600';
      document.cookie = `_ga=2; Path=/; Max-Age=600; Domain=${location.hostname}`;
      expect(cookieNames()).to.include('_ga');
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
