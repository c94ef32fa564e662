// Component tests in real Chromium, Firefox and WebKit (test/support/find-browser.mjs says which
// builds). Each engine is launched the way that works for the build found:
//   Chromium                         Playwright
//   Firefox, Playwright's build      Playwright
//   Firefox, a stock one (Debian)    puppeteer-core over WebDriver BiDi
//   WebKit, Playwright's build       Playwright
//   WebKit, WebKitGTK (Debian)       webdriverio + WebKitWebDriver + MiniBrowser (under Xvfb)
// With CI=true all three are required; elsewhere a missing engine is named, with the command
// that installs it, and the others run.
//
// The environment is pinned in every engine: fonts (test/support/fonts/fonts.conf), English as the
// browser language, Bangkok time.
//
// Media emulation (prefers-color-scheme, reduced motion) needs Playwright or CDP: the files of
// the "media" group run in the engines whose launcher has it. Everything else runs everywhere.
import { existsSync } from 'node:fs';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import {
  CHROMIUM_ARGS,
  findChromium,
  findFirefox,
  findWebKit,
} from './test/support/find-browser.mjs';
import { pinFonts } from './test/support/fonts.mjs';
import { startWebKitDriver } from './test/support/webkit-driver.mjs';
import { cookieAgreement } from './test/flows/cookie-server.mjs';
import { streamedPages } from './test/flows/stream-server.mjs';
import { receiptEndpoints } from './test/support/receipt-endpoints.mjs';

const TIMEZONE = 'Asia/Bangkok';
process.env.TZ = TIMEZONE;

let chromiumPath;
let others;
try {
  pinFonts();
  chromiumPath = findChromium();
  others = [findFirefox(), findWebKit()];
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
// test/flows/ drives the built script tag.
if (!existsSync('dist/consent-banner.iife.js')) {
  console.error('dist/consent-banner.iife.js is missing: run `npm run build` first.');
  process.exit(1);
}

/** Reports `launcher` as `name` (WebDriver would call WebKitGTK "MiniBrowser"). */
function named(name, launcher) {
  const initialize = launcher.initialize.bind(launcher);
  launcher.initialize = async (...args) => {
    await initialize(...args);
    launcher.name = name;
  };
  return launcher;
}

const context = ({ browser }) => browser.newContext({ locale: 'en-US', timezoneId: TIMEZONE });

/** Launchers: their engine, and whether they can emulate media. */
const launchers = [
  {
    engine: 'chromium',
    media: true,
    launcher: playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS },
      createBrowserContext: context,
    }),
  },
];

const missing = [];
for (const found of others) {
  if (found.via === null) missing.push(found.hint);
  else if (found.via === 'playwright') {
    launchers.push({
      engine: found.engine,
      media: true,
      launcher: playwrightLauncher({
        product: found.engine,
        launchOptions: { headless: true },
        createBrowserContext: context,
      }),
    });
  } else if (found.via === 'bidi') {
    launchers.push({
      engine: 'firefox',
      media: false,
      launcher: chromeLauncher({
        puppeteer,
        launchOptions: {
          browser: 'firefox',
          executablePath: found.executablePath,
          headless: true,
          extraPrefsFirefox: { 'intl.accept_languages': 'en-US', 'intl.locale.requested': 'en-US' },
        },
      }),
    });
  } else {
    const { port } = await startWebKitDriver(found.driver);
    launchers.push({
      engine: 'webkit',
      media: false,
      launcher: named(
        'WebKit',
        webdriverLauncher({
          hostname: '127.0.0.1',
          port,
          logLevel: 'error',
          capabilities: {
            browserName: 'MiniBrowser',
            'wdio:enforceWebDriverClassic': true,
            'webkitgtk:browserOptions': { binary: found.executablePath, args: ['--automation'] },
          },
        }),
      ),
    });
  }
}
if (missing.length) {
  for (const hint of missing) console.error(hint);
  if (process.env.CI) {
    console.error('CI needs all three engines.');
    process.exit(1);
  }
}

const MEDIA = 'test/element/media.test.ts';

/**
 * Part of the suite, for a contributor (CONTRIBUTING.md "Running part of the suite"):
 * `CONSENT_BANNER_ENGINES=firefox,webkit` runs those engines only, `CONSENT_BANNER_FILES=a,b`
 * those test files (globs) only, in one group.
 */
const engines = process.env.CONSENT_BANNER_ENGINES?.toLowerCase().split(',');
const chosen = launchers.filter((l) => !engines || engines.includes(l.engine));
const files = process.env.CONSENT_BANNER_FILES?.split(',');

export default {
  nodeResolve: true,
  middleware: [receiptEndpoints, streamedPages, cookieAgreement],
  // One test file at a time per engine, and one engine at a time: a 2-core machine.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  testFramework: { config: { timeout: 10000 } },
  groups: files
    ? [{ name: 'chosen', files, browsers: chosen.map((l) => l.launcher) }]
    : [
        {
          name: 'everywhere',
          files: [
            'test/core/**/*.test.ts',
            'test/effects/**/*.test.ts',
            'test/element/**/*.test.ts',
            `!${MEDIA}`,
            'test/environment/**/*.test.ts',
            'test/flows/**/*.test.ts',
          ],
          browsers: chosen.map((l) => l.launcher),
        },
        {
          name: 'media',
          files: [MEDIA],
          browsers: chosen.filter((l) => l.media).map((l) => l.launcher),
        },
      ],
};
