// docs/guide/frameworks.md "In React", "In Vue" and "In Angular" snippets, type-checked as a user meets
// them: against the package that `npm pack` makes (docs/explanation/design-decisions.md, on React's JSX
// types), installed in projects of their own outside the repository, with strict settings and
// `skipLibCheck: false`. Plus a project without @types/react, and checks that fail when the
// snippets are made wrong. Needs `npm run build` (the tarball is packed from dist/ as it is).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tscBin = join(root, 'node_modules/typescript/bin/tsc');
const page = (path) => readFileSync(join(root, 'docs', path), 'utf8');
const frameworks = page('guide/frameworks.md');
const attributesPage = page('reference/attributes.md');

/** The text of a section of `text`, from its heading to the next heading of level 1 to 2. */
function section(text, heading) {
  const start = text.indexOf(`${heading}\n`);
  assert.ok(start === 0 || text[start - 1] === '\n', `the page has "${heading}"`);
  const body = text.slice(start + heading.length + 1);
  const end = body.search(/^#{1,2} /m);
  return end < 0 ? body : body.slice(0, end);
}

/** The fenced code blocks of one language in a section, in order. */
const blocks = (text, lang) =>
  [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => m[1]);

/** `text` with `from` replaced by `to`; `from` must be in it. */
function replaced(text, from, to) {
  assert.ok(text.includes(from), `the snippet has ${from}`);
  return text.replace(from, to);
}

const react = blocks(section(frameworks, '## In React'), 'tsx');
const vue = section(frameworks, '## In Vue');
const [viteConfig = ''] = blocks(vue, 'ts');
const [sfc = ''] = blocks(vue, 'vue');
const [angular = ''] = blocks(section(frameworks, '## In Angular'), 'ts');
const attributes = [
  ...section(attributesPage, '# Attributes').matchAll(/^\| `([a-z-]+)` +\|/gm),
].map((m) => m[1]);

const strict = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  skipLibCheck: false,
  skipDefaultLibCheck: true, // TypeScript's own lib.*.d.ts: not ours, and a second apiece
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM', 'DOM.Iterable'],
  module: 'ESNext',
  moduleResolution: 'bundler',
  isolatedModules: true,
  verbatimModuleSyntax: true,
};

let work; // the temporary directory: the extracted tarball in package/, one directory a project
const projects = []; // their names, in the order made
const checks = {}; // project name: promise of its compiler run

/** The dependencies of the package in `dir`, theirs, and so on (as the repository has them). */
function dependencies(dir, found = new Set()) {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (found.has(name)) continue;
    found.add(name);
    dependencies(join(root, 'node_modules', name), found);
  }
  return found;
}

/**
 * A project in `work/name`: its files, a tsconfig.json with `options` over the strict ones, and
 * node_modules as `npm install` lays it out: a copy of the extracted package, and links to the
 * repository's copies of its dependencies (all of them, hoisted as npm does; only its own with
 * `hoist: false`, as pnpm does) and of the project's own, `links`.
 */
function project(name, files, { options = {}, links = [], hoist = true } = {}) {
  const dir = join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const compilerOptions = { ...strict, ...options };
  const include = Object.keys(files).filter((file) => /\.tsx?$/.test(file));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include }, null, 2));
  const modules = join(dir, 'node_modules');
  const unpacked = join(work, 'package');
  cpSync(unpacked, join(modules, 'consent-banner'), { recursive: true });
  const own = hoist
    ? dependencies(unpacked)
    : Object.keys(JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')).dependencies);
  for (const dependency of new Set([...own, ...links])) {
    mkdirSync(dirname(join(modules, dependency)), { recursive: true });
    symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency), 'dir');
  }
  projects.push(name);
}

/** Runs the TypeScript compiler on a project: the files of its program and its errors. */
async function tsc(name) {
  const started = Date.now();
  const dir = join(work, name);
  const args = [tscBin, '-p', dir, '--pretty', 'false', '--listFiles'];
  const { stdout } = await exec(process.execPath, args, { cwd: dir }).catch((error) => {
    if (typeof error.code !== 'number') throw error;
    return error;
  });
  const lines = stdout.split('\n');
  const errors = lines
    .map((line) => /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line))
    .filter(Boolean)
    .map(([, file, line, code, message]) => ({ file, line: Number(line), code, message }));
  const files = lines.filter((line) => line.startsWith('/'));
  assert.ok(files.length > 0, `tsc listed the program: ${stdout}`);
  return { name, files, errors, seconds: (Date.now() - started) / 1000 };
}

/** Starts the compiler on each project, as many at once as there are cores. */
function compileAll(names) {
  let active = 0;
  const waiting = [];
  const slot = async (task) => {
    if (active >= availableParallelism()) await new Promise((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
  for (const name of names) {
    checks[name] = slot(() => tsc(name));
    checks[name].catch(() => {}); // reported by the test that awaits it
  }
}

/** A project's result, with its time among the test's diagnostics. */
async function checked(t, name) {
  const result = await checks[name];
  t.diagnostic(`${name}: tsc ${result.seconds.toFixed(1)} s, ${result.files.length} files`);
  return result;
}

const errorsIn = (result, file) => result.errors.filter((error) => error.file === file);
const listing = (errors) => errors.map((e) => `${e.file}(${e.line}): ${e.code} ${e.message}`);

/** The program read the package's types from the tarball, never the repository's. */
function fromTarball(result, file = 'dist/types/index.d.ts') {
  const installed = join(work, result.name, 'node_modules/consent-banner', file);
  assert.ok(result.files.includes(installed), `the program has ${installed}`);
  const ours = result.files.filter((f) => f.startsWith(root) && !f.includes('/node_modules/'));
  assert.deepEqual(ours, [], 'no file of the repository itself');
}

/** The attribute names on `<consent-banner …>` in a template. */
function templateAttributes(template) {
  const tag = /<consent-banner\b([^>]*)>/.exec(template);
  assert.ok(tag, 'the template has <consent-banner>');
  return [...tag[1].matchAll(/([^\s=]+)=/g)].map((m) => m[1]);
}

before(async () => {
  assert.ok(existsSync(join(root, 'dist/types/react.d.ts')), 'no dist/: run `npm run build` first');
  work = realpathSync(mkdtempSync(join(tmpdir(), 'consent-banner-package-')));

  // What `npm pack` puts in the tarball (its prepack would only build dist/ again).
  const { stdout } = await exec(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    { cwd: root, env: { ...process.env, CI: 'true', npm_config_update_notifier: 'false' } },
  );
  const [{ filename, files }] = JSON.parse(stdout);
  for (const file of ['dist/types/react.d.ts'])
    assert.ok(
      files.some((f) => f.path === file),
      `the tarball has ${file}`,
    );
  await exec('tar', ['-xzf', join(work, filename), '-C', work]); // into work/package

  assert.equal(react.length, 1, 'one tsx block in "In React"');
  assert.ok(viteConfig && sfc, 'a ts and a vue block in "In Vue"');
  assert.ok(angular, 'a ts block in "In Angular"');
  const [snippet] = react;
  const jsx = { options: { jsx: 'react-jsx', noUnusedLocals: true }, links: ['@types/react'] };
  project(
    'react',
    {
      'src/snippet.tsx': snippet,
      // Made wrong: a value outside the attribute's type, and the other event's detail misread.
      'src/wrong-value.tsx': replaced(snippet, 'lang="th"', 'lang="th"\n      gpc="maybe"'),
      'src/wrong-event.tsx': replaced(
        snippet,
        'onconsent-change={onConsentChange}',
        'onconsent-change={onConsentChange}\n      onconsent-ready={(event) => event.detail.changed}',
      ),
    },
    jsx,
  );
  project(
    'react-without-entry',
    {
      'src/snippet.tsx': replaced(snippet, "from 'consent-banner/react'", "from 'consent-banner'"),
    },
    jsx,
  );
  project(
    'react-empty-import',
    {
      'src/snippet.tsx': replaced(
        snippet,
        "from 'consent-banner/react';",
        "from 'consent-banner';\nimport type {} from 'consent-banner/react';",
      ),
    },
    jsx,
  );

  const script = /<script setup lang="ts">\n([\s\S]*?)<\/script>/.exec(sfc);
  assert.ok(script, 'the vue block has <script setup lang="ts">');
  project(
    'vue',
    { 'vite.config.ts': viteConfig, 'src/App.vue.ts': script[1] },
    // skipLibCheck as in Vite's project template: checking Vite's own types takes seconds, and
    // the package's are checked without it above and below.
    { options: { skipLibCheck: true }, links: ['vue', 'vite', '@vitejs/plugin-vue'] },
  );

  const events = [...angular.matchAll(/\(([a-z-]+)\)="(\w+)\(\$event\)"/g)];
  assert.ok(events.length > 0, 'the Angular snippet listens to an event with $event');
  project(
    'angular',
    {
      'src/app.component.ts': angular,
      // What Angular's strictTemplates checks for each `(event)="handler($event)"`.
      'src/app.template-check.ts': [
        "import { AppComponent } from './app.component';",
        'declare const component: AppComponent;',
        "const element = document.createElement('consent-banner');",
        ...events.map(
          ([, event, handler]) =>
            `element.addEventListener('${event}', ($event) => component.${handler}($event));`,
        ),
        '',
      ].join('\n'),
    },
    // experimentalDecorators as in Angular's project template.
    { options: { experimentalDecorators: true, noUnusedLocals: true }, links: ['@angular/core'] },
  );

  // No @types/react in it or above it, the default `types`, node16 resolution.
  const plain = {
    'package.json': '{ "type": "module" }\n',
    'src/main.ts': [
      "import 'consent-banner/define';",
      "import { ConsentBanner, ConsentChangeEvent, type ConsentState } from 'consent-banner';",
      "import { readConsent } from 'consent-banner/server';",
      '',
      "const banner: ConsentBanner = document.createElement('consent-banner');",
      "banner.policyUrl = '/privacy';",
      "banner.addEventListener('consent-change', (event) => {",
      '  const changed: readonly string[] = event.detail.changed;',
      '  console.log(changed, event instanceof ConsentChangeEvent);',
      '});',
      "const state: ConsentState | null = readConsent('consent=1', { revision: 0 });",
      'console.log(state, banner.consent.decided);',
      '',
    ].join('\n'),
  };
  const node16 = { options: { module: 'NodeNext', moduleResolution: 'NodeNext' } };
  project('plain', plain, node16);
  project('plain-strict-layout', plain, { ...node16, hoist: false });

  compileAll(projects);
});

after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('React: the snippet type-checks against the packed package', async (t) => {
  const result = await checked(t, 'react');
  fromTarball(result, 'dist/types/react.d.ts');
  const others = result.errors.filter((error) => !error.file.startsWith('src/wrong-'));
  assert.deepEqual(listing(others), []);
  // At run time (a bundler, Node) the entry is the package entry, which registers nothing.
  const resolve =
    "for (const e of ['consent-banner', 'consent-banner/react']) console.log(import.meta.resolve(e))";
  const { stdout } = await exec(process.execPath, ['--input-type=module', '-e', resolve], {
    cwd: join(work, 'react'),
  });
  const [main, entry] = stdout.trim().split('\n');
  assert.match(entry, /\/node_modules\/consent-banner\/dist\/index\.js$/);
  assert.equal(entry, main);
});

test('React: a wrong attribute value and a misread event are errors', async (t) => {
  const result = await checked(t, 'react');
  const value = errorsIn(result, 'src/wrong-value.tsx');
  assert.equal(value.length, 1, listing(result.errors).join('\n'));
  assert.equal(value[0].code, 'TS2322');
  assert.match(value[0].message, /^Type '"maybe"' is not assignable to type /);
  const line = readFileSync(join(work, 'react/src/wrong-value.tsx'), 'utf8').split('\n')[
    value[0].line - 1
  ];
  assert.match(line, /gpc="maybe"/);
  const event = errorsIn(result, 'src/wrong-event.tsx');
  assert.equal(event.length, 1, listing(result.errors).join('\n'));
  assert.equal(event[0].code, 'TS2339');
  assert.match(event[0].message, /'changed' does not exist on type 'ConsentState'/);
  for (const error of listing(result.errors)) t.diagnostic(`as intended: ${error}`);
});

test('React: consent-banner and consent-banner/define leave React JSX alone', async (t) => {
  const result = await checked(t, 'react-without-entry');
  fromTarball(result);
  assert.ok(result.errors.length > 0, 'the tag is unknown');
  for (const error of result.errors) {
    assert.equal(error.file, 'src/snippet.tsx', listing(result.errors).join('\n'));
    assert.equal(error.code, 'TS2339');
    assert.match(error.message, /'consent-banner' does not exist on type 'JSX.IntrinsicElements'/);
  }
  for (const error of listing(result.errors)) t.diagnostic(`as intended: ${error}`);
});

test('React: `import type {} from consent-banner/react` declares the tag too', async (t) => {
  const result = await checked(t, 'react-empty-import');
  fromTarball(result, 'dist/types/react.d.ts');
  assert.deepEqual(listing(result.errors), []);
});

test('Vue: the Vite config and the component script type-check', async (t) => {
  const result = await checked(t, 'vue');
  fromTarball(result);
  assert.deepEqual(listing(result.errors), []);
});

test('Vue: the template compiles with that Vite config, the tag as a custom element', async () => {
  const { loadConfigFromFile } = await import('vite');
  const dir = join(work, 'vue');
  const env = { command: 'build', mode: 'production' };
  const loaded = await loadConfigFromFile(env, join(dir, 'vite.config.ts'), dir, 'silent');
  const plugin = loaded.config.plugins.flat().find((p) => p?.name === 'vite:vue');
  const { isCustomElement } = plugin.api.options.template.compilerOptions;
  const { parse, compileTemplate } = await import('@vue/compiler-sfc');
  const { descriptor, errors } = parse(sfc, { filename: 'App.vue' });
  assert.deepEqual(errors, []);
  const source = descriptor.template.content;
  const options = { source, filename: 'App.vue', id: 'app', compilerOptions: { isCustomElement } };
  const compiled = compileTemplate(options);
  assert.deepEqual(compiled.errors, []);
  assert.doesNotMatch(compiled.code, /resolveComponent/);
  assert.match(compiled.code, /_createElementBlock\("consent-banner", \{[^}]*onConsentChange: /);
  for (const name of templateAttributes(source).filter((a) => !/^[@:]/.test(a)))
    assert.ok(attributes.includes(name), `${name} is in docs/reference/attributes.md`);
});

test('Angular: the component type-checks, and its event bindings as strictTemplates does', async (t) => {
  const result = await checked(t, 'angular');
  fromTarball(result);
  assert.deepEqual(listing(result.errors), []);
  const template = /template: `([\s\S]*?)`/.exec(angular)[1];
  for (const name of templateAttributes(template).filter((a) => !/^[([]/.test(a)))
    assert.ok(attributes.includes(name), `${name} is in docs/reference/attributes.md`);
});

test('TypeScript without @types/react: no error from the package types', async (t) => {
  const result = await checked(t, 'plain');
  fromTarball(result);
  fromTarball(result, 'dist/types/server.d.ts');
  assert.deepEqual(listing(result.errors), []);
  const react = result.files.filter((file) => file.includes('/@types/react/'));
  assert.deepEqual(react, [], 'no React types in the program');
});

// Yarn PnP, or pnpm without its hidden hoisting, resolve only a package's own dependencies.
test('TypeScript with only the direct dependencies resolvable: no error either', async (t) => {
  const result = await checked(t, 'plain-strict-layout');
  assert.deepEqual(listing(result.errors), []);
});
