// The co-operative demo: a host category added by the JSON config child (docs/guide/configuration.md), a custom
// cookie name, and a script gated on that host category.
import { consentBanner } from '../../src/testing/index.js';
import {
  EN,
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  expectRecord,
  storedRecord,
  test,
  waitForRecord,
} from './fixtures.js';

const MARKETING = { th: 'ข่าวสารและข้อเสนอพิเศษของสหกรณ์', en: 'Co-op news and special offers' };
const COOKIE = 'coop_consent';

test.describe('the co-operative demo', () => {
  test('offers the config category, off by default, next to the built-in ones', async ({
    page,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.coop);
    await ui.choose.click();

    const marketing = ui.switchFor(MARKETING.th);
    await expect(marketing).toBeVisible();
    await expect(marketing).not.toBeChecked();
    await expect(ui.switchFor(TH.analytics)).not.toBeChecked();
    await expect(ui.dialog.getByRole('switch')).toHaveCount(3);
    expect((await consentOf(page))?.categories).toEqual({
      necessary: true,
      logs: true,
      preferences: false,
      analytics: false,
      marketing: false,
    });
  });

  test('granting the config category stores it under the custom cookie name and runs its script', async ({
    page,
    context,
  }) => {
    const offers = page.getByRole('region', { name: 'ข้อเสนอพิเศษสำหรับท่าน' });
    await page.goto(PAGES.coop);
    await expect(offers).toBeHidden();

    await consentBanner(page).choose({ marketing: true });

    const record = await waitForRecord(context, COOKIE);
    expectRecord(record, {
      granted: ['necessary', 'logs', 'marketing'],
      denied: ['preferences', 'analytics'],
      method: 'c',
    });
    expect(await storedRecord(context, 'consent')).toBeNull();
    await expect(offers).toBeVisible();
    expect((await consentOf(page))?.categories.marketing).toBe(true);
  });

  test('the English switch re-labels the banner, custom category included', async ({ page }) => {
    await page.goto(PAGES.coop);
    await expect(bannerUi(page, TH).region).toBeVisible();

    await page.getByRole('button', { name: 'English', exact: true }).click();

    const ui = bannerUi(page, EN);
    await expect(ui.region).toBeVisible();
    await ui.choose.click();
    await expect(ui.switchFor(MARKETING.en)).toBeVisible();
  });
});
