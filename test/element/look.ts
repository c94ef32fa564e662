// Shared by the look tests (a11y.test.ts, media.test.ts): a banner with every piece, the states
// a visitor meets, and WCAG 2.2 contrast measured on the colours the browser computed.
import { expect, fixture, html } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import type { ConsentBanner } from '../../src/index.js';
import { dialogOf, dialogOpen, part, until } from './helpers.js';

export type Lang = 'th' | 'en';
export type Scheme = 'light' | 'dark';
export type State = 'first layer' | 'dialog' | 'confirmation' | 'settings button';

export const LANGS: Lang[] = ['th', 'en'];
export const SCHEMES: Scheme[] = ['light', 'dark'];
export const STATES: State[] = ['first layer', 'dialog', 'confirmation', 'settings button'];

/** The default backgrounds (docs/guide/styling.md): a check that the scheme under test applies. */
export const BACKGROUND: Record<Scheme, string> = {
  light: 'rgb(255, 255, 255)',
  dark: 'rgb(27, 31, 36)',
};

/**
 * Every piece there is: a policy link, the optional logs switch, two required categories. No
 * `theme` attribute unless given: the default, `auto`, as most pages write it.
 */
export const mount = (lang: Lang, theme?: 'light' | 'dark') =>
  fixture<ConsentBanner>(
    html`<consent-banner
      lang=${lang}
      theme=${ifDefined(theme)}
      policy-url="/privacy"
      logs="optional"
    ></consent-banner>`,
  );

export const inBanner = (el: ConsentBanner, name: string) =>
  part(el, 'banner')!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** Brings a freshly mounted banner into `state` the way a visitor does; returns its main piece. */
export async function enter(el: ConsentBanner, state: State): Promise<HTMLElement> {
  if (state === 'first layer') return part<HTMLElement>(el, 'banner')!;
  if (state === 'dialog') {
    inBanner(el, 'choose').click();
    await until(() => dialogOpen(el), 'the dialog opens');
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

// ---------------------------------------------------------------------------------------------
// WCAG 2.2 contrast (SC 1.4.3 text ≥ 4.5:1, SC 1.4.11 user-interface components ≥ 3:1), with the
// relative-luminance formula of the WCAG definition, on computed colours.

export type Rgba = readonly [number, number, number, number];

/** A computed colour: Chromium gives `rgb(r, g, b)` or `rgba(r, g, b, a)`. */
export function parseColor(css: string): Rgba {
  const m = /^rgba?\((\d+(?:\.\d+)?), (\d+(?:\.\d+)?), (\d+(?:\.\d+)?)(?:, ([\d.]+))?\)$/.exec(css);
  if (!m) throw new Error(`not a computed sRGB colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
}

/** `top` painted over the opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  const mix = (i: 0 | 1 | 2) => top[i] * a + bottom[i] * (1 - a);
  return [mix(0), mix(1), mix(2), 1];
}

/** WCAG 2.2 relative luminance of an opaque sRGB colour. */
export function luminance([r, g, b]: Rgba): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** WCAG 2.2 contrast ratio, 1 to 21. */
export function contrast(a: Rgba, b: Rgba): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The colour painted behind `el`: its own and its ancestors' backgrounds, composited. */
export function backgroundOf(el: Element): Rgba {
  const layers: Rgba[] = [];
  for (let node: Element | null = el; node; node = node.parentElement) {
    const layer = parseColor(getComputedStyle(node).backgroundColor);
    layers.push(layer);
    if (layer[3] === 1) return layers.reduceRight((bottom, top) => over(top, bottom));
  }
  throw new Error(`no opaque background behind ${el.localName} in the shadow root`);
}

export const textColor = (el: Element): Rgba =>
  over(parseColor(getComputedStyle(el).color), backgroundOf(el));

/** The colours of a computed `radial-gradient(…)`, in order. */
export const gradientColors = (el: Element): Rgba[] =>
  [...getComputedStyle(el).backgroundImage.matchAll(/rgba?\([^)]*\)/g)].map((m) =>
    parseColor(m[0]),
  );

/** Asserts `ratio ≥ min`, naming the pair and the ratio when it is not. */
export function expectContrast(what: string, a: Rgba, b: Rgba, min: number): void {
  const ratio = contrast(a, b);
  expect(ratio, `${what}: ${ratio.toFixed(2)}:1, needs ${min}:1`).to.be.at.least(min);
}

/** Focuses `el` as the keyboard does, and returns its focus ring's colour and geometry. */
export function ringOf(el: HTMLElement) {
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
export function expectRing(what: string, el: HTMLElement): void {
  const ring = ringOf(el);
  expect(ring.style, `${what}: ring style`).to.equal('solid');
  expect(ring.width, `${what}: ring width`).to.be.at.least(2);
  expect(ring.offset, `${what}: ring offset`).to.be.at.least(1);
  expectContrast(`${what}: focus ring`, ring.color, backgroundOf(el.parentElement!), 3);
}

/** Text against what is behind it: 4.5:1 (SC 1.4.3). */
export const expectText = (what: string, el: Element) =>
  expectContrast(what, textColor(el), backgroundOf(el), 4.5);

/** A control's border against the background around it: 3:1 (SC 1.4.11). */
export const expectBorder = (what: string, el: Element) =>
  expectContrast(
    what,
    parseColor(getComputedStyle(el).borderTopColor),
    backgroundOf(el.parentElement!),
    3,
  );
