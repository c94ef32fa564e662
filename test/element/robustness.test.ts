// Hostile input and broken environments (docs/explanation/design-decisions.md, "Security and privacy"):
// every bad attribute and config value gives one clear warning and a working banner; no text
// or URL is ever HTML; removing and re-adding the element leaks nothing; a clock years off
// never throws and never grants. In every engine.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentBanner } from '../../src/index.js';
import { TEXT_KEYS as STRING_KEYS } from '../../src/core/text-keys.js';
import {
  NOW,
  captureConsole,
  clearAllCookies,
  dialogOf,
  getCookie,
  openPreferences,
  part,
  setConsentCookie,
  storedValue,
} from './helpers.js';

beforeEach(clearAllCookies);
afterEach(clearAllCookies);

/** Mounts a banner with `attributes` and an optional JSON child; returns it and its warnings. */
async function mountWith(attributes: Record<string, string>, json?: string, config?: unknown) {
  const el = document.createElement('consent-banner') as ConsentBanner;
  el.setAttribute('lang', 'en');
  el.setAttribute('policy-url', '/privacy');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (json !== undefined) {
    const child = document.createElement('script');
    child.type = 'application/json';
    child.textContent = json;
    el.append(child);
  }
  if (config !== undefined) el.config = config as ConsentBanner['config'];
  let mounted!: ConsentBanner;
  const warnings = await captureConsole('warn', async () => {
    mounted = await fixture<ConsentBanner>(el);
  });
  return { el: mounted, warnings };
}

/** The banner still works: the first layer shows, and Accept all is stored and applied. */
async function works(el: ConsentBanner) {
  expect(part(el, 'banner'), 'the first layer shows').to.not.equal(null);
  el.acceptAll();
  await el.updateComplete;
  expect(el.consent.decided).to.equal(true);
  expect(el.isGranted('analytics')).to.equal(true);
}

describe('bad configuration: one clear warning, and a working banner', () => {
  // [what, attributes, JSON child, config property, what the one warning must name]
  const cases: [string, Record<string, string>, string | undefined, unknown, string[]][] = [
    ['revision "abc"', { revision: 'abc' }, undefined, undefined, ['revision="abc"']],
    ['revision -1', { revision: '-1' }, undefined, undefined, ['revision="-1"']],
    ['cookie-days 0', { 'cookie-days': '0' }, undefined, undefined, ['cookie-days="0"']],
    ['cookie-days -1', { 'cookie-days': '-1' }, undefined, undefined, ['cookie-days="-1"']],
    ['cookie-days 1e9', { 'cookie-days': '1e9' }, undefined, undefined, ['cookie-days="1e9"']],
    ['cookie-days abc', { 'cookie-days': 'abc' }, undefined, undefined, ['cookie-days="abc"']],
    [
      'cookie-name with a space',
      { 'cookie-name': 'my consent' },
      undefined,
      undefined,
      ['cookie-name="my consent"'],
    ],
    ['logs "maybe"', { logs: 'maybe' }, undefined, undefined, ['logs="maybe"']],
    ['gpc "sometimes"', { gpc: 'sometimes' }, undefined, undefined, ['gpc="sometimes"']],
    ['theme "blue"', { theme: 'blue' }, undefined, undefined, ['theme="blue"']],
    [
      'a cookie-domain of another site',
      { 'cookie-domain': 'example.org' },
      undefined,
      undefined,
      ['cookie-domain="example.org"', location.hostname],
    ],
    [
      'categories with forbidden characters',
      { categories: 'analytics Stats!' },
      undefined,
      undefined,
      ['categories="analytics Stats!"'],
    ],
    [
      'a javascript: policy-url',
      { 'policy-url': 'javascript:alert(1)' },
      undefined,
      undefined,
      ['policy-url="javascript:alert(1)"'],
    ],
    [
      'a data: receipt-url',
      { 'receipt-url': 'data:text/plain,x' },
      undefined,
      undefined,
      ['receipt-url="data:text/plain,x"'],
    ],
    ['malformed JSON', {}, '{ "texts": ', undefined, ['JSON config', 'valid JSON']],
    ['a JSON child that is an array', {}, '[{"texts": {}}]', undefined, ['config', 'an object']],
    [
      'a category id with forbidden characters',
      {},
      '{"categories": {"Mar keting": {}}}',
      undefined,
      ['categories.Mar keting'],
    ],
    [
      'an unknown key in a category',
      {},
      '{"categories": {"analytics": {"colour": "red"}}}',
      undefined,
      ['categories.analytics.colour'],
    ],
    [
      'a text that is not a string',
      {},
      undefined,
      { texts: { en: { acceptAll: 42 } } },
      ['texts.en.acceptAll'],
    ],
    [
      'texts for an unknown language',
      {},
      undefined,
      { texts: { fr: { acceptAll: 'Oui' } } },
      ['texts.fr'],
    ],
    [
      'an unknown text key',
      {},
      undefined,
      { texts: { en: { acceptEverything: 'OK' } } },
      ['texts.en.acceptEverything'],
    ],
    [
      'a label that is not a string',
      {},
      undefined,
      { categories: { marketing: { label: { en: 1 } } } },
      ['categories.marketing.label'],
    ],
    [
      'a clear list with a bare *',
      {},
      undefined,
      { categories: { analytics: { clear: ['*'] } } },
      ['categories.analytics.clear'],
    ],
    [
      'a Consent Mode type Google does not have',
      {},
      undefined,
      { categories: { analytics: { consentMode: ['stats'] } } },
      ['categories.analytics.consentMode'],
    ],
    ['config that is a string', {}, undefined, 'texts', ['config']],
  ];
  for (const [what, attributes, json, config, names] of cases)
    it(what, async () => {
      const { el, warnings } = await mountWith(attributes, json, config);
      expect(warnings, warnings.join('\n')).to.have.length(1);
      expect(warnings[0]).to.match(/^\[consent-banner\] /);
      for (const name of names) expect(warnings[0]).to.include(name);
      expect(warnings[0]).to.include('ignored');
      await works(el);
    });

  it('a good configuration gives no warning at all', async () => {
    const { el, warnings } = await mountWith(
      { revision: '3', 'cookie-days': '30', logs: 'optional', categories: 'analytics' },
      '{"texts": {"en": {"acceptAll": "Allow all"}}, "categories": {"marketing": {"label": {"th": "การตลาด", "en": "Marketing"}}}}',
    );
    expect(warnings).to.deep.equal([]);
    await works(el);
  });
});

describe('no injection: texts are text, links are only checked URLs', () => {
  const PAYLOADS = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 2">',
    '<svg onload="window.__pwned = 3"></svg>',
    'javascript:window.__pwned = 4',
    '"><iframe src="javascript:window.__pwned = 5"></iframe>',
  ];
  afterEach(() => delete (window as { __pwned?: number }).__pwned);

  for (const payload of PAYLOADS)
    it(`in every text and URL: ${payload}`, async () => {
      const texts = Object.fromEntries(STRING_KEYS.map((key) => [key, `${key} ${payload}`]));
      const { el } = await mountWith({ 'policy-url': payload, 'receipt-url': payload }, undefined, {
        texts: { en: texts, th: texts },
        categories: { marketing: { label: { en: payload }, description: { en: payload } } },
      });
      await openPreferences(el);
      const root = el.shadowRoot!;
      // Nothing of the payload became an element, an attribute or a link.
      expect(root.querySelectorAll('script, img, svg, iframe, object, embed').length).to.equal(0);
      for (const node of root.querySelectorAll('*'))
        for (const { name } of node.attributes) expect(name).to.not.match(/^on/);
      const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
      expect(links.every((href) => href === null || !/^\s*javascript:/i.test(href))).to.equal(true);
      // The payload is shown as the text it is.
      expect(root.textContent).to.include(`acceptAll ${payload}`);
      expect(dialogOf(el).textContent).to.include(payload);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
});

describe('removed and added again', () => {
  /** What is registered on the page and not yet taken back, counted while `action` runs. */
  async function counting(action: (live: () => Record<string, number>) => Promise<void>) {
    const listeners: [EventTarget, string, unknown][] = [];
    const observers = new Set<object>();
    const channels = new Set<BroadcastChannel>();
    const restore: (() => void)[] = [];
    function patch<T extends object>(target: T, key: keyof T, replacement: unknown) {
      const original = target[key];
      target[key] = replacement as T[keyof T];
      restore.push(() => (target[key] = original));
      return original as (...args: unknown[]) => unknown;
    }
    for (const target of [document, window] as EventTarget[]) {
      const add = patch(
        target,
        'addEventListener',
        function (this: EventTarget, ...args: unknown[]) {
          listeners.push([this, String(args[0]), args[1]]);
          return add.apply(this, args);
        },
      );
      const remove = patch(
        target,
        'removeEventListener',
        function (this: EventTarget, ...args: unknown[]) {
          const at = listeners.findIndex(
            ([t, type, l]) => t === this && type === args[0] && l === args[1],
          );
          if (at >= 0) listeners.splice(at, 1);
          return remove.apply(this, args);
        },
      );
    }
    for (const Observer of [MutationObserver, ResizeObserver]) {
      const observe = patch(
        Observer.prototype,
        'observe',
        function (this: object, ...args: unknown[]) {
          observers.add(this);
          return observe.apply(this, args);
        },
      );
      const disconnect = patch(Observer.prototype, 'disconnect', function (this: object) {
        observers.delete(this);
        return disconnect.apply(this);
      });
    }
    const Channel = window.BroadcastChannel;
    class CountedChannel extends Channel {
      constructor(name: string) {
        super(name);
        channels.add(this);
      }
      override close() {
        channels.delete(this);
        super.close();
      }
    }
    patch(window, 'BroadcastChannel', CountedChannel);
    // Listeners added with { once: true } and already fired are gone by themselves; none of
    // ours is added that way while connected to a parsed page.
    const live = () => ({
      listeners: listeners.length,
      observers: observers.size,
      channels: channels.size,
    });
    try {
      await action(live);
    } finally {
      for (const undo of restore.reverse()) undo();
    }
    return live();
  }

  it('100 times: no listener, observer or channel is left behind', async () => {
    let connected: Record<string, number> | undefined;
    const left = await counting(async (live) => {
      const host = await fixture(html`<div></div>`);
      const el = document.createElement('consent-banner') as ConsentBanner;
      el.lang = 'en';
      for (let i = 0; i < 100; i++) {
        host.append(el);
        await el.updateComplete;
        if (i === 0) connected = live();
        // Each time connected, the same set as the first time: nothing piles up.
        else
          expect(JSON.stringify(live()), `connection ${i + 1}`).to.equal(JSON.stringify(connected));
        el.remove();
        await el.updateComplete;
      }
    });
    // While connected it did register things (so the count can fail), and then none is left.
    expect(connected!.listeners).to.be.at.least(3);
    expect(connected!.observers).to.be.at.least(2);
    expect(connected!.channels).to.equal(1);
    expect(left).to.deep.equal({ listeners: 0, observers: 0, channels: 0 });
  });

  it('after 100 times it still works, and tells the page once per change', async () => {
    const host = await fixture(html`<div></div>`);
    const el = document.createElement('consent-banner') as ConsentBanner;
    el.lang = 'en';
    for (let i = 0; i < 100; i++) {
      host.append(el);
      await el.updateComplete;
      el.remove();
    }
    host.append(el);
    await el.updateComplete;
    const changes: string[] = [];
    const count = () => changes.push('change');
    document.addEventListener('consent-change', count);
    el.acceptAll();
    document.removeEventListener('consent-change', count);
    await el.updateComplete;
    expect(changes).to.deep.equal(['change']);
    expect(getCookie()).to.not.equal(undefined);
    expect(part(el, 'confirmation')).to.not.equal(null);
  });
});

describe('a clock years off', () => {
  const realNow = Date.now;
  afterEach(() => (Date.now = realNow));
  const YEAR = 365 * 86_400_000;

  it('twenty years ahead: the stored choice has expired; asked again, nothing throws', async () => {
    setConsentCookie(storedValue({ analytics: true }));
    Date.now = () => realNow() + 20 * YEAR;
    const { el } = await mountWith({});
    expect(el.consent.decided).to.equal(false);
    expect(el.isGranted('analytics')).to.equal(false);
    await works(el);
  });

  it('twenty years behind: a choice "from the future" is no choice; asked again, nothing throws', async () => {
    setConsentCookie(storedValue({ analytics: true, decidedAt: NOW() }));
    Date.now = () => realNow() - 20 * YEAR;
    const { el } = await mountWith({});
    expect(el.consent.decided).to.equal(false);
    expect(el.isGranted('analytics')).to.equal(false);
    await works(el);
    // The new choice holds on this page, with the time this clock says.
    expect(new Date(el.consent.decidedAt!).getUTCFullYear()).to.be.below(
      new Date().getUTCFullYear() - 10,
    );
  });
});

describe('two banners on one page', () => {
  it('the first works; the second warns once and does nothing', async () => {
    let first!: ConsentBanner;
    let second!: ConsentBanner;
    const warnings = await captureConsole('warn', async () => {
      const host = await fixture(
        html`<div>
          <consent-banner lang="en" policy-url="/privacy"></consent-banner
          ><consent-banner lang="en" policy-url="/privacy"></consent-banner>
        </div>`,
      );
      [first, second] = [...host.querySelectorAll('consent-banner')] as ConsentBanner[];
      await first.updateComplete;
      await second.updateComplete;
    });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('<consent-banner>');
    expect(part(first, 'banner'), 'the first asks').to.not.equal(null);
    expect(second.shadowRoot!.querySelector('[part]'), 'the second shows nothing').to.equal(null);
    // The second's API changes nothing: no cookie, no event, no dialog.
    const changes: string[] = [];
    const count = () => changes.push('change');
    document.addEventListener('consent-change', count);
    second.acceptAll();
    second.reset();
    second.showPreferences();
    await second.updateComplete;
    document.removeEventListener('consent-change', count);
    expect(changes).to.deep.equal([]);
    expect(getCookie()).to.equal(undefined);
    expect(second.shadowRoot!.querySelector('dialog')).to.equal(null);
    // The first still decides for the page.
    first.acceptAll();
    expect(getCookie()).to.not.equal(undefined);
  });
});
