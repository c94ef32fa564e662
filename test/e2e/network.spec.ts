// What the banner makes the browser fetch (docs/explanation/security.md): on a first visit, on
// Accept all, for a returning visitor and on a withdrawal, every request is listed here and
// anything else fails: the page's own files, the gated scripts once granted (and the page view
// they report themselves), and `receipt-url` when it is set. Nothing goes to another origin.
import type { BrowserContext, Page, Request } from '@playwright/test';
import { EN, bannerUi, expect, isReceiptPost, test, waitForRecord } from './fixtures.js';

/** One request, as `METHOD /path?query` on the demo server, or its whole URL elsewhere. */
function describe(request: Request, origin: string): string {
  const url = new URL(request.url());
  const where = url.origin === origin ? `${url.pathname}${url.search}` : url.href;
  return `${request.method()} ${where}`;
}

/**
 * Every request of the context from now on (web sockets too, as `WS /path` on the demo server's
 * host), and the ones that left the demo server's origin.
 */
function recordRequests(context: BrowserContext, origin: string) {
  const all: string[] = [];
  const elsewhere: string[] = [];
  /**
   * The words of a wording, sent to `receipt-url` when the store asks for them: only the first
   * time it meets them, which depends on the tests that ran before (docs/reference/receipt.md).
   */
  const words: string[] = [];
  context.on('request', (request) => {
    if (request.method() === 'POST' && /"texts":/.test(request.postData() ?? ''))
      return void words.push(describe(request, origin));
    all.push(describe(request, origin));
    if (new URL(request.url()).origin !== origin) elsewhere.push(request.url());
  });
  const watchSockets = (page: Page) =>
    page.on('websocket', (socket) => {
      const url = new URL(socket.url());
      const here = url.host === new URL(origin).host;
      all.push(`WS ${here ? url.pathname : url.href}`);
      if (!here) elsewhere.push(url.href);
    });
  context.pages().forEach(watchSockets);
  context.on('page', watchSockets);
  return {
    elsewhere,
    words,
    /** The requests since the last call, sorted. */
    take(): string[] {
      return all.splice(0).sort();
    },
  };
}

type Recorder = ReturnType<typeof recordRequests>;

/**
 * Asserts that the requests of one step are exactly `expected`: waits for them, then until the
 * network is idle, and checks again.
 */
async function expectRequests(page: Page, recorder: Recorder, step: string, expected: string[]) {
  const seen: string[] = [];
  const want = [...expected].sort();
  await expect
    .poll(
      () => {
        seen.push(...recorder.take());
        return [...seen].sort();
      },
      { message: `the requests of "${step}"` },
    )
    .toEqual(want);
  // Then until the page has had no request in flight for a while (Playwright's own condition):
  // a late request of this step still fails it.
  await page.waitForLoadState('networkidle');
  seen.push(...recorder.take());
  expect([...seen].sort(), `no other request in "${step}"`).toEqual(want);
}

/** What the script-tag file loads when the dialog first opens (or a page has embeds). */
const EXTRAS = 'GET /consent-banner-extras.iife.js';

/** The answer to the page's next receipt, stored (201). */
const receiptAnswered = (page: Page) =>
  page
    .waitForResponse((response) => isReceiptPost(response.request()))
    .then((response) => expect(response.status()).toBe(201));

test.describe('network discipline', () => {
  test('the script-tag demo: only its own files, and analytics only once granted', async ({
    page,
    context,
    baseURL,
  }) => {
    const origin = new URL(baseURL ?? '').origin;
    const recorder = recordRequests(context, origin);
    const ui = bannerUi(page, EN);
    const pageFiles = [
      'GET /demo/script-tag.html',
      'GET /demo/demo.css',
      'GET /demo/panel.js',
      'GET /consent-banner.iife.js',
    ];
    const analytics = ['GET /demo/analytics.js', 'POST /collect'];

    await page.goto('/demo/script-tag.html');
    await expect(ui.region).toBeVisible();
    await expectRequests(page, recorder, 'first visit', pageFiles);

    await ui.acceptAll.click();
    await waitForRecord(context);
    await expectRequests(page, recorder, 'accept all', analytics);

    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expectRequests(page, recorder, 'returning visitor', [...pageFiles, ...analytics]);

    await ui.settingsButton.click();
    await ui.dialogRejectAll.click();
    await expect(ui.dialog).toBeHidden();
    // The dialog brings the extras file (what each category keeps, the visitor's record).
    await expectRequests(page, recorder, 'withdrawal', [EXTRAS]);

    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expectRequests(page, recorder, 'after the withdrawal', pageFiles);

    expect(recorder.elsewhere, 'no request to another origin').toEqual([]);
  });

  test('a strict page with receipt-url: its files, the granted scripts, the receipts', async ({
    page,
    context,
    baseURL,
  }) => {
    const origin = new URL(baseURL ?? '').origin;
    const path = '/test/e2e/pages/strict/iife.html';
    const recorder = recordRequests(context, origin);
    const ui = bannerUi(page, EN);
    const pageFiles = [`GET ${path}`, 'GET /demo/demo.css', 'GET /consent-banner.iife.js'];
    const analytics = ['GET /test/e2e/pages/strict/analytics.js', 'POST /collect'];
    const receipt = 'POST /receipts';

    await page.goto(path);
    await expect(ui.region).toBeVisible();
    await expectRequests(page, recorder, 'first visit', pageFiles);

    // The receipt's answer is awaited before the page goes: one still on its way would be sent
    // again by the next page (as it should), and counted there.
    let answered = receiptAnswered(page);
    await ui.acceptAll.click();
    await waitForRecord(context);
    // The receipts' sender comes with the extras file.
    await expectRequests(page, recorder, 'accept all', [EXTRAS, ...analytics, receipt]);
    await answered;

    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expectRequests(page, recorder, 'returning visitor', [...pageFiles, ...analytics]);

    await ui.settingsButton.click();
    answered = receiptAnswered(page);
    await ui.dialogRejectAll.click();
    await expect(ui.dialog).toBeHidden();
    await expectRequests(page, recorder, 'withdrawal', [EXTRAS, receipt]);
    await answered;

    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expectRequests(page, recorder, 'after the withdrawal', pageFiles);

    expect(recorder.elsewhere, 'no request to another origin').toEqual([]);
    // Both decisions showed the same words: sent once at most, to receipt-url.
    expect(recorder.words.length, 'the words, once at most').toBeLessThanOrEqual(1);
    for (const post of recorder.words) expect(post).toBe(receipt);
  });
});
