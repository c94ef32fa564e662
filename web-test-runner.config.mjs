// Component tests in a real Chromium (see scripts/find-browser.mjs for which one).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-browser.mjs';

let executablePath;
try {
  executablePath = findChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

export default {
  files: ['test/core/**/*.test.ts', 'test/effects/**/*.test.ts', 'test/element/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      // Pin the environment: the tests assert Thai/English resolution and dates.
      createBrowserContext: ({ browser }) =>
        browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Bangkok' }),
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
};
