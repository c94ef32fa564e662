// Every setting of the table (src/core/settings.ts) changed after the element is connected
// takes effect, as an attribute and as a property (docs/reference/attributes.md): one row a setting,
// what the page changes, and what a visitor or the page then notices.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { SETTINGS } from '../../src/core/settings.js';
import type { ConsentBanner } from '../../src/index.js';
import {
  NOW,
  captureConsole,
  clearAllCookies,
  getCookie,
  part,
  recordEvents,
  setConsentCookie,
  storedValue,
  until,
} from './helpers.js';

interface Row {
  /** The setting's property (its attribute comes from the table). */
  property: string;
  /** Makes the starting point: the cookie, the signal. */
  before?: () => void;
  /** The value the page sets. */
  value: string | boolean;
  /** What then shows, read from the element and the page. */
  check: (el: ConsentBanner, events: ReturnType<typeof recordEvents>) => Promise<void>;
}

const settled = async (el: ConsentBanner) => {
  await el.updateComplete;
  await el.updateComplete;
};

const ROWS: Row[] = [
  {
    property: 'lang',
    value: 'th',
    async check(el) {
      await settled(el);
      expect(part(el, 'title')?.textContent).to.equal('คุกกี้และบันทึกการเข้าใช้งาน');
    },
  },
  {
    property: 'policyUrl',
    value: '/new-policy',
    async check(el) {
      await settled(el);
      expect(part(el, 'link')?.getAttribute('href')).to.equal('/new-policy');
    },
  },
  {
    property: 'revision',
    before: () => setConsentCookie(storedValue({ analytics: true })),
    value: '1',
    async check(el, events) {
      await until(() => events.changes.length === 1, 'the choice lapses');
      expect(events.changes[0]?.source).to.equal('revision');
      expect(el.consent.decided).to.equal(false);
      await settled(el);
      expect(part(el, 'banner'), 'the visitor is asked again').to.not.equal(null);
    },
  },
  {
    property: 'cookieName',
    value: 'site_consent',
    async check(el) {
      el.acceptAll();
      expect(getCookie('site_consent'), 'stored under the new name').to.match(/^1\.0\./);
      expect(getCookie('consent')).to.equal(undefined);
    },
  },
  {
    property: 'cookieDomain',
    value: 'elsewhere.example',
    async check(el) {
      // Read again: a domain this page cannot set is named, and the cookie stays on the host.
      const warned = await captureConsole('warn', () => el.acceptAll());
      expect(warned).to.deep.equal([
        `[consent-banner] cookie-domain="elsewhere.example" ignored: expected ${location.hostname} or a domain above it`,
      ]);
      expect(getCookie()).to.match(/^1\.0\./);
    },
  },
  {
    property: 'cookieDays',
    before: () => setConsentCookie(storedValue({ analytics: true, decidedAt: NOW() - 3 * 86_400 })),
    value: '2',
    async check(el, events) {
      await until(() => events.changes.length === 1, 'the choice lapses');
      expect(events.changes[0]?.source).to.equal('expiry');
      expect(el.consent.decided).to.equal(false);
    },
  },
  {
    property: 'logs',
    value: 'optional',
    async check(el) {
      el.rejectAll();
      expect(el.isGranted('logs'), 'detailed logs refused').to.equal(false);
    },
  },
  {
    property: 'categories',
    value: 'analytics',
    async check(el) {
      expect(Object.keys(el.consent.categories)).to.deep.equal(['necessary', 'logs', 'analytics']);
    },
  },
  {
    property: 'noSettingsButton',
    before: () => setConsentCookie(storedValue({})),
    value: true,
    async check(el) {
      await settled(el);
      expect(part(el, 'settings-button'), 'no settings button').to.equal(null);
    },
  },
  {
    property: 'settingsButton',
    before() {
      setConsentCookie(storedValue({}));
      ownControl();
    },
    value: true,
    async check(el) {
      await settled(el);
      expect(part(el, 'settings-button'), 'the floating button, asked for').to.not.equal(null);
    },
  },
  {
    property: 'theme',
    before: () => setConsentCookie(storedValue({})),
    value: 'dark',
    async check(el) {
      await settled(el);
      expect(el.getAttribute('theme')).to.equal('dark');
      // The dark default background (#1b1f24).
      expect(getComputedStyle(part(el, 'settings-button')!).backgroundColor).to.equal(
        'rgb(27, 31, 36)',
      );
    },
  },
  {
    property: 'receiptUrl',
    // An endpoint of its own for each test.
    get value() {
      return `/__receipts/settings-${crypto.randomUUID()}`;
    },
    async check(el) {
      el.acceptAll();
      const url = el.receiptUrl;
      let posts: unknown[] = [];
      await until(async () => {
        posts = (await (await fetch(url)).json()) as unknown[];
        return posts.length === 1;
      }, 'the receipt arrives');
    },
  },
  {
    property: 'gpc',
    before: () =>
      Object.defineProperty(navigator, 'globalPrivacyControl', { configurable: true, value: true }),
    value: 'honor',
    async check(el, events) {
      await until(() => events.changes.length === 1, 'the signal decides');
      expect(events.changes[0]?.source).to.equal('gpc');
      expect(el.consent.method).to.equal('gpc');
      expect(el.isGranted('analytics')).to.equal(false);
    },
  },
  {
    property: 'googleConsentMode',
    before: () => setConsentCookie(storedValue({ analytics: true })),
    value: true,
    async check() {
      await until(() => (window.dataLayer ?? []).length === 2, 'Google is told');
      const commands = (window.dataLayer ?? []).map((e) =>
        Array.from(e as ArrayLike<unknown>)
          .slice(0, 2)
          .join(' '),
      );
      expect(commands).to.deep.equal(['consent default', 'consent update']);
    },
  },
];

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

/** The page's own settings control, as a footer has it (docs/reference/methods.md "Reopening the settings"). */
function ownControl(): HTMLButtonElement {
  const control = document.createElement('button');
  control.type = 'button';
  control.textContent = 'Privacy settings';
  control.dataset.consentOpen = '';
  document.body.append(control);
  return control;
}

/** The starting point of every row: an English banner, GPC ignored, nothing else set. */
const mount = () =>
  fixture<ConsentBanner>(
    html`<consent-banner lang="en" gpc="ignore" policy-url="/privacy"></consent-banner>`,
  );

describe('a setting changed after connection takes effect', () => {
  let events: ReturnType<typeof recordEvents>;
  beforeEach(() => {
    clearAllCookies();
    events = recordEvents();
  });
  afterEach(() => {
    events.stop();
    for (const control of document.querySelectorAll('[data-consent-open]')) control.remove();
    clearAllCookies();
    delete window.dataLayer;
    delete (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl;
  });

  it('the table has a row for every setting with an attribute, and config has its own test', () => {
    const withAttribute = SETTINGS.filter((s) => s.attribute).map((s) => s.property);
    expect(ROWS.map((r) => r.property)).to.deep.equal(withAttribute);
  });

  for (const row of ROWS) {
    const setting = SETTINGS.find((s) => s.property === row.property)!;
    for (const how of ['attribute', 'property'] as const) {
      it(`${setting.attribute}, set as ${how === 'attribute' ? 'the attribute' : `the property ${row.property}`}`, async () => {
        row.before?.();
        const el = await mount();
        await settled(el);
        events.changes.length = 0;
        if (how === 'attribute') {
          if (row.value === true) el.setAttribute(setting.attribute!, '');
          else el.setAttribute(setting.attribute!, String(row.value));
        } else {
          (el as unknown as Record<string, unknown>)[row.property] =
            setting.type === 'number' ? Number(row.value) : row.value;
        }
        await row.check(el, events);
      });
    }
  }

  it('a page with its own data-consent-open control: no floating button, that control reopens', async () => {
    const control = ownControl();
    const el = await mount();
    el.acceptAll();
    await settled(el);
    expect(part(el, 'settings-button'), 'in the confirmation: none').to.equal(null);
    // A returning visitor's next page: no floating button either.
    el.remove();
    const again = await mount();
    await settled(again);
    expect(again.consent.decided).to.equal(true);
    expect(part(again, 'settings-button'), 'on the next page: none').to.equal(null);
    expect(again.shadowRoot!.querySelector('[part]'), 'nothing drawn at all').to.equal(null);
    control.click();
    await until(() => again.shadowRoot!.querySelector('dialog[open]'), 'the dialog opens');
  });

  it('no-settings-button wins over settings-button', async () => {
    setConsentCookie(storedValue({}));
    const el = await fixture<ConsentBanner>(
      html`<consent-banner lang="en" settings-button no-settings-button></consent-banner>`,
    );
    await settled(el);
    expect(part(el, 'settings-button')).to.equal(null);
    el.noSettingsButton = false;
    await settled(el);
    expect(part(el, 'settings-button'), 'settings-button alone: shown').to.not.equal(null);
  });

  it('config, set as the property: new texts and a new category show', async () => {
    const el = await mount();
    await settled(el);
    el.config = {
      texts: { en: { bannerTitle: 'Our cookies' } },
      categories: { video: { label: { en: 'Videos', th: 'วิดีโอ' } } },
    };
    await settled(el);
    expect(part(el, 'title')?.textContent).to.equal('Our cookies');
    expect(Object.keys(el.consent.categories)).to.include('video');
  });

  it('several settings changed in a row are read once: one message for both problems', async () => {
    const el = await mount();
    await settled(el);
    const warned = await captureConsole('warn', async () => {
      el.cookieDays = 'soon';
      el.theme = 'blue' as 'dark';
      await settled(el);
    });
    expect(warned).to.deep.equal([
      '[consent-banner] cookie-days="soon" ignored: expected a whole number from 1 to 3650; theme="blue" ignored: expected auto or light or dark',
    ]);
  });

  it('an attribute removed: its default again', async () => {
    const el = await fixture<ConsentBanner>(
      html`<consent-banner lang="en" cookie-name="site_consent" theme="dark"></consent-banner>`,
    );
    el.removeAttribute('cookie-name');
    el.removeAttribute('theme');
    expect(el.cookieName).to.equal('consent');
    expect(el.theme).to.equal('auto');
    expect(el.hasAttribute('theme'), 'not written back').to.equal(false);
    el.acceptAll();
    expect(getCookie('consent')).to.match(/^1\.0\./);
  });

  it('a property set before the element is defined goes through its setter', async () => {
    // An element the page made before the tag was defined: a plain property on it.
    const early = document.createElement('consent-banner-early') as unknown as Record<
      string,
      unknown
    >;
    early.cookieName = 'early_consent';
    const { ConsentBanner: Banner } = await import('../../src/index.js');
    customElements.define('consent-banner-early', class extends Banner {});
    document.body.append(early as unknown as Node);
    try {
      customElements.upgrade(early as unknown as Node);
      (early as unknown as ConsentBanner).acceptAll();
      expect(getCookie('early_consent')).to.match(/^1\.0\./);
    } finally {
      (early as unknown as Element).remove();
    }
  });
});
