// The bytes our embeds add, against iframemanager 1.3 doing the same job (its JS, its CSS and
// iframemanager-config.js: YouTube and Google Maps, Thai and English). Ours: the second file
// (dist/consent-banner-extras.iife.js, loaded only by pages with embeds or declaration tables, or
// receipts to send) built without the declaration tables and the receipts' sender
// (src/embeds/declaration.ts and src/embeds/receipts.ts taken out), and what the
// script-tag file carries for it (measured by building it again with src/element/embeds.ts taken
// out).
// `npm run bench` prints it; `node bench/embeds-bytes.mjs` prints it alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliSize as brotli, buildIife, stubs } from '../scripts/measure.mjs';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const MANAGER = 'node_modules/@orestbida/iframemanager/dist';
const THEIRS = [
  `${MANAGER}/iframemanager.js`,
  `${MANAGER}/iframemanager.css`,
  'bench/iframemanager-config.js',
];

/** The element's side of the embeds taken out of the script-tag file. */
const withoutEmbeds = stubs({
  '/src/element/embeds.ts':
    'export const embeds = () => () => {}; export const withExtras = () => {};',
});

/**
 * The declaration tables (the page's and the dialog's) and the receipts' sender taken out of the
 * second file: embeds alone.
 */
const withoutTables = stubs({
  '/src/embeds/receipts.ts': 'export const sendReceipts = async () => {};',
  '/src/embeds/dialog.ts': 'export const dialogDetails = () => {};',
  '/src/embeds/declaration.ts': [
    'export const declarationTables = () => ({ update() {} });',
    'export const categoryLabel = (derived, id, lang, s) =>',
    '  derived.categories.find((c) => c.id === id)?.label?.[lang] ?? s.otherLabel;',
  ].join('\n'),
});

/** `{ ours: { file, loader, total }, theirs: { files, total }, ratio }`, brotli 11 bytes. */
export async function embedsBytes() {
  const file = brotli(await buildIife({ mode: 'embeds', plugins: [withoutTables] }));
  const whole = brotli(await buildIife());
  const loader = whole - brotli(await buildIife({ plugins: [withoutEmbeds] }));
  const files = Object.fromEntries(THEIRS.map((f) => [f, brotli(readFileSync(root(f)))]));
  const theirs = Object.values(files).reduce((a, b) => a + b, 0);
  const ours = file + loader;
  return {
    ours: { file, loader, total: ours },
    theirs: { files, total: theirs },
    ratio: ours / theirs,
  };
}

/** The line the bench prints. */
export const embedsLine = ({ ours, theirs, ratio }) =>
  `embeds: ${ours.total} B (the extras file without its declaration tables and receipts ${ours.file} B + ${ours.loader} B in the script-tag file) ` +
  `against iframemanager 1.3's ${theirs.total} B (JS + CSS + configuration): ${ratio.toFixed(2)}x, ` +
  `goal <= 0.8x ${ratio <= 0.8 ? 'met' : 'NOT met'}`;

if (process.argv[1] === fileURLToPath(import.meta.url))
  console.log(embedsLine(await embedsBytes()));
