// The published types (docs/explanation/design-decisions.md): one bundled .d.ts for each public entry
// that stands on its own; `define` and `react` are thin files over `index` (tsc writes them).
// `CONSENT_BANNER_TYPES=testing` bundles the Playwright entry, checked with Node's types (it
// runs in Node); the others are checked without them.
const output = { inlineDeclareGlobals: true, noBanner: true };
const testing = process.env.CONSENT_BANNER_TYPES === 'testing';
module.exports = testing
  ? {
      compilationOptions: { preferredConfigPath: './tsconfig.build-node.json' },
      entries: [
        {
          filePath: './src/testing/index.ts',
          outFile: './dist/types/testing.d.ts',
          output,
          // Playwright's types are declared in playwright-core; a user imports @playwright/test.
          libraries: { importedLibraries: ['@playwright/test', 'playwright-core', 'playwright'] },
        },
      ],
    }
  : {
      compilationOptions: { preferredConfigPath: './tsconfig.build.json' },
      entries: [
        { filePath: './src/index.ts', outFile: './dist/types/index.d.ts', output },
        { filePath: './src/server/index.ts', outFile: './dist/types/server.d.ts', output },
      ],
    };
