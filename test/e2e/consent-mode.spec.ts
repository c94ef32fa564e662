// Google Consent Mode v2 (docs/guide/consent-mode.md, "Google Tag Manager"): what the
// `dataLayer` holds, in order, before and after a choice, on a first visit and a returning one;
// through the page's own `gtag()` or only `dataLayer`; basic mode (the Google tag gated) and
// advanced mode (the tag at once, the banner's tag first). Google's scripts are local stand-ins.
import type { BrowserContext, Page } from '@playwright/test';
import { consentBanner } from '../../src/testing/index.js';
import { EN, bannerUi, callBanner, expect, test } from './fixtures.js';
import { keepLocal, readmeSnippet } from './recipes.js';

declare global {
  interface Window {
    dataLayer?: unknown[];
    /** What the stand-in for Google's script found on the `dataLayer` when it loaded. */
    seenByGoogle?: string[];
    /** Calls that went through the page's own `gtag()`. */
    viaPageGtag?: string[];
  }
}

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

/** Accept all on a site without a marketing category: analytics and preferences, no ads. */
const ACCEPTED = {
  ...DENIED,
  analytics_storage: 'granted',
  functionality_storage: 'granted',
  personalization_storage: 'granted',
};

/** JSON with the keys in order: Google reads the parameters by name, in any order. */
const sorted = (value: object) => JSON.stringify(value, Object.keys(value).sort());
const DEFAULT = `consent default ${sorted({ ...DENIED, wait_for_update: 500 })}`;
const UPDATE_DENIED = `consent update ${sorted(DENIED)}`;
const UPDATE_ACCEPTED = `consent update ${sorted(ACCEPTED)}`;

/**
 * One line per `dataLayer` entry: a gtag command (an `arguments` object, as Google reads it)
 * as its words, a Tag Manager event as `event <name>`; anything else is `other …`, which no
 * expectation below accepts.
 */
function describeLayer(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const line = (entry: unknown): string => {
      if (Object.prototype.toString.call(entry) === '[object Arguments]') {
        const args = Array.from(entry as ArrayLike<unknown>);
        return args
          .map((a) =>
            typeof a === 'string'
              ? a
              : a instanceof Date
                ? 'date'
                : JSON.stringify(a, Object.keys(a as object).sort()),
          )
          .join(' ');
      }
      const event = (entry as { event?: unknown } | null)?.event;
      return typeof event === 'string' ? `event ${event}` : `other ${JSON.stringify(entry)}`;
    };
    // The stand-ins push their own marker; leave it out.
    return (window.dataLayer ?? []).map(line).filter((l) => l !== 'event stand-in.loaded');
  });
}

/**
 * A stand-in for Google's script at `url`: it records what was on the `dataLayer` when it
 * loaded (in the same words as describeLayer) and pushes a marker.
 */
async function standInGoogle(context: BrowserContext, url: string | RegExp): Promise<void> {
  await context.route(url, (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `(function () {
        var layer = (window.dataLayer = window.dataLayer || []);
        window.seenByGoogle = layer.map(function (entry) {
          if (Object.prototype.toString.call(entry) === '[object Arguments]')
            return Array.prototype.map.call(entry, function (a) {
              return typeof a === 'string' ? a : a instanceof Date ? 'date' : JSON.stringify(a, Object.keys(a).sort());
            }).join(' ');
          return entry && typeof entry.event === 'string' ? 'event ' + entry.event : 'other';
        });
        layer.push({ event: 'stand-in.loaded' });
      })();`,
    }),
  );
}

/** Serves `body` as an English page at `path` on the demo server. */
async function servePage(context: BrowserContext, path: string, head: string, body = '') {
  const url = `${test.info().project.use.baseURL}${path}`;
  await context.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8" /><link rel="icon" href="data:," /><title>Consent Mode</title>
${head}</head><body><main><h1>Consent Mode</h1></main>${body}</body></html>`,
    }),
  );
  return url;
}

const GTM = /^https:\/\/www\.googletagmanager\.com\/gtm\.js\?id=GTM-XXXXXXX$/;
const GTAG = /^https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-TEST$/;

test.describe('Google Consent Mode', () => {
  test('Tag Manager, as the README shows it: the default before the container, an update per choice and per load', async ({
    page,
    context,
  }) => {
    const escaped = await keepLocal(context);
    await standInGoogle(context, GTM);
    const url = await servePage(
      context,
      '/consent-mode/gtm.html',
      readmeSnippet('Google Tag Manager'),
    );
    const ui = bannerUi(page, EN);

    // First visit: the container found the default already there, and nothing else of ours.
    await page.goto(url);
    await expect(ui.region).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => window.seenByGoogle))
      .toEqual([DEFAULT, 'event gtm.js']);
    expect(await describeLayer(page)).toEqual([DEFAULT, 'event gtm.js']);

    await consentBanner(page).acceptAll();
    await expect
      .poll(() => describeLayer(page))
      .toEqual([DEFAULT, 'event gtm.js', UPDATE_ACCEPTED]);

    // Returning: the default first again, then the stored choice as an update.
    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expect
      .poll(() => describeLayer(page))
      .toEqual([DEFAULT, 'event gtm.js', UPDATE_ACCEPTED]);
    expect((await page.evaluate(() => window.seenByGoogle))?.[0]).toBe(DEFAULT);

    // A withdrawal is an update too.
    await callBanner(page, 'rejectAll');
    await expect
      .poll(() => describeLayer(page))
      .toEqual([DEFAULT, 'event gtm.js', UPDATE_ACCEPTED, UPDATE_DENIED]);
    await callBanner(page, 'reset');
    await expect
      .poll(() => describeLayer(page))
      .toEqual([DEFAULT, 'event gtm.js', UPDATE_ACCEPTED, UPDATE_DENIED, UPDATE_DENIED]);
    expect(escaped).toEqual([]);
  });

  test('basic mode: the gated Google tag runs after the default and the update, only once allowed', async ({
    page,
    context,
  }) => {
    const escaped = await keepLocal(context);
    await standInGoogle(context, GTAG);
    // No gtag() and no dataLayer before the banner: it makes the queue itself.
    const url = await servePage(
      context,
      '/consent-mode/basic.html',
      '<script type="module" src="/dist/define.js"></script>',
      `<consent-banner lang="en" google-consent-mode></consent-banner>
      <script type="text/plain" data-consent="analytics" async src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>
      <script type="text/plain" data-consent="analytics">
        window.dataLayer = window.dataLayer || [];
        function gtag() { dataLayer.push(arguments); }
        gtag('js', new Date());
        gtag('config', 'G-TEST');
      </script>`,
    );
    const ui = bannerUi(page, EN);

    await page.goto(url);
    await expect(ui.region).toBeVisible();
    expect(await describeLayer(page)).toEqual([DEFAULT]);
    expect(await page.evaluate(() => window.seenByGoogle)).toBeUndefined();

    await consentBanner(page).acceptAll();
    await expect
      .poll(() => describeLayer(page))
      .toEqual([DEFAULT, UPDATE_ACCEPTED, 'js date', 'config G-TEST']);
    await expect.poll(() => page.evaluate(() => window.seenByGoogle?.[0])).toBe(DEFAULT);

    // Returning: the default and the stored choice come before the tag's own commands.
    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expect
      .poll(() => describeLayer(page))
      .toEqual([DEFAULT, UPDATE_ACCEPTED, 'js date', 'config G-TEST']);
    // Google's script (first in document order) found the choice already there.
    await expect
      .poll(() => page.evaluate(() => window.seenByGoogle))
      .toEqual([DEFAULT, UPDATE_ACCEPTED]);
    expect(escaped).toEqual([]);
  });

  test('a returning visitor who refused: default, a denied update, and the gated tag never runs', async ({
    page,
    context,
  }) => {
    await keepLocal(context);
    await standInGoogle(context, GTAG);
    const url = await servePage(
      context,
      '/consent-mode/refused.html',
      '<script type="module" src="/dist/define.js"></script>',
      `<consent-banner lang="en" google-consent-mode></consent-banner>
      <script type="text/plain" data-consent="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-TEST"></script>`,
    );
    const ui = bannerUi(page, EN);
    await page.goto(url);
    await consentBanner(page).rejectAll();
    await expect.poll(() => describeLayer(page)).toEqual([DEFAULT, UPDATE_DENIED]);
    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expect.poll(() => describeLayer(page)).toEqual([DEFAULT, UPDATE_DENIED]);
    expect(await page.evaluate(() => window.seenByGoogle)).toBeUndefined();
  });

  test("the page's own gtag() is used when it has one", async ({ page, context }) => {
    await keepLocal(context);
    const url = await servePage(
      context,
      '/consent-mode/own-gtag.html',
      `<script>
        window.dataLayer = window.dataLayer || [];
        window.viaPageGtag = [];
        function gtag() { viaPageGtag.push(arguments[0] + ' ' + arguments[1]); dataLayer.push(arguments); }
      </script>
      <script type="module" src="/dist/define.js"></script>`,
      '<consent-banner lang="en" google-consent-mode></consent-banner>',
    );
    const ui = bannerUi(page, EN);
    await page.goto(url);
    await expect(ui.region).toBeVisible();
    await consentBanner(page).acceptAll();
    await expect
      .poll(() => page.evaluate(() => window.viaPageGtag))
      .toEqual(['consent default', 'consent update']);
    expect(await describeLayer(page)).toEqual([DEFAULT, UPDATE_ACCEPTED]);
  });

  test('without the attribute, nothing is put on the dataLayer', async ({ page, context }) => {
    await keepLocal(context);
    const url = await servePage(
      context,
      '/consent-mode/off.html',
      '<script type="module" src="/dist/define.js"></script>',
      '<consent-banner lang="en"></consent-banner>',
    );
    const ui = bannerUi(page, EN);
    await page.goto(url);
    await consentBanner(page).acceptAll();
    await expect(ui.settingsButton).toBeVisible();
    expect(await page.evaluate(() => window.dataLayer)).toBeUndefined();
  });
});
