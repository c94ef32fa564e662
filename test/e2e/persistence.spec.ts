// A stored choice holds across loads (README "Events", "The cookie"): a returning visitor never
// sees the banner, not even for one frame, and consent-ready fires before the first frame.
// A choice for an older policy revision is no choice.
import {
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  installPaintProbe,
  paintProbe,
  presetCookie,
  recordEvents,
  recordValue,
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
    await ui.acceptAll.click();
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
  test('consent-ready fires before the first frame, exactly once', async ({ page, context }) => {
    await presetCookie(
      context,
      recordValue({
        granted: ['necessary'],
        denied: ['logs', 'preferences', 'analytics'],
        method: 'r',
      }),
    );
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
    expect(events[0]?.detail).toMatchObject({ decided: true, method: 'reject-all' });
  });

  test('with the built IIFE (defer blocking="render"), consent-ready also comes before the first frame', async ({
    page,
    context,
  }) => {
    await presetCookie(
      context,
      recordValue({ granted: ['necessary', 'logs'], denied: ['preferences', 'analytics'] }),
    );
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
  test('a choice for an older revision is asked again', async ({ page, context }) => {
    await presetCookie(
      context,
      recordValue({
        revision: 0,
        granted: ['necessary', 'logs', 'analytics'],
        denied: ['preferences'],
      }),
    );
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);

    await expect(ui.region).toBeVisible();
    const state = await consentOf(page);
    expect(state?.decided).toBe(false);
    expect(state?.categories.analytics).toBe(false);
    expect(state?.revision).toBe(1);
  });

  test('a choice for the current revision is kept: no banner', async ({ page, context }) => {
    const value = recordValue({
      revision: 1,
      granted: ['necessary', 'logs', 'analytics'],
      denied: ['preferences'],
    });
    await presetCookie(context, value);
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
      id: 'AbCdEf123456',
      method: 'custom',
      categories: { necessary: true, logs: true, preferences: false, analytics: true },
    });
  });
});
