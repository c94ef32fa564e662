// @ts-check
// Pins the fonts the test browsers see, so that screenshots and text metrics do not depend on
// which fonts a machine happens to have: test/support/fonts/fonts.conf lists a few files of
// Debian's fonts-noto-core and nothing else. Every engine reads fontconfig on Linux; on other
// systems this does nothing (and the screenshot comparisons, made on Linux, are not run there).
// Plain JavaScript, typed in JSDoc (checked by `npm run typecheck`): plain `node` runs it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's fontconfig file: the only fonts the test browsers see. */
export const FONTCONFIG_FILE = fileURLToPath(new URL('./fonts/fonts.conf', import.meta.url));

/** Files of fonts.conf that must be there (one per family the tests rely on). */
const REQUIRED = [
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoLoopedThai-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf',
];

/**
 * Sets FONTCONFIG_FILE for this process and the browsers it starts (Linux). Throws with an
 * install hint.
 * @returns {void}
 */
export function pinFonts() {
  if (process.platform !== 'linux') return;
  const missing = REQUIRED.filter((file) => !existsSync(file));
  if (missing.length) {
    throw new Error(
      `Test fonts missing (${missing.join(', ')}): run \`sudo apt-get install --no-install-recommends fonts-noto-core\`.`,
    );
  }
  process.env.FONTCONFIG_FILE = FONTCONFIG_FILE;
}
