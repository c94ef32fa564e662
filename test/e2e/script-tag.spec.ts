// The no-build install (docs/guide/install.md "One script tag (no build step)"): the built dist/consent-banner.iife.js, configured only by
// the data-* attributes of its own <script> tag, on /demo/script-tag.html (English).
import { consentBanner } from '../../src/testing/index.js';
import {
  EN,
  PAGES,
  bannerUi,
  consentOf,
  expect,
  expectDecided,
  expectRecord,
  installPaintProbe,
  nextCollect,
  paintProbe,
  recordEvents,
  test,
  waitForFrames,
  waitForReady,
  waitForRecord,
} from './fixtures.js';

test.describe('the built IIFE on the script-tag page', () => {
  test.beforeAll(async ({ request }) => {
    const response = await request.get('/consent-banner.iife.js');
    expect(response.status(), 'dist/consent-banner.iife.js exists: run `npm run build`').toBe(200);
  });

  test.beforeEach(async ({ page }) => {
    await recordEvents(page);
  });

  test('mounts exactly one <consent-banner> at the end of <body>, configured by data-*', async ({
    page,
  }) => {
    const ui = bannerUi(page, EN);
    const sources: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/src/')) sources.push(pathname);
    });
    await page.goto(PAGES.scriptTag);
    await waitForReady(page);

    await expect(ui.element).toHaveCount(1);
    expect(await page.evaluate(() => document.body.lastElementChild?.localName)).toBe(
      'consent-banner',
    );
    expect(sources, 'the IIFE is self-contained: no source module is loaded').toEqual([]);
    await expect(ui.element).toHaveAttribute('policy-url', '#privacy');
    await expect(ui.element).toHaveAttribute('lang', 'en');
    await expect(ui.element).toHaveAttribute('revision', '1');
    await expect(ui.region).toBeVisible();
    await expect(ui.acceptAll).toBeVisible();
    await expect(ui.policyLink).toHaveAttribute('href', '#privacy');
    expect((await consentOf(page))?.revision).toBe(1);
  });

  test('works end to end: accept all, cookie, analytics, gone after reload', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(PAGES.scriptTag);
    const pageView = nextCollect(page);
    await consentBanner(page).acceptAll();

    await expect(ui.region).toBeHidden();
    expect(await pageView).toEqual({ page: PAGES.scriptTag, at: expect.any(String) as unknown });
    const record = await waitForRecord(context);
    // logs is required by default on this page: it is granted, never a choice.
    expectRecord(record, {
      granted: ['necessary', 'logs', 'preferences', 'analytics'],
      denied: [],
      method: 'a',
    });
    await expectDecided(page, record, {
      granted: ['necessary', 'logs', 'preferences', 'analytics'],
      denied: [],
      method: 'accept-all',
    });

    await installPaintProbe(page);
    await page.reload();
    await waitForReady(page);
    await waitForFrames(page, 10);
    await expect(ui.element).toHaveCount(1);
    expect((await paintProbe(page)).bannerFrames, 'frames with the banner rendered').toBe(0);
    await expect(ui.region).toBeHidden();
    await expect(ui.settingsButton).toBeVisible();
  });

  test('choose on the IIFE page: turn on preferences only', async ({ page, context }) => {
    await page.goto(PAGES.scriptTag);
    await consentBanner(page).choose({ preferences: true });

    const record = await waitForRecord(context);
    expectRecord(record, {
      granted: ['necessary', 'logs', 'preferences'],
      denied: ['analytics'],
      method: 'c',
    });
  });

  test('the tag twice in the markup: one banner, configured by the first', async ({ page }) => {
    const ui = bannerUi(page, EN);
    await page.goto(PAGES.scriptTagTwice);
    await waitForReady(page);

    expect(
      await page.evaluate(
        () => document.querySelectorAll('script[src="/consent-banner.iife.js"]').length,
      ),
    ).toBe(2);
    await expect(ui.element).toHaveCount(1);
    await expect(ui.region).toBeVisible();
    await expect(ui.policyLink).toHaveAttribute('href', '#privacy');
    await consentBanner(page).acceptAll();
    await expect(ui.region).toBeHidden();
    expect(await consentOf(page)).toMatchObject({ revision: 1, method: 'accept-all' });
  });

  test('the script injected a second time after load: still one banner, no error', async ({
    page,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(PAGES.scriptTag);
    await waitForReady(page);

    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const again = document.createElement('script');
          again.src = '/consent-banner.iife.js';
          again.dataset.policyUrl = '#privacy';
          again.dataset.lang = 'en';
          again.dataset.revision = '1';
          again.addEventListener('load', () => resolve());
          again.addEventListener('error', () => reject(new Error('IIFE failed to load')));
          document.head.append(again);
        }),
    );

    await expect(ui.element).toHaveCount(1);
    await expect(ui.region).toBeVisible();
    await consentBanner(page).rejectAll();
    await expect(ui.region).toBeHidden();
    expect((await consentOf(page))?.method).toBe('reject-all');
  });
});
