// docs/guide/recipes.md, "Matomo": the snippet taken from README.md at test time and run as written,
// with the built IIFE. Matomo's matomo.js is answered by the local stand-in of the demo
// (demo/stand-ins/matomo.js), which records every `_paq` call in order, every page view with
// whether it used cookies, and sets and deletes Matomo's cookies as Matomo documents it.
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import { consentBanner } from '../../src/testing/index.js';
import {
  EN,
  bannerUi,
  callBanner,
  expect,
  recordEvents,
  storedRecord,
  test,
  waitForReady,
  waitForRecord,
} from './fixtures.js';
import { keepLocal, readmeSnippet, serveRecipePage } from './recipes.js';

const SNIPPET = readmeSnippet('Matomo');
const STAND_IN = fileURLToPath(new URL('../../demo/stand-ins/matomo.js', import.meta.url));

/** The Matomo address the snippet loads matomo.js from (`var u = '…'`). */
function trackerBase(snippet: string): string {
  const base = /var u = '([^']+)'/.exec(snippet)?.[1];
  if (!base) throw new Error("the Matomo recipe sets its address as var u = '…'");
  return base;
}

type Call = [string, ...unknown[]];
interface Hit {
  page: string;
  cookies: boolean;
}
interface StandIn {
  calls: Call[];
  hits: Hit[];
}

const standIn = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { matomoStandIn?: StandIn }).matomoStandIn ?? null,
  ) as Promise<StandIn | null>;

/** The names of the `_paq` calls matomo.js received on this page, in order. */
const callNames = async (page: Page) => (await standIn(page))?.calls.map(([name]) => name) ?? [];

/** Matomo's cookies in the browser: its visitor cookies and its remembered cookie consent. */
const matomoCookies = async (context: BrowserContext) =>
  (await context.cookies())
    .map((cookie) => cookie.name)
    .filter((name) => /^(_pk_|mtm_)/.test(name))
    .map((name) => name.replace(/\..*$/, '.*'))
    .sort();

const CONSENT_GIVEN = ['rememberCookieConsentGiven', 'setCookieConsentGiven'];

/** Loads the page and waits until matomo.js has run the queue and heard consent-ready. */
async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForReady(page);
  await expect.poll(() => callNames(page), { message: 'matomo.js ran' }).toContain('trackPageView');
}

/** Asserts the page's queue: requireCookieConsent comes before the page view is tracked. */
function expectCookieConsentRequiredFirst(names: string[]): void {
  expect(names).toContain('requireCookieConsent');
  expect(names.indexOf('requireCookieConsent')).toBeLessThan(names.indexOf('trackPageView'));
}

let url: string;
let escaped: string[];
let trackerRequests: string[];

test.beforeEach(async ({ context, page }) => {
  escaped = await keepLocal(context);
  trackerRequests = [];
  const base = trackerBase(SNIPPET);
  await context.route(new URL('matomo.js', base).href, (route) => {
    trackerRequests.push(route.request().url());
    return route.fulfill({ path: STAND_IN, contentType: 'text/javascript; charset=utf-8' });
  });
  url = await serveRecipePage(context, 'matomo', SNIPPET);
  await recordEvents(page);
});

test.afterEach(() => {
  expect(escaped, 'no request left this machine').toEqual([]);
});

test.describe('the Matomo recipe', () => {
  test('first visit: Matomo loads and counts the page view without cookies', async ({
    page,
    context,
  }) => {
    await visit(page, url);

    await expect(bannerUi(page, EN).region).toBeVisible();
    expect(trackerRequests).toEqual([new URL('matomo.js', trackerBase(SNIPPET)).href]);
    const names = await callNames(page);
    expectCookieConsentRequiredFirst(names);
    for (const name of CONSENT_GIVEN) expect(names).not.toContain(name);
    expect((await standIn(page))?.hits).toEqual([{ page: '/recipes/matomo.html', cookies: false }]);
    expect(await matomoCookies(context)).toEqual([]);
  });

  test('Accept all gives cookie consent; a returning visitor has it on page load', async ({
    page,
    context,
  }) => {
    await visit(page, url);
    await consentBanner(page).acceptAll();
    await expect
      .poll(async () => (await callNames(page)).at(-1))
      .toBe('rememberCookieConsentGiven');
    await expect
      .poll(() => matomoCookies(context))
      .toEqual(['_pk_id.*', '_pk_ses.*', 'mtm_cookie_consent']);

    await visit(page, url);
    await expect(bannerUi(page, EN).region).toBeHidden();
    const names = await callNames(page);
    expectCookieConsentRequiredFirst(names);
    expect(names.at(-1), 'consent-ready told Matomo').toBe('rememberCookieConsentGiven');
    expect(names).not.toContain('forgetCookieConsentGiven');
    expect((await standIn(page))?.hits, 'counted with cookies again').toEqual([
      { page: '/recipes/matomo.html', cookies: true },
    ]);
  });

  const withdrawals: [string, (page: Page) => Promise<void>][] = [
    [
      'in the preferences dialog',
      (page) => consentBanner(page).choose({ analytics: false }), // through the settings button
    ],
    ['with el.rejectAll()', (page) => callBanner(page, 'rejectAll')],
  ];
  for (const [how, withdraw] of withdrawals) {
    test(`a withdrawal ${how} makes Matomo forget the cookie consent`, async ({
      page,
      context,
    }) => {
      await visit(page, url);
      await consentBanner(page).acceptAll();
      await expect.poll(() => matomoCookies(context)).toContain('mtm_cookie_consent');
      await visit(page, url); // a returning visitor who accepted

      await withdraw(page);
      await expect
        .poll(async () => (await callNames(page)).at(-1))
        .toBe('forgetCookieConsentGiven');
      await expect.poll(() => matomoCookies(context), 'Matomo cookies deleted').toEqual([]);
      expect((await storedRecord(context))?.denied).toContain('analytics');

      await visit(page, url);
      const names = await callNames(page);
      for (const name of CONSENT_GIVEN) expect(names).not.toContain(name);
      expect((await standIn(page))?.hits).toEqual([
        { page: '/recipes/matomo.html', cookies: false },
      ]);
      expect(await matomoCookies(context)).toEqual([]);
    });
  }

  test('a visitor who declined is counted without cookies, then and on every visit', async ({
    page,
    context,
  }) => {
    await visit(page, url);
    await consentBanner(page).rejectAll();
    await waitForRecord(context);
    expect(await callNames(page)).not.toContain('rememberCookieConsentGiven');

    await visit(page, url);
    await expect(bannerUi(page, EN).region).toBeHidden();
    const names = await callNames(page);
    expectCookieConsentRequiredFirst(names);
    for (const name of CONSENT_GIVEN) expect(names).not.toContain(name);
    expect((await standIn(page))?.hits).toEqual([{ page: '/recipes/matomo.html', cookies: false }]);
    expect(await matomoCookies(context)).toEqual([]);
  });
});

test('the demo page /demo/matomo.html runs the recipe offline and shows the calls', async ({
  page,
}) => {
  await page.goto('/demo/matomo.html');
  const calls = page.locator('[data-matomo-log] li');
  await expect(calls.first()).toHaveText('["requireCookieConsent"]');
  await expect(page.locator('[data-matomo-hits]')).toContainText('cookieless');

  await consentBanner(page).acceptAll();
  await expect(calls.last()).toHaveText('["rememberCookieConsentGiven"]');
  await expect(page.locator('[data-matomo-cookies]')).toContainText('mtm_cookie_consent=');
});
