// Other tabs (docs/guide/configuration.md "Other tabs"): two tabs of one browser context on the script-tag demo. A
// choice, a withdrawal and a reset in one tab reach the other within a second, through the
// BroadcastChannel; without it, when the other tab is brought to the front.
import type { Page } from '@playwright/test';
import { EN, PAGES, bannerUi, callBanner, consentOf, expect, test } from './fixtures.js';

declare global {
  interface Window {
    /** The `source` of every consent-change this page heard. */
    heard?: string[];
  }
}

/** Opens the script-tag demo in `page` and records the consent-change events it hears. */
async function openTab(page: Page) {
  await page.goto(PAGES.scriptTag);
  await page.evaluate(() => {
    window.heard = [];
    document.addEventListener('consent-change', (e) => window.heard!.push(e.detail.source));
  });
  return bannerUi(page, EN);
}

const heard = (page: Page) => page.evaluate(() => window.heard);
const analyticsRan = (page: Page) =>
  page.locator('script[data-consent="analytics"][data-consent-state="executed"]');

test.describe('other tabs', () => {
  test('a choice in one tab: the other hides its banner, runs analytics, says other-tab', async ({
    context,
  }) => {
    const a = await context.newPage();
    const b = await context.newPage();
    const uiA = await openTab(a);
    const uiB = await openTab(b);
    await expect(uiB.region).toBeVisible();
    await expect(analyticsRan(b)).toHaveCount(0);

    await uiA.acceptAll.click();
    // Within a second: the channel, not a reload or a focus.
    await expect(uiB.region).toHaveCount(0, { timeout: 1000 });
    await expect(analyticsRan(b)).toHaveCount(1);
    await expect(uiB.settingsButton).toBeVisible();
    expect(await heard(b)).toEqual(['other-tab']);
    expect(await heard(a)).toEqual(['banner']);

    // A withdrawal in the first tab, through its dialog.
    await uiA.settingsButton.click();
    await uiA.dialogRejectAll.click();
    await expect.poll(async () => (await consentOf(b))?.categories.analytics).toBe(false);
    expect(await heard(b)).toEqual(['other-tab', 'other-tab']);
    await expect(uiB.region).toHaveCount(0);

    // Forgetting the choice asks again there too.
    await callBanner(a, 'reset');
    await expect(uiB.region).toBeVisible({ timeout: 1000 });
    expect((await consentOf(b))?.decided).toBe(false);
  });

  test('without BroadcastChannel, the other tab catches up when it is brought to the front', async ({
    context,
  }) => {
    await context.addInitScript(() => {
      // A browser without the channel (or a tab that slept through its message).
      delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
    });
    const a = await context.newPage();
    const b = await context.newPage();
    const uiA = await openTab(a);
    const uiB = await openTab(b);
    expect(await b.evaluate(() => typeof BroadcastChannel)).toBe('undefined');

    // Real focus, as a desktop browser has it: one tab at a time (Playwright emulates focus in
    // every tab otherwise).
    for (const page of [a, b])
      await (
        await context.newCDPSession(page)
      ).send('Emulation.setFocusEmulationEnabled', {
        enabled: false,
      });
    await a.bringToFront();
    await uiA.acceptAll.click();
    await expect(uiA.settingsButton).toBeVisible();
    // Nothing told the other tab yet: it still asks.
    expect(await b.evaluate(() => document.hasFocus())).toBe(false);
    await expect(uiB.region).toBeVisible();
    await b.bringToFront();
    await expect(uiB.region).toHaveCount(0);
    await expect(analyticsRan(b)).toHaveCount(1);
    expect(await heard(b)).toEqual(['other-tab']);
  });
});
