/** The consent cookie on the page (PRODUCT §6), through js-cookie. */
import Cookies from 'js-cookie';
import { cookieDomains, matchesCookie } from '../core/script-plan.js';

export interface CookieOptions {
  readonly name: string;
  readonly days: number;
  /** `undefined`: host only. */
  readonly domain?: string | undefined;
}

const attributes = (options: CookieOptions, maxAge: number): Cookies.CookieAttributes => ({
  path: '/',
  sameSite: 'Lax',
  // Max-Age rather than Expires: not skewed by a wrong clock on the visitor's machine.
  'max-age': String(maxAge),
  ...(options.domain ? { domain: options.domain } : {}),
  ...(location.protocol === 'https:' ? { secure: true } : {}),
});

/** The raw stored value, or `undefined`. Never throws (a sandboxed frame denies cookies). */
export function readCookie(name: string): string | undefined {
  try {
    return Cookies.get(name);
  } catch {
    return undefined;
  }
}

/** Writes the value; `false` when the browser did not keep it (cookies blocked). */
export function writeCookie(options: CookieOptions, value: string): boolean {
  try {
    Cookies.set(options.name, value, attributes(options, Math.round(options.days * 86_400)));
    return Cookies.get(options.name) === value;
  } catch {
    return false;
  }
}

export function removeCookie(options: CookieOptions): void {
  try {
    Cookies.set(options.name, '', attributes(options, 0));
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
  if (patterns.length === 0) return;
  let names: string[];
  try {
    names = Object.keys(Cookies.get());
  } catch {
    return;
  }
  for (const name of names) {
    if (name === keep || !patterns.some((p) => matchesCookie(name, p))) continue;
    for (const domain of cookieDomains(location.hostname))
      Cookies.remove(name, { path: '/', ...(domain ? { domain } : {}) });
  }
}
