// What `npm pack` puts in the tarball (docs/explanation/design-decisions.md): exactly the allowed files,
// the license and the registry fields, no source maps, types only for the public entries, and
// a README whose images and links work on a registry page. Needs `npm run build` first.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('package.json', `file://${ROOT}`), 'utf8'));

/** Every file the tarball may hold; a new one must be added here on purpose. */
const ALLOWED = [
  'LICENSE',
  'README.md',
  'custom-elements.json',
  'dist/consent-banner-element.js',
  // The user interface, which the element loads on demand (docs/explanation/size-and-speed.md "Speed").
  'dist/consent-banner-ui.js',
  // The `consent-banner` command: `npx consent-banner audit` (docs/guide/audit.md).
  'dist/cli.js',
  'dist/consent-banner-extras.js',
  'dist/consent-banner-extras.iife.js',
  'dist/consent-banner.iife.js',
  'dist/consent-banner.js',
  'dist/consent-receipts.php',
  'dist/consent-refresh.php',
  'dist/consent.php',
  'dist/define.js',
  'dist/index.js',
  'dist/server.js',
  'dist/testing.js',
  'dist/types/define.d.ts',
  'dist/types/index.d.ts',
  'dist/types/react.d.ts',
  'dist/types/server.d.ts',
  'dist/types/testing.d.ts',
  // What the server pages tell a web team to copy (docs/server/).
  'examples/apache/consent-log.conf',
  'examples/apache/consent-refresh.conf',
  'examples/apache/consent-refresh.php',
  'examples/nginx/consent-log.conf',
  'examples/nginx/consent-refresh.conf',
  'examples/node/node-server.mjs',
  'examples/node/receipt-server.mjs',
  'examples/php/log.php',
  'package.json',
];

const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
);
const files = packed.files.map((f) => f.path).sort();

test('the tarball holds exactly the allowed files', (t) => {
  t.diagnostic(
    `tarball: ${packed.size.toLocaleString('en')} B packed, ` +
      `${packed.unpackedSize.toLocaleString('en')} B unpacked, ${files.length} files`,
  );
  assert.deepEqual(files, [...ALLOWED].sort());
});

test('no source maps, and the built files do not point at any', () => {
  assert.deepEqual(
    files.filter((f) => f.endsWith('.map')),
    [],
  );
  for (const file of files.filter((f) => f.endsWith('.js')))
    assert.doesNotMatch(readFileSync(`${ROOT}${file}`, 'utf8'), /sourceMappingURL/, file);
});

test('every export and its types are in the tarball; types only for those entries', () => {
  const targets = new Set();
  for (const [entry, target] of Object.entries(pkg.exports)) {
    for (const path of typeof target === 'string' ? [target] : Object.values(target)) {
      assert.ok(files.includes(path.replace(/^\.\//, '')), `${entry}: ${path}`);
      targets.add(path.replace(/^\.\//, ''));
    }
  }
  assert.deepEqual(
    files.filter((f) => f.endsWith('.d.ts')).filter((f) => !targets.has(f)),
    [],
    'a .d.ts that no entry names',
  );
  assert.ok(files.includes(pkg.types.replace(/^\.\//, '')));
});

test('the license and the registry fields', () => {
  assert.equal(pkg.license, 'MIT');
  assert.match(readFileSync(`${ROOT}LICENSE`, 'utf8'), /^MIT License\n/);
  assert.match(pkg.repository?.url ?? '', /^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
  assert.match(pkg.homepage ?? '', /^https:\/\//);
  assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.length > 3);
  assert.equal(pkg.peerDependencies?.['@playwright/test'] !== undefined, true);
  assert.equal(pkg.peerDependenciesMeta?.['@playwright/test']?.optional, true);
});

test("the README's images and links work on a registry page, and point at files that exist", () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  const [, owner, name] = /github\.com\/([^/]+)\/([^/]+)$/.exec(repo);
  const raw = `https://raw.githubusercontent.com/${owner}/${name}/main/`;
  const links = [...readme.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, bang, url]) => ({
    image: bang === '!',
    url,
  }));
  assert.ok(
    links.some((l) => l.image),
    'the README has its screenshots',
  );
  for (const { image, url } of links) {
    if (url.startsWith('#')) continue;
    assert.match(url, /^https?:\/\//, `a relative ${image ? 'image' : 'link'}: ${url}`);
    const own = [raw, `${repo}/blob/main/`, `${repo}/tree/main/`].find((b) => url.startsWith(b));
    if (image) assert.ok(own === raw, `an image not from the repository: ${url}`);
    if (own) assert.ok(existsSync(`${ROOT}${url.slice(own.length)}`), `no such file: ${url}`);
  }
});

/** The package as npm would install it: packed, then unpacked in a temporary directory. */
function unpacked(t) {
  const dir = mkdtempSync(join(tmpdir(), 'consent-pack-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT });
  const [tarball] = execFileSync('ls', [dir], { encoding: 'utf8' }).trim().split('\n');
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  return dir;
}

test("the packed Apache example runs as shipped: it finds the package's consent.php", (t) => {
  const dir = unpacked(t);
  const now = Math.floor(Date.now() / 1000);
  const value = `1.0.necessary~logs..Qm9vX3JhbmRvbV9pZA.${now}.a`;
  const answers = execFileSync(
    'php',
    ['-n', join(dir, 'package/examples/apache/consent-refresh.php'), '--secure=false'],
    { input: `${value}\n\n`, encoding: 'utf8' },
  ).split('\n');
  assert.match(answers[0], new RegExp(`^consent=${value.replace(/\./g, '\\.')}; `));
  assert.equal(answers[1], 'NULL');
});

test("the packed consent-receipts.php runs as shipped: it loads the package's consent.php", (t) => {
  const dir = unpacked(t);
  // As docs/server/records.md "PHP" has it: open a SQLite store and look an id up.
  const code = `require '${join(dir, 'package/dist/consent-receipts.php')}';
    $db = consent_receipts_open('sqlite:${join(dir, 'records.sqlite')}');
    var_export(consent_receipts_get($db, 'Qm9vX3JhbmRvbV9pZA'));`;
  const php = ['-n', '-d', 'extension=pdo', '-d', 'extension=pdo_sqlite', '-r', code];
  assert.equal(execFileSync('php', php, { encoding: 'utf8' }), 'NULL');
});
