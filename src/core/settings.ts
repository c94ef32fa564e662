/**
 * Every setting of `<consent-banner>`, declared once (docs/reference/attributes.md). The element's
 * properties and attributes, the settings the store derives everything from, the React JSX
 * types, the custom-elements manifest and the docs' attribute table (docs/reference/attributes.md) all come from this
 * table. Data only, no imports: `npm run build` reads it to write the manifest.
 *
 * - `attribute`: the attribute's name (the script tag's `data-*` mirror it), `null` for a
 *   property alone;
 * - `type`: how an attribute becomes the property: `string` (as written; removed: the default),
 *   `number` (plain digits become a number, anything else stays the text it was, so that the
 *   message names what the page wrote), `boolean` (present: on);
 * - `default`: the property's value while nothing set it;
 * - `change`: what setting it after connection does: `configure` derives the categories, the
 *   cookie, the stored choice and what they cause again, and draws again; `render` only draws
 *   again; `native`, the browser's own `lang`. (`theme` is also written back to its attribute,
 *   which the styles follow.)
 * - `values`: the allowed values, when there are few;
 * - `doc`, `docDefault`: what the docs' table and the manifest say of it, and of its
 *   default when the value alone does not say it (one line each: the builds drop them).
 */
/** The default cookie name and lifetime, for the browser and the server alike. */
export const DEFAULT_COOKIE_NAME = 'consent';
export const DEFAULT_COOKIE_DAYS = 182;

export const SETTINGS = [
  {
    property: 'lang',
    attribute: 'lang',
    type: 'string',
    default: '',
    change: 'native',
    doc: '`th` or `en` (`th-TH` counts as `th`)',
    docDefault: "nearest `[lang]`, then the browser's languages, `th`",
  },
  {
    property: 'policyUrl',
    attribute: 'policy-url',
    type: 'string',
    default: '',
    change: 'configure',
    doc: 'link to the full privacy policy; only `http(s):` or relative URLs are used',
    docDefault: 'none (no link)',
  },
  {
    property: 'revision',
    attribute: 'revision',
    type: 'number',
    default: 0,
    change: 'configure',
    doc: 'policy revision (whole number); a choice stored for an older revision is no choice, and the visitor is asked again',
  },
  {
    property: 'cookieName',
    attribute: 'cookie-name',
    type: 'string',
    default: DEFAULT_COOKIE_NAME,
    change: 'configure',
    doc: 'name of the consent cookie',
  },
  {
    property: 'cookieDomain',
    attribute: 'cookie-domain',
    type: 'string',
    default: '',
    change: 'configure',
    doc: 'e.g. `.example.go.th` to share the choice with sub-domains; this host or a domain above it (a browser refuses any other), else the host only',
    docDefault: 'host only',
  },
  {
    property: 'cookieDays',
    attribute: 'cookie-days',
    type: 'number',
    default: DEFAULT_COOKIE_DAYS,
    change: 'configure',
    doc: 'how long a choice counts (1–3650 days)',
  },
  {
    property: 'logs',
    attribute: 'logs',
    type: 'string',
    default: 'required',
    values: ['required', 'optional'],
    change: 'configure',
    doc: '`required`: server logs are a notice, "always active"; `optional`: the visitor may refuse detailed logging (see the server)',
  },
  {
    property: 'categories',
    attribute: 'categories',
    type: 'string',
    default: null,
    change: 'configure',
    doc: 'which optional categories to offer, e.g. `"analytics"` or `"analytics preferences"`',
    docDefault: 'all',
  },
  {
    property: 'noSettingsButton',
    attribute: 'no-settings-button',
    type: 'boolean',
    default: false,
    change: 'render',
    doc: 'no settings button after a choice, even on a page without its own `data-consent-open` control',
    docDefault: 'off',
  },
  {
    property: 'settingsButton',
    attribute: 'settings-button',
    type: 'boolean',
    default: false,
    change: 'render',
    doc: 'the floating settings button even when the page has its own `data-consent-open` control (which hides it otherwise)',
    docDefault: 'off',
  },
  {
    property: 'theme',
    attribute: 'theme',
    type: 'string',
    default: 'auto',
    values: ['auto', 'light', 'dark'],
    change: 'configure',
    doc: '`auto` (follows `prefers-color-scheme`), `light`, `dark`',
  },
  {
    property: 'receiptUrl',
    attribute: 'receipt-url',
    type: 'string',
    default: '',
    change: 'configure',
    doc: 'where each decision is sent as a JSON receipt, to prove consent (see "Receipts"); `http(s):` or relative',
    docDefault: 'none (no receipts)',
  },
  {
    property: 'gpc',
    attribute: 'gpc',
    type: 'string',
    default: 'honor',
    values: ['honor', 'ignore'],
    change: 'configure',
    doc: '`honor`: a visitor whose browser sends Global Privacy Control and who has not chosen is recorded as refusing every optional category, without the banner (see "Global Privacy Control"); `ignore`: asked like anyone',
  },
  {
    property: 'googleConsentMode',
    attribute: 'google-consent-mode',
    type: 'boolean',
    default: false,
    change: 'configure',
    doc: 'tell Google\'s tags the choice through Consent Mode v2 (see "Google Consent Mode")',
    docDefault: 'off',
  },
  {
    property: 'config',
    attribute: null,
    type: 'object',
    default: null,
    change: 'configure',
    doc: 'texts and categories beyond attributes (see Configuration); merged over a JSON config child',
  },
] as const;

export type Setting = (typeof SETTINGS)[number];
