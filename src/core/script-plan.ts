/** Which gated scripts may run (docs/guide/script-gating.md). Pure: the script gate applies it to the page. */
import { isCategoryId } from './categories.js';
import type { CategoryId } from './types.js';

/**
 * The categories a `data-consent` value names: ids separated by spaces or commas. A script
 * that names several runs only when all of them are granted; one that names none (or an
 * invalid id) never runs.
 */
export function categoriesOf(value: string | null | undefined): CategoryId[] | null {
  const ids = (value ?? '').split(/[\s,]+/).filter(Boolean);
  return ids.length > 0 && ids.every(isCategoryId) ? ids : null;
}

/** Whether a script gated by `value` may run now. */
export function mayRun(value: string | null | undefined, isGranted: (id: CategoryId) => boolean) {
  const ids = categoriesOf(value);
  return ids !== null && ids.every(isGranted);
}

/** Whether a cookie name matches a `clear` entry: an exact name, or `prefix*`. */
export function matchesCookie(name: string, pattern: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** Domains a cookie may have been set on: none (host only), the host, and its parent. */
export function cookieDomains(hostname: string): (string | undefined)[] {
  const domains: (string | undefined)[] = [undefined];
  if (!hostname || /^[\d.]+$/.test(hostname) || hostname.includes(':')) return domains;
  const labels = hostname.split('.');
  domains.push(hostname);
  if (labels.length > 2) domains.push(labels.slice(1).join('.'));
  return domains;
}
