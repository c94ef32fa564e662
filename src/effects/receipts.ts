/**
 * Sends receipts to `receipt-url` (docs/server/receipts.md) with `fetch(…, {keepalive: true})`: the request
 * outlives the page, and its response confirms delivery. A receipt is stored (localStorage)
 * before it is sent and removed only once the receiver answered 2xx, or refused it for good
 * (4xx other than 408 and 429): one that was not confirmed is sent again on the next page load,
 * and a confirmed one never is. The receiver drops a duplicate by its consent id.
 * (`sendBeacon` is not needed: a keepalive fetch is sent as soon as the visitor decides.)
 */
import type { Receipt } from '../core/receipt.js';
import { line, problem } from '../core/messages.js';
import { PREFIX } from '../core/report.js';

/** Receipts waiting for a confirmation, kept at most: the newest ones. */
const MAX_WAITING = 20;

/** Ids on their way now, so that two calls never send one receipt twice at once. */
const sending = new Set<string>();

const key = (url: string) => `consent-banner:receipts:${url}`;

function load(url: string): Receipt[] {
  try {
    const list: unknown = JSON.parse(localStorage.getItem(key(url)) ?? '[]');
    // Kept by an earlier load, but storage is the visitor's: keep only what can be a receipt.
    return Array.isArray(list)
      ? (list as (Receipt | null)[]).filter((r): r is Receipt => typeof r?.id == 'string')
      : [];
  } catch {
    return [];
  }
}

function save(url: string, list: Receipt[]): void {
  try {
    if (list.length) localStorage.setItem(key(url), JSON.stringify(list.slice(-MAX_WAITING)));
    else localStorage.removeItem(key(url));
  } catch {
    // No storage (blocked, full): the receipt is still sent, once, without a retry.
  }
}

/**
 * Keeps `receipt` (if given) until it is confirmed, then sends every receipt that waits for
 * `url`. Never throws, never rejects; resolves when each answer (or failure) is in.
 */
export async function sendReceipts(url: string, receipt?: Receipt | null): Promise<void> {
  const waiting = load(url);
  if (receipt) save(url, [...waiting, receipt]);
  await Promise.all(
    (receipt ? [...waiting, receipt] : waiting).map(async (item) => {
      if (sending.has(item.id)) return;
      sending.add(item.id);
      try {
        const { ok, status } = await fetch(url, {
          method: 'POST',
          keepalive: true,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(item),
        });
        if (ok || (status < 500 && status != 408 && status != 429)) {
          if (!ok) console.warn(PREFIX, line([problem(`receipt-url answered ${status}`, 20)]));
          save(
            url,
            load(url).filter((r) => r.id !== item.id),
          );
        }
      } catch {
        // Offline, blocked, the page went away: kept for the next page load.
      } finally {
        sending.delete(item.id);
      }
    }),
  );
}
