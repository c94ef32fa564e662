// `npm run build`: the library builds (see vite.config.ts), the .d.ts files and the
// custom-elements manifest.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'vite';
import { addSettings, loadSettings } from './settings-table.mjs';

rmSync('dist', { recursive: true, force: true });
for (const mode of ['iife', 'embeds', 'standalone', 'lib', 'server', 'testing', 'cli']) {
  await build({ configFile: 'vite.config.ts', mode, logLevel: 'warn' });
}
// The PHP reader ships as it is (docs/server/php.md), and next to it the program Apache asks for the
// consent cookie (docs/server/safari.md), which loads it from there.
copyFileSync('src/server/consent.php', 'dist/consent.php');
// The PHP receipt store (docs/server/records.md "PHP"), which loads consent.php from there too.
copyFileSync('src/server/consent-receipts.php', 'dist/consent-receipts.php');
copyFileSync('examples/apache/consent-refresh.php', 'dist/consent-refresh.php');
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
// Types only for the public entries: bundled where an entry stands on its own, and nothing
// else of tsc's output (docs/explanation/design-decisions.md). The two bundles are made at
// once: each compiles the program by itself, and they write different files.
const bundleTypes = (env = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(
      'npx',
      ['dts-bundle-generator', '--silent', '--config', 'dts-bundle.config.cjs'],
      {
        stdio: 'inherit',
        env: { ...process.env, ...env },
      },
    );
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`dts-bundle-generator exited with ${code}`)),
    );
  });
await Promise.all([bundleTypes(), bundleTypes({ CONSENT_BANNER_TYPES: 'testing' })]);
const PUBLIC_TYPES = ['index.d.ts', 'define.d.ts', 'react.d.ts', 'server.d.ts', 'testing.d.ts'];
for (const entry of readdirSync('dist/types'))
  if (!PUBLIC_TYPES.includes(entry)) rmSync(`dist/types/${entry}`, { recursive: true });
// The manifest describes the element, its events and the entries that export it.
const MANIFEST_SOURCES = [
  'src/element/consent-banner.ts',
  'src/element/events.ts',
  'src/index.ts',
  'src/define.ts',
];
run('npx', ['cem', 'analyze', '--globs', ...MANIFEST_SOURCES, '--quiet']);
// The settings' attributes and fields, from the one table that declares them.
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
addSettings(manifest, await loadSettings());
writeFileSync('custom-elements.json', `${JSON.stringify(manifest, null, 2)}\n`);
console.log('built dist/ and custom-elements.json');
