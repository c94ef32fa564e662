/**
 * The visitor's choice as a server sees it (docs/server/index.md): the consent cookie read from the
 * `Cookie` request header with the browser's own codec and rules, so a server and the page
 * always agree on what a value means.
 */
import { BUILT_IN, isCategoryId } from '../core/categories.js';
import { decodeRecord } from '../core/codec.js';
import { checkRecord, stateFromRecord } from '../core/rules.js';
import type { Category, CategoryId, ConsentRecord, ConsentState } from '../core/types.js';
import { firstCookie } from '../core/cookie-header.js';

/** The banner's default cookie name (the `cookie-name` attribute). */
export { DEFAULT_COOKIE_NAME } from '../core/settings.js';
import { DEFAULT_COOKIE_NAME } from '../core/settings.js';

/**
 * What the server knows about the site's banner; every field is optional. A wrong option is a
 * mistake in the server's code, not the visitor's: it throws a `TypeError` that says what is
 * wrong, rather than reading every visitor as "no choice".
 */
export interface ReadConsentOptions {
  /** The banner's `cookie-name` (default `consent`). */
  readonly cookieName?: string;
  /**
   * The banner's `revision`: a record for an older revision is no choice (`null`), as it is
   * in the browser. Leave it out to accept any revision.
   */
  readonly revision?: number;
  /**
   * Every category the site's banner has, required ones included: the built-in `necessary`,
   * `logs`, `preferences` and `analytics` that it offers, and the site's own, e.g.
   * `['necessary', 'logs', 'preferences', 'analytics', 'marketing']`. (Not the `categories`
   * attribute, which names only the optional ones to offer.) A record that names an id not in
   * this list, or leaves one out, is no choice, as in the browser. `necessary` is implied;
   * `logs` must be there, as every banner has it. Leave it out to take the categories the
   * record names.
   */
  readonly siteCategories?: readonly string[];
}

const OPTIONS = ['cookieName', 'revision', 'siteCategories'];

/**
 * Throws a `TypeError` naming what is wrong with `options`; returns the cookie options of
 * them, checked. `own` are the other keys the caller takes (the log helpers' `trustProxy`, …).
 */
export function checked(options: unknown, own: readonly string[] = []): ReadConsentOptions {
  const fail = (problem: string) => {
    throw new TypeError(`consent-banner/server: ${problem}`);
  };
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') fail('options must be an object, e.g. { revision: 3 }');
  for (const key of Object.keys(options as object))
    if (!OPTIONS.includes(key) && !own.includes(key))
      fail(
        key === 'categories'
          ? 'unknown option "categories": the list of the site\'s categories is ' +
              '"siteCategories", and it names every category the banner has, required ones ' +
              'included, e.g. ["necessary", "logs", "preferences", "analytics"]'
          : `unknown option "${key}": the options are ${[...OPTIONS, ...own].join(', ')}`,
      );
  const { cookieName, revision, siteCategories } = options as Record<string, unknown>;
  if (cookieName !== undefined && (typeof cookieName !== 'string' || cookieName === ''))
    fail("cookieName must be the banner's cookie-name, a non-empty string");
  if (revision !== undefined && !isRevision(revision))
    fail("revision must be a whole number ≥ 0, the banner's revision");
  if (siteCategories !== undefined) {
    if (!Array.isArray(siteCategories) || !siteCategories.every(isCategoryId))
      fail(
        'siteCategories must be a list of category ids, e.g. ["necessary", "logs", "analytics"]',
      );
    if (!(siteCategories as string[]).includes('logs'))
      fail(
        'siteCategories must include "logs": every banner has it (required unless logs="optional")',
      );
  }
  return { cookieName, revision, siteCategories } as ReadConsentOptions;
}

/** `necessary` is required on every site; the others are known only to the site's banner. */
const toCategory = (id: CategoryId): Category => ({ id, required: id === 'necessary', clear: [] });

/**
 * The categories to check a record against: the site's own list when given (with
 * `necessary`), otherwise those the record names, built-in ones in the banner's display
 * order, so that `categories`, `granted` and `denied` come out in the browser's order.
 */
function categoriesFor(record: ConsentRecord, site: readonly CategoryId[] | undefined): Category[] {
  let ids: CategoryId[];
  if (site === undefined) {
    const named = [...record.granted, ...record.denied];
    ids = [
      ...BUILT_IN.map((c) => c.id).filter((id) => id === 'necessary' || named.includes(id)),
      ...named.filter((id) => !BUILT_IN.some((c) => c.id === id)),
    ];
  } else ids = ['necessary', ...site.filter((id) => id !== 'necessary')];
  return [...new Set(ids)].map(toCategory);
}

const isRevision = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * Reads the visitor's consent from a `Cookie` request header, exactly as the banner wrote it.
 *
 * Returns the same state the page sees as `el.consent`, or `null` when there is no valid
 * choice: no cookie; a value that is not a record of the current format (garbage, truncated,
 * longer than 1,024 characters, another version, undecodable); a record in which `necessary`
 * is not granted; a decision time in the future; with `options.revision`, a record for an
 * older revision; with `options.siteCategories`, a record naming an unknown category or
 * missing one. When the cookie occurs several times, the first one counts (as in the browser).
 *
 * Never throws for any header, whatever the visitor's browser sent. Throws a `TypeError` for
 * wrong options (see {@link ReadConsentOptions}).
 *
 * @example
 * const consent = readConsent(req.headers.cookie, { revision: 3 });
 * if (consent?.categories.analytics) … // the visitor allowed analytics
 */
export function readConsent(
  cookieHeader: string | null | undefined,
  options?: ReadConsentOptions | null,
): ConsentState | null {
  const found = validCookie(cookieHeader, checked(options));
  return found && stateFromRecord(found.record, found.categories);
}

/** A valid consent cookie found in a `Cookie` header: its value, record and categories. */
export interface ValidCookie {
  readonly value: string;
  readonly record: ConsentRecord;
  readonly categories: readonly Category[];
}

/**
 * The first consent cookie of `cookieHeader` when it is a valid choice (see
 * {@link readConsent}), or `null`. `options` are already checked; never throws.
 */
export function validCookie(
  cookieHeader: unknown,
  { cookieName = DEFAULT_COOKIE_NAME, revision, siteCategories }: ReadConsentOptions,
  now: number = Date.now(),
): ValidCookie | null {
  if (typeof cookieHeader !== 'string') return null;
  const value = firstCookie(cookieHeader, cookieName);
  if (typeof value !== 'string') return null;
  // The codec refuses a value over 1,024 characters, as in the browser.
  const record = decodeRecord(value);
  if (!record) return null;
  const categories = categoriesFor(record, siteCategories);
  const status = checkRecord(record, {
    categories,
    revision: revision ?? 0,
    // The browser deletes the cookie once `cookie-days` have passed (Max-Age): whatever
    // reaches the server has not expired.
    cookieDays: Number.POSITIVE_INFINITY,
    now: Math.floor(now / 1000),
  });
  return status === 'valid' ? { value, record, categories } : null;
}

/**
 * Whether the visitor granted category `id`, read from a `Cookie` request header. `false`
 * when there is no valid choice (see {@link readConsent}); a required category such as
 * `necessary` is granted whenever a valid record exists. Throws only for wrong options.
 *
 * @example
 * if (isGranted(req.headers.cookie, 'logs')) logFullAddress(req);
 */
export function isGranted(
  cookieHeader: string | null | undefined,
  id: string,
  options?: ReadConsentOptions | null,
): boolean {
  const state = readConsent(cookieHeader, options);
  if (!state || typeof id !== 'string' || !Object.hasOwn(state.categories, id)) return false;
  return state.categories[id] === true;
}
