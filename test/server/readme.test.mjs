// The server guide (docs/server/: "Honouring the choice on your server" and a page per server)
// shows the files that are tested, not a copy
// that can drift: the nginx blocks are examples/nginx/consent-log.conf and consent-refresh.conf
// (which the nginx e2e tests run), the Apache block examples/apache/consent-log.conf (the Apache e2e
// test), the Node example is examples/node/node-server.mjs (which log.test.mjs runs), the receipt
// receiver is examples/node/receipt-server.mjs (which receipt.test.mjs runs), and the example receipt is
// valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readReceipt, readWording } from 'consent-banner/server';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
/** The server pages (docs/server/), each by the heading it had as a part of one section. */
const PAGES = {
  nginx: 'nginx.md',
  'Apache httpd': 'apache.md',
  Node: 'node.md',
  PHP: 'php.md',
  "Keeping the choice past Safari's 7 days": 'safari.md',
  'Receipts (proof of consent)': 'receipts.md',
};
const index = read('docs/server/index.md');
/** One page of the server guide, whole. */
const part = (heading) => {
  const text = read(`docs/server/${PAGES[heading]}`);
  assert.ok(text.startsWith(`# ${heading}\n`), `docs/server/${PAGES[heading]} is "# ${heading}"`);
  return text;
};
/** Every server page, in the order the guide lists them. */
const section = [index, ...Object.keys(PAGES).map(part)].join('\n');

/** The code blocks of a language in `text` (the section), in order. */
const blocks = (lang, text = section) =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);

test('the guide has its pages, and the index says how to try it', () => {
  for (const heading of Object.keys(PAGES)) part(heading);
  assert.match(index, /^## Try it$/m);
});

test('the nginx snippet is examples/nginx/consent-log.conf (without its header comment)', () => {
  const conf = read('examples/nginx/consent-log.conf');
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

test('the Apache snippet is examples/apache/consent-log.conf (without its header comment)', () => {
  assert.equal(blocks('apache', part('Apache httpd'))[0], body('examples/apache/consent-log.conf'));
});

test('the PHP log snippet is examples/php/log.php', () => {
  assert.equal(blocks('php', part('PHP'))[1], read('examples/php/log.php'));
});

test('the nginx refresh snippet is examples/nginx/consent-refresh.conf (without its header)', () => {
  const safari = part("Keeping the choice past Safari's 7 days");
  assert.equal(blocks('nginx', safari)[0], body('examples/nginx/consent-refresh.conf'));
});

test('the Apache refresh snippet is examples/apache/consent-refresh.conf (without its header)', () => {
  const safari = part("Keeping the choice past Safari's 7 days");
  assert.equal(blocks('apache', safari)[0], body('examples/apache/consent-refresh.conf'));
});

test('the table of servers links to each page', () => {
  for (const link of ['nginx.md', 'apache.md', 'node.md', 'php.md', 'safari.md'])
    assert.ok(index.includes(`](${link})`), link);
});

test('the Node example is examples/node/node-server.mjs', () => {
  assert.equal(blocks('js', part('Node'))[0], read('examples/node/node-server.mjs'));
});

test('the receipt receiver is examples/node/receipt-server.mjs', () => {
  assert.equal(
    blocks('js', part('Receipts (proof of consent)'))[0],
    read('examples/node/receipt-server.mjs'),
  );
});

test("the reference's example wording is one readWording accepts: its texts give its hash", async () => {
  const example = JSON.parse(blocks('json', read('docs/reference/receipt.md'))[1]);
  assert.deepEqual(await readWording(example), example);
});

test('the example receipt is one readReceipt accepts, unchanged, with every field of the table', () => {
  const reference = read('docs/reference/receipt.md');
  const example = JSON.parse(blocks('json', reference)[0]);
  assert.deepEqual(readReceipt(example), example);
  const receipts = reference;
  const fields = [...receipts.matchAll(/^\| `(\w+)` +\|/gm)].map((m) => m[1]);
  assert.deepEqual(fields, Object.keys(example));
});
