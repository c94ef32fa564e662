// `npm run build`: the library builds (see vite.config.ts), the .d.ts files and the
// custom-elements manifest.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'vite';

rmSync('dist', { recursive: true, force: true });
for (const mode of ['iife', 'standalone', 'lib', 'server', 'testing']) {
  await build({ configFile: 'vite.config.ts', mode, logLevel: 'warn' });
}
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('npx', ['cem', 'analyze', '--litelement', '--globs', 'src/**/*.ts', '--quiet']);
console.log('built dist/ and custom-elements.json');
