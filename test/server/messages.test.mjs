// Every console message code (src/core/messages.ts) is explained in docs/messages.md, and the
// page explains no code that does not exist: the builds for pages print the code and a link to
// that page instead of the sentence.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const source = readFileSync(new URL('../../src/core/messages.ts', import.meta.url), 'utf8');
const docs = readFileSync(new URL('../../docs/messages.md', import.meta.url), 'utf8');

const table = /export const SENTENCES[^=]*=\s*\{([\s\S]*?)\n\};/.exec(source)?.[1] ?? '';
/** Code → sentence, as the development build says it. */
const sentences = new Map(
  [...table.matchAll(/^\s+(\d+): '((?:[^'\\]|\\.)*)',$/gm)].map((m) => [Number(m[1]), m[2]]),
);

test('the codes are 1, 2, 3, … with no gap', () => {
  assert.ok(sentences.size >= 20, `${sentences.size} codes read`);
  assert.deepEqual(
    [...sentences.keys()],
    [...sentences.keys()].map((_, i) => i + 1),
  );
});

test('docs/messages.md has a section for each code, and none for a code that does not exist', () => {
  const sections = [...docs.matchAll(/^### CB(\d+)$/gm)].map((m) => Number(m[1]));
  assert.deepEqual(sections, [...sentences.keys()]);
});

test("each section quotes its code's sentence", () => {
  for (const [code, sentence] of sentences) {
    const section = docs.split(`### CB${code}\n`)[1]?.split('\n### ')[0] ?? '';
    // The fixed words of the sentence, up to the part that varies.
    const words = sentence.replace(/^[: ]+/, '').split('%')[0];
    assert.ok(
      section.replace(/\s+/g, ' ').includes(words.trim()),
      `CB${code}: docs/messages.md does not say "${words.trim()}"`,
    );
  }
});

test('the link the builds print is the page of the repository this package names', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  const link = /export const DOCS = '([^']+)'/.exec(source)?.[1];
  assert.equal(link, `${repository}/blob/main/docs/messages.md`);
});
