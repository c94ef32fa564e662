// `npm run check:ascii`: every JavaScript file in dist/ is plain ASCII, so that it reads the same
// on a page of any encoding (a windows-874 Thai page) whatever charset the server sends with it.
// Exits 1 naming the first other character of each file that has one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const files = readdirSync('dist', { recursive: true })
  .map(String)
  .filter((name) => name.endsWith('.js'));
if (files.length === 0) {
  console.error('dist/ has no .js files: run `npm run build` first.');
  process.exit(1);
}
let failed = false;
for (const name of files) {
  const text = readFileSync(join('dist', name), 'latin1');
  const at = text.search(/[\x80-\xff]/);
  if (at === -1) continue;
  const line = text.slice(0, at).split('\n').length;
  console.error(
    `dist/${name}:${line}: a byte that is not ASCII (0x${text.charCodeAt(at).toString(16)})`,
  );
  failed = true;
}
if (!failed) console.log(`${files.length} files in dist/ are plain ASCII`);
process.exit(failed ? 1 : 0);
