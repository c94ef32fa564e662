// docs/guide/recipes.md, "Google Analytics 4 (gtag.js)": the snippet taken from README.md at test
// time and run as written, with the built IIFE. The Google tag's URL is answered by the demos'
// stand-in (demo/stand-ins/gtag.js), which counts its loads, records the dataLayer commands it
// processes, and sets `_ga` and `_ga_<id>` the way GA does (first-party, `path=/`).
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { consentBanner } from '../../src/testing/index.js';
import {
  EN,
  bannerUi,
  expect,
  recordEvents,
  test,
  waitForReady,
  waitForRecord,
} from './fixtures.js';
import { keepLocal, readmeSnippet, serveRecipePage } from './recipes.js';

const SNIPPET = readmeSnippet('Google Analytics 4 (gtag.js)');

/** The Google tag's address in the snippet, and the measurement id it carries. */
function googleTag(snippet: string): { src: string; id: string } {
  const src = /src="(https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=[^"]+)"/.exec(snippet)?.[1];
  const id = src && new URL(src).searchParams.get('id');
  if (!src || !id) throw new Error('the GA4 recipe loads https://www.googletagmanager.com/gtag/js');
  return { src, id };
}

const TAG = googleTag(SNIPPET);

interface StandInRecord {
  loads: number;
  /** The dataLayer's commands when the stand-in ran. */
  heldAtLoad: unknown[][];
  /** Every command it processed: those it found, and those pushed later. */
  commands: unknown[][];
}

/** What the route answers for the Google tag: the demos' stand-in for gtag.js. */
const GTAG_STAND_IN = readFileSync('demo/stand-ins/gtag.js', 'utf8');

const standIn = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { gtagStandIn?: StandInRecord }).gtagStandIn ?? null,
  ) as Promise<StandInRecord | null>;

/** The names of the GA cookies in the browser (`_ga`, `_ga_<id>`, `_gid`). */
const gaCookies = async (context: BrowserContext) =>
  (await context.cookies())
    .map((cookie) => cookie.name)
    .filter((name) => /^_ga($|_)|^_gid$/.test(name))
    .sort();

let url: string;
let escaped: string[];
let tagRequests: string[];

test.beforeEach(async ({ context, page }) => {
  escaped = await keepLocal(context);
  tagRequests = [];
  await context.route(
    (requested) => requested.href === TAG.src,
    (route) => {
      tagRequests.push(route.request().url());
      return route.fulfill({
        contentType: 'text/javascript; charset=utf-8',
        body: GTAG_STAND_IN,
      });
    },
  );
  url = await serveRecipePage(context, 'ga4', SNIPPET);
  await recordEvents(page);
});

test.afterEach(() => {
  expect(escaped, 'no request left this machine').toEqual([]);
});

/** Loads the page and waits until the banner knew the choice and the page finished loading. */
async function visit(page: Page): Promise<void> {
  await page.goto(url);
  await waitForReady(page);
  await page.waitForLoadState('load');
}

/** How many of the snippet's gated scripts the banner has run (docs/guide/script-gating.md). */
const executedScripts = (page: Page) =>
  page.locator('script[data-consent="analytics"][data-consent-state="executed"]').count();

/** Accepts everything on the first layer and waits for the Google tag's `config` to run. */
async function acceptAndTrack(page: Page, context: BrowserContext): Promise<void> {
  await consentBanner(page).acceptAll();
  await expect
    .poll(async () => (await standIn(page))?.commands.map(([name]) => name) ?? [])
    .toContain('config');
  await expect.poll(() => gaCookies(context)).toContain('_ga');
}

test.describe('the GA4 recipe (gtag.js, gated)', () => {
  test('the Google tag is not loaded before a choice, nor after Reject all', async ({
    page,
    context,
  }) => {
    await visit(page);
    await expect(bannerUi(page, EN).region).toBeVisible();
    expect(tagRequests, 'not loaded before a choice').toEqual([]);
    expect(await executedScripts(page)).toBe(0);

    await consentBanner(page).rejectAll();
    await waitForRecord(context);
    expect(tagRequests, 'not loaded after Reject all').toEqual([]);
    expect(await executedScripts(page)).toBe(0);
    expect(await page.evaluate(() => 'dataLayer' in window)).toBe(false);

    await visit(page);
    await expect(bannerUi(page, EN).region).toBeHidden();
    expect(tagRequests, 'not loaded for a visitor who declined').toEqual([]);
    expect(await gaCookies(context)).toEqual([]);
  });

  test('Accept all loads the Google tag once, with its js and config commands', async ({
    page,
    context,
  }) => {
    await visit(page);
    await acceptAndTrack(page, context);
    await page.waitForLoadState('load');

    expect(tagRequests).toEqual([TAG.src]);
    const record = (await standIn(page))!;
    expect(record.loads).toBe(1);
    expect(record.commands.map((command) => command.slice(0, 2))).toEqual([
      ['js', 'Date'],
      ['config', TAG.id],
    ]);
    const dataLayer = await page.evaluate(() =>
      ((window as unknown as { dataLayer: ArrayLike<unknown>[] }).dataLayer ?? []).map(
        (entry) => Array.from(entry)[0],
      ),
    );
    expect(dataLayer, 'what dataLayer holds').toEqual(['js', 'config']);
    expect(await executedScripts(page)).toBe(2);
    const ga = (await context.cookies()).find((cookie) => cookie.name === '_ga');
    expect(ga?.value).toMatch(/^GA1\.1\.\d+\.\d+$/);
    expect(ga?.path).toBe('/');
    expect(await gaCookies(context)).toEqual(['_ga', `_ga_${TAG.id.replace(/^G-/, '')}`]);
  });

  test('a returning visitor who accepted gets the Google tag on page load', async ({
    page,
    context,
  }) => {
    await visit(page);
    await acceptAndTrack(page, context);

    await visit(page);
    await expect(bannerUi(page, EN).region).toBeHidden();
    expect(tagRequests, 'loaded once per page').toEqual([TAG.src, TAG.src]);
    const record = (await standIn(page))!;
    expect(record.loads).toBe(1);
    expect(record.commands.map(([name]) => name)).toEqual(['js', 'config']);
  });

  test('a withdrawal deletes _ga and _ga_*, and the page reloads without the tag', async ({
    page,
    context,
  }) => {
    await visit(page);
    await acceptAndTrack(page, context);
    await visit(page); // a returning visitor who accepted: the tag runs
    await expect.poll(() => standIn(page)).not.toBeNull();
    expect(await gaCookies(context)).toHaveLength(2);

    const reloaded = page.waitForEvent('load');
    await consentBanner(page).choose({ analytics: false }); // through the settings button
    await reloaded;

    await expect.poll(() => gaCookies(context), '_ga and _ga_* are gone').toEqual([]);
    await waitForReady(page);
    expect(await standIn(page), 'the reloaded page runs no Google tag').toBeNull();
    expect(tagRequests).toEqual([TAG.src, TAG.src]);
    expect(await executedScripts(page)).toBe(0);
  });
});
