// The banner (js-cookie, in the built IIFE) and consent-banner/server (its own reader of the
// Cookie header) agree on every value (docs/server/index.md): each
// case leaves cookies in a real browser and opens a page; the real Cookie header of that page's
// request goes to the server reader (test/flows/cookie-server.mjs), and the page's `el.consent`
// must be the state the server reads, or no choice for both.
import { expect } from '@open-wc/testing';
import type { ConsentState } from '../../src/core/types.js';
import { clearAllCookies, storedValue } from '../element/helpers.js';
import { closeFrames, openFrame, windowOf } from './frame.js';

type Attributes = Record<string, string>;
type Banner = Element & {
  consent: ConsentState;
  acceptAll(): void;
  rejectAll(): void;
  setConsent(choice: Record<string, boolean>): void;
};

const SCOPED = '/__cookies';

afterEach(() => {
  closeFrames();
  clearAllCookies();
  for (const name of ['consent', 'sso_consent'])
    document.cookie = `${name}=; Path=${SCOPED}; Max-Age=0`;
});

/** The page with the IIFE configured by `attributes`; resolves with its banner and its id. */
async function openBanner(attributes: Attributes) {
  const id = Math.random().toString(36).slice(2);
  const frame = await openFrame(
    `${SCOPED}/page.html?${new URLSearchParams({ _id: id, ...attributes })}`,
  );
  return { id, banner: windowOf(frame).document.querySelector('consent-banner') as Banner };
}

/** What the server reads from the Cookie header of the page request `id`. */
async function serverReads(id: string, attributes: Attributes, categories: string[]) {
  const query = new URLSearchParams({
    _id: id,
    categories: categories.join(','),
    ...(attributes['cookie-name'] ? { cookieName: attributes['cookie-name'] } : {}),
    ...(attributes.revision ? { revision: attributes.revision } : {}),
  });
  const answer = await fetch(`${SCOPED}/read?${query}`);
  return (await answer.json()) as { header: string; consent: ConsentState | null };
}

/**
 * Opens the page; the server's reading of its request's Cookie header, with the categories the
 * page offers, must be what the page shows as `el.consent`.
 */
async function expectAgreement(attributes: Attributes, expectDecided: boolean): Promise<void> {
  const { id, banner } = await openBanner(attributes);
  const state = banner.consent;
  const server = await serverReads(id, attributes, Object.keys(state.categories));
  expect(server.header, 'the page request carried the cookie').to.include(
    `${attributes['cookie-name'] ?? 'consent'}=`,
  );
  expect(state.decided, `decided (header: ${server.header})`).to.equal(expectDecided);
  if (state.decided) expect(server.consent).to.deep.equal(JSON.parse(JSON.stringify(state)));
  else expect(server.consent, `the server reads no choice either: ${server.header}`).to.equal(null);
}

/** A decision made on the page itself: the cookie exactly as the banner writes it. */
async function decide(attributes: Attributes, act: (banner: Banner) => void): Promise<void> {
  const { banner } = await openBanner(attributes);
  act(banner);
  expect(banner.consent.decided).to.equal(true);
  closeFrames();
}

describe('the banner and consent-banner/server read the same choice', () => {
  const decisions: [string, Attributes, (banner: Banner) => void][] = [
    ['Accept all', {}, (b) => b.acceptAll()],
    ['Reject all', {}, (b) => b.rejectAll()],
    ['a custom choice', {}, (b) => b.setConsent({ analytics: true })],
    ['logs optional, Reject all', { logs: 'optional' }, (b) => b.rejectAll()],
    [
      'logs optional, logs and preferences on',
      { logs: 'optional' },
      (b) => b.setConsent({ logs: true, preferences: true }),
    ],
    ['revision 3, Accept all', { revision: '3' }, (b) => b.acceptAll()],
    ['cookie-name sso_consent, Accept all', { 'cookie-name': 'sso_consent' }, (b) => b.acceptAll()],
    ['only analytics offered, Accept all', { categories: 'analytics' }, (b) => b.acceptAll()],
  ];
  for (const [name, attributes, act] of decisions) {
    it(`written by the banner: ${name}`, async () => {
      await decide(attributes, act);
      await expectAgreement(attributes, true);
    });
  }

  const granted = storedValue({ analytics: true, preferences: true, method: 'a' });
  const declined = storedValue({ method: 'r' });
  const raw: [string, string[], boolean][] = [
    [
      'two cookies of the name: the one sent first counts',
      [`consent=${declined}; Path=${SCOPED}`, `consent=${granted}; Path=/`],
      true,
    ],
    [
      'two cookies of the name, the first one not decodable: the second counts',
      [`consent=%E0%A4%A; Path=${SCOPED}`, `consent=${granted}; Path=/`],
      true,
    ],
    ['a truncated value', [`consent=${granted.slice(0, -3)}; Path=/`], false],
    ['garbage', ['consent=hello; Path=/'], false],
    ['a quoted value', [`consent="${granted}"; Path=/`], true],
    ['a value that only starts with a quote', [`consent="${granted}x; Path=/`], true],
    ['a percent-encoded value', [`consent=${granted.replaceAll('~', '%7E')}; Path=/`], true],
    [
      'a forged record without necessary',
      [`consent=1.0.logs~analytics.necessary~preferences.AbCdEfGh1234.1700000000.a; Path=/`],
      false,
    ],
    [
      'a decision time in the future',
      [`consent=${storedValue({ decidedAt: 4_000_000_000 })}; Path=/`],
      false,
    ],
  ];
  for (const [name, cookies, decided] of raw) {
    it(`left in the browser: ${name}`, async () => {
      for (const cookie of cookies) document.cookie = cookie;
      await expectAgreement({}, decided);
    });
  }

  it('a record for an older revision: no choice for either', async () => {
    document.cookie = `consent=${storedValue({ revision: 1 })}; Path=/`;
    await expectAgreement({ revision: '2' }, false);
  });
});
