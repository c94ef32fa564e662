/**
 * Settings + the JSON child + the host name → everything the banner derives from them
 * (docs/reference/attributes.md, "Configuration beyond attributes"), and the stored value + now → the
 * visitor's choice (docs/reference/cookie.md). Pure: the store (src/element/store.ts) reads the page
 * and calls these.
 */
import { BUILT_IN, resolveCategories } from './categories.js';
import { decodeRecord } from './codec.js';
import {
  mergeConfig,
  oneOf,
  parseConfig,
  parseConfigJson,
  parseCookieDays,
  parseCookieDomain,
  parseCookieName,
  parseOffered,
  parseRevision,
  parseUrl,
  type BannerConfig,
} from './config.js';
import { categoryMismatch, checkRecord, stateFromRecord, undecidedState } from './rules.js';
import { problem, SENTENCES } from './messages.js';
import { SETTINGS, type Setting } from './settings.js';
import { TEXT_KEYS } from './text-keys.js';
import type { Category, ConsentState, Lang } from './types.js';

type ValueOf<S extends Setting> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'number' }
    ? number | string
    : S extends { type: 'object' }
      ? BannerConfig
      : S extends { values: readonly (infer V)[] }
        ? V
        : S extends { default: null }
          ? string | null
          : string;

/** The value of every setting, as the element's properties hold them. */
export type SettingValues = { -readonly [S in Setting as S['property']]: ValueOf<S> };

/**
 * The attributes, as markup and JSX write them (docs/reference/attributes.md): a boolean attribute as
 * `true`/`false`, a whole number as a number or its digits.
 */
export type ConsentBannerAttributes = {
  [S in Setting as S['attribute'] extends string ? S['attribute'] : never]?: Exclude<
    ValueOf<S>,
    null
  >;
};

export type Texts = Partial<Record<Lang, Record<string, string>>>;

/** What the settings come to. */
export interface Derived {
  readonly categories: readonly Category[];
  readonly texts: Texts;
  readonly revision: number;
  readonly cookie: { readonly name: string; readonly days: number; readonly domain?: string };
  /** `policy-url`, when safe to link to. */
  readonly policy: string | null;
  /** `receipt-url`, when safe to use. */
  readonly receipts: string | null;
  /** What was wrong, one entry a problem (the store says them on one console line). */
  readonly problems: readonly string[];
}

/** The allowed values of a setting that has few (`logs`, `gpc`, `theme`). */
const allowed = (property: string): readonly string[] =>
  (SETTINGS.find((s) => s.property === property) as { values: readonly string[] }).values;

/**
 * Derives categories, texts, cookie options and URLs from the settings and the JSON child's
 * text (`null`: none); `hostname` gives the page's host name, asked only when a cookie domain is
 * set. Bad values are reported in `problems` and fall back to the defaults.
 */
export function derive(
  values: SettingValues,
  json: string | null,
  hostname: () => string,
): Derived {
  // The JSON child, then the `config` property over it.
  const child = json === null ? null : parseConfigJson(json, TEXT_KEYS);
  const own = parseConfig(values.config, TEXT_KEYS);
  const problems = [...(child?.problems ?? []), ...own.problems];
  const config = mergeConfig(child?.value ?? {}, own.value);
  const revision = parseRevision(values.revision, problems);
  const cookie = {
    name: parseCookieName(values.cookieName, problems),
    days: parseCookieDays(values.cookieDays, problems),
    domain: parseCookieDomain(values.cookieDomain, hostname, problems),
  };
  for (const name of ['logs', 'gpc', 'theme'] as const)
    oneOf(name, values[name], allowed(name), problems);
  const policy = parseUrl('policy-url', values.policyUrl, problems);
  // Every privacy policy needs its link on the banner (docs/reference/attributes.md).
  if (!values.policyUrl) problems.push(problem('policy-url', 25));
  const receipts = parseUrl('receipt-url', values.receiptUrl, problems);
  const options = {
    logs: values.logs === 'optional' ? ('optional' as const) : ('required' as const),
    offered: parseOffered(values.categories, problems),
    config: config.categories,
  };
  const categories = resolveCategories(options);
  // A category of the site's own with no label at all: visitors would see a generic name.
  for (const c of categories)
    if (!BUILT_IN.some((b) => b.id === c.id) && !c.label?.th && !c.label?.en)
      problems.push(problem(`categories.${c.id}`, 24));
  // Ids in `categories` that name no category (a typo, one the config does not add): said.
  const unknown = options.offered?.filter((id) => !categories.some((c) => c.id === id)) ?? [];
  if (unknown.length) {
    // The ids it could name: the builds for pages print the code alone (docs/messages.md), and
    // skip them.
    const optional = SENTENCES
      ? resolveCategories({ ...options, offered: null })
          .filter((c) => !c.required)
          .map((c) => c.id)
          .join(', ')
      : '';
    problems.push(problem(`categories="${unknown.join(' ')}"`, 21, optional));
  }
  return { categories, texts: config.texts, revision, cookie, policy, receipts, problems };
}

/** A stored choice that no longer counts: withdrawn, and said once (docs/reference/events.md). */
export interface Lapse {
  readonly source: 'revision' | 'expiry';
  /** The state it stood for. */
  readonly old: ConsentState;
}

/** What a stored value means now. */
export interface Stored {
  readonly state: ConsentState;
  /** The stored value is a choice that lapsed: remove it, and say so once. */
  readonly lapse: Lapse | null;
  /**
   * A stored value that does not count, and why, as the `info` line says it (docs/reference/cookie.md); `null` when it counts or there is none.
   */
  readonly ignored: string | null;
}

/** The visitor's choice from the stored value (`undefined`: none), at `now` (seconds). */
export function readStored(value: unknown, derived: Derived, now: number): Stored {
  const { categories, revision } = derived;
  const record = decodeRecord(value);
  const status = record
    ? checkRecord(record, { categories, revision, cookieDays: derived.cookie.days, now })
    : null;
  if (record && status === 'valid')
    return { state: stateFromRecord(record, categories), lapse: null, ignored: null };
  const lapsed = record && (status === 'revision' || status === 'expired');
  // As docs/messages.md (CB26) lists them: the status, and the ids or revisions it is about.
  const ids = record && categoryMismatch(record, categories)?.[1].join(' ');
  const why = !record
    ? 'malformed'
    : status === 'revision'
      ? `revision ${record.revision}, page has ${revision}`
      : status + (ids ? ` ${ids}` : '');
  return {
    state: undecidedState(categories, revision),
    lapse: lapsed
      ? {
          source: status === 'revision' ? 'revision' : 'expiry',
          old: stateFromRecord(record, categories),
        }
      : null,
    ignored: value ? problem(`stored choice ignored: ${why}`, 26) : null,
  };
}
