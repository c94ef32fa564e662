/** Types shared by every layer. Pure: no DOM, no Node. */
import type { CookieDeclaration } from './categories.js';

/** A category id: a lowercase letter, then lowercase letters, digits, `_` or `-`. */
export type CategoryId = string;

/** The built-in category ids (docs/guide/categories.md). Hosts may add their own. */
export type BuiltInCategoryId = 'necessary' | 'logs' | 'preferences' | 'analytics';

/** How a decision was made. */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'gpc' | 'api';

/** Where a change came from (the `source` of `consent-change`). */
export type ChangeSource =
  | 'banner'
  | 'preferences'
  | 'embed'
  | 'api'
  | 'reset'
  | 'other-tab'
  | 'revision'
  | 'expiry'
  | 'gpc';

export type Lang = 'th' | 'en';

/** Per-language text given by a host. */
export type LocalizedText = Partial<Record<Lang, string>>;

/** One category as the banner offers it. */
export interface Category {
  readonly id: CategoryId;
  /** Required categories are always on and shown as "always active". */
  readonly required: boolean;
  /** Host-given label; built-in categories fall back to the built-in strings. */
  readonly label?: LocalizedText;
  /** Host-given description; built-in categories fall back to the built-in strings. */
  readonly description?: LocalizedText;
  /** Cookie names or `prefix*` patterns deleted when this category is revoked. */
  readonly clear: readonly string[];
  /** Google Consent Mode types it stands for, when the host names them (docs/guide/consent-mode.md). */
  readonly consentMode?: readonly string[];
  /** What it stores, declared by the host (docs/guide/categories.md "What a category stores"). */
  readonly cookies?: readonly CookieDeclaration[];
}

/** What the cookie stores (docs/reference/cookie.md). */
export interface ConsentRecord {
  readonly version: number;
  readonly revision: number;
  readonly granted: readonly CategoryId[];
  readonly denied: readonly CategoryId[];
  /** Random consent id, to look a decision up in receipts. */
  readonly id: string;
  /** Decision time, whole seconds since the Unix epoch. */
  readonly decidedAt: number;
  readonly method: ConsentMethod;
}

/** The consent state a host page sees (`el.consent`, event `detail`). */
export interface ConsentState {
  readonly decided: boolean;
  readonly categories: Readonly<Record<CategoryId, boolean>>;
  readonly granted: readonly CategoryId[];
  readonly denied: readonly CategoryId[];
  readonly revision: number;
  readonly id: string | null;
  /** ISO 8601 time of the decision. */
  readonly decidedAt: string | null;
  readonly method: ConsentMethod | null;
}

/** `detail` of `consent-change`. */
export interface ConsentChange extends ConsentState {
  /** Ids of the categories whose value changed. */
  readonly changed: readonly CategoryId[];
  readonly source: ChangeSource;
}
