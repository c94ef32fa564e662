// WCAG 2.2, 2.4.11 Focus Not Obscured (docs/explanation/design-decisions.md): while the first layer or the confirmation
// is fixed at the bottom of the viewport, no control of the page that gets keyboard focus is
// entirely hidden behind it, down to the last one on the page.
import type { Page } from '@playwright/test';
import { PAGES, TH, bannerUi, expect, test } from './fixtures.js';

interface Seen {
  /** What has focus: tag name and text, for the failure message. */
  name: string;
  /** Inside the banner's own shadow root. */
  inBanner: boolean;
  /** Some of its box is in the viewport and not under the banner's fixed layer. */
  visible: boolean;
}

/** Where the focused element is, against the fixed layer that shows (first layer or confirmation). */
function focusedPlace(page: Page): Promise<Seen | null> {
  return page.evaluate(() => {
    const host = document.querySelector('consent-banner');
    const focused = document.activeElement;
    if (!focused || focused === document.body) return null;
    const layer = host?.shadowRoot?.querySelector('section, .on');
    const deepest = (focused === host && host.shadowRoot?.activeElement) || focused;
    const name = `${deepest.tagName.toLowerCase()} "${(deepest.textContent ?? '').trim().slice(0, 40)}"`;
    if (focused === host) return { name, inBanner: true, visible: true };
    const box = focused.getBoundingClientRect();
    // The part of the viewport the banner leaves free.
    const bottom = layer ? layer.getBoundingClientRect().top : innerHeight;
    const visible = box.bottom > 0 && box.top < Math.min(bottom, innerHeight) && box.height > 0;
    return { name, inBanner: false, visible };
  });
}

/** Tabs through the whole page once (until focus comes back to the first stop) and checks each stop. */
async function tabThroughPage(page: Page): Promise<string[]> {
  const checked: string[] = [];
  let first: string | null = null;
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab');
    const seen = await focusedPlace(page);
    if (!seen) continue;
    if (seen.name === first) return checked;
    first ??= seen.name;
    if (seen.inBanner) continue;
    // The demo scrolls smoothly (unless the visitor asks for reduced motion): wait for it.
    await expect
      .poll(async () => (await focusedPlace(page))?.visible, {
        message: `${seen.name} is not hidden behind the banner`,
      })
      .toBe(true);
    checked.push(seen.name);
  }
  throw new Error('Tab never came back to the first control');
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
]) {
  test.describe(`${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('with the first layer showing, every focused page control stays in sight', async ({
      page,
    }) => {
      const ui = bannerUi(page, TH);
      await page.goto(PAGES.sso);
      await expect(ui.region).toBeVisible();
      const checked = await tabThroughPage(page);
      // The page's own controls were all reached, those at the very end included (the e-mail
      // link in the footer was hidden before the page kept room for the banner).
      expect(checked.length).toBeGreaterThan(10);
      expect(checked.join('\n')).toContain('privacy@sso.example');
    });

    test('with the confirmation showing, the same holds; once it is hidden, the room goes', async ({
      page,
    }) => {
      const ui = bannerUi(page, TH);
      await page.goto(PAGES.sso);
      await ui.rejectAll.click();
      const confirmation = page.locator('consent-banner').locator('[part~="confirmation"]');
      await expect(confirmation).toBeVisible();
      const checked = await tabThroughPage(page);
      expect(checked.join('\n')).toContain('privacy@sso.example');

      const padding = () =>
        page.evaluate(() => getComputedStyle(document.documentElement).paddingBottom);
      expect(parseFloat(await padding())).toBeGreaterThan(0);
      await confirmation.getByRole('button', { name: 'ซ่อนข้อความนี้' }).click();
      await expect(confirmation).toBeHidden();
      await expect.poll(padding, { message: 'the room is given back' }).toBe('0px');
    });
  });
}
