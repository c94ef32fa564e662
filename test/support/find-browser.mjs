// @ts-check
// Finds the test browsers. Each engine is looked for in this order:
//   1. an explicit path: $CONSENT_BANNER_CHROMIUM, $CONSENT_BANNER_FIREFOX (a stock Firefox,
//      driven through WebDriver BiDi), $CONSENT_BANNER_WEBKIT (a WebKitGTK MiniBrowser, driven
//      through WebKitWebDriver);
//   2. Playwright's own browser (`npx playwright install chromium firefox webkit`);
//   3. the system one: Debian's chromium, firefox-esr, and webkit2gtk-driver's MiniBrowser.
// A missing engine is reported in one line that says how to get it.
// Plain JavaScript, typed in JSDoc (checked by `npm run typecheck`): plain `node` runs it.
import { existsSync } from 'node:fs';
import { chromium, firefox, webkit } from 'playwright';
import {
  CHROMIUM_ARGS,
  explicitPath as explicit,
  findChromium as findChromiumOf,
  playwrights,
} from '../../src/testing/chromium.mjs';

// Chromium is found as `npx consent-banner audit` finds it (src/testing/chromium.mjs).
export { CHROMIUM_ARGS };

const SYSTEM = {
  firefox: ['/usr/bin/firefox-esr', '/usr/bin/firefox'],
  webkit: [
    '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.0/MiniBrowser',
  ],
};
const WEBKIT_DRIVERS = ['/usr/bin/WebKitWebDriver', '/usr/local/bin/WebKitWebDriver'];

const HINT = {
  firefox:
    'No Firefox found: run `npx playwright install firefox`, or `sudo apt-get install firefox-esr`, or set CONSENT_BANNER_FIREFOX=/path/to/firefox.',
  webkit:
    'No WebKit found: run `npx playwright install webkit`, or `sudo apt-get install webkit2gtk-driver xvfb`, or set CONSENT_BANNER_WEBKIT=/path/to/MiniBrowser.',
};

/**
 * The first of `paths` that exists, or null.
 * @param {readonly string[]} paths
 * @returns {string | null}
 */
const system = (paths) => paths.find((path) => existsSync(path)) ?? null;

/**
 * A Chromium binary: $CONSENT_BANNER_CHROMIUM, Playwright's own, or the system one, driven by
 * Playwright. Throws with the install hint.
 * @returns {string}
 */
export const findChromium = () => findChromiumOf(chromium);

/**
 * An engine found (`via` says how it is driven), or not found (`via: null`, with the hint).
 * @typedef {{ engine: 'firefox', via: 'playwright' | 'bidi', executablePath: string }
 *   | { engine: 'webkit', via: 'playwright', executablePath: string }
 *   | { engine: 'webkit', via: 'webdriver', executablePath: string, driver: string }
 *   | { engine: 'firefox' | 'webkit', via: null, hint: string }} Found
 */

/** @returns {Found} Firefox: Playwright's build, else a stock one through WebDriver BiDi. */
export function findFirefox() {
  const own = explicit('CONSENT_BANNER_FIREFOX');
  if (own) return { engine: 'firefox', via: 'bidi', executablePath: own };
  const bundled = playwrights(firefox);
  if (bundled) return { engine: 'firefox', via: 'playwright', executablePath: bundled };
  const path = system(SYSTEM.firefox);
  if (path) return { engine: 'firefox', via: 'bidi', executablePath: path };
  return { engine: 'firefox', via: null, hint: HINT.firefox };
}

/** @returns {Found} WebKit: Playwright's build, else WebKitGTK's MiniBrowser via WebKitWebDriver. */
export function findWebKit() {
  const own = explicit('CONSENT_BANNER_WEBKIT');
  const bundled = own ? null : playwrights(webkit);
  if (bundled) return { engine: 'webkit', via: 'playwright', executablePath: bundled };
  const path = own ?? system(SYSTEM.webkit);
  const driver = system(WEBKIT_DRIVERS);
  if (path && driver) return { engine: 'webkit', via: 'webdriver', executablePath: path, driver };
  return { engine: 'webkit', via: null, hint: HINT.webkit };
}
