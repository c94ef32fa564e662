// Pins the fonts the test browsers see, so that screenshots and text metrics do not depend on
// which fonts a machine happens to have: test/fonts/fonts.conf lists a few files of Debian's
// fonts-noto-core and nothing else. Every engine reads fontconfig on Linux; on other systems
// this does nothing (and the screenshot comparisons, made on Linux, are not run there).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FONTCONFIG_FILE = fileURLToPath(new URL('../test/fonts/fonts.conf', import.meta.url));

/** Files of fonts.conf that must be there (one per family the tests rely on). */
const REQUIRED = [
  '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoLoopedThai-Regular.ttf',
  '/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf',
];

/** Sets FONTCONFIG_FILE for this process and the browsers it starts. Throws with an install hint. */
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
