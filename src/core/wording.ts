/**
 * Which words a visitor saw (docs/reference/receipt.md "The wording"): the texts of the banner
 * and of its categories in the visitor's language, and their hash, which a receipt of schema 2
 * carries. The same words give the same hash for every visitor, so a receipt store keeps each
 * wording once. One definition for the browser and the server: both hash with this function.
 */
import type { Lang } from './types.js';

/** The texts a visitor saw, by key (`acceptAll`, `category.analytics.label`, …), in one language. */
export interface Wording {
  readonly lang: Lang;
  readonly texts: Readonly<Record<string, string>>;
}

/** A wording's hash: 24 lowercase hexadecimal digits (the first 96 bits of a SHA-256). */
export const WORDING_HASH = /^[0-9a-f]{24}$/;

/** What is hashed: the language, then each key and its text, the keys in code-point order. */
export function wordingText({ lang, texts }: Wording): string {
  const keys = Object.keys(texts).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([lang, ...keys.map((key) => [key, texts[key]])]);
}

/**
 * The hash of a wording (Web Crypto: browsers in a secure context, Node, edge runtimes).
 * `null` where there is no Web Crypto (a page on plain http): the receipt then has no wording.
 */
export async function wordingHash(wording: Wording): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(wordingText(wording)));
  return [...new Uint8Array(digest, 0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
