// Finds a Chromium for the tests, in this order:
//   1. $CONSENT_BANNER_CHROMIUM (an explicit path),
//   2. Playwright's own installed Chromium (`npx playwright install chromium`),
//   3. the system one (Debian/Ubuntu `chromium`, or `chromium-browser`, `google-chrome`).
// Fails with one line that says how to get one.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Flags for a headless Chromium on a locked-down, offline machine (run as root, no GPU). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export function findChromium() {
  const explicit = process.env.CONSENT_BANNER_CHROMIUM;
  if (explicit) {
    if (existsSync(explicit)) return explicit;
    throw new Error(
      `CONSENT_BANNER_CHROMIUM=${explicit} does not exist; point it at a Chromium binary or unset it.`,
    );
  }
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright throws when it has no browser of its own; fall through to the system one.
  }
  if (bundled && existsSync(bundled)) return bundled;
  const system = SYSTEM.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    'No Chromium found: run `npx playwright install chromium`, or `sudo apt-get install chromium`, or set CONSENT_BANNER_CHROMIUM=/path/to/chromium.',
  );
}
