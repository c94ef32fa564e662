// Accessibility of every state a visitor meets (docs/explanation/accessibility.md): axe in each state ×
// language × colour scheme; the WCAG 2.2 contrast of the default palettes, measured on the
// colours the browser computed; the focus ring. The scheme is set with the `theme` attribute,
// which works in every engine; media.test.ts checks that `auto` follows the system to the same
// palettes.
import { expect, fixture, html } from '@open-wc/testing';
import type { ConsentBanner } from '../../src/index.js';
import { clearAllCookies, dialogOf, dialogOpen, part, parts, switchFor } from './helpers.js';
import {
  BACKGROUND,
  LANGS,
  SCHEMES,
  STATES,
  backgroundOf,
  contrast,
  enter,
  expectBorder,
  expectContrast,
  expectRing,
  expectText,
  gradientColors,
  inBanner,
  mount,
  over,
  parseColor,
  type Rgba,
} from './look.js';

beforeEach(clearAllCookies);

afterEach(clearAllCookies);

describe('axe finds no violation', () => {
  for (const state of STATES) {
    for (const lang of LANGS) {
      for (const scheme of SCHEMES) {
        it(`${state}, ${lang}, ${scheme}`, async () => {
          const el = await mount(lang, scheme);
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

for (const scheme of SCHEMES) {
  describe(`contrast of the default ${scheme} palette`, () => {
    let el: ConsentBanner;
    beforeEach(async () => {
      el = await mount('en', scheme);
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
      const el = await mount('th', scheme);
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

describe('semantics', () => {
  it('the first layer is a labelled region, not modal: the page stays usable', async () => {
    const wrapper = await fixture(
      html`<div>
        <button>Page button</button>
        <consent-banner lang="en"></consent-banner>
      </div>`,
    );
    const el = wrapper.querySelector('consent-banner')!;
    // The fixture waited for the wrapper alone: the first layer comes with the interface.
    await el.updateComplete;
    const banner = part(el, 'banner')!;
    expect(banner.localName).to.equal('section');
    expect(banner.hasAttribute('aria-modal')).to.equal(false);
    expect(
      el.shadowRoot!.getElementById(banner.getAttribute('aria-labelledby')!)?.localName,
    ).to.equal('h2');
    const pageButton = wrapper.querySelector('button')!;
    pageButton.focus();
    expect(document.activeElement === pageButton, 'a page button takes focus').to.equal(true);
    expect(dialogOpen(el)).to.equal(false);
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
