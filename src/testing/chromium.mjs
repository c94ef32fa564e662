// @ts-check
// Finds a Chromium for Playwright, in this order (docs/guide/audit.md "From the command line"):
//   1. $CONSENT_BANNER_CHROMIUM, an explicit path;
//   2. Playwright's own (`npx playwright install chromium`);
//   3. the system's: Debian's chromium, or Google Chrome.
// Shared by `npx consent-banner audit` (src/cli.ts) and the test setup
// (test/support/find-browser.mjs). Plain JavaScript typed in JSDoc, so that plain `node` runs
// the test setup from it.
import { existsSync } from 'node:fs';

/** Flags for a headless Chromium on a locked-down, offline machine (run as root, no GPU). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Where a system Chromium lives. */
export const SYSTEM_CHROMIUM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

export const CHROMIUM_HINT =
  'No Chromium found: run `npx playwright install chromium`, or `sudo apt-get install chromium`, or set CONSENT_BANNER_CHROMIUM=/path/to/chromium.';

/**
 * The explicit path in `variable`, or null; throws when it is set but wrong.
 * @param {string} variable
 * @returns {string | null}
 */
export function explicitPath(variable) {
  const path = process.env[variable];
  if (!path) return null;
  if (existsSync(path)) return path;
  throw new Error(
    `${variable}=${path} does not exist; point it at the browser binary or unset it.`,
  );
}

/**
 * Playwright's own build of a browser type, when it is installed.
 * @param {{ executablePath(): string }} type
 * @returns {string | null}
 */
export function playwrights(type) {
  try {
    const path = type.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    // Playwright throws when it has no browser of its own.
    return null;
  }
}

/**
 * A Chromium binary, found in the order above. Throws with the install hint.
 * @param {{ executablePath(): string }} chromium Playwright's `chromium`
 * @returns {string}
 */
export function findChromium(chromium) {
  const path =
    explicitPath('CONSENT_BANNER_CHROMIUM') ??
    playwrights(chromium) ??
    SYSTEM_CHROMIUM.find((p) => existsSync(p));
  if (path) return path;
  throw new Error(CHROMIUM_HINT);
}
