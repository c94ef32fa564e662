// Accessibility of every state a visitor meets (PRODUCT §3, §9): axe in each state × language ×
// colour scheme; the WCAG 2.2 contrast of the default palettes, measured on the colours the
// browser computed; the focus ring; no motion under prefers-reduced-motion.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type { ConsentBanner } from '../../src/index.js';
import { clearAllCookies, dialogOf, part, parts, switchFor } from './helpers.js';

type Lang = 'th' | 'en';
type Scheme = 'light' | 'dark';
type State = 'first layer' | 'dialog' | 'confirmation' | 'settings button';

const LANGS: Lang[] = ['th', 'en'];
const SCHEMES: Scheme[] = ['light', 'dark'];
const STATES: State[] = ['first layer', 'dialog', 'confirmation', 'settings button'];

/** The default backgrounds (README "Styling"): a check that the scheme under test applies. */
const BACKGROUND: Record<Scheme, string> = {
  light: 'rgb(255, 255, 255)',
  dark: 'rgb(27, 31, 36)',
};

beforeEach(clearAllCookies);

afterEach(async () => {
  clearAllCookies();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
});

/**
 * Every piece there is: a policy link, the optional logs switch, two required categories. No
 * `theme` attribute unless given: the default, `auto`, as most pages write it.
 */
const mount = (lang: Lang, theme?: 'light' | 'dark') =>
  fixture<ConsentBanner>(
    html`<consent-banner
      lang=${lang}
      theme=${ifDefined(theme)}
      policy-url="/privacy"
      logs="optional"
    ></consent-banner>`,
  );

const inBanner = (el: ConsentBanner, name: string) =>
  part(el, 'banner')!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** Brings a freshly mounted banner into `state` the way a visitor does; returns its main piece. */
async function enter(el: ConsentBanner, state: State): Promise<HTMLElement> {
  if (state === 'first layer') return part<HTMLElement>(el, 'banner')!;
  if (state === 'dialog') {
    inBanner(el, 'choose').click();
    await waitUntil(() => dialogOf(el).open, 'the dialog opens');
    return dialogOf(el);
  }
  inBanner(el, 'reject').click();
  await el.updateComplete;
  const confirmation = part(el, 'confirmation');
  expect(confirmation !== null, 'the confirmation shows').to.equal(true);
  if (state === 'confirmation') return confirmation!;
  part(el, 'dismiss-button')!.click();
  await el.updateComplete;
  expect(part(el, 'confirmation') === null, 'the confirmation is hidden').to.equal(true);
  const settings = part(el, 'settings-button')!;
  expect(getComputedStyle(settings).position).to.equal('fixed');
  return settings;
}

describe('axe finds no violation', () => {
  for (const state of STATES) {
    for (const lang of LANGS) {
      for (const scheme of SCHEMES) {
        it(`${state}, ${lang}, ${scheme} (theme auto)`, async () => {
          await emulateMedia({ colorScheme: scheme });
          const el = await mount(lang);
          const piece = await enter(el, state);
          expect(getComputedStyle(piece).backgroundColor).to.equal(BACKGROUND[scheme]);
          const text = state === 'confirmation' ? piece.querySelector('[role="status"]')! : piece;
          expect(text.closest('[lang]')?.getAttribute('lang')).to.equal(lang);
          await expect(el).to.be.accessible();
        });
      }
    }
  }
});

// ---------------------------------------------------------------------------------------------
// WCAG 2.2 contrast (SC 1.4.3 text ≥ 4.5:1, SC 1.4.11 user-interface components ≥ 3:1), with the
// relative-luminance formula of the WCAG definition, on computed colours.

type Rgba = readonly [number, number, number, number];

/** A computed colour: Chromium gives `rgb(r, g, b)` or `rgba(r, g, b, a)`. */
function parseColor(css: string): Rgba {
  const m = /^rgba?\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?), (\d+(?:\.\d+)?)(?:, ([\d.]+))?\)$/.exec(css);
  if (!m) throw new Error(`not a computed sRGB colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

/** `top` painted over the opaque `bottom`. */
function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  const mix = (i: 0 | 1 | 2) => top[i] * a + bottom[i] * (1 - a);
  return [mix(0), mix(1), mix(2), 1];
}

/** WCAG 2.2 relative luminance of an opaque sRGB colour. */
function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.2 contrast ratio, 1 to 21. */
function contrast(a: Rgba, b: Rgba): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The colour painted behind `el`: its own and its ancestors' backgrounds, composited. */
function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const layer = parseColor(getComputedStyle(node).backgroundColor);
    layers.push(layer);
    if (layer[3] === 1) return layers.reduceRight((bottom, top) => over(top, bottom));
  }
  throw new Error(`no opaque background behind ${el.localName} in the shadow root`);
}

const textColor = (el: Element): Rgba =>
  over(parseColor(getComputedStyle(el).color), backgroundOf(el));

/** The colours of a computed `radial-gradient(…)`, in order. */
const gradientColors = (el: Element): Rgba[] =>
  [...getComputedStyle(el).backgroundImage.matchAll(/rgba?\([^)]*\)/g)].map((m) =>
    parseColor(m[0]),
  );

describe('the contrast formula', () => {
  const hex = (h: string): Rgba => [
    parseInt(h.slice(1, 3), 16),
    parseInt(h.slice(3, 5), 16),
    parseInt(h.slice(5, 7), 16),
    1,
  ];
  for (const [a, b, ratio] of [
    ['#000000', '#ffffff', 21],
    ['#ffffff', '#ffffff', 1],
    ['#777777', '#ffffff', 4.48],
    ['#767676', '#ffffff', 4.54],
    ['#0b4a8b', '#ffffff', 8.87],
  ] as const) {
    it(`${a} on ${b} is ${ratio}:1`, () => {
      expect(contrast(hex(a), hex(b))).to.be.closeTo(ratio, 0.01);
    });
  }
  it('composites a translucent colour over its background', () => {
    expect(over([0, 0, 0, 0.5], [255, 255, 255, 1])).to.deep.equal([127.5, 127.5, 127.5, 1]);
  });
});

/** Asserts `ratio ≥ min`, naming the pair and the ratio when it is not. */
function expectContrast(what: string, a: Rgba, b: Rgba, min: number): void {
  const ratio = contrast(a, b);
  expect(ratio, `${what}: ${ratio.toFixed(2)}:1, needs ${min}:1`).to.be.at.least(min);
}

/** Focuses `el` as the keyboard does, and returns its focus ring's colour and geometry. */
function ringOf(el: HTMLElement) {
  el.focus({ focusVisible: true } as FocusOptions);
  expect(el.matches(':focus-visible'), `${el.getAttribute('part')} shows focus`).to.equal(true);
  const style = getComputedStyle(el);
  return {
    color: parseColor(style.outlineColor),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    offset: parseFloat(style.outlineOffset),
  };
}

/**
 * A focus ring drawn outside the control (a positive offset), solid, at least 2 px wide, and at
 * least 3:1 against the background it is drawn on (the control's container).
 */
function expectRing(what: string, el: HTMLElement): void {
  const ring = ringOf(el);
  expect(ring.style, `${what}: ring style`).to.equal('solid');
  expect(ring.width, `${what}: ring width`).to.be.at.least(2);
  expect(ring.offset, `${what}: ring offset`).to.be.at.least(1);
  expectContrast(`${what}: focus ring`, ring.color, backgroundOf(el.parentElement!), 3);
}

/** Text against what is behind it: 4.5:1 (SC 1.4.3). */
const expectText = (what: string, el: Element) =>
  expectContrast(what, textColor(el), backgroundOf(el), 4.5);

/** A control's border against the background around it: 3:1 (SC 1.4.11). */
const expectBorder = (what: string, el: Element) =>
  expectContrast(
    what,
    parseColor(getComputedStyle(el).borderTopColor),
    backgroundOf(el.parentElement!),
    3,
  );

for (const scheme of SCHEMES) {
  describe(`contrast of the default ${scheme} palette`, () => {
    let el: ConsentBanner;
    beforeEach(async () => {
      await emulateMedia({ colorScheme: scheme });
      el = await mount('en');
    });

    it('first layer: body text, heading and link on the banner background', () => {
      const banner = part(el, 'banner')!;
      expect(getComputedStyle(banner).backgroundColor).to.equal(BACKGROUND[scheme]);
      expectText('heading', banner.querySelector('h2')!);
      expectText('body text', banner.querySelector('p')!);
      expectText('policy link', part(el, 'link')!);
    });

    it('first layer: button text on the button, button on the banner, focus ring', () => {
      for (const name of ['accept', 'reject', 'choose']) {
        const b = inBanner(el, name);
        expectText(`${name}: text`, b);
        expectContrast(
          `${name}: button on the banner`,
          backgroundOf(b),
          backgroundOf(part(el, 'banner')!),
          3,
        );
        expectRing(name, b);
      }
      expectRing('policy link', part(el, 'link')!);
    });

    it('dialog: labels, muted descriptions, "always active", buttons, close button', async () => {
      await enter(el, 'dialog');
      const dialog = dialogOf(el);
      expect(getComputedStyle(dialog).backgroundColor).to.equal(BACKGROUND[scheme]);
      expectText('dialog heading', dialog.querySelector('h2')!);
      expectText('dialog intro', dialog.querySelector('#cb-dialog-intro')!);
      for (const label of dialog.querySelectorAll('label')) expectText('switch label', label);
      const descriptions = dialog.querySelectorAll('li p');
      expect(descriptions.length).to.equal(4);
      for (const description of descriptions) {
        // The muted colour: what the descriptions are set in.
        expect(getComputedStyle(description).color).to.not.equal(getComputedStyle(dialog).color);
        expectText('muted description', description);
      }
      for (const mark of parts(el, 'always-active')) expectText('always active', mark);
      for (const b of dialog.querySelectorAll<HTMLElement>('[part~="button"]')) {
        expectText(`${b.getAttribute('part')}: text`, b);
        expectRing(b.getAttribute('part')!, b);
      }
      const close = part(el, 'close-button')!;
      expectText('close button', close);
      expectBorder('close button border', close);
      expectRing('close button', close);
    });

    it('switches: border, knob and track, off and on, and their focus ring', async () => {
      await enter(el, 'dialog');
      const off = switchFor(el, 'analytics');
      const on = switchFor(el, 'preferences');
      on.click();
      expect([off.checked, on.checked]).to.deep.equal([false, true]);
      const dialogBg = backgroundOf(dialogOf(el));

      expectBorder('off: switch border', off);
      const [offKnob, offTrack] = gradientColors(off) as [Rgba, Rgba];
      expect(offTrack[3], 'off: the track is the dialog background').to.equal(0);
      expectContrast('off: knob on the dialog', over(offKnob, dialogBg), dialogBg, 3);

      expectBorder('on: switch border', on);
      const [onKnob, onTrack] = gradientColors(on) as [Rgba, Rgba];
      expectContrast('on: knob on the track', onKnob, onTrack, 3);
      expectContrast('on: track on the dialog', onTrack, dialogBg, 3);

      expectRing('switch', off);
    });

    it('confirmation: message, settings and hide buttons', async () => {
      const confirmation = await enter(el, 'confirmation');
      expect(getComputedStyle(confirmation).backgroundColor).to.equal(BACKGROUND[scheme]);
      expectText('confirmation message', confirmation.querySelector('[role="status"]')!);
      for (const name of ['settings-button', 'dismiss-button']) {
        const b = part(el, name)!;
        expectText(`${name}: text`, b);
        expectBorder(`${name}: border`, b);
        expectRing(name, b);
      }
    });

    it('settings button: text and border on its own background', async () => {
      const settings = await enter(el, 'settings button');
      expectText('settings button text', settings);
      // Its border against its own fill: the page behind it is the host's, not ours.
      expectContrast(
        'settings button border',
        parseColor(getComputedStyle(settings).borderTopColor),
        backgroundOf(settings),
        3,
      );
    });
  });
}

describe('refusing looks exactly like accepting', () => {
  /** What a button looks like: its box and every property of its look that can differ. */
  const look = (b: HTMLElement) => {
    const s = getComputedStyle(b);
    const box = b.getBoundingClientRect();
    return [
      Math.round(box.width),
      Math.round(box.height),
      s.backgroundColor,
      s.color,
      s.borderTopWidth,
      s.borderTopColor,
      s.borderRadius,
      s.fontSize,
      s.fontWeight,
      s.paddingLeft,
    ].join(' ');
  };

  for (const scheme of SCHEMES) {
    it(`${scheme}: the main buttons on each layer are identical`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const el = await mount('th');
      const first = [...part(el, 'banner')!.querySelectorAll<HTMLElement>('[part~="button"]')];
      expect(first.map((b) => b.getAttribute('part'))).to.deep.equal([
        'button accept',
        'button reject',
        'button choose',
      ]);
      expect(new Set(first.map(look)).size, first.map(look).join('\n')).to.equal(1);
      await enter(el, 'dialog');
      const second = [...dialogOf(el).querySelectorAll<HTMLElement>('[part~="button"]')];
      expect(second.map((b) => b.getAttribute('part'))).to.have.members([
        'button save',
        'button accept',
        'button reject',
      ]);
      expect(new Set(second.map(look)).size, second.map(look).join('\n')).to.equal(1);
    });
  }
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
    check('::backdrop', getComputedStyle(dialogOf(el), '::backdrop'));
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

describe('semantics', () => {
  it('the first layer is a labelled region, not modal: the page stays usable', async () => {
    const wrapper = await fixture(
      html`<div>
        <button>Page button</button>
        <consent-banner lang="en"></consent-banner>
      </div>`,
    );
    const el = wrapper.querySelector('consent-banner')!;
    const banner = part(el, 'banner')!;
    expect(banner.localName).to.equal('section');
    expect(banner.hasAttribute('aria-modal')).to.equal(false);
    expect(
      el.shadowRoot!.getElementById(banner.getAttribute('aria-labelledby')!)?.localName,
    ).to.equal('h2');
    const pageButton = wrapper.querySelector('button')!;
    pageButton.focus();
    expect(document.activeElement === pageButton, 'a page button takes focus').to.equal(true);
    expect(dialogOf(el).open).to.equal(false);
  });

  it('the dialog is labelled by its heading and described by its intro', async () => {
    const el = await mount('th');
    const dialog = await enter(el, 'dialog');
    const byId = (id: string | null) => el.shadowRoot!.getElementById(id ?? '');
    const title = byId(dialog.getAttribute('aria-labelledby'));
    const intro = byId(dialog.getAttribute('aria-describedby'));
    expect(title?.localName).to.equal('h2');
    expect(dialog.contains(title)).to.equal(true);
    expect(title?.textContent).to.equal('ตั้งค่าคุกกี้และบันทึกการเข้าใช้งาน');
    expect(intro?.localName).to.equal('p');
    expect(intro?.textContent).to.include('เลือกได้ว่าจะให้เว็บไซต์เก็บข้อมูลใดบ้าง');
  });

  it('each switch has a visible label and its explanation as description', async () => {
    const el = await mount('en');
    await enter(el, 'dialog');
    const switches = parts<HTMLInputElement>(el, 'switch');
    expect(switches.map((s) => s.dataset.id)).to.deep.equal(['logs', 'preferences', 'analytics']);
    for (const s of switches) {
      const label = s.labels?.[0];
      expect(
        label?.getBoundingClientRect().width ?? 0,
        `${s.dataset.id}: visible label`,
      ).to.be.above(0);
      const description = el.shadowRoot!.getElementById(s.getAttribute('aria-describedby') ?? '');
      expect(
        description !== null && description.closest('li') === s.closest('li'),
        `${s.dataset.id}: described by its own explanation`,
      ).to.equal(true);
      expect(description?.textContent?.length).to.be.above(20);
    }
  });

  it('a required category shows "always active" as text, with no control', async () => {
    const el = await mount('en');
    await enter(el, 'dialog');
    const necessary = [...el.shadowRoot!.querySelectorAll('li')].find((li) =>
      li.textContent!.includes('Necessary cookies'),
    )!;
    expect(necessary.querySelectorAll('input, button, [role="switch"]').length).to.equal(0);
    expect(necessary.textContent!.replace(/\s+/g, ' ')).to.match(
      /^ ?Necessary cookies Always active Cookies the site cannot work without/,
    );
  });
});
