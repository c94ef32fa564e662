// Proof of consent (docs/server/receipts.md): each decision reaches the demo server's
// receipt store as one JSON receipt, a receipt the store did not confirm is sent again on the next
// page load, and one it refused is dropped. Every test has a store of its own, so tests in
// parallel never see each other's receipts.
import type { APIRequestContext, Page, Request } from '@playwright/test';
import type { Receipt } from '../../src/core/receipt.js';
import { consentBanner } from '../../src/testing/index.js';
import {
  EN,
  bannerUi,
  expect,
  recordEvents,
  storedRecord,
  test,
  waitForReady,
  waitForRecord,
  type StoredRecord,
} from './fixtures.js';

/** A page whose banner sends receipts to the store named by `?store=` (English). */
const PAGE = '/test/e2e/pages/receipts.html';
/** The built IIFE, configured by data-* of its script tag, sending to the store `?store=`. */
const SCRIPT_TAG_PAGE = '/test/e2e/pages/receipts-script-tag.html';

/** Exactly the fields of a schema-1 receipt: nothing else, so never the IP address. */
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
];

/** What the demo server keeps: the receipt, and when it arrived. */
type StoredReceipt = Receipt & { receivedAt: string };

/** This test's receipt store: its id, as the server accepts a store name. */
const storeOfThisTest = () =>
  `t-${test.info().testId}`
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);

async function storedReceipts(request: APIRequestContext, store: string, id?: string) {
  const query = new URLSearchParams({ store, ...(id ? { id } : {}) });
  const response = await request.get(`/receipts?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as StoredReceipt[];
}

/** Waits until the store holds `count` receipts, and returns them. */
async function waitForStored(request: APIRequestContext, store: string, count: number) {
  await expect
    .poll(async () => (await storedReceipts(request, store)).length, {
      message: `${count} receipt(s) in the store`,
    })
    .toBe(count);
  return storedReceipts(request, store);
}

const isReceiptPost = (request: Request) =>
  request.method() === 'POST' && new URL(request.url()).pathname === '/receipts';

/** Every POST /receipts the page makes from now on. */
function watchReceiptPosts(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (isReceiptPost(request)) seen.push(request);
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

/**
 * Makes the page fetch the store once, from the page itself, and waits for it: a POST the banner
 * started when it connected went out before this request (it is made at once, synchronously).
 */
async function roundTrip(page: Page, store: string): Promise<void> {
  const done = page.waitForResponse(
    (response) =>
      response.request().method() === 'GET' && new URL(response.url()).pathname === '/receipts',
  );
  await page.evaluate((name) => {
    void fetch(`/receipts?store=${name}`);
  }, store);
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
  let store: string;
  let pageUrl: string;
  let receiptUrl: string;

  test.beforeEach(async ({ request, page, baseURL }) => {
    store = storeOfThisTest();
    pageUrl = `${PAGE}?store=${store}`;
    receiptUrl = `${baseURL}/receipts?store=${store}`;
    expect((await request.delete(`/receipts/outage?store=${store}`)).status()).toBe(204);
    expect((await request.delete(`/receipts?store=${store}`)).status()).toBe(204);
    await recordEvents(page);
  });

  test.afterEach(async ({ request }) => {
    await request.delete(`/receipts/outage?store=${store}`);
    await request.delete(`/receipts?store=${store}`);
  });

  test('accept all: one receipt arrives, matching the cookie, and the page keeps none', async ({
    page,
    context,
    request,
    baseURL,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(pageUrl);
    await expect(ui.region).toBeVisible();

    const posted = page.waitForRequest(isReceiptPost);
    const answered = page.waitForResponse((response) => isReceiptPost(response.request()));
    await consentBanner(page).acceptAll();
    const record = await waitForRecord(context);

    const post = await posted;
    expect(post.headers()['content-type']).toBe('application/json');
    const body = post.postDataJSON() as Record<string, unknown>;
    expect(Object.keys(body).sort(), 'the schema-1 fields, and no other').toEqual(RECEIPT_FIELDS);
    expect((await answered).status(), 'stored as new').toBe(201);

    const [receipt, ...others] = await waitForStored(request, store, 1);
    expect(others).toEqual([]);
    expect(receipt).toEqual({
      schema: 1,
      id: record.id,
      decidedAt: isoTime(record),
      revision: 1,
      granted: expect.any(Array) as unknown,
      denied: [],
      method: 'accept-all',
      lang: 'en',
      url: `${baseURL}${PAGE}`, // origin and path: never the ?store= query
      receivedAt: expect.any(String) as unknown,
    });
    expect(sorted(receipt!.granted)).toEqual(record.granted);
    expect(record.granted).toEqual(['analytics', 'logs', 'necessary', 'preferences']);
    const notUrl = Object.entries(receipt!).filter(([field]) => field !== 'url');
    expect(JSON.stringify(notUrl), 'no address but the page URL').not.toContain('127.0.0.1');

    expect(await storedReceipts(request, store, record.id)).toHaveLength(1);
    await expect
      .poll(() => waitingReceipts(page), { message: 'the confirmed receipt is forgotten' })
      .toEqual({});
  });

  test('a custom choice, then reject all from the settings: two receipts, two ids', async ({
    page,
    context,
    request,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(pageUrl);
    await consentBanner(page).choose({ analytics: true });

    const custom = await waitForRecord(context);
    const [first] = await waitForStored(request, store, 1);
    expect(first).toMatchObject({ id: custom.id, method: 'custom', decidedAt: isoTime(custom) });
    expect(sorted(first!.granted)).toEqual(['analytics', 'logs', 'necessary']);
    expect(first!.denied).toEqual(['preferences']);

    await expect(ui.settingsButton).toBeVisible();
    await consentBanner(page).rejectAll(); // in the dialog, opened by the settings button

    await expect
      .poll(async () => (await storedRecord(context))?.id, { message: 'a new consent id' })
      .not.toBe(custom.id);
    const rejected = (await storedRecord(context))!;
    const receipts = await waitForStored(request, store, 2);
    const second = receipts.find((r) => r.id !== custom.id);
    expect(second).toMatchObject({ id: rejected.id, method: 'reject-all', lang: 'en' });
    expect(sorted(second!.denied)).toEqual(['analytics', 'preferences']);
    expect(sorted(second!.granted)).toEqual(['logs', 'necessary']);
    expect(new Set(receipts.map((r) => r.id)).size, 'distinct ids').toBe(2);
    await expect.poll(() => waitingReceipts(page)).toEqual({});
  });

  test('endpoint down: the receipt waits in the page, arrives on the next load, once', async ({
    page,
    context,
    request,
    pageErrors,
  }) => {
    expect((await request.put(`/receipts/outage?store=${store}`)).status()).toBe(204);
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
    expect(await storedReceipts(request, store)).toEqual([]);

    // The store is back: the next page load delivers the receipt the first one could not.
    expect((await request.delete(`/receipts/outage?store=${store}`)).status()).toBe(204);
    const redelivered = page.waitForResponse((response) => isReceiptPost(response.request()));
    await page.reload();
    expect((await redelivered).status()).toBe(201);
    const [receipt] = await waitForStored(request, store, 1);
    expect(receipt).toMatchObject({ id: record.id, method: 'accept-all' });
    await expect.poll(() => waitingReceipts(page)).toEqual({});

    // Confirmed: the load after that sends nothing.
    const posts = watchReceiptPosts(page);
    await page.reload();
    await waitForReady(page);
    await roundTrip(page, store);
    expect(posts, 'no POST /receipts on this load').toEqual([]);
    expect(await storedReceipts(request, store)).toHaveLength(1);
  });

  test('a receiver that refuses the receipt (400): dropped with a warning, never resent', async ({
    page,
    context,
    pageErrors,
  }) => {
    // The demo server answers 400 for a store name it does not accept.
    await page.goto(`${PAGE}?store=BAD!`);

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
    await roundTrip(page, store);
    expect(posts, 'no POST /receipts on the next load').toEqual([]);
  });
});

test.describe('receipts from the built IIFE', () => {
  let store: string;

  test.beforeAll(async ({ request }) => {
    const response = await request.get('/consent-banner.iife.js');
    expect(response.status(), 'dist/consent-banner.iife.js exists: run `npm run build`').toBe(200);
  });

  test.beforeEach(async ({ request }) => {
    store = storeOfThisTest();
    expect((await request.delete(`/receipts?store=${store}`)).status()).toBe(204);
  });

  test.afterEach(async ({ request }) => {
    await request.delete(`/receipts?store=${store}`);
  });

  test('data-receipt-url on the script tag: a decision reaches the store', async ({
    page,
    context,
    request,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(`${SCRIPT_TAG_PAGE}?store=${store}`);
    await expect(ui.element).toHaveAttribute('receipt-url', `/receipts?store=${store}`);
    await consentBanner(page).rejectAll();

    const record = await waitForRecord(context);
    const [receipt, ...others] = await waitForStored(request, store, 1);
    expect(others).toEqual([]);
    expect(receipt).toMatchObject({
      schema: 1,
      id: record.id,
      method: 'reject-all',
      lang: 'en',
      revision: 1,
      decidedAt: isoTime(record),
    });
    await expect.poll(() => waitingReceipts(page)).toEqual({});
  });
});
