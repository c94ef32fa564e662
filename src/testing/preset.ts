/**
 * `presetConsent`: the consent cookie a visitor's decision leaves, written into a Playwright
 * browser context before a page loads (docs/guide/testing.md, "The
 * cookie"). The record is made and encoded by the banner's own rules and codec, so the page
 * reads it as a stored choice: no banner, gated scripts run, `el.consent` reports it.
 */
import type { BrowserContext } from '@playwright/test';
import { bannerLines } from './lines.js';
import { isCategoryId } from '../core/categories.js';
import { encodeRecord } from '../core/codec.js';
import { parseCookieDays, parseCookieName, parseRevision } from '../core/config.js';
import { makeRecord } from '../core/rules.js';
import { DEFAULT_COOKIE_DAYS, DEFAULT_COOKIE_NAME } from '../core/settings.js';
import type { Category, CategoryId } from '../core/types.js';
import { randomId } from '../effects/random-id.js';

/** What the visitor chose: category id → granted. Categories left out: see `presetConsent`. */
export type ConsentChoices = Readonly<Record<CategoryId, boolean>>;

export interface PresetOptions {
  /** The site the cookie is for: any URL of it, e.g. `baseURL` or `http://127.0.0.1:4321/`. */
  readonly url: string;
  /** The banner's `cookie-name` (default `consent`). */
  readonly cookieName?: string;
  /** The banner's `revision` (default 0). */
  readonly revision?: number;
  /** The banner's `cookie-days`: the cookie's lifetime (default 182). */
  readonly cookieDays?: number;
  /**
   * The banner's `categories` attribute, when the site sets it: the optional categories the
   * page offers. Without it, the page is taken to offer `preferences` and `analytics`, and
   * every category named in the choices.
   */
  readonly categories?: readonly CategoryId[];
}

/** The cookie `presetConsent` wrote. */
export interface PresetCookie {
  readonly name: string;
  /** The record, as the banner writes it (docs/reference/cookie.md). */
  readonly value: string;
  /** When the cookie expires, in seconds since the epoch. */
  readonly expires: number;
}

/** The optional categories every banner has (docs/guide/categories.md). */
const BUILT_IN_OPTIONAL: readonly CategoryId[] = ['preferences', 'analytics'];
const DAY = 86_400;

const fail = (message: string): never => {
  throw new Error(`presetConsent: ${message}`);
};

const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);

function checkChoices(choices: unknown): asserts choices is ConsentChoices {
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) {
    fail(`choices must be an object of category id → true or false, not ${show(choices)}`);
  }
  for (const [id, on] of Object.entries(choices as Record<string, unknown>)) {
    if (!isCategoryId(id)) {
      fail(`${show(id)} is not a category id (a–z first, then a–z, 0–9, "_", "-"; at most 40)`);
    }
    if (typeof on !== 'boolean') fail(`choices.${id} must be true or false, not ${show(on)}`);
  }
  if ((choices as ConsentChoices).necessary === false) {
    fail('necessary cannot be refused: it is always granted');
  }
}

/** A whole-number option checked by the banner's own attribute rule (docs/reference/attributes.md). */
function wholeNumber(
  name: string,
  value: unknown,
  parse: (value: unknown, problems: string[]) => number,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const problems: string[] = [];
  const n = parse(value, problems);
  if (typeof value !== 'number' || problems.length > 0) {
    fail(`${name} must be a whole number the banner accepts, not ${show(value)}`);
  }
  return n;
}

/** The site's origin with path `/`, so that Playwright sets `Path=/` as the banner does. */
function siteRoot(url: unknown): URL {
  let parsed: URL | null;
  try {
    parsed = typeof url === 'string' ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    return fail(`options.url must be an absolute http(s) URL of the site, not ${show(url)}`);
  }
  return new URL('/', parsed);
}

/**
 * The categories the page is taken to have, in the banner's order: `necessary`, `logs`, the
 * offered optional ones, then the others the choices name. A record must name exactly the
 * page's categories, or the banner treats it as no choice (docs/reference/cookie.md).
 */
function pageCategories(choices: ConsentChoices, offered?: readonly CategoryId[]): Category[] {
  const ids: CategoryId[] = ['necessary', 'logs'];
  if (offered !== undefined) {
    if (!Array.isArray(offered)) fail(`options.categories must be an array of category ids`);
    for (const id of offered) {
      if (!isCategoryId(id)) fail(`options.categories: ${show(id)} is not a category id`);
      if (id === 'necessary' || id === 'logs') {
        fail(`options.categories lists optional categories only, not ${id}`);
      }
      if (!ids.includes(id)) ids.push(id);
    }
  } else {
    ids.push(...BUILT_IN_OPTIONAL);
  }
  for (const id of Object.keys(choices)) {
    if (ids.includes(id)) continue;
    if (offered !== undefined) {
      fail(`choices.${id}: not among options.categories (${offered.join(', ') || 'none'})`);
    }
    ids.push(id);
  }
  return ids.map((id) => ({
    id,
    // `logs` is required unless the visitor refused it (a site with logs="optional").
    required: id === 'necessary' || (id === 'logs' && choices.logs !== false),
    clear: [],
  }));
}

/**
 * Writes the consent cookie for the site at `options.url` into `context`, as if the visitor
 * had decided (method `api`, letter `p`; a new consent id; decided now). Call it before the
 * page loads.
 *
 * - `necessary` is always granted; `logs` is granted unless `choices.logs` is `false` (which
 *   only a site with `logs="optional"` accepts);
 * - an optional category left out of `choices` is refused;
 * - a site's own categories (from `config.categories`) must be named in `choices`.
 *
 * Throws an `Error` for a bad category id, a value that is not a boolean, or a bad option.
 */
export async function presetConsent(
  context: BrowserContext,
  choices: ConsentChoices,
  options: PresetOptions,
): Promise<PresetCookie> {
  if (typeof context?.addCookies !== 'function') {
    fail('the first argument must be a Playwright BrowserContext (the `context` fixture)');
  }
  checkChoices(choices);
  bannerLines.listen(context);
  if (typeof options !== 'object' || options === null) {
    fail('options must be an object with at least `url`');
  }
  const root = siteRoot(options.url);
  const problems: string[] = [];
  const name =
    options.cookieName === undefined
      ? DEFAULT_COOKIE_NAME
      : parseCookieName(options.cookieName, problems);
  if (problems.length > 0 || name === '') {
    fail(`options.cookieName must be a cookie name, not ${show(options.cookieName)}`);
  }
  const revision = wholeNumber('options.revision', options.revision, parseRevision, 0);
  const days = wholeNumber(
    'options.cookieDays',
    options.cookieDays,
    parseCookieDays,
    DEFAULT_COOKIE_DAYS,
  );

  const now = Math.floor(Date.now() / 1000);
  const record = makeRecord({
    categories: pageCategories(choices, options.categories),
    choice: choices,
    method: 'api',
    revision,
    id: randomId(),
    now,
  });
  const cookie: PresetCookie = { name, value: encodeRecord(record), expires: now + days * DAY };
  // With `url`, Playwright makes the cookie host-only, with the URL's directory as its path
  // and `Secure` on https; the site's root gives `Path=/`, as the banner writes it.
  await context.addCookies([
    {
      ...cookie,
      url: root.href,
      sameSite: 'Lax',
      secure: root.protocol === 'https:',
      httpOnly: false,
    },
  ]);
  return cookie;
}
