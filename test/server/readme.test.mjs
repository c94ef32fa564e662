// The README's "Honouring the choice on your server" shows the files that are tested, not a copy
// that can drift: the nginx blocks are demo/nginx/consent-log.conf and consent-refresh.conf
// (which the nginx e2e tests run), the Apache block demo/apache/consent-log.conf (the Apache e2e
// test), the Node example is demo/node-server.mjs (which log.test.mjs runs), the receipt
// receiver is demo/receipt-server.mjs (which receipt.test.mjs runs), and the example receipt is
// valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readReceipt } from 'consent-banner/server';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const readme = read('README.md');
const HEADING = '## Honouring the choice on your server';
const start = readme.indexOf(HEADING);
const end = readme.indexOf('\n## ', start + HEADING.length);
const section = readme.slice(start, end < 0 ? undefined : end);
/** One `### ` part of the section, up to the next heading. */
const part = (heading) => {
  const at = section.indexOf(`\n### ${heading}\n`);
  assert.ok(at >= 0, `the section has "### ${heading}"`);
  const next = section.indexOf('\n### ', at + 1);
  return section.slice(at, next < 0 ? undefined : next);
};

/** The code blocks of a language in `text` (the section), in order. */
const blocks = (lang, text = section) =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);

test('the section has its parts, and ends with the receipts', () => {
  assert.ok(start >= 0);
  for (const heading of [
    'nginx',
    'Apache httpd',
    'Node',
    'PHP',
    "Keeping the choice past Safari's 7 days",
    'Try it',
  ])
    part(heading);
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

/** A shipped config file without its header comment (up to the first empty line). */
const body = (path) => {
  const text = read(path);
  return text.slice(text.indexOf('\n\n') + 2);
};

test('the Apache snippet is demo/apache/consent-log.conf (without its header comment)', () => {
  assert.equal(blocks('apache', part('Apache httpd'))[0], body('demo/apache/consent-log.conf'));
});

test('the PHP log snippet is demo/php/log.php', () => {
  assert.equal(blocks('php', part('PHP'))[1], read('demo/php/log.php'));
});

test('the nginx refresh snippet is demo/nginx/consent-refresh.conf (without its header)', () => {
  const safari = part("Keeping the choice past Safari's 7 days");
  assert.equal(blocks('nginx', safari)[0], body('demo/nginx/consent-refresh.conf'));
});

test('the Apache refresh snippet is demo/apache/consent-refresh.conf (without its header)', () => {
  const safari = part("Keeping the choice past Safari's 7 days");
  assert.equal(blocks('apache', safari)[0], body('demo/apache/consent-refresh.conf'));
});

test('the table of servers links to each part', () => {
  for (const anchor of [
    '#nginx',
    '#apache-httpd',
    '#node',
    '#php',
    '#keeping-the-choice-past-safaris-7-days',
  ])
    assert.ok(section.includes(`](${anchor})`), anchor);
});

test('the Node example is demo/node-server.mjs', () => {
  assert.equal(blocks('js', part('Node'))[0], read('demo/node-server.mjs'));
});

test('the receipt receiver is demo/receipt-server.mjs', () => {
  assert.equal(
    blocks('js', part('Receipts (proof of consent)'))[0],
    read('demo/receipt-server.mjs'),
  );
});

test('the example receipt is one readReceipt accepts, unchanged, with every field of the table', () => {
  const example = JSON.parse(blocks('json')[0]);
  assert.deepEqual(readReceipt(example), example);
  const receipts = section.slice(section.indexOf('### Receipts'));
  const fields = [...receipts.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]);
  assert.deepEqual(fields, Object.keys(example));
});
