/**
 * The visitor's choice as a server sees it (README "Honouring the choice on your server"): the consent cookie read from the
 * `Cookie` request header with the browser's own codec and rules, so a server and the page
 * always agree on what a value means.
 */
import { BUILT_IN, isCategoryId } from '../core/categories.js';
import { decodeRecord } from '../core/codec.js';
import { checkRecord, stateFromRecord } from '../core/rules.js';
import type { Category, CategoryId, ConsentRecord, ConsentState } from '../core/types.js';
import { firstCookie } from '../core/cookie-header.js';

/** The banner's default cookie name (the `cookie-name` attribute). */
export const DEFAULT_COOKIE_NAME = 'consent';

/** What the server knows about the site's banner; every field is optional. */
export interface ReadConsentOptions {
  /** The banner's `cookie-name` (default `consent`). */
  readonly cookieName?: string;
  /**
   * The banner's `revision`: a record for an older revision is no choice (`null`), as it is
   * in the browser. Leave it out to accept any revision.
   */
  readonly revision?: number;
  /**
   * The ids of the categories the site's banner offers (required and optional, e.g.
   * `['necessary', 'logs', 'preferences', 'analytics']`): a record that names an id not in
   * this list, or leaves one out, is no choice, as in the browser. `necessary` is always
   * implied. Leave it out to take the categories the record names.
   */
  readonly categories?: readonly string[];
}

/** `necessary` is required on every site; the others are known only to the site's banner. */
const toCategory = (id: CategoryId): Category => ({ id, required: id === 'necessary', clear: [] });

/**
 * The categories to check a record against: the site's own list when given (with
 * `necessary`), otherwise those the record names, built-in ones in the banner's display
 * order, so that `categories`, `granted` and `denied` come out in the browser's order.
 * `null` when the option is not a list of category ids.
 */
function categoriesFor(record: ConsentRecord, offered: unknown): Category[] | null {
  let ids: CategoryId[];
  if (offered === undefined) {
    const named = [...record.granted, ...record.denied];
    ids = [
      ...BUILT_IN.map((c) => c.id).filter((id) => id === 'necessary' || named.includes(id)),
      ...named.filter((id) => !BUILT_IN.some((c) => c.id === id)),
    ];
  } else {
    if (!Array.isArray(offered) || !offered.every(isCategoryId)) return null;
    ids = ['necessary', ...offered.filter((id) => id !== 'necessary')];
  }
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
 * older revision; with `options.categories`, a record naming an unknown category or missing
 * one. When the cookie occurs several times, the first one counts (as in the browser).
 * Invalid options also give `null`: a server that cannot check a choice grants nothing.
 *
 * Never throws, whatever it is given.
 *
 * @example
 * const consent = readConsent(req.headers.cookie, { revision: 3 });
 * if (consent?.categories.analytics) … // the visitor allowed analytics
 */
export function readConsent(
  cookieHeader: string | null | undefined,
  options?: ReadConsentOptions | null,
): ConsentState | null {
  try {
    const given: unknown = options ?? {};
    if (typeof cookieHeader !== 'string' || typeof given !== 'object' || given === null)
      return null;
    const { cookieName = DEFAULT_COOKIE_NAME, revision, categories } = given as ReadConsentOptions;
    if (typeof cookieName !== 'string' || cookieName === '') return null;
    if (revision !== undefined && !isRevision(revision)) return null;

    const value = firstCookie(cookieHeader, cookieName);
    if (typeof value !== 'string') return null;
    // The codec refuses a value over 1,024 characters, as in the browser.
    const record = decodeRecord(value);
    if (!record) return null;
    const siteCategories = categoriesFor(record, categories);
    if (!siteCategories) return null;
    const status = checkRecord(record, {
      categories: siteCategories,
      revision: revision ?? 0,
      // The browser deletes the cookie once `cookie-days` have passed (Max-Age): whatever
      // reaches the server has not expired.
      cookieDays: Number.POSITIVE_INFINITY,
      now: Math.floor(Date.now() / 1000),
    });
    return status === 'valid' ? stateFromRecord(record, siteCategories) : null;
  } catch {
    // Only a hostile `options` object (a throwing getter, a Proxy) can get here.
    return null;
  }
}

/**
 * Whether the visitor granted category `id`, read from a `Cookie` request header. `false`
 * when there is no valid choice (see {@link readConsent}); a required category such as
 * `necessary` is granted whenever a valid record exists. Never throws.
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
