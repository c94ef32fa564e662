/**
 * The consent cookie sent back by the site's own server (docs/server/safari.md). Safari caps a cookie written by a page's script at 7 days; the same cookie
 * in a `Set-Cookie` response header keeps the lifetime it was given. The server only repeats
 * what the visitor chose: the same name and value, and no more than the time left of the
 * banner's `cookie-days`.
 */
import { DEFAULT_COOKIE_DAYS } from '../core/rules.js';
import {
  DEFAULT_COOKIE_NAME,
  checked,
  validCookie,
  type ReadConsentOptions,
} from './read-consent.js';

const DAY = 86_400;

export interface RefreshCookieOptions extends ReadConsentOptions {
  /** The banner's `cookie-days`, 1 to 3650 (default 182). */
  readonly cookieDays?: number;
  /** The banner's `cookie-domain`, if it has one (default: the host only, as the banner). */
  readonly cookieDomain?: string;
  /**
   * Add `Secure`, as the banner does on https (default `true`). `false` only for a site served
   * over plain http, where a browser refuses a `Secure` cookie from anywhere but `localhost`.
   */
  readonly secure?: boolean;
  /** The time to count the remaining lifetime from (default: now). */
  readonly now?: Date;
}

const REFRESH_OPTIONS = ['cookieDays', 'cookieDomain', 'secure', 'now'];

/** A cookie-name token, as the banner's `cookie-name` takes it. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/;
/** A host name, optionally with a leading dot: letters, digits, `-` and `.` only. */
const DOMAIN =
  /^\.?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

interface Checked extends ReadConsentOptions {
  readonly cookieName: string;
  readonly cookieDays: number;
  readonly cookieDomain: string | undefined;
  readonly secure: boolean;
  readonly now: Date;
}

/** The options, checked: a wrong one throws a `TypeError` saying what is wrong. */
function check(options: unknown): Checked {
  const read = checked(options, REFRESH_OPTIONS);
  const fail = (problem: string): never => {
    throw new TypeError(`consent-banner/server: ${problem}`);
  };
  const own = (options ?? {}) as Record<string, unknown>;
  const { cookieDays = DEFAULT_COOKIE_DAYS, cookieDomain, secure = true, now = new Date() } = own;
  const cookieName = read.cookieName ?? DEFAULT_COOKIE_NAME;
  if (!TOKEN.test(cookieName))
    fail(`cookieName must be a cookie-name token, as the banner's cookie-name: ${cookieName}`);
  const days = typeof cookieDays === 'number' && Number.isInteger(cookieDays) ? cookieDays : 0;
  if (days < 1 || days > 3650)
    fail("cookieDays must be the banner's cookie-days, a whole number from 1 to 3650");
  if (
    cookieDomain !== undefined &&
    (typeof cookieDomain !== 'string' || !DOMAIN.test(cookieDomain))
  )
    fail("cookieDomain must be the banner's cookie-domain, a host name such as example.go.th");
  if (typeof secure !== 'boolean') fail('secure must be true or false');
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) fail('now must be a valid Date');
  return {
    ...read,
    cookieName,
    cookieDays: days,
    cookieDomain: cookieDomain as string | undefined,
    secure: secure as boolean,
    now: now as Date,
  };
}

/**
 * The `Set-Cookie` header value that re-issues the visitor's consent cookie exactly as the
 * banner wrote it: the same name and value, `Path=/`, `SameSite=Lax`, `Max-Age` the time the
 * choice has left (`cookie-days` from the decision, never more), the `Domain` if the banner has
 * one, and `Secure` (unless `secure: false`).
 *
 * `null` when there is nothing to keep: no consent cookie, one that is not a valid choice (see
 * `readConsent`, with the same `cookieName`, `revision` and `siteCategories`), or one whose
 * `cookie-days` have run out. Never throws for any header; throws a `TypeError` for wrong
 * options.
 *
 * @example
 * const cookie = refreshCookie(req.headers.cookie, { revision: 3 });
 * if (cookie) res.appendHeader('Set-Cookie', cookie);
 */
export function refreshCookie(
  cookieHeader: string | null | undefined,
  options?: RefreshCookieOptions | null,
): string | null {
  const { cookieName, cookieDays, cookieDomain, secure, now, ...read } = check(options);
  const found = validCookie(cookieHeader, { ...read, cookieName }, now.getTime());
  // A valid record holds only these characters; nothing else ever goes into the header.
  if (!found || !/^[\w.~-]+$/.test(found.value)) return null;
  const left = found.record.decidedAt + cookieDays * DAY - Math.floor(now.getTime() / 1000);
  if (left <= 0) return null;
  return [
    `${cookieName}=${found.value}`,
    'Path=/',
    'SameSite=Lax',
    `Max-Age=${Math.min(left, cookieDays * DAY)}`,
    ...(cookieDomain ? [`Domain=${cookieDomain}`] : []),
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
