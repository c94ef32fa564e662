/**
 * The cookie value, format version 1 (docs/reference/cookie.md):
 *
 *   1.<revision>.<granted>.<denied>.<id>.<decidedAt>.<method>
 *
 * `granted` and `denied` are category ids joined by `~` (either may be empty), `decidedAt`
 * is whole seconds since the Unix epoch, `method` one letter. Every character is a valid
 * cookie octet that `encodeURIComponent` leaves alone, so the value is stored and sent as
 * written, and PHP-style decoders (which turn `+` into a space) read it unchanged.
 */
import { isCategoryId } from './categories.js';
import type { CategoryId, ConsentMethod, ConsentRecord } from './types.js';

export const FORMAT_VERSION = 1;

/** Longer values are not records (a 4 KB cookie is garbage, not a choice). */
export const MAX_VALUE_LENGTH = 1024;

const METHOD_CODES: Readonly<Record<ConsentMethod, string>> = {
  'accept-all': 'a',
  'reject-all': 'r',
  custom: 'c',
  gpc: 'g',
  api: 'p',
};

/** Whether `value` is one of the decision methods. */
export const isConsentMethod = (value: unknown): value is ConsentMethod =>
  typeof value === 'string' && Object.hasOwn(METHOD_CODES, value);

const REVISION = /^(0|[1-9]\d{0,8})$/;
/** A consent id: 8–64 of [A-Za-z0-9_-] (the cookie's fifth field, and a receipt's `id`). */
export const CONSENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const SECONDS = /^[1-9]\d{0,10}$/;

export function encodeRecord(record: ConsentRecord): string {
  return [
    FORMAT_VERSION,
    record.revision,
    record.granted.join('~'),
    record.denied.join('~'),
    record.id,
    record.decidedAt,
    METHOD_CODES[record.method],
  ].join('.');
}

function decodeList(text: string): CategoryId[] | null {
  if (text === '') return [];
  const ids = text.split('~');
  if (!ids.every(isCategoryId) || new Set(ids).size !== ids.length) return null;
  return ids;
}

/**
 * Reads a stored value. Anything that is not a well-formed record of the current format is
 * `null`; this never throws, whatever it is given.
 */
export function decodeRecord(value: unknown): ConsentRecord | null {
  if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) return null;
  const fields = value.split('.');
  if (fields.length !== 7) return null;
  const [version, revision, granted, denied, id, decidedAt, methodCode] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (version !== String(FORMAT_VERSION)) return null;
  if (!REVISION.test(revision) || !CONSENT_ID.test(id) || !SECONDS.test(decidedAt)) return null;
  const method = (Object.keys(METHOD_CODES) as ConsentMethod[]).find(
    (m) => METHOD_CODES[m] === methodCode,
  );
  const grantedIds = decodeList(granted);
  const deniedIds = decodeList(denied);
  if (!method || !grantedIds || !deniedIds) return null;
  if (grantedIds.some((c) => deniedIds.includes(c))) return null;
  return {
    version: FORMAT_VERSION,
    revision: Number(revision),
    granted: grantedIds,
    denied: deniedIds,
    id,
    decidedAt: Number(decidedAt),
    method,
  };
}
