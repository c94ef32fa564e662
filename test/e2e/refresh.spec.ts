// The consent cookie sent back by a REAL nginx (README "Keeping the choice past Safari's 7
// days"): the demo's nginx asks the consent endpoint (demo/receipt-server.mjs) for the cookie
// with each page (demo/nginx/consent-refresh.conf). Safari caps a cookie written by the page's
// script at 7 days; here the cap is put on by hand, as Safari would, and the next page from
// nginx gives the cookie back its full lifetime: cookie-days from the decision, never more, and
// the value unchanged.
import type { BrowserContext } from '@playwright/test';
import { EN, bannerUi, waitForRecord } from './fixtures.js';
import { expect, startTestNginx, test } from './nginx-server.js';

const PAGE = '/demo/nginx/';
const DAY = 86_400;

/** The consent cookie as the browser holds it. */
async function consentCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === 'consent');
  expect(cookie, 'the consent cookie').toBeDefined();
  return cookie as NonNullable<typeof cookie>;
}

/** What Safari does to a cookie written by a script: at most 7 days from now. */
async function capLikeSafari(context: BrowserContext): Promise<void> {
  const cookie = await consentCookie(context);
  await context.addCookies([{ ...cookie, expires: Math.floor(Date.now() / 1000) + 7 * DAY }]);
}

test.describe('the consent cookie, sent back by nginx', () => {
  test('a capped cookie gets back its full lifetime, with the same value', async ({
    page,
    context,
    nginx,
  }) => {
    await page.goto(`${nginx.origin}${PAGE}`);
    const ui = bannerUi(page, EN);
    await ui.rejectAll.click();
    const record = await waitForRecord(context);
    const written = await consentCookie(context);
    // The banner's own cookie: cookie-days (182) from the decision.
    expect(Math.abs(written.expires - (record.decidedAt + 182 * DAY))).toBeLessThanOrEqual(2);

    await capLikeSafari(context);
    expect((await consentCookie(context)).expires).toBeLessThan(record.decidedAt + 8 * DAY);

    const response = await page.goto(`${nginx.origin}${PAGE}`);
    const setCookie = (await response?.headerValue('set-cookie')) ?? '';
    expect(setCookie).toMatch(/^consent=[\w.~-]+; Path=\/; SameSite=Lax; Max-Age=\d+$/);
    const kept = await consentCookie(context);
    expect(kept.value, 'byte for byte what the banner wrote').toBe(record.raw);
    expect(kept.path).toBe('/');
    expect(kept.sameSite).toBe('Lax');
    // The time the choice has left: cookie-days from the decision (a second or two of
    // rounding between the page and the server), and never longer.
    expect(kept.expires).toBeLessThanOrEqual(record.decidedAt + 182 * DAY + 1);
    expect(kept.expires).toBeGreaterThan(record.decidedAt + 182 * DAY - 5);
    // And the banner still reads the same choice: no banner, the same consent id.
    await expect(ui.region).toHaveCount(0);
    expect((await waitForRecord(context)).id).toBe(record.id);
  });

  test('no choice, or a forged one: nginx sends no cookie', async ({ page, context, nginx }) => {
    const first = await page.goto(`${nginx.origin}${PAGE}`);
    expect(await first?.headerValue('set-cookie')).toBeNull();
    const forged = `1.1.logs.necessary.Qm9vX3JhbmRvbV9pZA.${Math.floor(Date.now() / 1000)}.a`;
    await context.addCookies([{ name: 'consent', value: forged, url: nginx.origin }]);
    const second = await page.goto(`${nginx.origin}${PAGE}`);
    expect(await second?.headerValue('set-cookie')).toBeNull();
  });

  test('the consent endpoint down: pages are served as ever, without the cookie', async ({
    page,
    context,
  }) => {
    const alone = await startTestNginx({ consentEndpoint: false });
    try {
      await page.goto(`${alone.origin}${PAGE}`);
      await bannerUi(page, EN).acceptAll.click();
      await waitForRecord(context);
      const response = await page.goto(`${alone.origin}${PAGE}`);
      expect(response?.status()).toBe(200);
      expect(await response?.headerValue('set-cookie')).toBeNull();
      await expect(page.locator('consent-banner')).toHaveCount(1);
    } finally {
      await alone.remove();
    }
  });
});
