/**
 * Validates what a host gives us (attributes, the `config` object, JSON children). Bad input
 * never throws: it is dropped with a message and the safe default stands (docs/explanation/design-decisions.md).
 */
import { isCategoryId, type CategoryConfig, type CookieDeclaration } from './categories.js';
import { isConsentType } from './consent-mode.js';
import { problem } from './messages.js';
import { DEFAULT_COOKIE_DAYS, DEFAULT_COOKIE_NAME } from './settings.js';
import type { CategoryId, Lang, LocalizedText } from './types.js';

/** The one shape of configuration beyond attributes (docs/guide/configuration.md). */
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

/** One phrasing for every problem: what was wrong, and that it is ignored (docs/messages.md). */
export const ignored = (subject: string, code: number, detail?: string): string =>
  problem(`${subject} ignored`, code, detail);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const LANG_KEYS: readonly Lang[] = ['th', 'en'];
/**
 * A cookie name to clear: a cookie-name token, optionally ending in `*`. A bare `*` would
 * delete every cookie of the site, so a prefix is required.
 */
const COOKIE_PATTERN = /^[!#$%&'+\-.^_`|~0-9A-Za-z]+\*?$/;

/** Says that what is at `where` is ignored, and why (`code`); returns nothing. */
type Say = (where: string, code: number) => undefined;

/**
 * Walks the entries of an object: `pick` returns what to keep of each, or `undefined` to drop
 * it (having said why). Anything but an object is said as a whole and dropped.
 */
function walk<T>(
  value: unknown,
  where: string,
  code: number,
  say: Say,
  pick: (key: string, item: unknown, at: string) => T | undefined,
): Record<string, T> | undefined {
  if (!isObject(value)) return say(where, code);
  const out: Record<string, T> = {};
  // Every `pick` refuses `__proto__`: no key outside its known set is kept.
  for (const [key, item] of Object.entries(value)) {
    const kept = pick(key, item, `${where}.${key}`);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** `{th, en}` texts: other languages and non-strings are dropped, with one message. */
function localized(value: unknown, where: string, say: Say): LocalizedText {
  const out = walk(value, where, 5, say, (lang, text) =>
    LANG_KEYS.includes(lang as Lang) && typeof text === 'string' ? text : undefined,
  );
  if (out && Object.keys(out).length !== Object.keys(value as object).length) say(where, 5);
  return out ?? {};
}

/** A list of strings that pass `test`; the others are dropped, with one message. */
function list(
  value: unknown,
  where: string,
  say: Say,
  test: (item: string) => boolean,
  code: number,
): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [];
  const kept = items.filter((item): item is string => typeof item === 'string' && test(item));
  if (kept.length !== items.length || items !== value) say(where, code);
  return kept;
}

/** A category's declaration: each wrong entry is said, and left out. */
function declaration(value: unknown, where: string, say: Say): CookieDeclaration[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  // (Its texts are checked where they are shown.)
  return items.filter((entry, i): entry is CookieDeclaration => {
    const good =
      isObject(entry) &&
      typeof entry.name === 'string' &&
      COOKIE_PATTERN.test(entry.name) &&
      isObject(entry.purpose) &&
      isObject(entry.duration);
    if (!good) say(`${where}[${i}]`, 28);
    return good;
  });
}

/** One category's settings; `undefined` when it is not an object. */
function category(value: unknown, where: string, say: Say): CategoryConfig | undefined {
  // Each known key is checked into `out` (each has its own type); the rest is said.
  const out: CategoryConfig = {};
  const known = walk(value, where, 2, say, (key, item, at) => {
    if (key === 'required' && typeof item === 'boolean') out.required = item;
    else if (key === 'label' || key === 'description') out[key] = localized(item, at, say);
    else if (key === 'clear')
      out.clear = list(item, at, say, (name) => COOKIE_PATTERN.test(name), 6);
    else if (key === 'consentMode') out.consentMode = list(item, at, say, isConsentType, 7);
    else if (key === 'cookies') out.cookies = declaration(item, at, say);
    else say(at, key === 'required' ? 8 : 9);
    return undefined;
  });
  return known && out;
}

/**
 * Validates a config object. `textKeys` are the keys of the `Strings` interface; other keys
 * are reported and dropped.
 */
export function parseConfig(input: unknown, textKeys: readonly string[]): Parsed<BannerConfig> {
  const problems: string[] = [];
  const say: Say = (where, code) => void problems.push(ignored(where, code));
  const texts = (item: unknown, where: string) =>
    walk(item, where, 2, say, (lang, own, at) =>
      LANG_KEYS.includes(lang as Lang)
        ? walk(own, at, 2, say, (key, text, path) =>
            !textKeys.includes(key)
              ? say(path, 3)
              : typeof text === 'string' && text.trim()
                ? text
                : // An empty text would leave a button without a name: the built-in text stays.
                  say(path, 23),
          )
        : say(at, 4),
    );
  const categories = (item: unknown, where: string) =>
    walk(item, where, 2, say, (id, raw, at) =>
      isCategoryId(id) ? category(raw, at, say) : say(at, 10),
    );
  const value =
    input === undefined || input === null
      ? {}
      : walk(input, 'config', 2, say, (key, item) =>
          key === 'texts'
            ? texts(item, key)
            : key === 'categories'
              ? categories(item, key)
              : say(key, 11),
        );
  return { value: (value ?? {}) as BannerConfig, problems };
}

/**
 * Where the first mistake is in a JSON text that does not parse: the index of the first token
 * that cannot be where it is, or the text's end when the text stops too soon.
 */
export function jsonErrorAt(text: string): number {
  // White space, then a string (1), a number or a literal (2), or any other character (3).
  // (JSON strings hold no control characters: the string token leaves them out.)
  const token =
    // eslint-disable-next-line no-control-regex
    /[ \t\n\r]*(?:("(?:[^"\\\0-\x1f]|\\(?:["\\/bfnrt]|u[\da-fA-F]{4}))*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)|([^ \t\n\r]))/y;
  // The brackets open, and the token before: K a key, V a value, or the character itself.
  let open = '';
  let last = '';
  for (let m; (m = token.exec(text));) {
    const [found, string, value, other] = m;
    const kind = string ? 's' : value ? 'v' : (other as string);
    const inside = open.slice(-1);
    // What may come next: s a string, v a number or literal, or the character itself.
    const next =
      last == 'K'
        ? ':'
        : last == 'V'
          ? inside && `,${inside == '{' ? '}' : ']'}`
          : last == '{'
            ? 's}'
            : last == ',' && inside == '{'
              ? 's'
              : last == '['
                ? 'sv{[]'
                : 'sv{[';
    if (!next.includes(kind)) return m.index + found.search(/[^ \t\n\r]/);
    open = '{['.includes(kind) ? open + kind : '}]'.includes(kind) ? open.slice(0, -1) : open;
    last = kind == 's' && next[1] != 'v' ? 'K' : 'sv}]'.includes(kind) ? 'V' : kind;
  }
  return text.length;
}

/** Parses a JSON config text (the `<script type="application/json">` child). */
export function parseConfigJson(text: string, textKeys: readonly string[]): Parsed<BannerConfig> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    // The parser's own words. Chromium's and Firefox's say the line and column in the text;
    // WebKit's does not, so they are found here (docs/messages.md CB1).
    let message = (error as Error).message;
    if (!/line \d/.test(message)) {
      const lines = text.slice(0, jsonErrorAt(text)).split(/\n/);
      message += ` at line ${lines.length} column ${(lines.pop() as string).length + 1}`;
    }
    return { value: {}, problems: [ignored(`JSON config (${message})`, 1)] };
  }
  return parseConfig(data, textKeys);
}

/** Merges two configs; `over` wins per text key and per category. */
export function mergeConfig(base: BannerConfig, over: BannerConfig): Required<BannerConfig> {
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
  problems.push(ignored(`${name}="${String(value)}"`, 12, `${min} to ${max}`));
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
  if (value === null || value === undefined || value === '') return DEFAULT_COOKIE_NAME;
  if (typeof value === 'string' && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,64}$/.test(value)) return value;
  problems.push(ignored(`cookie-name="${String(value)}"`, 13));
  return DEFAULT_COOKIE_NAME;
}

/** An attribute with a few allowed values (`logs`, `gpc`, `theme`): a message for any other. */
export function oneOf(
  name: string,
  value: unknown,
  allowed: readonly string[],
  problems: string[],
): void {
  if (!allowed.includes(value as string))
    problems.push(ignored(`${name}="${String(value)}"`, 14, allowed.join(' or ')));
}

/**
 * `cookie-domain`: this host or a domain above it (a browser refuses any other); anything else
 * is the host only (`undefined`). `host` gives the page's host name, asked only when a domain
 * is set (reading `location` costs a returning visitor's page heap).
 */
export function parseCookieDomain(
  value: unknown,
  host: () => string,
  problems: string[],
): string | undefined {
  if (!value) return undefined;
  const hostname = host();
  if (
    typeof value === 'string' &&
    `.${hostname}`.endsWith(`.${value.replace(/^\./, '').toLowerCase()}`)
  )
    return value;
  problems.push(ignored(`cookie-domain="${String(value)}"`, 15, hostname));
  return undefined;
}

/** `categories`: ids separated by spaces or commas; `null` (offer all) when absent. */
export function parseOffered(value: unknown, problems: string[]): CategoryId[] | null {
  if (value === null || value === undefined) return null;
  const ids = String(value)
    .split(/[\s,]+/)
    .filter(Boolean);
  const good = ids.filter(isCategoryId);
  if (good.length !== ids.length) problems.push(ignored(`categories="${String(value)}"`, 16));
  return good;
}

/** A URL attribute (`policy-url`, `receipt-url`): only `http(s):` or relative; else `null`. */
export function parseUrl(name: string, value: unknown, problems: string[]): string | null {
  const url = safeUrl(value);
  if (value && !url) problems.push(ignored(`${name}="${String(value)}"`, 17));
  return url;
}

/** Links are only `http(s):` or relative (docs/explanation/design-decisions.md): never `javascript:` or `data:`. */
export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Browsers drop tabs and newlines inside a URL and C0 controls around it ("java\nscript:"),
  // so check what the browser will see.
  // eslint-disable-next-line no-control-regex
  const url = value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  // A scheme must be http(s); no scheme is relative, but not a protocol-relative or a backslash
  // trick to another host.
  return url && (/^[a-z][a-z0-9+.-]*:/i.test(url) ? /^https?:/i.test(url) : !/^[/\\]{2}/.test(url))
    ? url
    : null;
}
