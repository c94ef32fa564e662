/**
 * The receipts waiting to be sent to `receipt-url` (docs/server/receipts.md), in localStorage:
 * a receipt is kept there when it is made, before it is sent, and removed only once the
 * receiver confirmed it, or refused it for good (src/embeds/receipts.ts sends them). One that
 * was not confirmed is sent again on the next page load, and a confirmed one never is.
 */
import type { WaitingReceipt } from '../core/receipt.js';

/** Receipts waiting for a confirmation, kept at most: the newest ones. */
const MAX_WAITING = 20;

const key = (url: string) => `consent-banner:receipts:${url}`;

export function load(url: string): WaitingReceipt[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(key(url)) ?? '[]');
    // Kept by an earlier load, but storage is the visitor's: keep only what can be a receipt.
    return Array.isArray(list)
      ? (list as (WaitingReceipt | null)[]).filter(
          (r): r is WaitingReceipt => typeof r?.id == 'string',
        )
      : [];
  } catch {
    return [];
  }
}

export function save(url: string, list: WaitingReceipt[]): void {
  try {
    if (list.length) localStorage.setItem(key(url), JSON.stringify(list.slice(-MAX_WAITING)));
    else localStorage.removeItem(key(url));
  } catch {
    // No storage (blocked, full): the receipt is still sent, once, without a retry.
  }
}

/**
 * Keeps `receipt` (if given) until it is confirmed: before anything is sent, so that a page
 * that goes away at once loses nothing. Whether any receipt waits for `url`, or comes now.
 */
export function keepReceipt(url: string, receipt?: WaitingReceipt | null): boolean {
  const waiting = load(url);
  if (receipt) save(url, [...waiting, receipt]);
  return !!receipt || waiting.length > 0;
}
