// What follows the system settings: `theme="auto"` and prefers-color-scheme, and
// prefers-reduced-motion. These need media emulation, which not every launcher has, so
// web-test-runner.config.mjs runs this file in the engines whose launcher has it.
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { ConsentBanner } from '../../src/index.js';
import { clearAllCookies, dialogOf, part, switchFor } from './helpers.js';
import { STATES, enter, inBanner, mount, ringOf } from './look.js';

beforeEach(clearAllCookies);

afterEach(async () => {
  clearAllCookies();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

describe('theme="auto"', () => {
  /** The banner's background; then the element goes (a page has one banner at a time). */
  const background = (el: ConsentBanner) => {
    const color = getComputedStyle(part(el, 'banner')!).backgroundColor;
    el.remove();
    return color;
  };
  const WHITE = 'rgb(255, 255, 255)';
  const DARK = 'rgb(27, 31, 36)';

  it('theme="dark" and theme="light" force the palette; auto follows the system', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(
      background(await fixture<ConsentBanner>(html`<consent-banner lang="en"></consent-banner>`)),
    ).to.equal(DARK);
    expect(
      background(
        await fixture<ConsentBanner>(
          html`<consent-banner lang="en" theme="light"></consent-banner>`,
        ),
      ),
    ).to.equal(WHITE);
    await emulateMedia({ colorScheme: 'light' });
    expect(
      background(await fixture<ConsentBanner>(html`<consent-banner lang="en"></consent-banner>`)),
    ).to.equal(WHITE);
    const dark = await fixture<ConsentBanner>(
      html`<consent-banner lang="en" theme="dark"></consent-banner>`,
    );
    await expect(dark).to.be.accessible();
    expect(background(dark)).to.equal(DARK);
  });
});

describe('the theme attribute', () => {
  /** Every colour the palette sets, as the browser computed it. */
  async function palette(el: ConsentBanner): Promise<string[]> {
    const banner = part(el, 'banner')!;
    const accept = inBanner(el, 'accept');
    const ring = ringOf(accept).color.join();
    await enter(el, 'dialog');
    const off = switchFor(el, 'analytics');
    const colors = [
      getComputedStyle(banner).backgroundColor,
      getComputedStyle(banner).color,
      getComputedStyle(banner).borderTopColor,
      getComputedStyle(accept).backgroundColor,
      getComputedStyle(accept).color,
      getComputedStyle(off).borderTopColor,
      getComputedStyle(off).backgroundImage,
      getComputedStyle(dialogOf(el).querySelector('li p')!).color,
      ring,
    ];
    dialogOf(el).close();
    // One banner at a time on a page: the next one is measured alone.
    el.remove();
    return colors;
  }

  it('theme="dark" on a light system is the dark palette, theme="light" the light one', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const systemDark = await palette(await mount('en'));
    const forcedLight = await palette(await mount('en', 'light'));
    await emulateMedia({ colorScheme: 'light' });
    const systemLight = await palette(await mount('en'));
    const forcedDark = await palette(await mount('en', 'dark'));
    expect(forcedDark).to.deep.equal(systemDark);
    expect(forcedLight).to.deep.equal(systemLight);
    expect(systemDark).to.not.deep.equal(systemLight);
  });
});

describe('motion', () => {
  /** Every element of the shadow root, and the dialog's backdrop, that moves or fades. */
  function moving(el: ConsentBanner): string[] {
    const found: string[] = [];
    const check = (name: string, style: CSSStyleDeclaration) => {
      const durations = `${style.transitionDuration}, ${style.animationDuration}`.split(', ');
      if (style.animationName !== 'none' || durations.some((d) => parseFloat(d) > 0))
        found.push(`${name}: transition ${style.transitionDuration}, ${style.animationName}`);
      if (style.scrollBehavior === 'smooth') found.push(`${name}: smooth scrolling`);
    };
    for (const node of el.shadowRoot!.querySelectorAll('*'))
      check(node.getAttribute('part') || node.localName, getComputedStyle(node));
    const dialog = el.shadowRoot!.querySelector('dialog');
    if (dialog) check('::backdrop', getComputedStyle(dialog, '::backdrop'));
    return found;
  }

  for (const state of STATES) {
    it(`${state}: nothing moves under prefers-reduced-motion`, async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const el = await mount('th');
      await enter(el, state);
      expect(moving(el)).to.deep.equal([]);
    });
  }
});
