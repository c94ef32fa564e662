// The README's "Honouring the choice on your server" shows the files that are tested, not a copy
// that can drift: the nginx block is demo/nginx/consent-log.conf (which the nginx e2e test runs),
// the Node example is demo/node-server.mjs (which log.test.mjs runs), the receipt receiver is
// demo/receipt-server.mjs (which receipt.test.mjs runs), and the example receipt is valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readReceipt } from 'consent-banner/server';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const HEADING = '## Honouring the choice on your server';
const section = readme.slice(readme.indexOf(HEADING));

/** The code blocks of a language in the section, in order. */
const blocks = (lang) =>
  [...section.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);

test('the section is the last one of the README, and ends with the receipts', () => {
  assert.ok(readme.includes(HEADING));
  assert.doesNotMatch(section.slice(HEADING.length), /^## /m);
  const heading = '\n### Receipts (proof of consent)\n';
  assert.ok(section.includes(heading));
  assert.doesNotMatch(section.slice(section.indexOf(heading) + heading.length), /^#+ /m);
});

test('the nginx snippet is demo/nginx/consent-log.conf (without its header comment)', () => {
  const conf = read('demo/nginx/consent-log.conf');
  const body = conf.slice(conf.indexOf('\n\n') + 2);
  assert.equal(blocks('nginx')[0], body);
  assert.match(
    blocks('nginx')[1] ?? '',
    /access_log \S+ consent_detailed;[\s\S]*access_log \S+ +legal_minimum;/,
  );
});

test('the Node example is demo/node-server.mjs', () => {
  assert.equal(blocks('js')[0], read('demo/node-server.mjs'));
});

test('the receipt receiver is demo/receipt-server.mjs', () => {
  assert.equal(blocks('js')[1], read('demo/receipt-server.mjs'));
});

test('the example receipt is one readReceipt accepts, unchanged, with every field of the table', () => {
  const example = JSON.parse(blocks('json')[0]);
  assert.deepEqual(readReceipt(example), example);
  const receipts = section.slice(section.indexOf('### Receipts'));
  const fields = [...receipts.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]);
  assert.deepEqual(fields, Object.keys(example));
});
