/**
 * Proof of consent on the server (docs/server/receipts.md): checks a receipt the banner POSTs to its
 * `receipt-url`. Strict: a value that is not exactly a receipt of schema 1, as the banner
 * makes it (`src/core/receipt.ts`), is `null`, so a receiver stores only well-formed receipts.
 */
import { isCategoryId } from '../core/categories.js';
import { CONSENT_ID, isConsentMethod } from '../core/codec.js';
import type { Receipt } from '../core/receipt.js';
import type { CategoryId, Lang } from '../core/types.js';

/**
 * A receipt body longer than this (UTF-8 bytes) is not a receipt: a receiver can stop reading
 * there. A real one is a few hundred bytes.
 */
export const MAX_RECEIPT_BYTES = 8192;

/** The longest page URL a receipt may name. */
const MAX_URL_LENGTH = 2048;

/** The highest policy revision (as in the cookie: at most nine digits). */
const MAX_REVISION = 999_999_999;

/** The keys of schema 1, all required, no others. */
const KEYS: ReadonlySet<string> = new Set([
  'schema',
  'id',
  'decidedAt',
  'revision',
  'granted',
  'denied',
  'method',
  'lang',
  'url',
]);

const isLang = (value: unknown): value is Lang => value === 'th' || value === 'en';

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/** A list of distinct category ids (a copy), or `null`. Holes in a sparse array are not ids. */
function readIds(value: unknown): CategoryId[] | null {
  if (!Array.isArray(value)) return null;
  const ids: CategoryId[] = [];
  for (let i = 0; i < value.length; i++) {
    const id: unknown = value[i];
    if (!isCategoryId(id) || ids.includes(id)) return null;
    ids.push(id);
  }
  return ids;
}

/** An ISO 8601 UTC time exactly as `Date.prototype.toISOString` writes it. */
function isIsoTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toISOString() === value;
}

/**
 * An http(s) page address as the banner sends it: origin and path, nothing else (no query, no
 * fragment, no user name or password), in the form the URL parser itself writes.
 */
function isPageUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) return false;
  if (value.includes('?') || value.includes('#')) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') && url.origin + url.pathname === value
  );
}

function read(body: unknown): Receipt | null {
  let data = body;
  if (typeof data === 'string') {
    if (data.length > MAX_RECEIPT_BYTES || byteLength(data) > MAX_RECEIPT_BYTES) return null;
    data = JSON.parse(data);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;

  const keys = Object.keys(data);
  if (keys.length !== KEYS.size || !keys.every((key) => KEYS.has(key))) return null;
  const { schema, id, decidedAt, revision, granted, denied, method, lang, url } = data as Record<
    string,
    unknown
  >;

  if (schema !== 1) return null;
  if (typeof id !== 'string' || !CONSENT_ID.test(id)) return null;
  if (!isIsoTime(decidedAt)) return null;
  if (typeof revision !== 'number' || !Number.isInteger(revision)) return null;
  if (revision < 0 || revision > MAX_REVISION) return null;
  const grantedIds = readIds(granted);
  const deniedIds = readIds(denied);
  if (!grantedIds || !deniedIds || grantedIds.some((c) => deniedIds.includes(c))) return null;
  // `necessary` is required on every site (as readConsent holds): a receipt without it is forged.
  if (!grantedIds.includes('necessary')) return null;
  if (!isConsentMethod(method) || !isLang(lang) || !isPageUrl(url)) return null;

  const receipt: Receipt = {
    schema: 1,
    id,
    decidedAt,
    revision,
    granted: grantedIds,
    denied: deniedIds,
    method,
    lang,
    url,
  };
  // A parsed object has not been measured yet: hold it to the same limit as a body.
  return byteLength(JSON.stringify(receipt)) <= MAX_RECEIPT_BYTES ? receipt : null;
}

/**
 * Checks a receipt (the schema is in docs/reference/receipt.md).
 *
 * `body` is the request body as text (it is parsed here), or a value already parsed from
 * JSON. Returns a fresh receipt with exactly the schema's fields, or `null` when it is not a
 * receipt of schema 1: not JSON, longer than `MAX_RECEIPT_BYTES`, a missing or unknown key,
 * another `schema`, an id the cookie would not hold, unknown, repeated or both granted and
 * denied category ids, `necessary` not granted, a time that is not an ISO 8601 UTC time as
 * `toISOString` writes it, a revision that is not a whole number from 0 to 999,999,999, an
 * unknown method or language, or a page URL that is not http(s), has a query or fragment, or
 * is longer than 2,048 characters.
 *
 * Never throws, whatever it is given.
 *
 * @example
 * const receipt = readReceipt(await request.text());
 * if (!receipt) return new Response('not a receipt', { status: 400 });
 * // store it once per receipt.id; answer 2xx to a duplicate too
 */
export function readReceipt(body: unknown): Receipt | null {
  try {
    return read(body);
  } catch {
    // Not JSON, or an object whose keys or getters throw (a Proxy): not a receipt.
    return null;
  }
}
