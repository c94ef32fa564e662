/**
 * Every setting of `<consent-banner>`, declared once (docs/reference/attributes.md). The element's
 * properties and attributes, the settings the store derives everything from, the React JSX
 * types, the custom-elements manifest and the docs' attribute table (docs/reference/attributes.md) all come from this
 * table. Data only, no imports: `npm run build` reads it to write the manifest.
 *
 * Each row of `TABLE` is keyed by the setting's property, and says only what differs from the
 * usual; `SETTINGS` has every field of every setting:
 *
 * - `attribute`: the attribute's name (the script tag's `data-*` mirror it), the property's
 *   name in kebab case unless the row says otherwise; `null` for a property alone;
 * - `type`: how an attribute becomes the property: `string` (as written; removed: the default),
 *   `number` (plain digits become a number, anything else stays the text it was, so that the
 *   message names what the page wrote), `boolean` (present: on); the type of the default
 *   (`string` for a `null` default) unless the row says otherwise;
 * - `default`: the property's value while nothing set it: `''`, or the first of `values`,
 *   unless the row says otherwise;
 * - `change`: what setting it after connection does: `configure` (unless the row says
 *   otherwise) derives the categories, the cookie, the stored choice and what they cause again,
 *   and draws again; `render` only draws again; `native`, the browser's own `lang`. (`theme` is
 *   also written back to its attribute, which the styles follow.)
 * - `values`: the allowed values, when there are few;
 * - `doc`, `docDefault`: what the docs' table and the manifest say of it, and of its
 *   default when the value alone does not say it (one line each: the builds drop them).
 */
/** The default cookie name and lifetime, for the browser and the server alike. */
export const DEFAULT_COOKIE_NAME = 'consent';
export const DEFAULT_COOKIE_DAYS = 182;

/** A row: the setting's `doc`, and what differs from the usual. */
interface Row {
  readonly attribute?: null;
  readonly type?: string;
  readonly default?: unknown;
  readonly change?: string;
  readonly values?: readonly string[];
  readonly doc: string;
  readonly docDefault?: string;
}

const TABLE = {
  lang: {
    change: 'native',
    doc: '`th` or `en` (`th-TH` counts as `th`)',
    docDefault: "nearest `[lang]`, then the browser's languages, `th`",
  },
  policyUrl: {
    doc: 'link to the full privacy policy; only `http(s):` or relative URLs are used',
    docDefault: 'none (no link)',
  },
  revision: {
    default: 0,
    doc: 'policy revision (whole number); a choice stored for an older revision is no choice, and the visitor is asked again',
  },
  cookieName: {
    default: DEFAULT_COOKIE_NAME,
    doc: 'name of the consent cookie',
  },
  cookieDomain: {
    doc: 'e.g. `.example.go.th` to share the choice with sub-domains; this host or a domain above it (a browser refuses any other), else the host only',
    docDefault: 'host only',
  },
  cookieDays: {
    default: DEFAULT_COOKIE_DAYS,
    doc: 'how long a choice counts (1–3650 days)',
  },
  logs: {
    values: ['required', 'optional'],
    doc: '`required`: server logs are a notice, "always active"; `optional`: the visitor may refuse detailed logging (see the server)',
  },
  categories: {
    default: null,
    doc: 'which optional categories to offer, e.g. `"analytics"` or `"analytics preferences"`',
    docDefault: 'all',
  },
  noSettingsButton: {
    default: false,
    change: 'render',
    doc: 'no settings button after a choice, even on a page without its own `data-consent-open` control',
    docDefault: 'off',
  },
  settingsButton: {
    default: false,
    change: 'render',
    doc: 'the floating settings button even when the page has its own `data-consent-open` control (which hides it otherwise)',
    docDefault: 'off',
  },
  theme: {
    values: ['auto', 'light', 'dark'],
    doc: '`auto` (follows `prefers-color-scheme`), `light`, `dark`',
  },
  receiptUrl: {
    doc: 'where each decision is sent as a JSON receipt, to prove consent (see "Receipts"); `http(s):` or relative',
    docDefault: 'none (no receipts)',
  },
  gpc: {
    values: ['honor', 'ignore'],
    doc: '`honor`: a visitor whose browser sends Global Privacy Control and who has not chosen is recorded as refusing every optional category, without the banner (see "Global Privacy Control"); `ignore`: asked like anyone',
  },
  googleConsentMode: {
    default: false,
    doc: 'tell Google\'s tags the choice through Consent Mode v2 (see "Google Consent Mode")',
    docDefault: 'off',
  },
  config: {
    attribute: null,
    type: 'object',
    default: null,
    doc: 'texts and categories beyond attributes (see Configuration); merged over a JSON config child',
  },
} as const satisfies Readonly<Record<string, Row>>;

type Table = typeof TABLE;
type Property = keyof Table;

/** `policyUrl` → `policy-url`. */
type Kebab<S extends string> = S extends `${infer C}${infer Rest}`
  ? `${C extends Lowercase<C> ? C : `-${Lowercase<C>}`}${Kebab<Rest>}`
  : S;

/** What a row leaves out, filled in. */
type Default<R> = R extends { default: infer D }
  ? D
  : R extends { values: readonly [infer V, ...unknown[]] }
    ? V
    : '';
type Full<P extends Property, R = Table[P]> = {
  readonly property: P;
  readonly attribute: R extends { attribute: null } ? null : Kebab<P>;
  readonly type: R extends { type: infer T }
    ? T
    : Default<R> extends boolean
      ? 'boolean'
      : Default<R> extends number
        ? 'number'
        : 'string';
  readonly default: Default<R>;
  readonly change: R extends { change: infer C } ? C : 'configure';
} & Omit<R, 'attribute' | 'type' | 'default' | 'change'>;

export type Setting = { [P in Property]: Full<P> }[Property];

/**
 * Every setting, each with every field: the table's rows, the usual filled in. (Pure: a build
 * that uses only the defaults above, like the server's, leaves it out.)
 */
export const SETTINGS = /* @__PURE__ */ Object.entries<Row>(TABLE).map(([property, row]) => ({
  property,
  attribute: property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
  change: 'configure',
  default: row.values?.[0] ?? '',
  ...row,
  type: row.type ?? typeof (row.default ?? ''),
})) as readonly Setting[];
