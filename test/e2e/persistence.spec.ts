// A stored choice holds across loads (docs/reference/events.md, "The cookie"): a returning visitor never
// sees the banner, not even for one frame, and consent-ready fires before the first frame.
// A choice for an older policy revision is no choice.
import { consentBanner, presetConsent } from '../../src/testing/index.js';
import {
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  installPaintProbe,
  paintProbe,
  parseRecord,
  recordEvents,
  seenEvents,
  test,
  waitForFrames,
  waitForReady,
  waitForRecord,
} from './fixtures.js';

test.describe('a returning visitor', () => {
  test('after a decision, a reload never paints the banner', async ({ page, context }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await consentBanner(page).acceptAll();
    await waitForRecord(context);

    await installPaintProbe(page);
    await recordEvents(page);
    await page.reload();
    await waitForReady(page);
    await waitForFrames(page, 10);

    expect((await paintProbe(page)).bannerFrames, 'frames with the banner rendered').toBe(0);
    await expect(ui.region).toBeHidden();
    await expect(ui.settingsButton).toBeVisible();
    expect((await consentOf(page))?.method).toBe('accept-all');
  });

  // The demo loads the element with <script type="module" blocking="render">: a module or
  // `defer` script does not hold the first paint, so without it the page (not the banner) is
  // painted before any script can tell the stored choice.
  test('consent-ready fires before the first frame, exactly once', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, { logs: false }, { url: baseURL!, revision: 1 });
    await installPaintProbe(page);
    await recordEvents(page);
    await page.goto(PAGES.sso);
    await waitForReady(page);
    await waitForFrames(page, 3);

    const probe = await paintProbe(page);
    expect(probe.readyBeforeFirstFrame, 'consent-ready before the first frame').toBe(true);
    expect(probe.bannerFrames).toBe(0);
    const events = await seenEvents(page);
    expect(events.map((e) => e.type)).toEqual(['consent-ready']);
    expect(events[0]?.detail).toMatchObject({
      decided: true,
      method: 'api',
      granted: ['necessary'],
    });
  });

  test('with the built IIFE (defer blocking="render"), consent-ready also comes before the first frame', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, {}, { url: baseURL!, revision: 1 });
    await installPaintProbe(page);
    await recordEvents(page);
    await page.goto(PAGES.scriptTag);
    await waitForReady(page);
    await waitForFrames(page, 3);

    const probe = await paintProbe(page);
    expect(probe.readyBeforeFirstFrame, 'consent-ready before the first frame').toBe(true);
    expect(probe.bannerFrames).toBe(0);
    expect((await seenEvents(page)).map((e) => e.type)).toEqual(['consent-ready']);
  });

  test('a first-time visitor gets the banner (the probe sees it)', async ({ page }) => {
    await installPaintProbe(page);
    await page.goto(PAGES.sso);
    await expect(bannerUi(page, TH).region).toBeVisible();
    await expect.poll(async () => (await paintProbe(page)).bannerFrames).toBeGreaterThan(0);
  });
});

test.describe('policy revision', () => {
  test('a choice for an older revision is asked again', async ({ page, context, baseURL }) => {
    await presetConsent(context, { analytics: true }, { url: baseURL!, revision: 0 });
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);

    await expect(ui.region).toBeVisible();
    const state = await consentOf(page);
    expect(state?.decided).toBe(false);
    expect(state?.categories.analytics).toBe(false);
    expect(state?.revision).toBe(1);
  });

  test('a choice for the current revision is kept: no banner', async ({
    page,
    context,
    baseURL,
  }) => {
    const preset = await presetConsent(
      context,
      { analytics: true },
      { url: baseURL!, revision: 1 },
    );
    await installPaintProbe(page);
    await recordEvents(page);
    await page.goto(PAGES.sso);
    await waitForReady(page);
    await waitForFrames(page, 3);

    await expect(bannerUi(page, TH).region).toBeHidden();
    expect((await paintProbe(page)).bannerFrames).toBe(0);
    expect(await consentOf(page)).toMatchObject({
      decided: true,
      revision: 1,
      id: parseRecord(preset.value).id,
      decidedAt: new Date(parseRecord(preset.value).decidedAt * 1000).toISOString(),
      method: 'api',
      categories: { necessary: true, logs: true, preferences: false, analytics: true },
    });
  });
});
