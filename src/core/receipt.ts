/**
 * Proof of consent (docs/server/receipts.md): the JSON receipt sent to `receipt-url` for each decision.
 * The browser makes it (`makeReceipt`), the server entry validates it (`readReceipt`); the
 * docs/reference/receipt.md documents the schema. Never the IP address: the receiver sees it anyway, and the
 * receipt does not need it.
 */
import type { CategoryId, ConsentMethod, ConsentState, Lang } from './types.js';
import type { Wording } from './wording.js';

/**
 * A receipt: schema 1, or schema 2, which adds the hash of the words the visitor saw
 * (docs/reference/receipt.md).
 */
export interface Receipt {
  readonly schema: 1 | 2;
  /** The consent id, as in the cookie: a receiver drops a second receipt with the same id. */
  readonly id: string;
  /** ISO 8601 time of the decision (UTC), as in the state. */
  readonly decidedAt: string;
  readonly revision: number;
  readonly granted: readonly CategoryId[];
  readonly denied: readonly CategoryId[];
  readonly method: ConsentMethod;
  /** The language the visitor read the banner in. */
  readonly lang: Lang;
  /** The page the decision was made on: origin and path (no query, no fragment). */
  readonly url: string;
  /** Schema 2: the hash of the wording the visitor saw (src/core/wording.ts). */
  readonly wording?: string;
}

/**
 * A receipt as the page keeps it until it is confirmed: with the words the visitor saw, when the
 * decision was made on the banner, from which the sender makes the wording of schema 2.
 */
export type WaitingReceipt = Receipt & { readonly texts?: Wording['texts'] };

/** The receipt of a decided state; `null` for an undecided one. */
export function makeReceipt(state: ConsentState, lang: Lang, url: string): Receipt | null {
  const { id, decidedAt, revision, granted, denied, method } = state;
  return id && decidedAt && method
    ? { schema: 1, id, decidedAt, revision, granted, denied, method, lang, url }
    : null;
}
