/**
 * Proof of consent on the server (docs/server/receipts.md): checks a receipt the banner POSTs to its
 * `receipt-url`, and the wording it sends when a store asks for it. Strict: a value that is not
 * exactly a receipt of schema 1 or 2, as the banner makes it (`src/core/receipt.ts`), is `null`,
 * so a receiver stores only well-formed receipts.
 */
import { isCategoryId } from '../core/categories.js';
import { CONSENT_ID, isConsentMethod } from '../core/codec.js';
import type { Receipt } from '../core/receipt.js';
import type { CategoryId, Lang } from '../core/types.js';
import { WORDING_HASH, wordingHash } from '../core/wording.js';

/**
 * A receipt body longer than this (UTF-8 bytes) is not a receipt: a receiver can stop reading
 * there. A real one is a few hundred bytes.
 */
export const MAX_RECEIPT_BYTES = 8192;

/** The longest page URL a receipt may name. */
const MAX_URL_LENGTH = 2048;

/** The highest policy revision (as in the cookie: at most nine digits). */
const MAX_REVISION = 999_999_999;

/** The keys of schema 1, all required, no others; schema 2 has `wording` too. */
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
  const { schema, id, decidedAt, revision, granted, denied, method, lang, url, wording } =
    data as Record<string, unknown>;
  if (schema !== 1 && schema !== 2) return null;
  const size = KEYS.size + (schema === 2 ? 1 : 0);
  if (
    keys.length !== size ||
    !keys.every((key) => KEYS.has(key) || (schema === 2 && key === 'wording'))
  )
    return null;
  if (schema === 2 && (typeof wording !== 'string' || !WORDING_HASH.test(wording))) return null;
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
    schema,
    id,
    decidedAt,
    revision,
    granted: grantedIds,
    denied: deniedIds,
    method,
    lang,
    url,
    ...(schema === 2 ? { wording: wording as string } : {}),
  };
  // A parsed object has not been measured yet: hold it to the same limit as a body.
  return byteLength(JSON.stringify(receipt)) <= MAX_RECEIPT_BYTES ? receipt : null;
}

/**
 * Checks a receipt (the schema is in docs/reference/receipt.md).
 *
 * `body` is the request body as text (it is parsed here), or a value already parsed from
 * JSON. Returns a fresh receipt with exactly the schema's fields, or `null` when it is not a
 * receipt of schema 1 or 2 (schema 1 and `wording`, 24 lowercase hex digits): not JSON, longer than `MAX_RECEIPT_BYTES`, a missing or unknown key,
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

/** A wording body longer than this (UTF-8 bytes) is not a wording. */
export const MAX_WORDING_BYTES = 65_536;

/** The wording the banner sends once a store asks for it (docs/reference/receipt.md). */
export interface WordingBody {
  readonly schema: 2;
  /** Its hash, as the receipts that name it carry it. */
  readonly wording: string;
  readonly lang: Lang;
  readonly texts: Readonly<Record<string, string>>;
}

const TEXT_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * Checks a wording: `{ schema: 2, wording, lang, texts }`, `texts` 1 to 500 keys
 * (`[A-Za-z0-9_.:-]`, at most 100 characters) of texts of at most 10,000 characters, and
 * `wording` the hash of exactly these texts in this language. `null` for anything else; never
 * throws.
 */
export async function readWording(body: unknown): Promise<WordingBody | null> {
  try {
    const data: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
    const keys = Object.keys(data);
    const { schema, wording, lang, texts } = data as Record<string, unknown>;
    if (keys.length !== 4 || schema !== 2 || !isLang(lang)) return null;
    if (typeof wording !== 'string' || !WORDING_HASH.test(wording)) return null;
    if (typeof texts !== 'object' || texts === null || Array.isArray(texts)) return null;
    const entries = Object.entries(texts);
    if (!entries.length || entries.length > 500) return null;
    const copy: Record<string, string> = {};
    for (const [key, text] of entries) {
      if (!TEXT_KEY.test(key) || typeof text !== 'string' || text.length > 10_000) return null;
      copy[key] = text;
    }
    if (byteLength(JSON.stringify(data)) > MAX_WORDING_BYTES) return null;
    return (await wordingHash({ lang, texts: copy })) === wording
      ? { schema: 2, wording, lang, texts: copy }
      : null;
  } catch {
    return null;
  }
}
