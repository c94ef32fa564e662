// `npm run size`: the brotli size (quality 11) of the script-tag build against PRODUCT §9:
// it must stay smaller than vanilla-cookieconsent's JS + CSS, which PRODUCT rounds to 13.8 KB:
// 3.1.0's dist/cookieconsent.umd.js (9,063 B) + dist/cookieconsent.css (4,719 B) = 13,782 B
// brotli, measured the same way (npm pack vanilla-cookieconsent@3.1.0, 2026-11-22). The goal
// is 11,000. Prints raw, gzip and brotli sizes of each build; exits 1 at or over the limit.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const LIMIT = 13_782;
const GOAL = 11_000;

const brotli = (buffer) =>
  brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

let failed = false;
for (const file of ['dist/consent-banner.iife.js', 'dist/consent-banner.js']) {
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
  if (file.endsWith('.iife.js')) {
    verdict = br < LIMIT ? `under the ${LIMIT} limit` : `NOT under the ${LIMIT} limit`;
    verdict += br <= GOAL ? `, within the ${GOAL} goal` : `, ${br - GOAL} over the ${GOAL} goal`;
    failed = br >= LIMIT;
  }
  console.log(`${file}: ${buffer.length} B raw, ${gz} B gzip, ${br} B brotli ${verdict}`);
}
process.exit(failed ? 1 : 0);
