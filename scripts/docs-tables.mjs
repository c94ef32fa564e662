// `npm run docs:tables`: the documentation's tables of attributes and properties
// (docs/reference/attributes.md), methods (docs/reference/methods.md), events
// (docs/reference/events.md),
// of custom properties and parts (docs/guide/styling.md), and of the built-in texts
// (docs/reference/texts.md, from src/i18n/), made from custom-elements.json
// (which `npm run build` makes from the settings table and the JSDoc of the element class in
// src/element/consent-banner.ts). Rewrites only what lies between the markers below, formatted
// as Prettier formats Markdown. `--check` writes nothing and exits 1 when a page is not what
// this script would write (`npm test` runs it right after the build).
//
// A property's description may name its dark-theme default as "(dark: <value>)": it becomes the
// "dark" column.
import { readFileSync, writeFileSync } from 'node:fs';
import { transform } from 'esbuild';
import * as prettier from 'prettier';

const STYLING = 'docs/guide/styling.md';
const ATTRIBUTES = 'docs/reference/attributes.md';
const TEXTS = 'docs/reference/texts.md';
const TEXTS_START = '<!-- texts:start -->';
const TEXTS_END = '<!-- texts:end -->';
const MANIFEST = 'custom-elements.json';
const TAG = 'consent-banner';
const START = '<!-- tables:start -->';
const END = '<!-- tables:end -->';
const ATTRIBUTES_START = '<!-- attributes:start -->';
const ATTRIBUTES_END = '<!-- attributes:end -->';
const DARK = /\s*\(dark: ([^)]+)\)/;

const check = process.argv.includes('--check');

function fail(message) {
  console.error(`docs-tables: ${message}`);
  process.exit(1);
}

let manifest;
try {
  manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
} catch {
  fail(`${MANIFEST} is missing or unreadable: run \`npm run build\` first.`);
}
const element = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === TAG);
if (!element) fail(`${MANIFEST} has no <${TAG}>.`);
const properties = element.cssProperties ?? [];
const parts = element.cssParts ?? [];
if (!properties.length || !parts.length) fail(`<${TAG}> documents no CSS properties or parts.`);

/** Table-cell text: one line, pipes escaped. */
const cell = (text = '') => text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '');

const propertyRows = properties.map((property) => {
  const description = property.description ?? '';
  const dark = DARK.exec(description)?.[1];
  return [
    code(property.name),
    code(property.default),
    dark ? code(dark) : 'same',
    cell(description.replace(DARK, '')),
  ];
});
const partRows = parts.map((part) => [code(part.name), cell(part.description)]);

const table = (head, rows) =>
  [head, head.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');

const body = [
  START,
  `<!-- Made by \`npm run docs:tables\` from ${MANIFEST}, i.e. from the JSDoc of the element class; edit that, not this. -->`,
  table(['custom property', 'default', 'dark', 'what it sets'], propertyRows),
  table(['part', 'what it is'], partRows),
  END,
].join('\n\n');
const options = { ...(await prettier.resolveConfig(STYLING)), parser: 'markdown' };
const format = async (text) => (await prettier.format(`${text}\n`, options)).trimEnd();

// The attributes, from the settings table (src/core/settings.ts) by way of the manifest.
const attributeRows = (element.attributes ?? []).map((attribute) => [
  code(attribute.name),
  code(attribute.fieldName),
  // A value (a JSON string or number) as code; words about the default as they are.
  /^(".*"|-?\d+|true|false|null)$/.test(attribute.default ?? '')
    ? code(attribute.default.replace(/^"(.*)"$/, '$1'))
    : cell(attribute.default),
  cell(attribute.description),
]);
if (!attributeRows.length) fail(`<${TAG}> documents no attributes.`);
// The element's properties without an attribute, its methods and its events, from their JSDoc.
const members = element.members ?? [];
const propertyRowsApi = members
  .filter((m) => m.kind === 'field' && !m.attribute && m.privacy !== 'private' && !m.static)
  .map((m) => [
    code(m.name),
    `${code(m.type?.text)}${m.readonly ? ' (read-only)' : ''}`,
    cell(m.description),
  ]);
const methodRows = members
  .filter((m) => m.kind === 'method' && m.privacy !== 'private' && !m.static)
  .map((m) => [
    code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`),
    cell(m.description),
  ]);
const eventRows = (element.events ?? []).map((e) => [code(e.name), cell(e.description)]);
if (!propertyRowsApi.length || !methodRows.length || !eventRows.length)
  fail(`<${TAG}> documents no properties, methods or events.`);
/** A generated region: its markers around a note and the tables. */
const region = async (file, name, what, ...tables) => [
  file,
  `<!-- ${name}:start -->`,
  `<!-- ${name}:end -->`,
  await format(
    [
      `<!-- ${name}:start -->`,
      `<!-- Made by \`npm run docs:tables\` from ${MANIFEST}, i.e. from ${what}; edit that, not this. -->`,
      ...tables,
      `<!-- ${name}:end -->`,
    ].join('\n\n'),
  ),
];

/** The built-in texts of one language, from src/i18n/<lang>.ts (types stripped, nothing else). */
async function texts(lang) {
  const source = readFileSync(`src/i18n/${lang}.ts`, 'utf8');
  const { code: js } = await transform(source, { loader: 'ts', format: 'esm' });
  const module = await import(`data:text/javascript,${encodeURIComponent(js)}`);
  return module[lang];
}
const [en, th] = [await texts('en'), await texts('th')];
const textRows = Object.keys(en).map((key) => [code(key), cell(en[key]), cell(th[key])]);

const regions = [
  await region(
    ATTRIBUTES,
    'properties',
    'the JSDoc of the element class',
    table(['property', 'type', 'meaning'], propertyRowsApi),
  ),
  await region(
    'docs/reference/methods.md',
    'methods',
    'the JSDoc of the element class',
    table(['method', 'what it does'], methodRows),
  ),
  await region(
    'docs/reference/events.md',
    'events',
    'the JSDoc of the element class',
    table(['event', 'when, and its `detail`'], eventRows),
  ),
  [STYLING, START, END, await format(body)],
  [
    ATTRIBUTES,
    ATTRIBUTES_START,
    ATTRIBUTES_END,
    await format(
      [
        ATTRIBUTES_START,
        `<!-- Made by \`npm run docs:tables\` from ${MANIFEST}, i.e. from src/core/settings.ts; edit that, not this. -->`,
        table(['attribute', 'property', 'default', 'meaning'], attributeRows),
        ATTRIBUTES_END,
      ].join('\n\n'),
    ),
  ],
  [
    TEXTS,
    TEXTS_START,
    TEXTS_END,
    await format(
      [
        TEXTS_START,
        '<!-- Made by `npm run docs:tables` from src/i18n/en.ts and th.ts; edit those, not this. -->',
        table(['key', 'English', 'ไทย'], textRows),
        TEXTS_END,
      ].join('\n\n'),
    ),
  ],
];

let stale = false;
for (const [file, start, end, generated] of regions) {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) fail(`${file} needs the markers ${start} … ${end}.`);
  const next = text.slice(0, from) + generated + text.slice(to + end.length);
  if (next === text) {
    console.log(`${file}: the table is up to date.`);
  } else if (check) {
    console.error(`docs-tables: the table in ${file} is not what ${MANIFEST} says.`);
    stale = true;
  } else {
    writeFileSync(file, next);
    console.log(`${file}: table written from ${MANIFEST}.`);
  }
}
if (stale) fail('run `npm run build && npm run docs:tables`.');
