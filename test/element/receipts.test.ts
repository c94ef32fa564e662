// The element's receipt-url: a refused URL sends nothing; a good one gets one receipt per
// decision, and what an earlier page could not deliver when the banner connects. The receiver is
// the test server's /__receipts/<name> (web-test-runner.config.mjs).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentBanner } from '../../src/index.js';
import { decodeRecord } from '../../src/core/codec.js';
import type { Receipt } from '../../src/core/receipt.js';
import { captureConsole, clearAllCookies, getCookie, until } from './helpers.js';

const PREFIX = 'consent-banner:receipts:';

/** A receiver of its own: the path for `receipt-url`, and the absolute URL the banner uses. */
function newEndpoint() {
  const path = `/__receipts/element-${crypto.randomUUID()}`;
  return { path, href: new URL(path, location.href).href };
}

async function received(href: string): Promise<Receipt[]> {
  const posts = (await (await fetch(href)).json()) as { body: string }[];
  return posts.map((p) => JSON.parse(p.body) as Receipt);
}

/** Waits until the receiver holds `count` receipts (the banner does not await its POST). */
async function waitForReceived(href: string, count: number): Promise<Receipt[]> {
  let list: Receipt[] = [];
  await waitUntil(
    async () => (list = await received(href)).length >= count,
    `${count} receipt(s) arrive`,
    { timeout: 5000 },
  );
  return list;
}

const waitingKeys = () => Object.keys(localStorage).filter((k) => k.startsWith(PREFIX));

function clearWaiting(): void {
  for (const key of waitingKeys()) localStorage.removeItem(key);
}

/** Counts the page's fetch calls while `action` runs (each call still goes through). */
async function countFetches(action: () => unknown): Promise<number> {
  const original = window.fetch;
  let calls = 0;
  window.fetch = (...args: Parameters<typeof fetch>) => {
    calls += 1;
    return original(...args);
  };
  try {
    await action();
  } finally {
    window.fetch = original;
  }
  return calls;
}

describe('receipt-url', () => {
  beforeEach(() => {
    clearAllCookies();
    clearWaiting();
  });
  afterEach(() => {
    clearAllCookies();
    clearWaiting();
  });

  it('refuses javascript: with one clear warning, and sends nothing on a decision', async () => {
    let el!: ConsentBanner;
    const warnings = await captureConsole('warn', async () => {
      el = await fixture<ConsentBanner>(
        html`<consent-banner lang="en" receipt-url="javascript:alert(1)"></consent-banner>`,
      );
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0])
      .to.contain('[consent-banner]')
      .and.contain('receipt-url="javascript:alert(1)"')
      .and.contain('ignored')
      .and.match(/http\(s\)/);

    const fetches = await countFetches(() => el.acceptAll());

    expect(el.consent.decided, 'the banner still works').to.equal(true);
    expect(fetches, 'no request at all').to.equal(0);
    expect(waitingKeys(), 'no receipt kept').to.deep.equal([]);
  });

  it('posts one receipt per API decision, matching the cookie, and keeps none', async () => {
    const { path, href } = newEndpoint();
    const el = await fixture<ConsentBanner>(
      html`<consent-banner lang="en" receipt-url=${path}></consent-banner>`,
    );
    expect(await received(href), 'nothing to send before a decision').to.deep.equal([]);

    el.setConsent({ analytics: true });
    const [receipt] = await waitForReceived(href, 1);
    const record = decodeRecord(getCookie()!)!;

    expect(receipt).to.deep.equal({
      schema: 1,
      id: record.id,
      decidedAt: el.consent.decidedAt,
      revision: 0,
      granted: el.consent.granted,
      denied: el.consent.denied,
      method: 'api',
      lang: 'en',
      url: location.origin + location.pathname,
    });
    expect(receipt!.granted).to.include('analytics');
    await until(() => waitingKeys().length === 0, 'the confirmed receipt is forgotten');

    el.rejectAll();
    const both = await waitForReceived(href, 2);
    expect(both[1]!.id, 'a new decision, a new id').to.not.equal(receipt!.id);
    expect(both[1]!.denied).to.include('analytics');
    expect(both).to.have.length(2);
  });

  it('sends, once connected, a receipt an earlier page could not deliver', async () => {
    const { path, href } = newEndpoint();
    const earlier: Receipt = {
      schema: 1,
      id: 'Earlier_page_0001',
      decidedAt: '2025-11-22T08:26:40.000Z',
      revision: 0,
      granted: ['necessary', 'logs'],
      denied: ['preferences', 'analytics'],
      method: 'reject-all',
      lang: 'th',
      url: 'https://www.example.go.th/privacy',
    };
    localStorage.setItem(PREFIX + href, JSON.stringify([earlier]));

    await fixture(html`<consent-banner lang="en" receipt-url=${path}></consent-banner>`);

    expect(await waitForReceived(href, 1)).to.deep.equal([earlier]);
    await until(() => waitingKeys().length === 0, 'the confirmed receipt is forgotten');
  });
});
