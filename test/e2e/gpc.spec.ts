// Global Privacy Control (docs/guide/configuration.md "Global Privacy Control"), through the built script tag: a
// browser that sends the signal, set here by an init script before the page's own scripts.
import { EN, PAGES, bannerUi, consentOf, expect, storedRecord, test } from './fixtures.js';

test.describe('Global Privacy Control', () => {
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        configurable: true,
        get: () => true,
      });
    });
  });

  test('no banner; the choice is recorded as gpc, optional ones denied; the settings opt in', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(PAGES.scriptTag);
    await expect(ui.settingsButton).toBeVisible();
    await expect(ui.region).toHaveCount(0);
    const record = await storedRecord(context);
    expect(record?.method).toBe('g');
    expect(record?.denied).toEqual(['analytics', 'preferences']);
    expect((await consentOf(page))?.method).toBe('gpc');

    await ui.settingsButton.click();
    await expect(ui.dialog).toBeVisible();
    await ui.switchFor(EN.analytics).check();
    await ui.save.click();
    await expect.poll(async () => (await storedRecord(context))?.method).toBe('c');
    expect((await consentOf(page))?.categories.analytics).toBe(true);

    // The visitor's own choice now stands over the signal.
    await page.reload();
    expect((await consentOf(page))?.method).toBe('custom');
  });
});
