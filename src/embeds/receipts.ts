/**
 * Sends the receipts that wait for `receipt-url` (docs/server/receipts.md), with
 * `fetch(…, {keepalive: true})`: the request outlives the page, and its answer confirms
 * delivery. A receipt made on the banner carries the hash of the words the visitor saw (schema
 * 2, docs/reference/receipt.md "Schema 2: the wording"); when the receiver answers
 * `Consent-Wording: send`, the words follow, once. A receipt is removed from the page
 * (src/effects/receipts.ts) only once the receiver answered 2xx, or refused it for good (4xx other
 * than 408 and 429). Comes with the extras, loaded when there is a receipt to send.
 */
import { line, problem } from '../core/messages.js';
import type { WaitingReceipt } from '../core/receipt.js';
import { PREFIX } from '../core/report.js';
import { wordingHash } from '../core/wording.js';
import { load, save } from '../effects/receipts.js';

/** Ids on their way now, so that two calls never send one receipt twice at once. */
const sending = new Set<string>();

const post = (url: string, body: object) =>
  fetch(url, {
    method: 'POST',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/**
 * Sends every receipt that waits for `url`, and `receipt` (the one just made, in case the page
 * could not keep it). Never throws, never rejects; resolves when each answer (or failure) is in.
 */
export async function sendReceipts(url: string, receipt?: WaitingReceipt | null): Promise<void> {
  const waiting = load(url);
  if (receipt && !waiting.some((r) => r.id === receipt.id)) waiting.push(receipt);
  await Promise.all(
    waiting.map(async (item) => {
      if (sending.has(item.id)) return;
      sending.add(item.id);
      try {
        const { texts, ...fields } = item;
        const { lang } = fields;
        // No Web Crypto (a page on plain http): schema 1, without the wording.
        const wording = texts && (await wordingHash({ lang, texts }));
        let answer = await post(url, wording ? { ...fields, schema: 2, wording } : fields);
        if (wording && answer.ok && answer.headers.get('consent-wording') === 'send')
          answer = await post(url, { schema: 2, wording, lang, texts });
        const { ok, status } = answer;
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
