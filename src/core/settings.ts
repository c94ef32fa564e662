/**
 * Every setting of `<consent-banner>`, declared once (README "Attributes"). The element's
 * properties and attributes, the settings the store derives everything from, the React JSX
 * types, the custom-elements manifest and the README's attribute table all come from this
 * table. Data only, no imports: `npm run build` reads it to write the manifest.
 *
 * - `attribute`: the attribute's name (the script tag's `data-*` mirror it), `null` for a
 *   property alone;
 * - `type`: how an attribute becomes the property: `string` (as written; removed: `null`),
 *   `number` (plain digits become a number, anything else stays the text it was, so that the
 *   message names what the page wrote), `boolean` (present: on);
 * - `default`: the property's value while nothing set it;
 * - `change`: what setting it after connection does: `configure` derives the categories, the
 *   cookie, the stored choice and what they cause again; `render` draws again (`theme` is also
 *   written back to its attribute, which the styles follow); `native`, the browser's own `lang`.
 * - `values`: the allowed values, when there are few;
 * - `doc`: what the README and the manifest say of it (one line each: the builds drop it).
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
    doc: "`th` or `en`. Default: the nearest `[lang]`, then the browser's languages, then `th`.",
  },
  {
    property: 'policyUrl',
    attribute: 'policy-url',
    type: 'string',
    default: '',
    change: 'configure',
    doc: 'Link to the full privacy policy (`http(s):` or relative).',
  },
  {
    property: 'revision',
    attribute: 'revision',
    type: 'number',
    default: 0,
    change: 'configure',
    doc: 'Policy revision, a whole number: a stored choice for an older revision counts as no choice.',
  },
  {
    property: 'cookieName',
    attribute: 'cookie-name',
    type: 'string',
    default: DEFAULT_COOKIE_NAME,
    change: 'configure',
    doc: 'Name of the consent cookie.',
  },
  {
    property: 'cookieDomain',
    attribute: 'cookie-domain',
    type: 'string',
    default: '',
    change: 'configure',
    doc: 'Cookie domain, e.g. `.example.go.th` to share the choice with sub-domains. Default: this host only.',
  },
  {
    property: 'cookieDays',
    attribute: 'cookie-days',
    type: 'number',
    default: DEFAULT_COOKIE_DAYS,
    change: 'configure',
    doc: 'How long a choice is kept, in days (1 to 3650).',
  },
  {
    property: 'logs',
    attribute: 'logs',
    type: 'string',
    default: 'required',
    values: ['required', 'optional'],
    change: 'configure',
    doc: '`required` (server logs are a notice) or `optional` (the visitor may refuse detailed logs).',
  },
  {
    property: 'categories',
    attribute: 'categories',
    type: 'string',
    default: null,
    change: 'configure',
    doc: 'Which optional categories to offer, separated by spaces or commas. Default: all.',
  },
  {
    property: 'noSettingsButton',
    attribute: 'no-settings-button',
    type: 'boolean',
    default: false,
    change: 'render',
    doc: 'No settings button after a choice (the page provides its own `data-consent-open` link).',
  },
  {
    property: 'theme',
    attribute: 'theme',
    type: 'string',
    default: 'auto',
    values: ['auto', 'light', 'dark'],
    change: 'render',
    doc: '`auto` (follows `prefers-color-scheme`), `light` or `dark`.',
  },
  {
    property: 'receiptUrl',
    attribute: 'receipt-url',
    type: 'string',
    default: '',
    change: 'configure',
    doc: 'Where each decision is sent as a JSON receipt (consent id, time, revision, categories, method, language, page; never the IP address). `http(s):` or relative.',
  },
  {
    property: 'gpc',
    attribute: 'gpc',
    type: 'string',
    default: 'honor',
    values: ['honor', 'ignore'],
    change: 'configure',
    doc: "`honor`: a visitor whose browser sends Global Privacy Control, and who has not chosen, is recorded as refusing every optional category (`method: 'gpc'`), without the banner. `ignore`: asked like anyone else.",
  },
  {
    property: 'googleConsentMode',
    attribute: 'google-consent-mode',
    type: 'boolean',
    default: false,
    change: 'configure',
    doc: "Tell Google's tags the choice (Consent Mode v2): a `default` with everything denied, then an `update` on every load with a choice and on every change.",
  },
  {
    property: 'config',
    attribute: null,
    type: 'object',
    default: null,
    change: 'configure',
    doc: 'Texts and categories beyond attributes, merged over a JSON child config (README "Configuration beyond attributes").',
  },
] as const;

export type Setting = (typeof SETTINGS)[number];
