/** What a stored record means now: revision, expiry, required categories (docs/guide/categories.md, "The cookie"). */
import type {
  Category,
  CategoryId,
  ChangeSource,
  ConsentChange,
  ConsentMethod,
  ConsentRecord,
  ConsentState,
} from './types.js';
import { FORMAT_VERSION } from './codec.js';

export { DEFAULT_COOKIE_DAYS } from './settings.js';
const DAY = 86_400;

/**
 * - `valid`: the record is the visitor's current choice;
 * - `unknown`, `missing`, `refused`: not a choice for these categories: it names one the page
 *   does not have, has no answer for one it has, or refuses a required one (see
 *   {@link categoryMismatch});
 * - `future`: decided more than a day from now;
 * - `revision`: a choice for an older policy revision;
 * - `expired`: older than `cookieDays`.
 */
export type RecordStatus = 'valid' | Mismatch | 'future' | 'revision' | 'expired';

/** How a record's categories differ from the page's. */
export type Mismatch = 'unknown' | 'missing' | 'refused';

export interface RecordContext {
  readonly categories: readonly Category[];
  readonly revision: number;
  readonly cookieDays: number;
  /** Now, in whole seconds since the epoch. */
  readonly now: number;
}

/**
 * Why a record is no choice for `categories`, with the ids that make it so, or `null` when it
 * names exactly the page's categories and grants every required one (docs/reference/cookie.md).
 */
export function categoryMismatch(
  record: ConsentRecord,
  categories: readonly Category[],
): readonly [Mismatch, readonly CategoryId[]] | null {
  const minus = (a: readonly CategoryId[], b: readonly CategoryId[]) =>
    a.filter((id) => !b.includes(id));
  const named = [...record.granted, ...record.denied];
  const page = categories.map((c) => c.id);
  const required = categories.filter((c) => c.required).map((c) => c.id);
  const found = [
    ['unknown', minus(named, page)],
    ['missing', minus(page, named)],
    ['refused', minus(required, record.granted)],
  ] as const;
  return found.find(([, ids]) => ids.length) ?? null;
}

export function checkRecord(record: ConsentRecord, ctx: RecordContext): RecordStatus {
  const mismatch = categoryMismatch(record, ctx.categories);
  if (mismatch) return mismatch[0];
  if (record.decidedAt > ctx.now + DAY) return 'future';
  if (record.revision < ctx.revision) return 'revision';
  if (record.decidedAt + ctx.cookieDays * DAY <= ctx.now) return 'expired';
  return 'valid';
}

/**
 * The state a valid record stands for; with no record, the state before any choice (required
 * categories on, optional ones off).
 */
export function stateFromRecord(
  record: ConsentRecord | null,
  categories: readonly Category[],
  revision = 0,
): ConsentState {
  const values: Record<CategoryId, boolean> = {};
  for (const c of categories) values[c.id] = c.required || !!record?.granted.includes(c.id);
  // Frozen all the way: a host that changes an event's detail cannot change the banner's state.
  return Object.freeze({
    decided: !!record,
    categories: Object.freeze(values),
    granted: Object.freeze(categories.filter((c) => values[c.id]).map((c) => c.id)),
    denied: Object.freeze(categories.filter((c) => !values[c.id]).map((c) => c.id)),
    revision: record ? record.revision : revision,
    id: record ? record.id : null,
    decidedAt: record ? new Date(record.decidedAt * 1000).toISOString() : null,
    method: record ? record.method : null,
  });
}

/** The state before any choice. */
export const undecidedState = (categories: readonly Category[], revision: number): ConsentState =>
  stateFromRecord(null, categories, revision);

export interface DecisionInput {
  readonly categories: readonly Category[];
  /** Wanted values of optional categories; missing ones are off. */
  readonly choice: Readonly<Record<CategoryId, boolean>>;
  readonly method: ConsentMethod;
  readonly revision: number;
  readonly id: string;
  readonly now: number;
}

/** A new record for a decision. Required categories are granted whatever `choice` says. */
export function makeRecord(input: DecisionInput): ConsentRecord {
  const on = (c: Category) => c.required || input.choice[c.id] === true;
  return {
    version: FORMAT_VERSION,
    revision: input.revision,
    granted: input.categories.filter(on).map((c) => c.id),
    denied: input.categories.filter((c) => !on(c)).map((c) => c.id),
    id: input.id,
    decidedAt: input.now,
    method: input.method,
  };
}

/** Optional categories all on (`on = true`) or all off. */
export function allOptional(
  categories: readonly Category[],
  on: boolean,
): Record<CategoryId, boolean> {
  const choice: Record<CategoryId, boolean> = {};
  for (const c of categories) if (!c.required) choice[c.id] = on;
  return choice;
}

/** Ids whose value differs between two states (in category order of `next`). */
export function changedCategories(prev: ConsentState, next: ConsentState): CategoryId[] {
  // Only the keys count: next's first, then any that only prev has.
  return Object.keys({ ...next.categories, ...prev.categories }).filter(
    (id) => !prev.categories[id] !== !next.categories[id],
  );
}

export function toChange(
  state: ConsentState,
  changed: readonly CategoryId[],
  source: ChangeSource,
): ConsentChange {
  return Object.freeze({ ...state, changed: Object.freeze([...changed]), source });
}
