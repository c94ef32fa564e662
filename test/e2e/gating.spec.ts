// Script gating (docs/guide/script-gating.md): <script type="text/plain" data-consent="analytics"> runs only once
// analytics is granted, at load or at the moment of the grant, and only once.
import { consentBanner, presetConsent } from '../../src/testing/index.js';
import {
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  hostOpener,
  nextCollect,
  recordEvents,
  test,
  waitForReady,
  waitForRecord,
  watchCollect,
} from './fixtures.js';

test.describe('the gated analytics script', () => {
  test('makes no /collect request before consent, none after reject, one after accept', async ({
    page,
    context,
  }) => {
    const collect = watchCollect(page);
    const ui = bannerUi(page, TH);
    await recordEvents(page);
    await page.goto(PAGES.sso);
    await waitForReady(page);
    await expect(ui.region).toBeVisible();
    await page.waitForLoadState('load');
    expect(collect, 'no page view before any choice').toHaveLength(0);

    await consentBanner(page).rejectAll();
    await waitForRecord(context);
    expect((await consentOf(page))?.categories.analytics).toBe(false);
    expect(collect, 'no page view after reject').toHaveLength(0);

    await hostOpener(page).click();
    await expect(ui.dialog).toBeVisible();
    const pageView = nextCollect(page);
    await consentBanner(page).acceptAll(); // in the dialog the host's button opened
    await pageView;
    expect(collect, 'one page view after accept').toHaveLength(1);
    expect(
      await page.evaluate(() => (window as { demoAnalyticsRuns?: number }).demoAnalyticsRuns),
    ).toBe(1);
  });

  test('runs at load for a returning visitor who granted analytics', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, { analytics: true }, { url: baseURL!, revision: 1 });
    const pageView = nextCollect(page);
    await page.goto(PAGES.sso);

    expect(await pageView).toEqual({ page: PAGES.sso, at: expect.any(String) as unknown });
    await expect(bannerUi(page, TH).region).toBeHidden();
  });

  test('stays off at load for a returning visitor who refused analytics', async ({
    page,
    context,
    baseURL,
  }) => {
    const collect = watchCollect(page);
    await presetConsent(context, { logs: false }, { url: baseURL!, revision: 1 });
    await recordEvents(page);
    await page.goto(PAGES.sso);
    await waitForReady(page);
    await page.waitForLoadState('load');

    expect((await consentOf(page))?.decided).toBe(true);
    expect(collect).toHaveLength(0);
  });

  test('a granted page view reaches the demo server', async ({ page, request }) => {
    await page.goto(PAGES.sso);
    const pageView = nextCollect(page);
    await consentBanner(page).acceptAll();
    const body = (await pageView) as { at: string };

    await expect
      .poll(async () => {
        const hits = (await (await request.get('/collect/hits')).json()) as { at: string }[];
        return hits.some((hit) => hit.at === body.at);
      })
      .toBe(true);
  });
});
