// `npm run size`: raw, gzip and brotli (quality 11) sizes of each built file, and the script-tag
// build against its budget (docs/explanation/size-and-speed.md): it must stay under 15,000 B brotli, below
// vanilla-cookieconsent 3 doing the same job (its JS + CSS + a configuration with the same four
// categories in Thai and English: 15,348 B, measured the same way). The goal is 12,000 B (0.8x
// of that); 13,500 B leaves 1,500 B of room under the limit for what is still to come. Prints
// how far the file is from each. Exits 1 above the limit.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { brotliSize as brotli } from './measure.mjs';

const LIMIT = 15_000;
/** What leaves room for the features still to come (1,500 B under the limit). */
const ROOM = 13_500;
const GOAL = 12_000;
const IIFE = 'dist/consent-banner.iife.js';
const FILES = [
  IIFE,
  // Loaded by the script tag on pages with embeds only (docs/guide/embeds.md).
  'dist/consent-banner-extras.iife.js',
  'dist/consent-banner.js',
  'dist/index.js',
  'dist/define.js',
  'dist/server.js',
];

let failed = false;
for (const file of FILES) {
  let buffer;
  try {
    buffer = readFileSync(file);
  } catch {
    console.error(`${file} is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  const br = brotli(buffer);
  const gz = gzipSync(buffer, { level: 9 }).length;
  let verdict = '';
  if (file === IIFE) {
    failed = br > LIMIT;
    const versus = (bound, name) =>
      br <= bound
        ? `${bound - br} B under the ${bound} B ${name}`
        : `${br - bound} B OVER the ${bound} B ${name}`;
    verdict = `: ${[versus(LIMIT, 'limit'), versus(ROOM, 'mark'), versus(GOAL, 'goal')].join(', ')}`;
  }
  console.log(`${file}: ${buffer.length} B raw, ${gz} B gzip, ${br} B brotli${verdict}`);
}
process.exit(failed ? 1 : 0);
