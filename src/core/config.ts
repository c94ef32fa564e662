/**
 * Validates what a host gives us (attributes, the `config` object, JSON children). Bad input
 * never throws: it is dropped with a message and the safe default stands (PRODUCT §9).
 */
import { isCategoryId, type CategoryConfig } from './categories.js';
import { DEFAULT_COOKIE_DAYS } from './rules.js';
import type { CategoryId, Lang, LocalizedText } from './types.js';

/** The one shape of configuration beyond attributes (PRODUCT §4). */
export interface BannerConfig {
  /** Partial text overrides per language, keyed by the `Strings` interface. */
  texts?: Partial<Record<Lang, Record<string, string>>>;
  /** Adjust built-in categories or add new ones. */
  categories?: Record<CategoryId, CategoryConfig>;
}

export interface Parsed<T> {
  value: T;
  problems: string[];
}

/** One phrasing for every problem: what was wrong, and that it is ignored. */
export const ignored = (path: string, expected: string) => `${path} ignored: expected ${expected}`;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const LANG_KEYS: readonly Lang[] = ['th', 'en'];
/**
 * A cookie name to clear: a cookie-name token, optionally ending in `*`. A bare `*` would
 * delete every cookie of the site, so a prefix is required.
 */
const COOKIE_PATTERN = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+\*?$/;

/** `{th, en}` texts: other languages and non-strings are dropped, with one message. */
function localized(value: unknown, where: string, problems: string[]): LocalizedText | undefined {
  if (value === undefined) return undefined;
  const out: LocalizedText = {};
  const entries = isObject(value) ? Object.entries(value) : [];
  for (const [lang, text] of entries)
    if ((lang === 'th' || lang === 'en') && typeof text === 'string') out[lang] = text;
  if (!isObject(value) || Object.keys(out).length !== entries.length)
    problems.push(ignored(where, '{"th": "…", "en": "…"}'));
  return out;
}

function category(id: string, value: unknown, problems: string[]): CategoryConfig | null {
  const where = `categories.${id}`;
  if (!isObject(value)) {
    problems.push(ignored(where, 'an object'));
    return null;
  }
  const { required, label, description, clear } = value;
  const out: CategoryConfig = {};
  if (typeof required === 'boolean') out.required = required;
  else if (required !== undefined) problems.push(ignored(`${where}.required`, 'true or false'));
  const texts = {
    label: localized(label, `${where}.label`, problems),
    description: localized(description, `${where}.description`, problems),
  };
  if (texts.label) out.label = texts.label;
  if (texts.description) out.description = texts.description;
  if (clear !== undefined) {
    const list = Array.isArray(clear) ? (clear as unknown[]) : [];
    out.clear = list.filter(
      (name): name is string => typeof name === 'string' && COOKIE_PATTERN.test(name),
    );
    if (out.clear.length !== list.length || !Array.isArray(clear))
      problems.push(ignored(`${where}.clear`, 'a list of cookie names or "prefix*"'));
  }
  return out;
}

/**
 * Validates a config object. `textKeys` are the keys of the `Strings` interface; other keys
 * are reported and dropped.
 */
export function parseConfig(input: unknown, textKeys: readonly string[]): Parsed<BannerConfig> {
  const problems: string[] = [];
  const value: BannerConfig = {};
  if (input === undefined || input === null) return { value, problems };
  if (!isObject(input)) return { value, problems: [ignored('config', 'an object')] };

  for (const key of Object.keys(input))
    if (key !== 'texts' && key !== 'categories') problems.push(ignored(key, 'texts or categories'));

  if (input.texts !== undefined) {
    if (!isObject(input.texts)) problems.push(ignored('texts', 'an object'));
    else {
      value.texts = {};
      for (const [lang, texts] of Object.entries(input.texts)) {
        if (!LANG_KEYS.includes(lang as Lang) || !isObject(texts)) {
          problems.push(ignored(`texts.${lang}`, 'th or en'));
          continue;
        }
        const own: Record<string, string> = {};
        for (const [key, text] of Object.entries(texts)) {
          // An empty text would leave a button without a name: the built-in text stays.
          if (textKeys.includes(key) && typeof text === 'string' && text.trim()) own[key] = text;
          else problems.push(ignored(`texts.${lang}.${key}`, 'a known text key with a text'));
        }
        value.texts[lang as Lang] = own;
      }
    }
  }

  if (input.categories !== undefined) {
    if (!isObject(input.categories)) problems.push(ignored('categories', 'an object'));
    else {
      value.categories = {};
      for (const [id, raw] of Object.entries(input.categories)) {
        if (!isCategoryId(id)) {
          problems.push(ignored(`categories.${id}`, 'an id of a-z, 0-9, _ and -'));
          continue;
        }
        const parsed = category(id, raw, problems);
        if (parsed) value.categories[id] = parsed;
      }
    }
  }
  return { value, problems };
}

/** Parses a JSON config text (the `<script type="application/json">` child). */
export function parseConfigJson(text: string, textKeys: readonly string[]): Parsed<BannerConfig> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: {}, problems: [ignored('JSON config', 'valid JSON')] };
  }
  return parseConfig(data, textKeys);
}

/** Merges two configs; `over` wins per text key and per category. */
export function mergeConfig(base: BannerConfig, over: BannerConfig): BannerConfig {
  const texts: Partial<Record<Lang, Record<string, string>>> = {};
  for (const lang of LANG_KEYS) {
    const merged = { ...base.texts?.[lang], ...over.texts?.[lang] };
    if (Object.keys(merged).length) texts[lang] = merged;
  }
  return {
    texts,
    categories: { ...base.categories, ...over.categories },
  };
}

/** A whole number in [min, max] from an attribute; anything else is `fallback`, reported. */
function wholeNumber(
  name: string,
  value: unknown,
  [min, max, fallback]: [number, number, number],
  problems: string[],
): number {
  if (value === null || value === undefined || value === '') return fallback;
  // Plain decimal digits only: `Number()` would also take "0x10", "1e3" or " 7 ".
  const n = typeof value === 'number' || /^\d{1,10}$/.test(String(value)) ? Number(value) : NaN;
  if (Number.isInteger(n) && n >= min && n <= max) return n;
  problems.push(ignored(`${name}="${String(value)}"`, `a whole number from ${min} to ${max}`));
  return fallback;
}

/**
 * Lit converter for whole-number attributes: plain digits become a number; anything else stays
 * the text it was, so that the message names what the page wrote.
 */
export const wholeNumberAttribute = {
  fromAttribute: (value: string | null): number | string | undefined =>
    value === null ? undefined : /^\d{1,10}$/.test(value) ? Number(value) : value,
};

/** `revision`: a whole number ≥ 0; anything else is 0. */
export const parseRevision = (value: unknown, problems: string[]): number =>
  wholeNumber('revision', value, [0, 999_999_999, 0], problems);

/** `cookie-days`: 1 to 3650 days; anything else is the default, 182. */
export const parseCookieDays = (value: unknown, problems: string[]): number =>
  wholeNumber('cookie-days', value, [1, 3650, DEFAULT_COOKIE_DAYS], problems);

/** `cookie-name`: a cookie-name token; anything else is `consent`. */
export function parseCookieName(value: unknown, problems: string[]): string {
  if (value === null || value === undefined || value === '') return 'consent';
  if (typeof value === 'string' && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/.test(value)) return value;
  problems.push(ignored(`cookie-name="${String(value)}"`, 'a cookie name'));
  return 'consent';
}

/** `categories`: ids separated by spaces or commas; `null` (offer all) when absent. */
export function parseOffered(value: unknown, problems: string[]): CategoryId[] | null {
  if (value === null || value === undefined) return null;
  const ids = String(value)
    .split(/[\s,]+/)
    .filter(Boolean);
  const good = ids.filter(isCategoryId);
  if (good.length !== ids.length)
    problems.push(ignored(`categories="${String(value)}"`, 'ids of a-z, 0-9, _ and -'));
  return good;
}

/** Links are only `http(s):` or relative (PRODUCT §9): never `javascript:` or `data:`. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Browsers drop tabs and newlines inside a URL and C0 controls around it ("java\nscript:"),
  // so check what the browser will see.
  // eslint-disable-next-line no-control-regex
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (!url) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (scheme) return /^https?$/i.test(scheme[1] ?? '') ? url : null;
  // No scheme: relative, but not a protocol-relative or a backslash trick to another host.
  return /^[/\\]{2}/.test(url) ? null : url;
}
