// `npm run docs`: the README's tables of attributes, custom properties and parts, made from
// custom-elements.json (which `npm run build` makes from the JSDoc of the element class in
// src/element/consent-banner.ts). Rewrites only what lies between the markers below, formatted
// as Prettier formats the README. `--check` writes nothing and exits 1 when the README is not
// what this script would write (`npm test` runs it right after the build).
//
// A property's description may name its dark-theme default as "(dark: <value>)": it becomes the
// "dark" column.
import { readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

const README = 'README.md';
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
  `<!-- Made by \`npm run docs\` from ${MANIFEST}, i.e. from the JSDoc of the element class; edit that, not this. -->`,
  table(['custom property', 'default', 'dark', 'what it sets'], propertyRows),
  table(['part', 'what it is'], partRows),
  END,
].join('\n\n');
const options = { ...(await prettier.resolveConfig(README)), parser: 'markdown' };
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
const regions = [
  [START, END, await format(body)],
  [
    ATTRIBUTES_START,
    ATTRIBUTES_END,
    await format(
      [
        ATTRIBUTES_START,
        `<!-- Made by \`npm run docs\` from ${MANIFEST}, i.e. from src/core/settings.ts; edit that, not this. -->`,
        table(['attribute', 'property', 'default', 'meaning'], attributeRows),
        ATTRIBUTES_END,
      ].join('\n\n'),
    ),
  ],
];

const readme = readFileSync(README, 'utf8');
let next = readme;
for (const [start, end, generated] of regions) {
  const from = next.indexOf(start);
  const to = next.indexOf(end);
  if (from < 0 || to < from) fail(`${README} needs the markers ${start} … ${end}.`);
  next = next.slice(0, from) + generated + next.slice(to + end.length);
}

if (next === readme) {
  console.log(`${README}: the tables are up to date.`);
} else if (check) {
  fail(`the tables in ${README} are not what ${MANIFEST} says: run \`npm run docs\`.`);
} else {
  writeFileSync(README, next);
  console.log(`${README}: tables written from ${MANIFEST}.`);
}
