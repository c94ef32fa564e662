// The test browsers see the pinned fonts (test/support/fonts/fonts.conf) and no others, so
// screenshots and text metrics do not depend on what a machine has installed. A face is looked up
// by its name with `local()`, which fails for a font the browser cannot see.
import { expect } from '@open-wc/testing';

/**
 * Whether the browser can see an installed font by any of its names: `local()` takes the full
 * or PostScript name in Chromium and Firefox, the family name in WebKit.
 */
async function visible(names: string[]): Promise<boolean> {
  const src = names.map((name) => `local("${name}")`).join(', ');
  try {
    await new FontFace('probe', src).load();
    return true;
  } catch {
    return false;
  }
}

/** A font's family, full and PostScript names. */
const font = (family: string, style = 'Regular') => [
  family,
  `${family} ${style}`,
  `${family.replaceAll(' ', '')}-${style}`,
];

describe('the test fonts', () => {
  for (const family of ['Noto Sans', 'Noto Sans Thai', 'Noto Looped Thai', 'Noto Sans Symbols2']) {
    it(`${family} (fonts-noto-core) is there`, async () => {
      expect(await visible(font(family))).to.equal(true);
    });
  }

  // What a machine may have beside them: Loma and Garuda come with fonts-thai-tlwg, which
  // .ci/run installs; DejaVu with fontconfig itself; the rest with common font packages.
  for (const family of [
    'Loma',
    'Garuda',
    'DejaVu Sans',
    'DejaVu Serif',
    'Liberation Sans',
    'FreeSans',
    'Noto Sans Thai UI',
    'Noto Sans CJK SC',
  ]) {
    it(`${family} is not, even where it is installed`, async () => {
      expect(await visible([...font(family), ...font(family, 'Book')])).to.equal(false);
    });
  }
});
