// The main flows of the built script tag (dist/consent-banner.iife.js), in every engine, as a
// visitor meets them: a whole page in an iframe (test/flows/pages/iife.html), so that it can be
// reloaded, driven with real mouse clicks and keys. First layer, accept, reject, choose and
// save, the reload with no banner, gated scripts once each, the keyboard path, axe.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { decodeRecord } from '../../src/core/codec.js';
import { EMBED_STRINGS } from '../../src/i18n/embed.js';
import { en } from '../../src/i18n/en.js';
import { th } from '../../src/i18n/th.js';
import { clearAllCookies, getCookie } from '../element/helpers.js';
import { click, closeFrames, openFrame, reload, until, windowOf } from './frame.js';

const PAGE = '/test/flows/pages/iife.html';
/** The page's gated scripts, in document order. */
const ALL = ['analytics inline', 'analytics src', 'preferences', 'both'];

afterEach(() => {
  closeFrames();
  clearAllCookies();
});

/** The page in `frame` and the banner in it, as a visitor sees them. */
function banner(frame: HTMLIFrameElement) {
  const win = () => windowOf(frame);
  const root = () => win().document.querySelector('consent-banner')?.shadowRoot ?? null;
  const find = (selector: string) => root()?.querySelector<HTMLElement>(selector) ?? null;
  const shown = (el: HTMLElement | null) => !!el && el.getBoundingClientRect().height > 0;
  return {
    win,
    find,
    region: () => find('section[part~="banner"]'),
    dialog: () => find('dialog') as HTMLDialogElement | null,
    dialogOpen: () => !!(find('dialog') as HTMLDialogElement | null)?.open,
    settings: () => find('[part~="settings-button"]'),
    shown,
    /** What has focus in the page, through the shadow root: its part (and category), or its id. */
    focused() {
      const active = win().document.activeElement;
      const inner = active?.shadowRoot?.activeElement ?? active;
      const part = inner?.getAttribute('part');
      const id = inner?.getAttribute('data-id');
      return part ? (id ? `${part} ${id}` : part) : (inner?.id ?? inner?.localName ?? null);
    },
    /** The stored record's granted categories, sorted; null with no cookie. */
    granted: () => {
      const record = decodeRecord(getCookie());
      return record ? [...record.granted].sort() : null;
    },
  };
}

/** Opens the page in `lang` and waits for the banner to be ready. */
async function open(lang: 'th' | 'en') {
  const frame = await openFrame(`${PAGE}?lang=${lang}`);
  const b = banner(frame);
  await until(() => b.find('[part]') !== null, 'the banner renders');
  return { frame, b };
}

/** Runs axe-core inside the page; resolves with its violations, described. */
async function axe(frame: HTMLIFrameElement): Promise<string[]> {
  const win = windowOf(frame) as ReturnType<typeof windowOf> & {
    axe?: { run(context: Document): Promise<{ violations: { id: string; help: string }[] }> };
  };
  if (!win.axe) {
    const script = win.document.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve) => script.addEventListener('load', resolve));
    win.document.head.append(script);
    await loaded;
  }
  const { violations } = await win.axe!.run(win.document);
  return violations.map((v) => `${v.id}: ${v.help}`);
}

const STRINGS = { th, en } as const;

for (const lang of ['en', 'th'] as const) {
  const s = STRINGS[lang];

  describe(`the built script tag, ${lang}`, () => {
    it('first visit: the first layer with three equal buttons, nothing gated has run, axe is clean', async () => {
      const { frame, b } = await open(lang);
      const region = b.region()!;
      expect(b.shown(region)).to.equal(true);
      expect(region.closest('[lang]')?.getAttribute('lang')).to.equal(lang);
      expect(region.querySelector('h2')?.textContent?.trim()).to.equal(s.bannerTitle);
      const buttons = [...region.querySelectorAll('[part~="button"]')].map((el) =>
        el.textContent?.trim(),
      );
      expect(buttons).to.deep.equal([s.acceptAll, s.rejectAll, s.choose]);
      expect(b.win().ran).to.deep.equal([]);
      expect(await axe(frame)).to.deep.equal([]);
      expect(b.win().errors).to.deep.equal([]);
    });

    it('the first layer never scrolls sideways, on a desktop and on a phone', async () => {
      const { frame, b } = await open(lang);
      for (const width of [800, 390, 320]) {
        frame.style.width = `${width}px`;
        await until(() => b.win().innerWidth === width, `the page is ${width} px wide`);
        const region = b.region()!;
        expect(region.scrollWidth, `${width} px: scrollWidth ≤ clientWidth`).to.be.at.most(
          region.clientWidth,
        );
        expect(b.win().document.documentElement.scrollWidth, `${width} px: the page`).to.equal(
          width,
        );
      }
    });

    it('Accept all: every gated script once, in order; after a reload, no banner and once again', async () => {
      const { frame, b } = await open(lang);
      await click(frame, b.find('section [part~="accept"]')!);
      await until(
        () => b.win().ran.length === ALL.length,
        () => `ran: ${b.win().ran}`,
      );
      expect(b.win().ran).to.deep.equal(ALL);
      expect(b.granted()).to.deep.equal(['analytics', 'logs', 'necessary', 'preferences']);
      expect(b.region()).to.equal(null);

      await reload(frame);
      await until(() => b.settings() !== null, 'the settings button');
      expect(b.region(), 'no first layer for a returning visitor').to.equal(null);
      await until(
        () => b.win().ran.length === ALL.length,
        () => `ran: ${b.win().ran}`,
      );
      expect(b.win().ran).to.deep.equal(ALL);
      expect(b.win().errors).to.deep.equal([]);
    });

    it('a returning visitor: no Lit evaluated, the settings button alone; the dialog the moment they ask', async () => {
      const { frame, b } = await open(lang);
      await click(frame, b.find('section [part~="reject"]')!);
      await until(() => b.granted() !== null, 'the cookie');

      await reload(frame);
      await until(() => b.settings() !== null, 'the settings button');
      // lit-html registers its version on the page when its module is evaluated.
      const lit = () => (b.win() as unknown as { litHtmlVersions?: string[] }).litHtmlVersions;
      expect(lit(), 'no Lit evaluated').to.equal(undefined);
      const root = b.win().document.querySelector('consent-banner')!.shadowRoot!;
      expect(
        [...root.children].map((e) => `${e.localName} ${e.getAttribute('part')}`),
        'the shadow root holds the settings button alone',
      ).to.deep.equal(['button settings-button']);
      expect(b.settings()!.textContent?.trim()).to.equal(s.settingsButton);
      expect(getComputedStyle(b.settings()!).position, 'styled: floating').to.equal('fixed');

      await click(frame, b.settings()!);
      await until(() => b.dialogOpen(), 'the dialog opens');
      expect(lit(), 'Lit, now that it is needed').to.have.length(1);
      // What the log files keep, and the visitor's own record, come with the extras file.
      await until(
        () => b.find('[part~="consent-id"]') !== null && b.find('dialog table') !== null,
        'the record and the log files table',
      );
      expect(b.find('[part~="consent-id"]')!.textContent).to.equal(decodeRecord(getCookie())!.id);
      expect(b.find('[part~="declaration"] summary')!.textContent).to.equal(
        `${EMBED_STRINGS[lang].kept} (4)`,
      );
      // The button that opened it was the element's own; the interface's takes its place, and
      // focus comes back to that one.
      await sendKeys({ press: 'Escape' });
      await until(() => !b.dialogOpen(), 'Escape closes it');
      await until(
        () => b.focused() === 'settings-button',
        () => `focus on ${b.focused()}`,
      );
      expect(b.win().errors).to.deep.equal([]);
    });

    it('Reject all: nothing gated runs, now or after a reload', async () => {
      const { frame, b } = await open(lang);
      await click(frame, b.find('section [part~="reject"]')!);
      await until(() => b.granted() !== null, 'the cookie');
      expect(b.granted()).to.deep.equal(['necessary']);
      expect(b.region()).to.equal(null);

      await reload(frame);
      await until(() => b.settings() !== null, 'the settings button');
      expect(b.region()).to.equal(null);
      expect(b.win().ran).to.deep.equal([]);
      expect(b.win().errors).to.deep.equal([]);
    });

    it('every built-in text reads as written, letter for letter (the build ships Thai compacted)', async () => {
      const { frame, b } = await open(lang);
      const text = (el: Element | null) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const region = b.region()!;
      expect(text(region.querySelector('p'))).to.equal(`${s.bannerText} ${s.policyLink}`);
      await click(frame, b.find('section [part~="choose"]')!);
      await until(() => b.dialogOpen(), 'the dialog opens');
      const dialog = b.dialog()!;
      expect(text(dialog.querySelector('h2'))).to.equal(s.dialogTitle);
      expect(text(dialog.querySelector('#cb-dialog-intro'))).to.equal(
        `${s.dialogIntro} ${s.policyLink}`,
      );
      expect(b.find('[part~="close-button"]')?.getAttribute('aria-label')).to.equal(s.close);
      const categories = [...dialog.querySelectorAll('[part~="category"]')].map((li) => [
        text(li.querySelector('[part~="label"]')),
        text(li.querySelector('[part~="description"]')),
      ]);
      expect(categories).to.deep.equal([
        [s.necessaryLabel, s.necessaryDescription],
        [s.logsLabel, `${s.logsDescription} ${s.logsOptionalNote}`],
        [s.preferencesLabel, s.preferencesDescription],
        [s.analyticsLabel, s.analyticsDescription],
      ]);
      expect(text(b.find('[part~="always-active"]'))).to.equal(s.alwaysActive);
      expect(text(b.find('[part~="save"]'))).to.equal(s.save);
      await click(frame, b.find('[part~="save"]')!);
      await until(() => text(b.find('[part~="message"]')) !== '', 'the confirmation');
      expect(text(b.find('[part~="message"]'))).to.equal(s.savedMessage);
      expect(text(b.find('[part~="settings-button"]'))).to.equal(s.settingsButton);
      expect(text(b.find('[part~="dismiss-button"]'))).to.equal(s.dismiss);
    });

    it('Choose, analytics on, Save: only the analytics scripts run; the dialog shows the choice again', async () => {
      const { frame, b } = await open(lang);
      await click(frame, b.find('section [part~="choose"]')!);
      await until(() => b.dialogOpen(), 'the dialog opens');
      expect(await axe(frame)).to.deep.equal([]);
      const analytics = b.find('input[data-id="analytics"]') as HTMLInputElement;
      expect(analytics.checked, 'off until the visitor turns it on').to.equal(false);
      await click(frame, analytics);
      expect(analytics.checked).to.equal(true);
      await click(frame, b.find('[part~="save"]')!);
      await until(
        () => b.win().ran.length === 2,
        () => `ran: ${b.win().ran}`,
      );
      expect(b.win().ran).to.deep.equal(['analytics inline', 'analytics src']);
      expect(b.granted()).to.deep.equal(['analytics', 'necessary']);

      await reload(frame);
      await until(() => b.settings() !== null, 'the settings button');
      await click(frame, b.settings()!);
      await until(() => b.dialogOpen(), 'the dialog opens again');
      const again = b.find('input[data-id="analytics"]') as HTMLInputElement;
      const preferences = b.find('input[data-id="preferences"]') as HTMLInputElement;
      expect([again.checked, preferences.checked]).to.deep.equal([true, false]);
      await until(
        () => b.win().ran.length === 2,
        () => `ran: ${b.win().ran}`,
      );
      expect(b.win().errors).to.deep.equal([]);
    });

    it('by keyboard alone: Tab to Choose, Enter, Space on a switch, Save; focus is never lost', async () => {
      const { frame, b } = await open(lang);
      frame.focus();
      b.win().document.getElementById('page-button')!.focus();
      const tabTo = async (what: string) => {
        for (let i = 0; i < 12 && b.focused() !== what; i += 1) await sendKeys({ press: 'Tab' });
        expect(b.focused(), `Tab reaches ${what}`).to.equal(what);
      };
      await tabTo('button accept');
      await sendKeys({ press: 'Tab' });
      expect(b.focused()).to.equal('button reject');
      await sendKeys({ press: 'Tab' });
      expect(b.focused()).to.equal('button choose');
      await sendKeys({ press: 'Enter' });
      await until(() => b.dialogOpen(), 'Enter opens the dialog');
      await sendKeys({ press: 'Escape' });
      await until(() => !b.dialogOpen(), 'Escape closes it');
      expect(b.focused(), 'focus returns to Choose').to.equal('button choose');

      await sendKeys({ press: 'Enter' });
      await until(() => b.dialogOpen(), 'the dialog opens again');
      await tabTo('switch analytics');
      const analytics = b.find('input[data-id="analytics"]') as HTMLInputElement;
      // A space, not the key name "Space", which Puppeteer's Firefox does not know.
      await sendKeys({ press: ' ' });
      expect(analytics.checked).to.equal(true);
      await tabTo('button save');
      await sendKeys({ press: 'Enter' });
      await until(() => b.granted() !== null, 'the cookie');
      expect(b.granted()).to.deep.equal(['analytics', 'necessary']);
      expect(b.dialogOpen()).to.equal(false);
      await until(
        () => b.focused() === 'settings-button',
        () => `focus on ${b.focused()}`,
      );
      await until(
        () => b.win().ran.length === 2,
        () => `ran: ${b.win().ran}`,
      );
    });
  });
}

describe('the built script tag, its console messages', () => {
  it('a bad setting gives one short line: what was wrong, its code, and the page that explains it', async () => {
    const { b } = await open('en');
    const win = b.win() as ReturnType<typeof b.win> & { console: Console };
    const lines: string[] = [];
    const warn = win.console.warn;
    win.console.warn = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      const banner = win.document.querySelector('consent-banner')!;
      banner.setAttribute('cookie-days', 'soon');
      banner.setAttribute('theme', 'blue');
      await until(() => lines.length > 0, 'the message');
      // Both settings are read together: one line.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(lines).to.deep.equal([
        '[consent-banner] cookie-days="soon" ignored (CB12); theme="blue" ignored (CB14). See https://github.com/consent-banner/consent-banner/blob/main/docs/messages.md',
      ]);
    } finally {
      win.console.warn = warn;
    }
    expect(b.region(), 'the banner still works').to.not.equal(null);
  });

  it('a stored choice the page does not count: one info line with the reason and its code', async () => {
    const { b } = await open('en');
    const win = b.win() as ReturnType<typeof b.win> & { console: Console };
    const banner = win.document.querySelector('consent-banner') as HTMLElement & {
      acceptAll(): void;
    };
    banner.acceptAll();
    await until(() => b.granted() !== null, 'the cookie');
    const lines: string[] = [];
    const info = win.console.info;
    win.console.info = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
    try {
      // The site publishes a new policy revision: the stored choice no longer counts.
      banner.setAttribute('revision', '7');
      await until(() => lines.length > 0, 'the message');
      expect(lines).to.deep.equal([
        '[consent-banner] stored choice ignored: revision 0, page has 7 (CB26). See https://github.com/consent-banner/consent-banner/blob/main/docs/messages.md',
      ]);
    } finally {
      win.console.info = info;
    }
    await until(() => b.region() !== null, 'the visitor is asked again');
  });
});
