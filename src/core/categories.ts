import type { Category, CategoryId, LocalizedText } from './types.js';

/** A valid category id (docs/guide/configuration.md), at most 40 characters. */
export const CATEGORY_ID = /^[a-z][a-z0-9_-]{0,39}$/;

export const isCategoryId = (value: unknown): value is CategoryId =>
  typeof value === 'string' && CATEGORY_ID.test(value);

/** Cookies the built-in analytics category deletes on revoke (docs/guide/script-gating.md). */
export const ANALYTICS_COOKIES: readonly string[] = ['_ga', '_ga_*', '_gid', '_gat*', '_pk_*'];

/** The built-in categories of docs/guide/categories.md, in display order. */
export const BUILT_IN: readonly Category[] = [
  { id: 'necessary', required: true, clear: [] },
  { id: 'logs', required: true, clear: [] },
  { id: 'preferences', required: false, clear: [] },
  { id: 'analytics', required: false, clear: ANALYTICS_COOKIES },
];

/**
 * One entry of a category's declaration (docs/guide/categories.md "What a category stores"): a
 * cookie (or a family, `prefix*`) or a storage key, who sets it (none: the site itself), why,
 * and for how long.
 */
export interface CookieDeclaration {
  name: string;
  provider?: string;
  purpose: LocalizedText;
  duration: LocalizedText;
}

/** What a host may say about one category in `config.categories`. */
export interface CategoryConfig {
  /** What the category stores; its names are the default `clear` list. */
  cookies?: CookieDeclaration[];
  required?: boolean;
  label?: LocalizedText;
  description?: LocalizedText;
  clear?: string[];
  /** Google Consent Mode types this category stands for (docs/guide/consent-mode.md). */
  consentMode?: string[];
}

export interface CategoryOptions {
  /** `logs="optional"` makes the `logs` category a choice. */
  logs: 'required' | 'optional';
  /**
   * Which optional categories to offer (the `categories` attribute). `null` offers every
   * optional category: the built-in ones and those the config adds. `logs` is governed by
   * the `logs` option alone.
   */
  offered: readonly CategoryId[] | null;
  /** `config.categories`, already validated. */
  config: Readonly<Record<CategoryId, CategoryConfig>>;
}

/**
 * The categories a banner offers, in display order: the built-in ones (adjusted by the
 * config), then the host's own in the order the config names them. `necessary` is always
 * required; `logs` follows the `logs` option.
 */
export function resolveCategories(options: CategoryOptions): Category[] {
  const { config, offered } = options;
  const ids: CategoryId[] = BUILT_IN.map((c) => c.id);
  for (const id of Object.keys(config)) if (!ids.includes(id)) ids.push(id);

  const result: Category[] = [];
  for (const id of ids) {
    const base = BUILT_IN.find((c) => c.id === id);
    const own = config[id] ?? {};
    let required = own.required ?? base?.required ?? false;
    if (id === 'necessary') required = true;
    if (id === 'logs') required = options.logs !== 'optional';
    // `logs` has its own attribute: logs="optional" offers it whatever `categories` lists.
    if (!required && offered && !offered.includes(id) && id !== 'logs') continue;
    // The host's label, description and Consent Mode types, when it gave them.
    // What it declares is what it clears, unless it says otherwise.
    const clear = own.clear ?? own.cookies?.map((c) => c.name) ?? base?.clear ?? [];
    result.push({ ...own, id, required, clear });
  }
  return result;
}
