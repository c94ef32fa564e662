/**
 * The consent cookie on the page (docs/reference/cookie.md), written and read with js-cookie.
 * consent-banner/server reads the `Cookie` header by the same rules, without it
 * (core/cookie-header); test/flows/cookie-agreement.test.ts checks that both agree. Values
 * need no encoding: the codec writes only `[A-Za-z0-9._~-]`, which js-cookie leaves as it is,
 * and the name is a validated cookie-name token.
 */
import Cookies from 'js-cookie';
import { cookieDomains, matchesCookie } from '../core/script-plan.js';

export interface CookieOptions {
  readonly name: string;
  readonly days: number;
  /** `undefined`: host only. */
  readonly domain?: string | undefined;
}

/**
 * `Path=/`, `SameSite=Lax`, `Max-Age` (rather than `Expires`: not skewed by a wrong clock on
 * the visitor's machine), the domain if any, and `Secure` on https.
 */
const attributes = (maxAge: number, domain?: string): Cookies.CookieAttributes => ({
  path: '/',
  sameSite: 'Lax',
  // js-cookie writes any attribute it is given; its own `expires` would be a date.
  'Max-Age': String(maxAge),
  domain,
  secure: location.protocol === 'https:',
});

/** The stored value, or `undefined`. Never throws (a sandboxed frame denies cookies). */
export function readCookie(name: string): string | undefined {
  try {
    return Cookies.get(name);
  } catch {
    // None to read: `undefined`.
  }
}

/** Writes the value; `false` when the browser did not keep it (cookies blocked). */
export function writeCookie(options: CookieOptions, value: string): boolean {
  try {
    Cookies.set(options.name, value, attributes(Math.round(options.days * 86_400), options.domain));
    return readCookie(options.name) === value;
  } catch {
    return false;
  }
}

export function removeCookie(options: CookieOptions): void {
  try {
    Cookies.set(options.name, '', attributes(0, options.domain));
  } catch {
    // Nothing stored, nothing to remove.
  }
}

/**
 * Deletes cookies whose names match the patterns, on the current host and its parent domain
 * (where analytics tags usually set them). A script that already ran may set them again; the
 * docs (docs/guide/script-gating.md) say a reload may be needed. The consent cookie itself (`keep`) is never deleted,
 * whatever a pattern says.
 */
export function clearCookies(patterns: readonly string[], keep: string): void {
  try {
    for (const name of Object.keys(Cookies.get()))
      if (name !== keep && patterns.some((p) => matchesCookie(name, p)))
        for (const domain of cookieDomains(location.hostname))
          Cookies.set(name, '', attributes(0, domain));
  } catch {
    // A sandboxed frame: no cookies to clear.
  }
}
