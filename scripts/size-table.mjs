// `npm run size:table`: where the script-tag build's bytes go. Each part's cost is measured by
// taking it out: the IIFE is built again with that one module replaced by a stub, and the part
// costs the difference in brotli bytes (quality 11). Lit is measured the other way round: the
// IIFE of a bare Lit element. The parts overlap a little (brotli finds repeats across them),
// so they do not add up to the whole exactly. Writes the table into docs/explanation/size-and-speed.md, between the
// size-table markers. Builds in memory: dist/ is not touched.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { bareLitIife } from './bare-lit.mjs';
import { brotliSize as brotli, buildIife, stubs } from './measure.mjs';

/** The brotli size of the IIFE built with `replace`. */
const iife = async (replace = {}) => brotli(await buildIife({ plugins: [stubs(replace)] }));

/** A module of ours, by its absolute path (a stub has no directory to resolve from). */
const src = (path) => JSON.stringify(fileURLToPath(new URL(`../src/${path}`, import.meta.url)));

/** Each part: what it is, and the stub that takes it out. */
const PARTS = [
  ['Thai strings', { '/src/i18n/th.ts': `export { en as th } from ${src('i18n/en.ts')};` }],
  ['English strings', { '/src/i18n/en.ts': `export { th as en } from ${src('i18n/th.ts')};` }],
  [
    'styles (CSS)',
    {
      '/src/element/core.styles.ts': "export const coreStyles = '';",
      '/src/ui/banner.styles.ts': "export const bannerStyles = '';",
    },
  ],
  [
    "the interface's layers and their logic (without Lit, texts and styles)",
    {
      '/src/ui/banner-ui.ts': [
        "import { html, nothing, render } from 'lit/html.js';",
        `import { stringsFor } from ${src('i18n/strings.ts')};`,
        `import { bannerStyles } from ${src('ui/banner.styles.ts')};`,
        'export function bannerUi(host) {',
        '  host.adopt(bannerStyles);',
        "  render(html`<p>${stringsFor('th').bannerTitle}${nothing}</p>`, host.root);",
        '  return { render() {}, sync() {}, decided() {}, open() {}, disconnect() {} };',
        '}',
      ].join('\n'),
    },
  ],
  [
    'the settings table',
    {
      '/src/core/settings.ts': [
        "export const DEFAULT_COOKIE_NAME = 'consent';",
        'export const DEFAULT_COOKIE_DAYS = 182;',
        'export const SETTINGS = [];',
      ].join('\n'),
    },
  ],
  ['js-cookie', { 'js-cookie': 'export default { get() {}, set() {} };' }],
  [
    'script gate',
    {
      '/src/effects/script-gate.ts':
        'export const scriptGate = () => ({ update: () => Promise.resolve(), observe() {}, disconnect() {} });',
    },
  ],
  [
    "embeds, the dialog's tables and record: their loader and calls (the rest is a second file)",
    {
      '/src/element/embeds.ts':
        'export const embeds = () => () => {}; export const withExtras = () => {};',
    },
  ],
  [
    'receipts, kept until confirmed (their sender is in the second file)',
    { '/src/effects/receipts.ts': 'export const keepReceipt = () => false;' },
  ],
  [
    'Google Consent Mode (mapping and dataLayer writer)',
    {
      '/src/core/consent-mode.ts': [
        'export const consentModeParams = () => ({});',
        'export const isConsentType = () => true;',
      ].join('\n'),
      '/src/effects/gtag.ts': 'export function tellGoogle() {}',
    },
  ],
  [
    'other tabs (the channel)',
    {
      '/src/effects/tab-channel.ts':
        'export function tabChannel() { return { post() {}, close() {} }; }',
    },
  ],
  [
    'configuration checks and their messages',
    {
      '/src/core/config.ts': [
        'export const ignored = () => "";',
        'export const parseConfig = (v) => ({ value: v ?? {}, problems: [] });',
        'export const parseConfigJson = (t) => ({ value: JSON.parse(t), problems: [] });',
        'export const mergeConfig = (a, b) => ({ ...a, ...b });',
        'export const parseRevision = Number;',
        'export const parseCookieDays = Number;',
        'export const parseCookieName = String;',
        'export const parseCookieDomain = (v) => v || undefined;',
        'export const oneOf = () => {};',
        'export const parseOffered = () => null;',
        'export const parseUrl = (n, v) => v || null;',
        'export const safeUrl = (v) => v;',
      ].join('\n'),
    },
  ],
];

const whole = await iife();
const rows = [];
for (const [name, replace] of PARTS) rows.push([name, whole - (await iife(replace))]);
// Lit: the IIFE of an element that uses what ours uses.
const lit = brotli(await bareLitIife());
rows.unshift(['Lit (lit-html: html, render, nothing)', lit]);
const named = rows.reduce((sum, [, bytes]) => sum + bytes, 0);
rows.push([
  'everything else: the element and its store, rules, codec, categories, entry',
  whole - named,
]);

const table = [
  `The IIFE is ${whole.toLocaleString('en')} B brotli (measured ${new Date().toISOString().slice(0, 10)} by \`npm run size:table\`).`,
  '',
  '| part | brotli bytes | share |',
  '| --- | ---: | ---: |',
  ...rows.map(
    ([name, bytes]) =>
      `| ${name} | ${bytes.toLocaleString('en')} | ${Math.round((100 * bytes) / whole)} % |`,
  ),
].join('\n');
console.log(table);

const PAGE = 'docs/explanation/size-and-speed.md';
const start = '<!-- size-table -->';
const end = '<!-- /size-table -->';
const text = readFileSync(PAGE, 'utf8');
const at = text.indexOf(start);
const to = text.indexOf(end);
if (at === -1 || to === -1) throw new Error(`${PAGE} has no ${start} … ${end} markers`);
// Formatted as Prettier would: `npm run lint` checks the page.
const next = `${text.slice(0, at + start.length)}\n\n${table}\n\n${text.slice(to)}`;
writeFileSync(PAGE, await format(next, { ...(await resolveConfig(PAGE)), filepath: PAGE }));
console.log(`${PAGE}: the size table is written`);
