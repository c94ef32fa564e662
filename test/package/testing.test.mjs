// docs/guide/testing.md ("Testing your site with Playwright"), and docs/guide/audit.md's audit,
// run as a site's own suite would run them: the pages' ```ts snippets, taken from the pages now,
// become the spec files of a project outside the repository with the package that `npm pack`
// makes installed in it (and @playwright/test linked from the repository), run by
// `npx playwright test` against the demo server, and type-checked with strict settings. Needs
// `npm run build` (the tarball is packed from dist/ as it is; nothing here builds). Works offline.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
/** The page, docs/guide/testing.md, whole. */
const page = readFileSync(join(root, 'docs/guide/testing.md'), 'utf8');
const section = () => page;

const snippets = [...section().matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
/** docs/guide/audit.md's first snippet, which audits a site's pages: here, the SSO demo's. */
const auditSnippet =
  /^```ts\n([\s\S]*?)^```$/m.exec(readFileSync(join(root, 'docs/guide/audit.md'), 'utf8'))?.[1] ??
  '';
/** The tests the snippets declare: `test('…', …)` at the start of a line. */
const declared = [...snippets, auditSnippet].flatMap((s) =>
  [...s.matchAll(/^test\('([^']+)'/gm)].map((m) => m[1]),
);

const strict = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noUnusedLocals: true,
  noImplicitOverride: true,
  skipLibCheck: false,
  skipDefaultLibCheck: true, // TypeScript's own lib.*.d.ts: not ours
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  isolatedModules: true,
  verbatimModuleSyntax: true,
  types: ['node'],
};

let work; // the temporary directory: the tarball, and the project in site/
let site;
let run; // promise of the Playwright run: { code, stdout, stderr, seconds }
let check; // promise of the compiler run: { files, errors, seconds }

/** The packages `names` need, theirs, and so on (as the repository has them). */
function closure(names, found = new Set()) {
  for (const name of names) {
    if (found.has(name)) continue;
    found.add(name);
    const manifest = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json')));
    closure(Object.keys(manifest.dependencies ?? {}), found);
  }
  return found;
}

/** A TCP port nobody listens on now (and not the e2e suite's 4321). */
async function freePort() {
  for (;;) {
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    if (port !== 4321) return port;
  }
}

/** Runs a command; resolves with its exit code and output, whatever the code. */
async function spawn(command, args, options) {
  const started = Date.now();
  const { stdout, stderr, code } = await exec(command, args, {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
    ...options,
  }).then(
    (result) => ({ ...result, code: 0 }),
    (error) => {
      if (typeof error.code !== 'number') throw error;
      return error;
    },
  );
  return { code, stdout, stderr, seconds: (Date.now() - started) / 1000 };
}

const playwrightConfig = (port) => `// Written by test/package/testing.test.mjs.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from ${JSON.stringify(pathToFileURL(join(root, 'test/support/find-browser.mjs')).href)};
import { pinFonts } from ${JSON.stringify(pathToFileURL(join(root, 'test/support/fonts.mjs')).href)};

pinFonts();
const executablePath = findChromium();
const BASE_URL = 'http://127.0.0.1:${port}';

export default defineConfig({
  testDir: 'tests',
  // The audit visits the page once for each of its six choices.
  timeout: 90_000,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'results.json' }]],
  use: {
    baseURL: BASE_URL,
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'npx vite --config vite.demo.config.ts --host 127.0.0.1 --port ${port} --strictPort',
    cwd: ${JSON.stringify(root)},
    url: BASE_URL + '/demo/index.html',
    env: { CONSENT_BANNER_E2E: '1' },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
`;

before(async () => {
  assert.ok(existsSync(join(root, 'dist/testing.js')), 'no dist/: run `npm run build` first');
  assert.equal(snippets.length, 3, 'three ts blocks in the section');
  for (const snippet of snippets) assert.match(snippet, /from 'consent-banner\/testing';/);
  work = realpathSync(mkdtempSync(join(tmpdir(), 'consent-banner-testing-')));
  site = join(work, 'site');

  const env = { ...process.env, CI: 'true', npm_config_update_notifier: 'false' };
  delete env.NODE_TEST_CONTEXT; // node:test's marker for its own children
  const packed = await exec(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    { cwd: root, env },
  );
  const [{ filename, files }] = JSON.parse(packed.stdout);
  assert.ok(
    files.some((f) => f.path === 'dist/testing.js'),
    'the tarball has dist/testing.js',
  );
  await exec('tar', ['-xzf', join(work, filename), '-C', work]); // into work/package

  const modules = join(site, 'node_modules');
  mkdirSync(modules, { recursive: true });
  renameSync(join(work, 'package'), join(modules, 'consent-banner'));
  const manifest = JSON.parse(readFileSync(join(modules, 'consent-banner/package.json')));
  const links = closure([
    ...Object.keys(manifest.dependencies ?? {}),
    '@playwright/test',
    '@types/node',
  ]);
  for (const name of links) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
  mkdirSync(join(modules, '.bin'));
  symlinkSync('../@playwright/test/cli.js', join(modules, '.bin/playwright'));
  // The package's own command, where its `bin` says, as npm links and marks it on install.
  const bin = manifest.bin?.['consent-banner'];
  assert.ok(bin, 'package.json names the consent-banner command');
  symlinkSync(join('../consent-banner', bin), join(modules, '.bin/consent-banner'));
  chmodSync(join(modules, 'consent-banner', bin), 0o755);

  writeFileSync(join(site, 'package.json'), '{ "private": true, "type": "module" }\n');
  const port = await freePort();
  writeFileSync(join(site, 'playwright.config.mjs'), playwrightConfig(port));
  mkdirSync(join(site, 'tests'));
  snippets.forEach((snippet, i) => {
    writeFileSync(join(site, 'tests', `readme-${i + 1}.spec.ts`), snippet);
  });
  // The audit as written, of the SSO demo's first page instead of the example site.
  const audit = auditSnippet.replace(
    /urls: \[[^\]]*\]/,
    `urls: ['http://127.0.0.1:${port}/demo/index.html']`,
  );
  assert.notEqual(audit, auditSnippet, 'the audit snippet names its pages in `urls: [...]`');
  writeFileSync(join(site, 'tests', 'audit.spec.ts'), audit);
  const tsconfig = { compilerOptions: strict, include: ['tests/*.ts'] };
  writeFileSync(join(site, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));

  // Both at once: the compiler and the browser run.
  run = spawn('npx', ['--no', 'playwright', 'test'], { cwd: site, env });
  check = spawn(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', site, '--pretty', 'false', '--listFiles'],
    { cwd: site, env },
  ).then(({ stdout, seconds }) => {
    const lines = stdout.split('\n');
    const errors = lines.filter((line) => / error TS\d+: /.test(line));
    const listed = lines.filter((line) => line.startsWith('/'));
    assert.ok(listed.length > 0, `tsc listed the program: ${stdout}`);
    return { files: listed, errors, seconds };
  });
  run.catch(() => {}); // reported by the tests that await them
  check.catch(() => {});
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the snippets run as written, with npx playwright test, and pass', async (t) => {
  const { code, stdout, stderr, seconds } = await run;
  t.diagnostic(`playwright: ${seconds.toFixed(1)} s`);
  const output = `${stdout}\n${stderr}`;
  assert.equal(code, 0, `npx playwright test failed:\n${output}`);
  const report = JSON.parse(readFileSync(join(site, 'results.json'), 'utf8'));
  const { expected, unexpected, flaky, skipped } = report.stats;
  assert.deepEqual({ unexpected, flaky, skipped }, { unexpected: 0, flaky: 0, skipped: 0 });
  assert.equal(expected, declared.length, `ran every test of the snippets:\n${output}`);
  const ran = report.suites.flatMap((file) => file.specs.map((spec) => spec.title));
  assert.deepEqual(ran.sort(), [...declared].sort());
  t.diagnostic(`${expected} tests passed: ${declared.join('; ')}`);
});

test("'consent-banner/testing' is the tarball's, not the repository's", async () => {
  const site = join(work, 'site');
  const script = "console.log(fileURLToPath(import.meta.resolve('consent-banner/testing')))";
  const { stdout } = await exec(
    process.execPath,
    ['--input-type=module', '-e', `import { fileURLToPath } from 'node:url'; ${script}`],
    { cwd: site },
  );
  const resolved = stdout.trim();
  const installed = join(site, 'node_modules/consent-banner');
  assert.equal(resolved, join(installed, 'dist/testing.js'));
  assert.equal(realpathSync(resolved), resolved, 'a file of its own, not a link');
  assert.ok(!lstatSync(installed).isSymbolicLink(), 'the package is extracted, not linked');
  assert.ok(!resolved.startsWith(root));
});

test('the snippets type-check (strict) against the packed package', async (t) => {
  const { files, errors, seconds } = await check;
  t.diagnostic(`tsc: ${seconds.toFixed(1)} s, ${files.length} files`);
  assert.deepEqual(errors, []);
  const installed = join(work, 'site/node_modules/consent-banner');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const types = join(installed, manifest.exports['./testing'].types);
  assert.ok(files.includes(types), `the program has ${types}`);
  const ours = files.filter((f) => f.startsWith(root) && !f.includes('/node_modules/'));
  assert.deepEqual(ours, [], 'no file of the repository itself');
  for (let i = 1; i <= snippets.length; i += 1)
    assert.ok(files.includes(join(work, `site/tests/readme-${i}.spec.ts`)));
  assert.ok(files.includes(join(work, 'site/tests/audit.spec.ts')));
});

/**
 * Serves the built demo as a site would (docs/guide/audit.md "From the command line"): the media
 * page and the built files from the installed package, and a page that sets a cookie before
 * any choice. Resolves with its origin and a stop function.
 */
async function builtDemo() {
  const dist = join(site, 'node_modules/consent-banner/dist');
  const files = {
    '/demo/media.html': ['text/html', join(root, 'demo/media.html')],
    '/demo/demo.css': ['text/css', join(root, 'demo/demo.css')],
    '/demo/thumbs/howto.svg': ['image/svg+xml', join(root, 'demo/thumbs/howto.svg')],
    '/consent-banner.iife.js': ['text/javascript', join(dist, 'consent-banner.iife.js')],
    '/consent-banner-extras.iife.js': [
      'text/javascript',
      join(dist, 'consent-banner-extras.iife.js'),
    ],
  };
  const leaky =
    '<!doctype html><html lang="en"><title>leaky</title><script src="/consent-banner.iife.js" data-policy-url="/p"></script>' +
    "<script>document.cookie = 'tracker_id=1; path=/';</script><h1>A page that tracks before any choice</h1></html>";
  const server = createHttpServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const file = files[path];
    if (path === '/leaky.html') response.writeHead(200, { 'content-type': 'text/html' }).end(leaky);
    else if (file) response.writeHead(200, { 'content-type': file[0] }).end(readFileSync(file[1]));
    else response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

test('npx consent-banner audit: the built media demo passes, a leaky page fails, a wrong call says how', async (t) => {
  const env = { ...process.env, npm_config_update_notifier: 'false' };
  delete env.NODE_TEST_CONTEXT;
  const audit = (...args) => spawn('npx', ['--no', 'consent-banner', ...args], { cwd: site, env });
  const demo = await builtDemo();
  try {
    const clean = await audit('audit', `${demo.origin}/demo/media.html`, '--settle-ms', '300');
    t.diagnostic(`audit of the media demo: ${clean.seconds.toFixed(1)} s`);
    assert.equal(clean.code, 0, `${clean.stdout}\n${clean.stderr}`);
    assert.match(clean.stdout, /^# Consent audit/m);
    assert.match(clean.stdout, /\*\*No violations\.\*\*/);

    const leaky = await audit('audit', `${demo.origin}/leaky.html`, '--settle-ms', '300');
    assert.equal(leaky.code, 1, `${leaky.stdout}\n${leaky.stderr}`);
    assert.match(leaky.stdout, /\| before-choice \| none \| cookie \| `tracker_id` \|/);

    const wrong = await audit('audit');
    assert.equal(wrong.code, 2);
    assert.match(
      wrong.stderr,
      /^consent-banner: name the pages to audit\nusage: npx consent-banner audit/,
    );

    const none = await audit('audit', `${demo.origin}/`, '--concurrency', '0');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /^consent-banner: --concurrency=0: expected at least 1\n/);

    const nowhere = await spawn('npx', ['--no', 'consent-banner', 'audit', `${demo.origin}/`], {
      cwd: site,
      env: { ...env, CONSENT_BANNER_CHROMIUM: '/no/such/chromium' },
    });
    assert.equal(nowhere.code, 2);
    assert.equal(
      nowhere.stderr.trim(),
      'CONSENT_BANNER_CHROMIUM=/no/such/chromium does not exist; point it at the browser binary or unset it.',
    );
  } finally {
    await demo.stop();
  }
});
