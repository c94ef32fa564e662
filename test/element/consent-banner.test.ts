import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ConsentBanner } from '../../src/index.js';
import { decodeRecord } from '../../src/core/codec.js';
import {
  NOW,
  button,
  captureConsole,
  clearAllCookies,
  dialogOf,
  dialogOpen,
  getCookie,
  openPreferences,
  part,
  parts,
  recordEvents,
  setConsentCookie,
  storedValue,
  switchFor,
  until,
} from './helpers.js';

let events: ReturnType<typeof recordEvents>;

beforeEach(() => {
  clearAllCookies();
  events = recordEvents();
});

afterEach(() => {
  events.stop();
  clearAllCookies();
});

const mount = (
  template = html`<consent-banner lang="en" policy-url="/privacy"></consent-banner>`,
) => fixture<ConsentBanner>(template);

describe('first visit', () => {
  it('shows a labelled region naming cookies and log files, with the policy link', async () => {
    const el = await mount();
    const banner = part(el, 'banner')!;
    expect(banner.tagName).to.equal('SECTION');
    const heading = el.shadowRoot!.getElementById(banner.getAttribute('aria-labelledby')!);
    expect(heading?.textContent).to.equal('Cookies and log files');
    expect(banner.textContent)
      .to.match(/cookies/i)
      .and.match(/IP address/)
      .and.match(/time/);
    expect(part<HTMLAnchorElement>(el, 'link')!.getAttribute('href')).to.equal('/privacy');
  });

  it('a listener added right after the element connects, in the same script, hears consent-ready', async () => {
    const el = document.createElement('consent-banner');
    el.lang = 'en';
    const heard: string[] = [];
    const onReady = () => heard.push('ready');
    const onChange = () => heard.push('change');
    document.body.append(el);
    try {
      document.addEventListener('consent-ready', onReady);
      document.addEventListener('consent-change', onChange);
      // The state is there at once, for a script that reads it instead of listening.
      expect(el.consent.decided).to.equal(false);
      expect(heard).to.deep.equal([]);
      await el.updateComplete;
      expect(heard).to.deep.equal(['ready']);
    } finally {
      document.removeEventListener('consent-ready', onReady);
      document.removeEventListener('consent-change', onChange);
      el.remove();
    }
  });

  it('consent-ready comes before a change the same script makes at once', async () => {
    const el = document.createElement('consent-banner');
    el.lang = 'en';
    document.body.append(el);
    try {
      el.acceptAll();
      await el.updateComplete;
      expect(events.ready).to.have.length(1);
      expect(events.ready[0]!.decided).to.equal(false);
      expect(events.changes.map((c) => c.method)).to.deep.equal(['accept-all']);
      // ready was recorded first: the change came after it.
      expect(events.order).to.deep.equal(['ready', 'change']);
    } finally {
      el.remove();
    }
  });

  it('fires consent-ready once, undecided, with required categories on', async () => {
    const el = await mount();
    expect(events.ready).to.have.length(1);
    expect(events.ready[0]).to.deep.equal(el.consent);
    expect(el.consent).to.deep.equal({
      decided: false,
      categories: { necessary: true, logs: true, preferences: false, analytics: false },
      granted: ['necessary', 'logs'],
      denied: ['preferences', 'analytics'],
      revision: 0,
      id: null,
      decidedAt: null,
      method: null,
    });
    expect(events.changes).to.have.length(0);
  });

  it('gives Accept, Reject and Choose the same size and the same look', async () => {
    const el = await mount();
    const buttons = [...part(el, 'banner')!.querySelectorAll<HTMLElement>('[part~="button"]')];
    expect(buttons.map((b) => b.textContent?.trim())).to.deep.equal([
      'Accept all',
      'Reject all',
      'Choose',
    ]);
    const boxes = buttons.map((b) => b.getBoundingClientRect());
    const looks = buttons.map((b) => {
      const s = getComputedStyle(b);
      return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderTopWidth].join();
    });
    for (const box of boxes) {
      expect(box.width).to.be.closeTo(boxes[0]!.width, 1);
      expect(box.height).to.be.closeTo(boxes[0]!.height, 1);
    }
    expect(new Set(looks).size).to.equal(1);
  });

  it('is accessible in English and Thai', async () => {
    const en = await mount();
    await expect(en).to.be.accessible();
    en.remove();
    const th = await mount(html`<consent-banner lang="th"></consent-banner>`);
    expect(part(th, 'banner')!.textContent).to.include('ยอมรับทั้งหมด');
    await expect(th).to.be.accessible();
  });
});

describe('deciding on the first layer', () => {
  it('Accept all grants every optional category, stores it and hides the banner', async () => {
    const el = await mount();
    button(part(el, 'banner')!, 'Accept all').click();
    await el.updateComplete;
    expect(part(el, 'banner')).to.equal(null);
    expect(el.consent.decided).to.equal(true);
    expect(el.consent.method).to.equal('accept-all');
    expect(el.consent.granted).to.deep.equal(['necessary', 'logs', 'preferences', 'analytics']);
    const change = events.changes.at(-1)!;
    expect(change.source).to.equal('banner');
    expect(change.changed).to.deep.equal(['preferences', 'analytics']);
    const record = decodeRecord(getCookie());
    expect(record?.granted).to.deep.equal(['necessary', 'logs', 'preferences', 'analytics']);
    expect(record?.id).to.equal(el.consent.id);
    expect(new Date(el.consent.decidedAt!).getTime() / 1000).to.be.closeTo(NOW(), 5);
  });

  it('Reject all records a decision with every optional category denied', async () => {
    const el = await mount();
    button(part(el, 'banner')!, 'Reject all').click();
    await el.updateComplete;
    expect(part(el, 'banner')).to.equal(null);
    expect(el.consent).to.include({ decided: true, method: 'reject-all' });
    expect(el.consent.denied).to.deep.equal(['preferences', 'analytics']);
    expect(events.changes).to.have.length(1);
    expect(events.changes[0]!.changed).to.deep.equal([]);
    expect(decodeRecord(getCookie())?.denied).to.deep.equal(['preferences', 'analytics']);
  });

  it('confirms the choice in a live region, with the settings button at hand', async () => {
    const el = await mount();
    const live = el.shadowRoot!.querySelector('[role="status"]')!;
    expect(live.textContent?.trim()).to.equal('');
    button(part(el, 'banner')!, 'Reject all').click();
    await el.updateComplete;
    const confirmation = part(el, 'confirmation')!;
    // The same live region, present before the choice, now holds the message.
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.equal(live);
    expect(confirmation.contains(live)).to.equal(true);
    expect(live.textContent).to.include('Your choice is saved');
    expect(live.querySelector('button')).to.equal(null);
    const settings = part(el, 'settings-button')!;
    expect(confirmation.contains(settings)).to.equal(true);
    await expect(el).to.be.accessible();
    settings.click();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(true);
    dialogOf(el).close();
  });

  it('hides the confirmation on request; the settings button then floats', async () => {
    const el = await mount();
    el.rejectAll();
    await el.updateComplete;
    part(el, 'dismiss-button')!.click();
    await el.updateComplete;
    expect(part(el, 'confirmation')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent?.trim()).to.equal('');
    const settings = part(el, 'settings-button')!;
    expect(settings.textContent?.trim()).to.equal('Cookie settings');
    expect(getComputedStyle(settings).position).to.equal('fixed');
    await expect(el).to.be.accessible();
  });
});

describe('the preferences dialog', () => {
  it('opens as a modal with a switch per optional category and "always active" for required', async () => {
    const el = await mount();
    button(part(el, 'banner')!, 'Choose').click();
    await el.updateComplete;
    const dialog = dialogOf(el);
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    const switches = parts<HTMLInputElement>(el, 'switch');
    expect(switches.map((s) => s.dataset.id)).to.deep.equal(['preferences', 'analytics']);
    for (const s of switches) {
      expect(s.getAttribute('role')).to.equal('switch');
      expect(s.checked).to.equal(false);
      expect(s.labels?.[0]?.textContent?.trim()).to.not.equal('');
    }
    expect(parts(el, 'always-active').map((a) => a.textContent)).to.deep.equal([
      'Always active',
      'Always active',
    ]);
    await expect(el).to.be.accessible();
  });

  it('Save choices stores exactly the switches that are on', async () => {
    const el = await mount();
    el.showPreferences();
    await el.updateComplete;
    switchFor(el, 'analytics').click();
    button(dialogOf(el), 'Save choices').click();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    expect(el.consent.categories).to.deep.equal({
      necessary: true,
      logs: true,
      preferences: false,
      analytics: true,
    });
    expect(el.consent.method).to.equal('custom');
    expect(events.changes.at(-1)).to.include({ source: 'preferences' });
    expect(events.changes.at(-1)!.changed).to.deep.equal(['analytics']);
  });

  it('shows the current choice when reopened, and forgets unsaved toggles', async () => {
    setConsentCookie(storedValue({ analytics: true }));
    const el = await mount();
    el.showPreferences();
    await el.updateComplete;
    expect(switchFor(el, 'analytics').checked).to.equal(true);
    switchFor(el, 'analytics').click();
    dialogOf(el).close();
    el.showPreferences();
    await el.updateComplete;
    expect(switchFor(el, 'analytics').checked).to.equal(true);
  });

  it('makes logs a switch only with logs="optional", and explains the choice', async () => {
    const el = await mount(html`<consent-banner lang="en" logs="optional"></consent-banner>`);
    await openPreferences(el);
    expect(parts<HTMLInputElement>(el, 'switch').map((s) => s.dataset.id)).to.deep.equal([
      'logs',
      'preferences',
      'analytics',
    ]);
    expect(el.consent.categories.logs).to.equal(false);
    const description = el.shadowRoot!.getElementById('cb-desc-logs')!.textContent!;
    expect(description).to.include('shortened');
  });

  it('offers only the categories named in `categories`', async () => {
    const el = await mount(
      html`<consent-banner lang="en" categories="analytics"></consent-banner>`,
    );
    await openPreferences(el);
    expect(parts<HTMLInputElement>(el, 'switch').map((s) => s.dataset.id)).to.deep.equal([
      'analytics',
    ]);
    expect(Object.keys(el.consent.categories)).to.deep.equal(['necessary', 'logs', 'analytics']);
  });

  it('Escape closes it and focus returns to the opener', async () => {
    const el = await mount();
    const choose = button(part(el, 'banner')!, 'Choose');
    choose.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(true);
    const focused = el.shadowRoot!.activeElement;
    expect(focused !== null && dialogOf(el).contains(focused)).to.equal(true);
    const closed = oneEvent(dialogOf(el), 'close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    expect(el.shadowRoot!.activeElement).to.equal(choose);
    expect(el.consent.decided).to.equal(false);
  });

  it('opened by the API, returns focus to what the host had focused', async () => {
    const wrapper = await fixture(
      html`<div>
        <button>Host button</button>
        <consent-banner lang="en"></consent-banner>
      </div>`,
    );
    const el = wrapper.querySelector('consent-banner')!;
    const host = wrapper.querySelector('button')!;
    host.focus();
    el.showPreferences();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(true);
    expect(document.activeElement).to.equal(el);
    const closed = oneEvent(dialogOf(el), 'close');
    await sendKeys({ press: 'Escape' });
    await closed;
    await el.updateComplete;
    expect(document.activeElement).to.equal(host);
  });

  it('is reachable and operable by keyboard: Tab to a switch, Space toggles it', async () => {
    const el = await mount();
    el.showPreferences();
    await el.updateComplete;
    const target = switchFor(el, 'preferences');
    for (let i = 0; i < 10 && el.shadowRoot!.activeElement !== target; i++)
      await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(target);
    // A space, not the key name "Space", which Puppeteer's Firefox does not know.
    await sendKeys({ press: ' ' });
    expect(target.checked).to.equal(true);
  });

  it('opens from any host element with data-consent-open', async () => {
    const wrapper = await fixture(
      html`<div>
        <a href="#" data-consent-open>Cookie settings</a>
        <consent-banner lang="en"></consent-banner>
      </div>`,
    );
    const el = wrapper.querySelector('consent-banner')!;
    wrapper.querySelector('a')!.click();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(true);
    expect(location.hash).to.equal('');
  });
});

describe('renders only what shows', () => {
  /** Every element of the shadow root, by its part (or tag). */
  const rendered = (el: ConsentBanner) =>
    [...el.shadowRoot!.querySelectorAll('*')].map((n) => n.getAttribute('part') || n.localName);

  it('a returning visitor: the settings button and nothing else', async () => {
    setConsentCookie(storedValue({ analytics: true }));
    const el = await mount();
    expect(rendered(el)).to.deep.equal(['settings-button']);
  });

  it('a returning visitor with no-settings-button: nothing at all', async () => {
    setConsentCookie(storedValue({}));
    const el = await mount(html`<consent-banner lang="en" no-settings-button></consent-banner>`);
    expect(rendered(el)).to.deep.equal([]);
  });

  it('a first visit: the first layer and its live region; the dialog once Choose is pressed', async () => {
    const el = await mount();
    expect(part(el, 'banner')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('[role="status"]')).to.not.equal(null);
    expect(el.shadowRoot!.querySelector('dialog'), 'no dialog before Choose').to.equal(null);
    button(part(el, 'banner')!, 'Choose').click();
    await until(() => dialogOpen(el), 'the dialog opens');
    dialogOf(el).close();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('dialog'), 'kept once rendered').to.not.equal(null);
  });

  it('a returning visitor whose choice the page changes through the API hears the confirmation: the live region comes empty, the message after', async () => {
    setConsentCookie(storedValue({}));
    const el = await mount();
    // What the live region holds when it first comes into the shadow root: a screen reader
    // announces what changes in a live region, not what it holds when it comes.
    let first: string | undefined;
    new MutationObserver(() => {
      first ??= el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim();
    }).observe(el.shadowRoot!, { childList: true, subtree: true, characterData: true });
    el.setConsent({ analytics: true });
    await until(() => part(el, 'confirmation'), 'the confirmation shows');
    expect(first, 'the live region, when it came').to.equal('');
    expect(part(el, 'message')!.textContent?.trim()).to.include('Your choice is saved');
    expect(part(el, 'settings-button')).to.not.equal(null);
  });

  it('a returning visitor who opens the settings gets the dialog, and a live region before deciding', async () => {
    setConsentCookie(storedValue({}));
    const el = await mount();
    part(el, 'settings-button')!.click();
    await until(() => dialogOpen(el), 'the dialog opens');
    const live = el.shadowRoot!.querySelector('[role="status"]');
    expect(live?.textContent?.trim()).to.equal('');
    button(dialogOf(el), 'Accept all').click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="status"]'), 'the same live region').to.equal(live);
    expect(live?.textContent?.trim()).to.include('Your choice is saved');
  });
});

describe('Global Privacy Control', () => {
  /** The signal for the tests of this block: an own property that shadows the browser's. */
  const signal = (value: unknown) =>
    Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value });
  afterEach(() => {
    delete (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl;
  });

  it('no stored choice and the signal: a choice recorded, optional ones denied, no banner', async () => {
    signal(true);
    const el = await mount();
    expect(el.consent).to.include({ decided: true, method: 'gpc' });
    expect(el.consent.denied).to.deep.equal(['preferences', 'analytics']);
    expect(events.ready[0]).to.include({ decided: true, method: 'gpc' });
    expect(decodeRecord(getCookie())?.method).to.equal('gpc');
    expect(part(el, 'banner')).to.equal(null);
    expect(part(el, 'settings-button')).to.not.equal(null);
  });

  it('the settings button still lets the visitor opt in', async () => {
    signal(true);
    const el = await mount();
    part(el, 'settings-button')!.click();
    await until(() => dialogOpen(el), 'the dialog opens');
    switchFor(el, 'analytics').click();
    button(dialogOf(el), 'Save choices').click();
    expect(el.consent).to.include({ method: 'custom' });
    expect(el.consent.categories.analytics).to.equal(true);
  });

  it('a stored choice stands: the signal does not change it', async () => {
    signal(true);
    setConsentCookie(storedValue({ analytics: true, method: 'a' }));
    const el = await mount();
    expect(el.consent).to.include({ method: 'accept-all' });
    expect(el.consent.categories.analytics).to.equal(true);
  });

  it('gpc="ignore": the banner asks as for anyone', async () => {
    signal(true);
    const el = await mount(html`<consent-banner lang="en" gpc="ignore"></consent-banner>`);
    expect(el.consent.decided).to.equal(false);
    expect(part(el, 'banner')).to.not.equal(null);
  });

  it('no signal, or false: the banner asks', async () => {
    for (const value of [false, undefined]) {
      signal(value);
      const el = await mount();
      expect(el.consent.decided).to.equal(false);
      el.remove();
    }
  });

  it('a bad gpc value: one warning, and the default (honor)', async () => {
    signal(true);
    const warnings = await captureConsole('warn', () =>
      mount(html`<consent-banner lang="en" gpc="maybe"></consent-banner>`),
    );
    expect(warnings.join(' ')).to.include('gpc="maybe" ignored');
    expect(getCookie()).to.not.equal(undefined);
  });
});

describe('a returning visitor', () => {
  it('is known at consent-ready, and no banner is rendered', async () => {
    setConsentCookie(storedValue({ analytics: true, revision: 2 }));
    const el = await mount(html`<consent-banner lang="en" revision="2"></consent-banner>`);
    expect(events.ready).to.have.length(1);
    expect(events.ready[0]).to.include({ decided: true, method: 'custom', revision: 2 });
    expect(events.ready[0]!.categories.analytics).to.equal(true);
    expect(part(el, 'banner')).to.equal(null);
    expect(part(el, 'settings-button')).to.not.equal(null);
    await expect(el).to.be.accessible();
  });

  it('is asked again after a revision bump; the lapse is reported once', async () => {
    setConsentCookie(storedValue({ analytics: true, revision: 1 }));
    const el = await mount(html`<consent-banner lang="en" revision="2"></consent-banner>`);
    expect(events.ready[0]!.decided).to.equal(false);
    expect(part(el, 'banner')).to.not.equal(null);
    expect(events.changes).to.have.length(1);
    expect(events.changes[0]).to.include({ source: 'revision', decided: false });
    expect(events.changes[0]!.changed).to.deep.equal(['analytics']);
    expect(getCookie()).to.equal(undefined);
  });

  it('is asked again when the choice is older than cookie-days', async () => {
    setConsentCookie(storedValue({ decidedAt: NOW() - 31 * 86_400 }));
    const el = await mount(html`<consent-banner lang="en" cookie-days="30"></consent-banner>`);
    expect(el.consent.decided).to.equal(false);
    expect(events.changes[0]?.source).to.equal('expiry');
  });

  for (const [name, value] of [
    ['garbage', 'x%%7Bnot-a-record'],
    ['an empty object', '{}'],
    ['a long value', 'a'.repeat(3000)],
    ['a wrong version', storedValue({}).replace(/^1\./, '2.')],
    ['a truncated value', storedValue({}).slice(0, 20)],
    ['a forged required category', '1.0.logs~analytics~preferences.necessary.AbCdEfGh1234.1.c'],
    ['an unknown category', storedValue({}).replace('analytics', 'tracking')],
  ] as const) {
    it(`treats ${name} as no choice, without an error`, async () => {
      setConsentCookie(value);
      const errors = await captureConsole('error', () => mount());
      const el = document.querySelector('consent-banner')!;
      expect(errors).to.deep.equal([]);
      expect(el.consent.decided).to.equal(false);
      expect(el.isGranted('analytics')).to.equal(false);
      expect(part(el, 'banner')).to.not.equal(null);
    });
  }
});

describe('the JavaScript API', () => {
  it('acceptAll, rejectAll and setConsent change the choice with source "api"', async () => {
    const el = await mount();
    el.acceptAll();
    expect(el.isGranted('analytics')).to.equal(true);
    el.setConsent({ analytics: false });
    expect(el.consent.categories).to.include({ analytics: false, preferences: true });
    expect(el.consent.method).to.equal('api');
    el.rejectAll();
    expect(el.isGranted('preferences')).to.equal(false);
    expect(events.changes.map((c) => c.source)).to.deep.equal(['api', 'api', 'api']);
  });

  it('setConsent is all or nothing: an unknown id or a required category decides nothing, with a message', async () => {
    const el = await mount();
    const errors = await captureConsole('error', () =>
      el.setConsent({ tracking: true, necessary: false, analytics: true } as Record<
        string,
        boolean
      >),
    );
    expect(errors.join()).to.include('tracking');
    expect(el.consent.decided, 'nothing decided').to.equal(false);
    expect(el.consent.categories).to.include({ necessary: true, analytics: false });
    expect(() => el.setConsent(null as unknown as Record<string, boolean>)).to.not.throw();
  });

  it('whenGranted resolves when the category is granted, and at once if it is', async () => {
    const el = await mount();
    let resolved = false;
    const waiting = el.whenGranted('analytics').then(() => (resolved = true));
    el.setConsent({ preferences: true });
    await Promise.resolve();
    expect(resolved).to.equal(false);
    el.setConsent({ analytics: true });
    await waiting;
    expect(resolved).to.equal(true);
    await el.whenGranted('analytics');
  });

  it('reset forgets the choice, removes the cookie and asks again', async () => {
    setConsentCookie(storedValue({ analytics: true }));
    const el = await mount();
    el.reset();
    await el.updateComplete;
    expect(getCookie()).to.equal(undefined);
    expect(el.consent.decided).to.equal(false);
    expect(part(el, 'banner')).to.not.equal(null);
    expect(events.changes.at(-1)).to.include({ source: 'reset' });
    expect(events.changes.at(-1)!.changed).to.deep.equal(['analytics']);
  });

  it('keeps working when a host listener throws', async () => {
    const el = await mount();
    const previous = window.onerror;
    window.onerror = () => true;
    const throwing = () => {
      throw new Error('host bug');
    };
    el.addEventListener('consent-change', throwing);
    try {
      el.acceptAll();
    } finally {
      el.removeEventListener('consent-change', throwing);
      window.onerror = previous;
    }
    expect(decodeRecord(getCookie())?.method).to.equal('accept-all');
    await el.updateComplete;
    expect(part(el, 'banner')).to.equal(null);
  });

  it('freezes the state it hands out', async () => {
    const el = await mount();
    expect(Object.isFrozen(el.consent)).to.equal(true);
    expect(Object.isFrozen(el.consent.categories)).to.equal(true);
  });
});

describe('configuration', () => {
  it('resolves the language from the nearest [lang], then the browser', async () => {
    const th = await fixture(html`<div lang="th-TH"><consent-banner></consent-banner></div>`);
    // The fixture waited for the wrapper alone: the first layer comes with the interface.
    await th.querySelector('consent-banner')!.updateComplete;
    expect(th.querySelector('consent-banner')!.shadowRoot!.textContent).to.include('ยอมรับทั้งหมด');
    th.remove(); // one banner at a time on a page
    // The test browser's language is en-US.
    const en = await fixture<ConsentBanner>(html`<consent-banner></consent-banner>`);
    expect(part(en, 'banner')!.textContent).to.include('Accept all');
    expect(part(en, 'banner')!.getAttribute('lang')).to.equal('en');
  });

  it('takes text overrides from a JSON child and from the texts property', async () => {
    const el = await mount(
      html`<consent-banner lang="en">
        <script type="application/json">
          { "texts": { "en": { "acceptAll": "Yes to all" } } }
        </script>
      </consent-banner>`,
    );
    expect(part(el, 'accept')!.textContent?.trim()).to.equal('Yes to all');
    el.texts = { en: { rejectAll: 'No thanks' } };
    await el.updateComplete;
    expect(part(el, 'reject')!.textContent?.trim()).to.equal('No thanks');
    expect(part(el, 'accept')!.textContent?.trim()).to.equal('Yes to all');
  });

  it('adds a custom category from config, with its own label', async () => {
    const el = await mount(
      html`<consent-banner lang="en">
        <script type="application/json">
          {
            "categories": {
              "marketing": {
                "label": { "th": "การตลาด", "en": "Marketing" },
                "description": { "th": "โฆษณา", "en": "Ads" }
              }
            }
          }
        </script>
      </consent-banner>`,
    );
    expect(el.consent.categories.marketing).to.equal(false);
    await openPreferences(el);
    expect(switchFor(el, 'marketing').labels?.[0]?.textContent).to.equal('Marketing');
    el.acceptAll();
    expect(decodeRecord(getCookie())?.granted).to.include('marketing');
  });

  it('derives its configuration once at start-up, and again only when it changes', async () => {
    const el = document.createElement('consent-banner');
    el.lang = 'en';
    const child = document.createElement('script');
    child.type = 'application/json';
    child.textContent = '{ "texts": { "en": { "acceptAll": "Yes to all" } } }';
    const text = Object.getOwnPropertyDescriptor(Node.prototype, 'textContent')!;
    let reads = 0;
    Object.defineProperty(child, 'textContent', {
      get() {
        reads += 1;
        return text.get!.call(this);
      },
    });
    el.append(child);
    document.body.append(el);
    await el.updateComplete;
    try {
      expect(reads, 'the JSON child is read once per load').to.equal(1);
      el.revision = 4;
      await el.updateComplete;
      expect(reads).to.equal(2);
      expect(el.consent.revision).to.equal(4);
      expect(part(el, 'accept')!.textContent?.trim()).to.equal('Yes to all');
    } finally {
      el.remove();
    }
  });

  it('reports bad configuration once and falls back to safe defaults', async () => {
    let el!: ConsentBanner;
    const warnings = await captureConsole('warn', async () => {
      el = await mount(
        html`<consent-banner lang="en" revision="abc" cookie-days="-4" logs="maybe">
          <script type="application/json">
            { not json
          </script>
        </consent-banner>`,
      );
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('revision').and.include('cookie-days').and.include('JSON');
    expect(el.consent.revision).to.equal(0);
    expect(part(el, 'banner')).to.not.equal(null);
  });

  it('never renders a javascript: policy link', async () => {
    const el = await mount(
      html`<consent-banner lang="en" policy-url="javascript:alert(1)"> </consent-banner>`,
    );
    expect(part(el, 'link')).to.equal(null);
  });

  it('no-settings-button leaves the reopening to the host', async () => {
    const el = await mount(html`<consent-banner lang="en" no-settings-button></consent-banner>`);
    el.rejectAll();
    await el.updateComplete;
    expect(part(el, 'settings-button')).to.equal(null);
    part(el, 'dismiss-button')!.click();
    await el.updateComplete;
    expect(part(el, 'settings-button')).to.equal(null);
  });

  it('uses cookie-name for the stored choice', async () => {
    const el = await mount(
      html`<consent-banner lang="en" cookie-name="site_consent"> </consent-banner>`,
    );
    el.acceptAll();
    expect(getCookie('site_consent')).to.not.equal(undefined);
    expect(getCookie('consent')).to.equal(undefined);
  });

  it('tells the visitor when the browser refuses the cookie, and keeps the choice for the page', async () => {
    // Cookies blocked: writes do not stick (the document's own cookie accessor, for this test).
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => '', set: () => {} });
    try {
      const el = await mount(html`<consent-banner lang="en"> </consent-banner>`);
      el.acceptAll();
      await el.updateComplete;
      expect(el.isGranted('analytics')).to.equal(true);
      expect(
        events.changes.map((c) => c.source),
        'the page is told',
      ).to.deep.equal(['api']);
      expect(part(el, 'confirmation')!.textContent).to.include('blocks cookies');
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
    expect(getCookie()).to.equal(undefined);
  });

  it('a cookie-domain of another site: one warning, and the choice is stored for this host', async () => {
    let el!: ConsentBanner;
    const warnings = await captureConsole('warn', async () => {
      el = await mount(
        html`<consent-banner lang="en" cookie-domain="example.org"> </consent-banner>`,
      );
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include(
      `cookie-domain="example.org" ignored: expected ${location.hostname}`,
    );
    el.acceptAll();
    await el.updateComplete;
    expect(getCookie(), 'stored for this host').to.match(/^1\.0\.necessary~logs/);
    expect(part(el, 'confirmation')!.textContent).to.not.include('blocks cookies');
  });
});

describe('script gating through the element', () => {
  afterEach(() => {
    document.querySelectorAll('script[data-consent]').forEach((s) => s.remove());
    delete (window as { __gated?: number }).__gated;
  });

  it('runs a gated script at the moment of grant, not before', async () => {
    const gated = document.createElement('script');
    gated.type = 'text/plain';
    gated.dataset.consent = 'analytics';
    gated.textContent = 'window.__gated = (window.__gated || 0) + 1;';
    document.body.append(gated);
    const el = await mount();
    const w = window as { __gated?: number };
    expect(w.__gated).to.equal(undefined);
    el.acceptAll();
    await new Promise<void>((resolve) => {
      const check = () => (w.__gated ? resolve() : requestAnimationFrame(check));
      check();
    });
    expect(w.__gated).to.equal(1);
    expect(gated.dataset.consentState).to.equal('executed');
  });
});

describe('look', () => {
  it('sets Thai in a Thai-capable font stack with room for stacked marks', async () => {
    const el = await mount(html`<consent-banner lang="th"></consent-banner>`);
    const text = part(el, 'banner')!.querySelector('p')!;
    const style = getComputedStyle(text);
    expect(style.fontFamily).to.include('Noto Sans Thai').and.include('Leelawadee UI');
    expect(parseFloat(style.lineHeight) / parseFloat(style.fontSize)).to.be.at.least(1.6);
    expect(style.wordBreak).to.equal('normal');
  });
});

describe('focus after a choice', () => {
  it('a keyboard decision on the first layer lands on the settings button, Hide on the floating one', async () => {
    const el = await mount();
    part(el, 'accept')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    const inConfirmation = part(el, 'settings-button')!;
    expect(part(el, 'confirmation')!.contains(inConfirmation)).to.equal(true);
    expect(el.shadowRoot!.activeElement === inConfirmation).to.equal(true);
    part(el, 'dismiss-button')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await el.updateComplete;
    const floating = part(el, 'settings-button')!;
    expect(floating.classList.contains('float')).to.equal(true);
    expect(el.shadowRoot!.activeElement === floating).to.equal(true);
  });

  it('a decision through the API leaves the host page its focus', async () => {
    const wrapper = await fixture(
      html`<div><button>Host</button><consent-banner lang="en"></consent-banner></div>`,
    );
    const el = wrapper.querySelector('consent-banner')!;
    const host = wrapper.querySelector('button')!;
    host.focus();
    el.acceptAll();
    await el.updateComplete;
    await el.updateComplete;
    expect(document.activeElement === host).to.equal(true);
  });

  it('the confirmation, Hide included, is in the banner language', async () => {
    const el = await mount(html`<consent-banner lang="th"></consent-banner>`);
    el.rejectAll();
    await el.updateComplete;
    expect(part(el, 'dismiss-button')!.closest('[lang]')!.getAttribute('lang')).to.equal('th');
  });
});

// WCAG 2.2, 2.4.11 Focus Not Obscured: the page keeps room for the fixed layer (the e2e suite
// tabs through a whole page; these check the room itself).
describe('room at the end of the page', () => {
  const room = () => {
    const style = document.documentElement.style;
    return { padding: style.paddingBottom, scroll: style.scrollPaddingBottom };
  };
  const height = (el: ConsentBanner, name: string) =>
    `${Math.ceil(part(el, name)!.getBoundingClientRect().height)}px`;

  afterEach(() => document.documentElement.removeAttribute('style'));

  it('is as tall as the first layer while it shows, and goes with the element', async () => {
    const el = await mount();
    expect(parseFloat(height(el, 'banner'))).to.be.above(50);
    expect(room()).to.deep.equal({ padding: height(el, 'banner'), scroll: height(el, 'banner') });
    el.remove();
    expect(room()).to.deep.equal({ padding: '', scroll: '' });
  });

  it('follows the confirmation, and is given back when nothing shows', async () => {
    const el = await mount();
    button(part(el, 'banner')!, 'Reject all').click();
    await el.updateComplete;
    expect(room().padding).to.equal(height(el, 'confirmation'));
    button(el.shadowRoot!, 'Hide this message').click();
    await el.updateComplete;
    expect(room()).to.deep.equal({ padding: '', scroll: '' });
  });

  it('nothing is reserved for a returning visitor', async () => {
    setConsentCookie(`1.0.necessary~logs.preferences~analytics.AbCdEf123456.${NOW()}.r`);
    await mount();
    expect(room()).to.deep.equal({ padding: '', scroll: '' });
  });
});
