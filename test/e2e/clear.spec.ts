// Cookies on a parent domain. localhost and 127.0.0.1 have no parent domain, so this browser
// resolves www.consent.test to 127.0.0.1: the page is on www.consent.test.
// - Clean-up on revoke (docs/guide/script-gating.md): when analytics is withdrawn, the built-in
//   category's cookies (_ga, _ga_*, _gid, _gat*, _pk_*) are deleted on the host and on its
//   parent domain, where analytics tags set them.
// - `cookie-domain` set after the banner is on the page still decides where the choice goes
//   (docs/reference/attributes.md).
import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/find-browser.mjs';
import { consentBanner } from '../../src/testing/index.js';
import { callBanner, expect, test, waitForRecord } from './fixtures.js';

const HOST = 'www.consent.test';

test.use({
  // The whole launchOptions is replaced here: the browser is named again.
  launchOptions: {
    executablePath: findChromium(),
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  },
});

/** Opens the script-tag demo on www.consent.test; returns that origin. */
async function openDemo(page: Page, baseURL: string | undefined): Promise<string> {
  const origin = `http://${HOST}:${new URL(baseURL!).port}`;
  await page.goto(`${origin}/demo/script-tag.html`);
  return origin;
}

/** What analytics tags leave behind, on the host and on the parent domain. */
const TAG_COOKIES = ['_ga', '_ga_ABC123', '_gid', '_gat_UA1', '_pk_id.1.abcd', '_pk_ses.1.abcd'];

test('withdrawing analytics deletes its cookies on the host and the parent domain, and no other', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = await openDemo(page, baseURL);
  await consentBanner(page).acceptAll();
  await waitForRecord(context);
  // The gated analytics script (which sets _ga itself) has run: it cannot set it again after
  // the withdrawal below.
  await page.waitForFunction(
    () => (window as { demoAnalyticsRuns?: number }).demoAnalyticsRuns === 1,
  );
  const cookie = (name: string, domain: string) => ({ name, value: '1', domain, path: '/' });
  await context.addCookies([
    ...TAG_COOKIES.map((name) => cookie(name, HOST)),
    ...TAG_COOKIES.map((name) => cookie(name, '.consent.test')),
    cookie('site_session', HOST),
    cookie('site_lang', '.consent.test'),
  ]);
  const names = async () =>
    (await context.cookies(origin)).map((c) => `${c.name}@${c.domain}`).sort();
  expect(await names()).toHaveLength(TAG_COOKIES.length * 2 + 3);

  await callBanner(page, 'setConsent', { analytics: false });
  await expect
    .poll(names)
    .toEqual(
      [
        'consent@www.consent.test',
        'site_lang@.consent.test',
        'site_session@www.consent.test',
      ].sort(),
    );
});

test('cookieDomain set after the banner is on the page: the choice is stored on that domain', async ({
  page,
  context,
  baseURL,
}) => {
  const origin = await openDemo(page, baseURL);
  await expect(consentBanner(page).banner).toBeVisible();
  await page.evaluate(() => {
    document.querySelector('consent-banner')!.cookieDomain = 'consent.test';
  });
  await consentBanner(page).acceptAll();
  await waitForRecord(context);
  const stored = (await context.cookies(origin)).filter((c) => c.name === 'consent');
  expect(stored.map((c) => c.domain)).toEqual(['.consent.test']);
});
