// The documentation's links into this repository (docs/**/*.md, CHANGELOG.md, CONTRIBUTING.md)
// point at files that exist. Links between the pages themselves are checked by
// `npm run docs:build`, which fails on a dead one.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const [, owner, name] = /github\.com\/([^/]+)\/([^/]+)$/.exec(repo);
const bases = [
  `${repo}/blob/main/`,
  `${repo}/tree/main/`,
  `https://raw.githubusercontent.com/${owner}/${name}/main/`,
];

/** Every Markdown page under `dir`, but not VitePress's own output. */
const pages = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '.vitepress' ? [] : pages(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });

test('every link into the repository names a file that exists', () => {
  const files = [
    ...pages(join(root, 'docs')),
    join(root, 'CHANGELOG.md'),
    join(root, 'CONTRIBUTING.md'),
  ];
  let checked = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [, url] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const base = bases.find((b) => url.startsWith(b));
      if (!base) continue;
      const path = url.slice(base.length).split('#')[0];
      assert.ok(existsSync(join(root, path)), `${relative(root, file)}: no such file: ${url}`);
      checked += 1;
    }
  }
  assert.ok(checked > 10, `${checked} links checked`);
});

test('the pages a README link names exist', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const named = [...readme.matchAll(/\/(?:blob|tree)\/main\/(docs\/[^)#\s]*)/g)].map((m) => m[1]);
  assert.ok(named.length > 10);
  for (const path of named) assert.ok(existsSync(join(root, path)), path);
});
