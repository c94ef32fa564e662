// refreshCookie against the BUILT dist/server.js (through the package's `consent-banner/server`
// export): the Set-Cookie value that re-issues the consent cookie (docs/server/safari.md) repeats the banner's value byte for byte with the banner's attributes
// and the time the choice has left, and refuses everything that is not a valid, live choice.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { readConsent, refreshCookie } from 'consent-banner/server';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures.json', import.meta.url), 'utf8'));

const DAY = 86_400;
const ID = 'Qm9vX3JhbmRvbV9pZA';
const AT = 1763800000; // 2025-11-22T08:26:40Z, the decision time of the values below
const VALUE = `1.3.necessary~logs~analytics.preferences.${ID}.${AT}.c`;
/** `seconds` after the decision. */
const after = (seconds) => new Date((AT + seconds) * 1000);

/** A Set-Cookie value taken apart: name, value, and the attributes (names lower-cased). */
function parse(setCookie) {
  const [pair, ...attributes] = setCookie.split('; ');
  const eq = pair.indexOf('=');
  return {
    name: pair.slice(0, eq),
    value: pair.slice(eq + 1),
    attributes: Object.fromEntries(
      attributes.map((a) => {
        const [key, ...rest] = a.split('=');
        return [key.toLowerCase(), rest.length ? rest.join('=') : true];
      }),
    ),
  };
}

describe('a valid choice is sent back as the banner wrote it', () => {
  test('same name and value, Path=/, SameSite=Lax, Secure, and the time left', () => {
    const cookie = refreshCookie(`consent=${VALUE}`, { now: after(10 * DAY + 5) });
    assert.equal(
      cookie,
      `consent=${VALUE}; Path=/; SameSite=Lax; Max-Age=${182 * DAY - 10 * DAY - 5}; Secure`,
    );
  });

  test('every value captured from a real browser comes back byte-identical', () => {
    for (const c of fixtures.cases) {
      const decidedAt = Date.parse(c.state.decidedAt) / 1000;
      const cookie = refreshCookie(c.cookieHeader, { now: new Date((decidedAt + 60) * 1000) });
      assert.ok(cookie, c.name);
      const { name, value, attributes } = parse(cookie);
      assert.equal(name, 'consent');
      assert.equal(value, c.value, c.name);
      assert.deepEqual(attributes, {
        path: '/',
        samesite: 'Lax',
        'max-age': String(182 * DAY - 60),
        secure: true,
      });
      // And the server reads back the same choice the page reported.
      assert.deepEqual(readConsent(`consent=${value}`), c.state);
    }
  });

  test('never longer than cookie-days from the decision, whatever cookie-days is', () => {
    for (const days of [1, 7, 30, 182, 365, 3650]) {
      const fresh = parse(refreshCookie(`consent=${VALUE}`, { cookieDays: days, now: after(0) }));
      assert.equal(fresh.attributes['max-age'], String(days * DAY));
      const later = parse(
        refreshCookie(`consent=${VALUE}`, { cookieDays: days, now: after(DAY - 1) }),
      );
      assert.equal(later.attributes['max-age'], String((days - 1) * DAY + 1));
    }
  });

  test('a visitor’s clock a little fast: still no longer than cookie-days', () => {
    // The banner takes a decision up to a day "in the future" (a fast clock), as readConsent.
    const cookie = refreshCookie(`consent=${VALUE}`, { cookieDays: 30, now: after(-DAY + 60) });
    assert.equal(parse(cookie).attributes['max-age'], String(30 * DAY));
  });

  test('the last second of the choice, and then nothing', () => {
    const last = refreshCookie(`consent=${VALUE}`, { cookieDays: 30, now: after(30 * DAY - 1) });
    assert.equal(parse(last).attributes['max-age'], '1');
    assert.equal(refreshCookie(`consent=${VALUE}`, { cookieDays: 30, now: after(30 * DAY) }), null);
    assert.equal(refreshCookie(`consent=${VALUE}`, { now: after(400 * DAY) }), null);
  });

  test('the banner’s cookie-domain and cookie-name; no Secure on a plain-http site', () => {
    const cookie = refreshCookie(`other=1; site_consent=${VALUE}`, {
      cookieName: 'site_consent',
      cookieDomain: 'example.go.th',
      secure: false,
      now: after(DAY),
    });
    assert.equal(
      cookie,
      `site_consent=${VALUE}; Path=/; SameSite=Lax; Max-Age=${181 * DAY}; Domain=example.go.th`,
    );
  });

  test('the first consent cookie counts, as in the browser', () => {
    const other = `1.3.necessary.logs~analytics~preferences.${ID}.${AT}.r`;
    const cookie = refreshCookie(`consent=${other}; consent=${VALUE}`, { now: after(1) });
    assert.equal(parse(cookie).value, other);
    assert.equal(refreshCookie(`consent=garbage; consent=${VALUE}`, { now: after(1) }), null);
  });
});

describe('nothing is sent back for what is not a valid, live choice', () => {
  const now = after(DAY);
  const refused = {
    'no header': undefined,
    'an empty header': '',
    'no consent cookie': 'session=abc; theme=dark',
    garbage: 'consent=garbage',
    'an empty value': 'consent=',
    truncated: `consent=${VALUE.slice(0, -2)}`,
    'another format version': `consent=2${VALUE.slice(1)}`,
    'necessary not granted': `consent=1.3.logs.necessary.${ID}.${AT}.c`,
    'a decision over a day in the future': `consent=1.3.necessary..${ID}.${AT + 3 * DAY}.c`,
    'an unknown method': `consent=1.3.necessary..${ID}.${AT}.x`,
    'a short id': `consent=1.3.necessary..short.${AT}.c`,
    'over 1,024 characters': `consent=1.0.necessary${'~c'.repeat(520)}..${ID}.${AT}.a`,
    'a value with a header injection': `consent=${VALUE}\r\nSet-Cookie: admin=1`,
  };
  for (const [name, header] of Object.entries(refused))
    test(name, () => assert.equal(refreshCookie(header, { now }), null));

  test('a record for an older revision, with the banner’s revision', () => {
    assert.equal(refreshCookie(`consent=${VALUE}`, { revision: 4, now }), null);
    assert.ok(refreshCookie(`consent=${VALUE}`, { revision: 3, now }));
  });

  test('a record that does not fit the site’s categories', () => {
    const site = ['necessary', 'logs', 'preferences', 'analytics', 'marketing'];
    assert.equal(refreshCookie(`consent=${VALUE}`, { siteCategories: site, now }), null);
    assert.ok(refreshCookie(`consent=${VALUE}`, { siteCategories: site.slice(0, 4), now }));
  });
});

describe('wrong options throw a TypeError that says what is wrong', () => {
  const wrong = [
    [{ cookieDays: 0 }, /cookieDays/],
    [{ cookieDays: 3651 }, /cookieDays/],
    [{ cookieDays: 1.5 }, /cookieDays/],
    [{ cookieDays: '182' }, /cookieDays/],
    [{ cookieDomain: '' }, /cookieDomain/],
    [{ cookieDomain: 'example.go.th; Secure' }, /cookieDomain/],
    [{ cookieDomain: 'exa mple.go.th' }, /cookieDomain/],
    [{ secure: 'yes' }, /secure/],
    [{ now: 'today' }, /now/],
    [{ now: new Date(Number.NaN) }, /now/],
    [{ cookieName: 'my consent' }, /cookieName/],
    [{ cookieName: 'a;b' }, /cookieName/],
    [{ revision: -1 }, /revision/],
    [{ maxAge: 10 }, /unknown option "maxAge"/],
    ['182', /options must be an object/],
  ];
  for (const [options, message] of wrong)
    test(JSON.stringify(options) ?? String(options), () =>
      assert.throws(() => refreshCookie(`consent=${VALUE}`, options), {
        name: 'TypeError',
        message,
      }),
    );

  test('the options a banner has are all taken', () => {
    assert.ok(
      refreshCookie(`consent=${VALUE}`, {
        cookieName: 'consent',
        revision: 3,
        siteCategories: ['necessary', 'logs', 'preferences', 'analytics'],
        cookieDays: 182,
        cookieDomain: '.example.go.th',
        secure: true,
        now: after(1),
      }),
    );
  });
});

test('any header: a refreshed cookie only ever repeats the choice the header holds', () => {
  // Seeded, so a failure can be repeated. Decision times around the real present, as
  // readConsent counts from it.
  const NOW = Math.floor(Date.now() / 1000);
  const header = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc
      .tuple(
        fc.constantFrom('1', '2', ''),
        fc.nat(5),
        fc.subarray(['necessary', 'logs', 'preferences', 'analytics', 'x']),
        fc.subarray(['logs', 'preferences', 'analytics', 'necessary']),
        fc.constantFrom(ID, 'short', `${ID}%41`),
        // Up to a second ago: a decision in the future is refused, and tested above.
        fc.integer({ min: NOW - 400 * DAY, max: NOW - 1 }),
        fc.constantFrom('a', 'r', 'c', 'g', 'p', 'z'),
        fc.constantFrom('', ' ', '%7E', '"'),
      )
      .map(
        ([v, rev, granted, denied, id, at, m, noise]) =>
          `a=1; consent=${noise}${[v, rev, granted.join('~'), denied.join('~'), id, at, m].join('.')}`,
      ),
  );
  fc.assert(
    fc.property(header, fc.integer({ min: 1, max: 3650 }), (h, days) => {
      const now = new Date(NOW * 1000);
      const cookie = refreshCookie(h, { cookieDays: days, now });
      const state = readConsent(h);
      if (cookie === null) {
        const decidedAt = state && Date.parse(state.decidedAt) / 1000;
        assert.ok(state === null || decidedAt + days * DAY <= NOW, `refused a live choice: ${h}`);
        return;
      }
      assert.match(cookie, /^consent=[\w.~-]+; Path=\/; SameSite=Lax; Max-Age=\d+; Secure$/);
      const { value, attributes } = parse(cookie);
      assert.deepEqual(readConsent(`consent=${value}`), state);
      const left = Date.parse(state.decidedAt) / 1000 + days * DAY - NOW;
      assert.equal(attributes['max-age'], String(left));
      assert.ok(left > 0 && left <= days * DAY);
    }),
    { seed: 20261202, numRuns: 5000 },
  );
});
