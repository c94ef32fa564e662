/**
 * `consent-banner/server` (docs/server/index.md): the visitor's choice
 * as a server sees it, access logging that honours the `logs` choice, the check of a consent
 * receipt, and the consent cookie re-issued by the server. One ES module for Node and edge
 * runtimes: no DOM, no `node:` imports; the receipt store's database driver (an optional peer
 * dependency) is imported only when a store is opened. The cookie is read with the very codec
 * and rules the banner uses in the browser (`src/core`), so both always agree on what a value
 * means.
 *
 * @example
 * import { readConsent, isGranted, clientIp, readReceipt, refreshCookie } from 'consent-banner/server';
 *
 * readConsent(req.headers.cookie, { revision: 3 }); // ConsentState, or null: no valid choice
 * isGranted(req.headers.cookie, 'analytics');      // boolean
 * clientIp(req);                                   // '203.0.113.7', or '203.0.113.0' without `logs`
 * readReceipt(body);                               // Receipt, or null: not a receipt of schema 1
 * refreshCookie(req.headers.cookie);               // the Set-Cookie value that keeps it, or null
 * const store = await openReceiptStore('file:consent-records'); // or 'postgres://…'
 * http.createServer(toNodeListener(store.handle));  // the receipt-url: each receipt kept once
 */
export { DEFAULT_COOKIE_NAME, isGranted, readConsent } from './read-consent.js';
export type { ReadConsentOptions } from './read-consent.js';
export { NO_ADDRESS, anonymizeIp, normalizeIp } from './ip.js';
export { clientIp, consentLog, cookieHeader, logLine, logsGranted } from './log.js';
export type {
  ConsentLogOptions,
  HeadersLike,
  LogOptions,
  RequestLike,
  ResponseLike,
} from './log.js';
export { MAX_RECEIPT_BYTES, MAX_WORDING_BYTES, readReceipt, readWording } from './receipt.js';
export type { WordingBody } from './receipt.js';
export { wordingHash, wordingText } from '../core/wording.js';
export type { Wording } from '../core/wording.js';
export { refreshCookie } from './refresh.js';
export { openReceiptStore } from './records/store.js';
export type {
  DayCounts,
  Range,
  ReceiptStore,
  ReceiptStoreOptions,
  StoredReceipt,
} from './records/store.js';
export { toNodeListener } from './records/node.js';
export type { NodeListenerOptions, NodeRequest, NodeResponse } from './records/node.js';
export type { RefreshCookieOptions } from './refresh.js';
export type { Receipt } from '../core/receipt.js';
export type { CategoryId, ConsentMethod, ConsentState } from '../core/types.js';
