// Library builds. `scripts/build.mjs` runs the three modes one after another:
//   iife        dist/consent-banner.iife.js   classic script tag, Lit inside
//   embeds      dist/consent-banner-extras.iife.js  what the script tag loads for embeds and
//                                              declaration tables
//   standalone  dist/consent-banner.js        one ES module that registers the tag
//   lib         dist/index.js, dist/define.js npm entries, lit and js-cookie external
//   server      dist/server.js                 consent-banner/server: one file, no dependencies
//   testing     dist/testing.js                consent-banner/testing: Playwright helpers
//   cli         dist/cli.js                    the `consent-banner` command (audit)
import { minify } from 'terser';
import { collapseTemplates } from './scripts/collapse-templates.mjs';
import { defineConfig, type Plugin, type UserConfig } from 'vite';

/**
 * The CSS (a template literal in each `*.styles.ts`) reaches the bundle as written; squeeze out
 * comments, white space and the zero of `0.5rem` (the IIFE has a size budget, docs/explanation/size-and-speed.md).
 * Only our styles files are touched. The settings table's `doc` lines, which the manifest and
 * the docs read, are not shipped either.
 */
const minifyLiterals = (minified: boolean): Plugin => ({
  name: 'minify-literals',
  transform(code, id) {
    if (id.endsWith('/src/core/settings.ts'))
      return { code: code.replace(/\bdoc\w*:\s*(['"])(?:\\.|(?!\1).)*\1,?/g, ''), map: null };
    if (!id.endsWith('.styles.ts')) return null;
    const out = code.replace(/= `([^`]*)`/g, (_all, body: string) => {
      const min = body
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/\s+/g, ' ')
        .replace(/\s*([{};,>])\s*/g, '$1')
        .replace(/;}/g, '}')
        .replace(/:\s+/g, ':')
        .replace(/\(\s+/g, '(')
        .replace(/\s+\)/g, ')')
        .replace(/(^|[^\w.#-])0\.(\d)/g, '$1.$2')
        .trim();
      return `= \`${min}\``;
    });
    return { code: out, map: null };
  },
  // Collapse the indentation of Lit's html templates (scripts/collapse-templates.mjs). Never on
  // output that still has comments: a line comment would swallow the code after it.
  generateBundle(_options, bundle) {
    if (!minified) return;
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      if (/^\s*\/\//m.test(chunk.code)) this.error(`${chunk.fileName} is not minified`);
      chunk.code = collapseTemplates(chunk.code);
    }
  },
});

/**
 * What the minifier's `charset: 'ascii'` cannot escape (template literals, whose raw text it
 * keeps, and comments) becomes `\uXXXX` too. That is valid in a template (the cooked text, which
 * Lit reads, is unchanged), in a comment, a string, a regular expression and an identifier; no
 * build output uses `String.raw`. `npm run check:ascii` checks the result.
 */
const asciiOnly = (): Plugin => ({
  name: 'ascii-only',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunk.code = chunk.code.replace(
        /[\u0080-\uffff]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      );
    }
  },
});

/**
 * The Thai texts, escaped to plain ASCII, would cost six bytes a letter (`\u0e01`). Each run of
 * Thai letters in `src/i18n` (th.ts, embed.ts) and in the settings button's label
 * (src/element/settings-label.ts) is shipped as `~…~` instead, one ASCII character a letter
 * (U+0E01…U+0E5B become `!`…`{`), and decoded once when the module loads. The texts the page
 * gets are the same; only the file is smaller (docs/explanation/size-and-speed.md).
 */
const compactThai = (): Plugin => ({
  name: 'compact-thai',
  // Before TypeScript is stripped: the source's own quotes, comments and all.
  enforce: 'pre',
  transform(code, id) {
    // (`\0…`: a module put in its place, as `npm run size:table` does.)
    if (
      id.startsWith('\0') ||
      !/\/src\/(i18n\/\w+|element\/settings-label)\.ts$/.test(id) ||
      !/[\u0e01-\u0e5b]/.test(code)
    )
      return null;
    const encode = (text: string) =>
      text.replace(
        /[\u0e01-\u0e5b]+/g,
        (run) => `~${[...run].map((c) => String.fromCharCode(c.charCodeAt(0) - 0xde0)).join('')}~`,
      );
    let count = 0;
    const out = code.replace(/'([^'\\\n]*[\u0e01-\u0e5b][^'\\\n]*)'/g, (_all, text: string) => {
      count++;
      // Pure: a text no module uses (the log files' fields, in the embeds alone) is left out.
      return `/* @__PURE__ */ thai(${JSON.stringify(encode(text))})`;
    });
    const uncommented = out.replace(/\/\/.*|\/\*[^]*?\*\//g, '');
    if (!count || /[\u0e00-\u0e7f]/.test(uncommented)) this.error(`${id}: a Thai text left as is`);
    const decoder =
      'const thai = (s: string) => s.replace(/~([^~]*)~/g, (_m: string, run: string) => ' +
      'run.replace(/[^]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xde0)));\n';
    return { code: decoder + out, map: null };
  },
});

/**
 * The builds for pages print a console message as its code and a link, not the whole sentence
 * (docs/messages.md): `SENTENCES` becomes `null` there. The npm build keeps the sentences.
 */
const shortMessages = (): Plugin => ({
  name: 'short-messages',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('/src/core/messages.ts')) return null;
    const out = code.replace(/(export const SENTENCES[^=]*=)\s*\{[\s\S]*?\n\};/, '$1 null;');
    if (out === code) this.error('src/core/messages.ts: no SENTENCES table to leave out');
    return { code: out, map: null };
  },
});

/**
 * A second pass over the minified files (the IIFE and the standalone module) with terser, which
 * finds what the first minifier leaves: 140 B brotli of the size budget (docs/explanation/size-and-speed.md). Only
 * its safe transforms: no `unsafe*` option, getters may have effects (`el.consent` does).
 */
const squeeze = (): Plugin => ({
  name: 'squeeze',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const out = await minify(chunk.code, {
        ecma: 2020,
        toplevel: true,
        // `unsafe_methods` writes `{ m: function () {} }` as `{ m() {} }`: unsafe only for a
        // function called with `new`, and nothing here is (the built file's tests run in all
        // three engines). -18 B brotli.
        compress: { passes: 3, unsafe_methods: true },
        format: { ascii_only: true },
      });
      if (out.code === undefined) this.error(`terser gave nothing for ${chunk.fileName}`);
      chunk.code = out.code;
    }
  },
});

const external = (id: string) => /^(lit|@lit|lit-html|lit-element|js-cookie)(\/|$)/.test(id);

type Build = NonNullable<UserConfig['build']>;

/** Each mode's build: what differs is the entry, the format and how far it is minified. */
const BUILDS: Record<string, Build> = {
  iife: {
    minify: true,
    lib: {
      entry: 'src/script-tag.ts',
      formats: ['iife'],
      name: 'ConsentBannerScript',
      fileName: () => 'consent-banner.iife.js',
    },
    // One file: the user interface stays in it, evaluated only when it is first needed
    // (docs/explanation/size-and-speed.md "Speed"). The embeds are a file of their own, loaded
    // by src/embeds/remote.ts (docs/explanation/design-decisions.md). The interface's module
    // object needs no `Symbol.toStringTag`: nothing prints it (28 B brotli).
    rolldownOptions: { output: { codeSplitting: false, generatedCode: { symbols: false } } },
  },
  embeds: {
    minify: true,
    lib: {
      entry: 'src/embeds/script-tag.ts',
      formats: ['iife'],
      name: 'ConsentBannerEmbeds',
      fileName: () => 'consent-banner-extras.iife.js',
    },
  },
  standalone: {
    minify: true,
    lib: { entry: 'src/define.ts', formats: ['es'], fileName: () => 'consent-banner.js' },
    // Library mode leaves an ES build unminified (for bundlers); this file is for pages, one
    // file like the script tag's.
    rolldownOptions: {
      output: { minify: true, codeSplitting: false, generatedCode: { symbols: false } },
    },
  },
  lib: {
    minify: false,
    // No source maps, like the other builds: this one is not minified (docs/explanation/design-decisions.md).
    sourcemap: false,
    lib: {
      entry: { index: 'src/index.ts', define: 'src/define.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
    // The element, shared by both entries, and the user interface it loads on demand, under
    // names that stay the same from build to build.
    rolldownOptions: {
      external,
      output: {
        chunkFileNames: (chunk) =>
          chunk.isDynamicEntry
            ? chunk.facadeModuleId?.endsWith('/src/embeds/embeds.ts')
              ? 'consent-banner-extras.js'
              : 'consent-banner-ui.js'
            : 'consent-banner-element.js',
      },
    },
  },
  // consent-banner/testing, for a site's Playwright suite: Node, one file, the shared codec
  // inlined, Playwright (a peer dependency) and Node's own modules imported.
  testing: {
    minify: false,
    lib: { entry: 'src/testing/index.ts', formats: ['es'], fileName: () => 'testing.js' },
    rolldownOptions: { external: (id: string) => /^(@playwright\/test|playwright|node:)/.test(id) },
  },
  // `npx consent-banner audit|records`: Node, one file, Playwright (a peer dependency) imported
  // when run.
  cli: {
    minify: false,
    lib: { entry: 'src/cli.ts', formats: ['es'], fileName: () => 'cli.js' },
    rolldownOptions: {
      // (and the receipt store's database drivers, optional peer dependencies too)
      external: (id: string) =>
        /^(@playwright\/test|playwright|node:|pg$|@electric-sql\/pglite$)/.test(id),
      output: { banner: '#!/usr/bin/env node' },
    },
  },
  // Node and edge runtimes: one file, the shared codec inlined; the receipt store's database
  // drivers (optional peer dependencies) imported only when a store is opened. (Not an `ssr`
  // build: that ignores `fileName` and would overwrite dist/index.js.)
  server: {
    minify: false,
    lib: { entry: 'src/server/index.ts', formats: ['es'], fileName: () => 'server.js' },
    rolldownOptions: { external: (id: string) => /^(pg|@electric-sql\/pglite)$/.test(id) },
  },
};

export default defineConfig(({ mode }): UserConfig => {
  const build = BUILDS[mode] ?? BUILDS.lib;
  const output = build.rolldownOptions?.output;
  return {
    publicDir: false,
    // The script tag's embeds come from a file of their own (src/embeds/remote.ts).
    resolve:
      mode === 'iife'
        ? { alias: [{ find: /^\.\/load-embeds\.js$/, replacement: '/src/embeds/remote.ts' }] }
        : {},
    plugins: [
      compactThai(),
      minifyLiterals(build.minify === true),
      ...(build.minify === true ? [shortMessages(), squeeze()] : []),
      asciiOnly(),
    ],
    build: {
      emptyOutDir: false,
      target: 'es2022',
      ...build,
      rolldownOptions: {
        ...build.rolldownOptions,
        // Plain ASCII, every other character escaped: the files then read the same on a page of
        // any encoding (a windows-874 Thai page), whatever charset the server sends.
        output: { ...(Array.isArray(output) ? {} : output), charset: 'ascii' },
      },
    },
  };
});
