// One settings control (docs/reference/methods.md "Reopening the settings"): a page with its own
// `[data-consent-open]` control gets no floating settings button, not even for a moment while
// the page is still read; the page's control reopens the dialog, and the testing helpers use it.
import { consentBanner, presetConsent } from '../../src/testing/index.js';
import { EN, PAGES, TH, bannerUi, expect, test } from './fixtures.js';

const OWN_CONTROL = '/test/e2e/pages/own-control.html';

test('a returning visitor on a page with its own control: no floating button, ever', async ({
  page,
  context,
  baseURL,
}) => {
  await presetConsent(context, { analytics: true }, { url: baseURL!, revision: 1 });
  await page.goto(OWN_CONTROL);
  const banner = consentBanner(page);
  expect((await banner.decided()).categories.analytics).toBe(true);
  expect(
    await page.evaluate(() => (window as { buttonBeforeFooter?: boolean }).buttonBeforeFooter),
    'not drawn before the footer was read',
  ).toBe(false);
  await expect(banner.settingsButton).toHaveCount(0);
  // The page's own control reopens the dialog, and the page object goes through it.
  await page.getByRole('button', { name: 'Privacy settings' }).click();
  await expect(bannerUi(page, EN).dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(bannerUi(page, EN).dialog).toBeHidden();
  await banner.choose({ analytics: false });
  expect((await banner.state()).categories.analytics).toBe(false);
});

test('the co-operative demo: after a choice, its footer link is the one way back', async ({
  page,
}) => {
  await page.goto(PAGES.coop);
  const banner = consentBanner(page);
  await banner.rejectAll();
  await expect(banner.settingsButton).toHaveCount(0);
  await banner.acceptAll();
  expect((await banner.state()).categories).toMatchObject({ analytics: true, marketing: true });
  await expect(bannerUi(page, TH).dialog).toBeHidden();
});
