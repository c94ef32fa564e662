/**
 * The consent cookie on the page (README "The cookie"), through `document.cookie`. It is read with the
 * very function a server uses on the `Cookie` header (core/cookie-header), so the banner and
 * the server always agree on which value counts. Values need no encoding: the codec writes
 * only `[A-Za-z0-9._~-]`, and the name is a validated cookie-name token.
 */
import { cookieNames, firstCookie } from '../core/cookie-header.js';
import { cookieDomains, matchesCookie } from '../core/script-plan.js';

export interface CookieOptions {
  readonly name: string;
  readonly days: number;
  /** `undefined`: host only. */
  readonly domain?: string | undefined;
}

/**
 * Writes `name=value` with `Path=/`, `SameSite=Lax`, `Max-Age` (rather than `Expires`: not
 * skewed by a wrong clock on the visitor's machine), the domain if any, and `Secure` on https.
 */
function set(name: string, value: string, maxAge: number, domain?: string): void {
  document.cookie =
    `${name}=${value}; Path=/; SameSite=Lax; Max-Age=${maxAge}` +
    (domain ? `; Domain=${domain}` : '') +
    (location.protocol === 'https:' ? '; Secure' : '');
}

/** The raw stored value, or `undefined`. Never throws (a sandboxed frame denies cookies). */
export function readCookie(name: string): string | undefined {
  try {
    return firstCookie(document.cookie, name) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Writes the value; `false` when the browser did not keep it (cookies blocked). */
export function writeCookie(options: CookieOptions, value: string): boolean {
  try {
    set(options.name, value, Math.round(options.days * 86_400), options.domain);
    return readCookie(options.name) === value;
  } catch {
    return false;
  }
}

export function removeCookie(options: CookieOptions): void {
  try {
    set(options.name, '', 0, options.domain);
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/**
 * Deletes cookies whose names match the patterns, on the current host and its parent domain
 * (where analytics tags usually set them). A script that already ran may set them again; the
 * README says a reload may be needed. The consent cookie itself (`keep`) is never deleted,
 * whatever a pattern says.
 */
export function clearCookies(patterns: readonly string[], keep: string): void {
  try {
    for (const name of cookieNames(document.cookie))
      if (name !== keep && patterns.some((p) => matchesCookie(name, p)))
        for (const domain of cookieDomains(location.hostname)) set(name, '', 0, domain);
  } catch {
    // A sandboxed frame: no cookies to clear.
  }
}
