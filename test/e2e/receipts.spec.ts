// Proof of consent (docs/server/receipts.md): each decision reaches the demo server's
// receipt store (openReceiptStore, docs/server/records.md) as one JSON receipt, a receipt the
// store did not confirm is sent again on the next page load, and one it refused is dropped. The
// tests share the one store and tell their receipts apart by consent id: each test knows the ids
// of its decisions, and reads their records on the store's audit page, as an auditor would.
import type { Page, Request } from '@playwright/test';
import type { Receipt } from '../../src/core/receipt.js';
import { en } from '../../src/i18n/en.js';
import { consentBanner } from '../../src/testing/index.js';
import {
  EN,
  bannerUi,
  expect,
  isReceiptPost,
  recordEvents,
  recordedReceipt,
  storedRecord,
  test,
  waitForReady,
  waitForRecord,
  waitForRecorded,
  type StoredRecord,
} from './fixtures.js';

/** A page whose banner sends receipts to `/receipts?tag=<its own ?tag=>` (English). */
const PAGE = '/test/e2e/pages/receipts.html';
/** The built IIFE, configured by data-* of its script tag, sending to `/receipts`. */
const SCRIPT_TAG_PAGE = '/test/e2e/pages/receipts-script-tag.html';

/**
 * Exactly the fields of a receipt of a decision made on the banner (schema 2: schema 1's and the
 * wording): nothing else, so never the IP address.
 */
const RECEIPT_FIELDS = [
  'decidedAt',
  'denied',
  'granted',
  'id',
  'lang',
  'method',
  'revision',
  'schema',
  'url',
  'wording',
];
/** A wording: the hash of the words the visitor saw (docs/reference/receipt.md). */
const WORDING = /^[0-9a-f]{24}$/;

/**
 * This test's tag on the receipt-url, as the demo server accepts one: the store ignores it, and
 * the server's outage switch (`PUT /receipts/outage?tag=`) touches this test's POSTs alone.
 */
const tagOfThisTest = () =>
  `t-${test.info().testId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);

/** A time as the audit page shows it in English: in the store's time zone (Asia/Bangkok). */
const shownTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone: 'Asia/Bangkok',
  }).format(new Date(iso));

/**
 * Every POST /receipts the page makes from now on, and every request for the extras, which
 * bring the receipts' sender.
 */
function watchReceiptPosts(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (isReceiptPost(request) || /consent-banner-extras/.test(request.url())) seen.push(request);
  });
  return seen;
}

/** The receipts the page keeps in localStorage, per key (only the banner's keys). */
function waitingReceipts(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() =>
    Object.fromEntries(
      Object.keys(localStorage)
        .filter((key) => key.startsWith('consent-banner:receipts:'))
        .map((key) => [key, JSON.parse(localStorage.getItem(key) ?? 'null') as unknown]),
    ),
  );
}

/** The localStorage key of the receipts waiting for `receiptUrl` (an absolute URL). */
const waitingKey = (receiptUrl: string) => `consent-banner:receipts:${receiptUrl}`;

/** The JSON bodies of POSTs, in order. */
const bodies = (posts: readonly Request[]) =>
  posts.filter(isReceiptPost).map((post) => post.postDataJSON() as Receipt);
/** The receipts among `posts`, not the words that may follow one (docs/reference/receipt.md). */
const receipts = (posts: readonly Request[]) => bodies(posts).filter((body) => 'id' in body);

/**
 * Makes the page fetch the store's audit page once, from the page itself, and waits for it: a
 * banner that found a receipt waiting when it connected asked for its sender (the extras) before
 * this request (at once, synchronously).
 */
async function roundTrip(page: Page): Promise<void> {
  const done = page.waitForResponse(
    (response) =>
      response.request().method() === 'GET' &&
      new URL(response.url()).pathname === '/demo/records/',
  );
  await page.evaluate(() => {
    void fetch('/demo/records/?lang=en');
  });
  await done;
}

/** The ISO time of a cookie's decision (seconds since 1970). */
const isoTime = (record: StoredRecord) => new Date(record.decidedAt * 1000).toISOString();

const sorted = (ids: readonly string[]) => [...ids].sort();

/** Takes the one expected console error out of the fixture's list (asserting it was logged). */
async function expectLoggedOnce(pageErrors: string[], message: string): Promise<void> {
  const expected = `console.error: ${message}`;
  await expect
    .poll(() => pageErrors.filter((e) => e === expected).length, {
      message: `Chromium logs "${message}"`,
    })
    .toBe(1);
  pageErrors.splice(pageErrors.indexOf(expected), 1);
}

test.describe('receipts from receipt-url', () => {
  let tag: string;
  let pageUrl: string;
  let receiptUrl: string;

  test.beforeEach(async ({ request, page, baseURL }) => {
    tag = tagOfThisTest();
    pageUrl = `${PAGE}?tag=${tag}`;
    receiptUrl = `${baseURL}/receipts?tag=${tag}`;
    expect((await request.delete(`/receipts/outage?tag=${tag}`)).status()).toBe(204);
    await recordEvents(page);
  });

  test.afterEach(async ({ request }) => {
    await request.delete(`/receipts/outage?tag=${tag}`);
  });

  test('accept all: one receipt arrives, matching the cookie, and the page keeps none', async ({
    page,
    context,
    baseURL,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(pageUrl);
    await expect(ui.region).toBeVisible();

    const posts = watchReceiptPosts(page);
    const answered = page.waitForResponse((response) => isReceiptPost(response.request()));
    await consentBanner(page).acceptAll();
    const record = await waitForRecord(context);

    const response = await answered;
    const post = response.request();
    expect(post.headers()['content-type']).toBe('application/json');
    const body = post.postDataJSON() as Record<string, unknown>;
    expect(Object.keys(body).sort(), 'the schema-2 fields, and no other').toEqual(RECEIPT_FIELDS);
    expect(body).toEqual({
      schema: 2,
      wording: expect.stringMatching(WORDING) as unknown,
      id: record.id,
      decidedAt: isoTime(record),
      revision: 1,
      granted: expect.any(Array) as unknown,
      denied: [],
      method: 'accept-all',
      lang: 'en',
      url: `${baseURL}${PAGE}`, // origin and path: never the ?tag= query
    });
    expect(response.status(), 'stored as new').toBe(201);

    // The store's record, as its audit page shows it.
    const stored = await recordedReceipt(context, record.id);
    expect(stored).toEqual({
      id: record.id,
      decidedAt: shownTime(isoTime(record)),
      receivedAt: expect.stringMatching(/^\d{1,2} \w+ \d{4} at \d{2}:\d{2}:\d{2}$/) as unknown,
      revision: '1',
      method: 'Accept all',
      granted: expect.any(Array) as unknown,
      denied: [],
      lang: 'English',
      url: `${baseURL}${PAGE}`,
      wording: expect.any(String) as unknown,
    });
    // The words the visitor saw, as the auditor reads them: the first layer's and each category's.
    for (const text of [en.bannerTitle, en.acceptAll, en.analyticsLabel, en.analyticsDescription])
      expect(stored!.wording).toContain(text);
    expect(sorted(stored!.granted)).toEqual(record.granted);
    expect(record.granted).toEqual(['analytics', 'logs', 'necessary', 'preferences']);
    const notUrl = Object.entries(stored!).filter(([field]) => field !== 'url');
    expect(JSON.stringify(notUrl), 'no address but the page URL').not.toContain('127.0.0.1');

    await expect
      .poll(() => waitingReceipts(page), { message: 'the confirmed receipt is forgotten' })
      .toEqual({});
    expect(
      receipts(posts).map((r) => r.id),
      'one receipt for the one decision',
    ).toEqual([record.id]);
  });

  test('a custom choice, then reject all from the settings: two receipts, two ids', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(pageUrl);
    const posts = watchReceiptPosts(page);
    await consentBanner(page).choose({ analytics: true });

    const custom = await waitForRecord(context);
    const first = await waitForRecorded(context, custom.id);
    expect(first).toMatchObject({
      id: custom.id,
      method: 'Chosen',
      decidedAt: shownTime(isoTime(custom)),
    });
    expect(sorted(first.granted)).toEqual(['analytics', 'logs', 'necessary']);
    expect(first.denied).toEqual(['preferences']);

    await expect(ui.settingsButton).toBeVisible();
    await consentBanner(page).rejectAll(); // in the dialog, opened by the settings button

    await expect
      .poll(async () => (await storedRecord(context))?.id, { message: 'a new consent id' })
      .not.toBe(custom.id);
    const rejected = (await storedRecord(context))!;
    const second = await waitForRecorded(context, rejected.id);
    expect(second).toMatchObject({ id: rejected.id, method: 'Reject all', lang: 'English' });
    expect(sorted(second.denied)).toEqual(['analytics', 'preferences']);
    expect(sorted(second.granted)).toEqual(['logs', 'necessary']);
    await expect.poll(() => waitingReceipts(page)).toEqual({});
    expect(
      receipts(posts).map((r) => r.id),
      'two receipts, one per decision, with distinct ids',
    ).toEqual([custom.id, rejected.id]);
  });

  test('endpoint down: the receipt waits in the page, arrives on the next load, once', async ({
    page,
    context,
    request,
    pageErrors,
  }) => {
    expect((await request.put(`/receipts/outage?tag=${tag}`)).status()).toBe(204);
    await page.goto(pageUrl);

    const answered = page.waitForResponse((response) => isReceiptPost(response.request()));
    await consentBanner(page).acceptAll();
    expect((await answered).status()).toBe(503);
    await expectLoggedOnce(
      pageErrors,
      'Failed to load resource: the server responded with a status of 503 (Service Unavailable)',
    );
    const record = await waitForRecord(context);

    const waiting = await waitingReceipts(page);
    expect(Object.keys(waiting)).toEqual([waitingKey(receiptUrl)]);
    expect((waiting[waitingKey(receiptUrl)] as Receipt[]).map((r) => r.id)).toEqual([record.id]);
    expect(await recordedReceipt(context, record.id), 'not in the store').toBeNull();

    // The store is back: the next page load delivers the receipt the first one could not.
    expect((await request.delete(`/receipts/outage?tag=${tag}`)).status()).toBe(204);
    const redelivered = page.waitForResponse((response) => isReceiptPost(response.request()));
    await page.reload();
    expect((await redelivered).status()).toBe(201);
    expect(await recordedReceipt(context, record.id)).toMatchObject({
      id: record.id,
      method: 'Accept all',
    });
    await expect.poll(() => waitingReceipts(page)).toEqual({});

    // Confirmed: the load after that sends nothing, and the store still holds the one record.
    const posts = watchReceiptPosts(page);
    await page.reload();
    await waitForReady(page);
    await roundTrip(page);
    expect(posts, 'no POST /receipts, and no sender loaded, on this load').toEqual([]);
    expect(await recordedReceipt(context, record.id)).toMatchObject({ id: record.id });
  });

  test('a receiver that refuses the receipt (400): dropped with a warning, never resent', async ({
    page,
    context,
    pageErrors,
  }) => {
    // The demo server answers 400 for a tag it does not accept.
    await page.goto(`${PAGE}?tag=BAD!`);

    const warned = page.waitForEvent(
      'console',
      (message) => message.type() === 'warning' && message.text().includes('receipt-url'),
    );
    const answered = page.waitForResponse((response) => isReceiptPost(response.request()));
    await consentBanner(page).acceptAll();
    expect((await answered).status()).toBe(400);
    expect((await warned).text()).toBe(
      '[consent-banner] receipt-url answered 400: receipt dropped',
    );
    await expectLoggedOnce(
      pageErrors,
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    );
    await waitForRecord(context);
    await expect.poll(() => waitingReceipts(page), { message: 'dropped' }).toEqual({});

    const posts = watchReceiptPosts(page);
    await page.reload();
    await waitForReady(page);
    await roundTrip(page);
    expect(posts, 'no POST /receipts, and no sender loaded, on the next load').toEqual([]);
  });
});

test.describe('receipts from the built IIFE', () => {
  test.beforeAll(async ({ request }) => {
    const response = await request.get('/consent-banner.iife.js');
    expect(response.status(), 'dist/consent-banner.iife.js exists: run `npm run build`').toBe(200);
  });

  test('data-receipt-url on the script tag: a decision reaches the store', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(SCRIPT_TAG_PAGE);
    await expect(ui.element).toHaveAttribute('receipt-url', '/receipts');
    const posts = watchReceiptPosts(page);
    await consentBanner(page).rejectAll();

    const record = await waitForRecord(context);
    const receipt = await waitForRecorded(context, record.id);
    expect(receipt).toMatchObject({
      id: record.id,
      method: 'Reject all',
      lang: 'English',
      revision: '1',
      decidedAt: shownTime(isoTime(record)),
    });
    await expect.poll(() => waitingReceipts(page)).toEqual({});
    expect(receipts(posts), 'one receipt, with the wording the visitor saw').toEqual([
      expect.objectContaining({
        schema: 2,
        id: record.id,
        wording: expect.stringMatching(WORDING),
      }),
    ]);
    for (const text of [en.bannerTitle, en.rejectAll]) expect(receipt.wording).toContain(text);
  });
});
