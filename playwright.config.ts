// End-to-end tests: the demo pages (with the npm build, dist/define.js, in place of the source:
// vite.demo.config.ts) and the built IIFE, in Chromium, served by the demo's Vite config.
// `npm test` builds dist/ first; run `npm run build` before `npx playwright test` on its own. (The built IIFE's main flows also run in Firefox and WebKit:
// test/flows/, in the component suite.)
//
// The fonts are pinned (test/support/fonts/fonts.conf), so the screenshots are the same on any
// Linux machine. They are made on Linux: elsewhere the screenshot comparisons are not run.
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/support/find-browser.mjs';
import { pinFonts } from './test/support/fonts.mjs';

let executablePath: string;
try {
  pinFonts();
  executablePath = findChromium();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const PORT = 4321;
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [['list', { printSteps: false }]],
  expect: { timeout: 10_000 },
  ignoreSnapshots: process.platform !== 'linux',
  use: {
    baseURL: BASE_URL,
    // Pinned, so language resolution and times do not depend on the machine.
    locale: 'th-TH',
    timezoneId: 'Asia/Bangkok',
    browserName: 'chromium',
    launchOptions: { executablePath, args: CHROMIUM_ARGS },
    // A failed test keeps its trace: the actions, the DOM at each one, the network. Without the
    // screencast, which costs a quarter of the suite's CPU time (and the DOM shows the same).
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: `npx vite --config vite.demo.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `${BASE_URL}/demo/index.html`,
    env: { CONSENT_BANNER_E2E: '1' },
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
