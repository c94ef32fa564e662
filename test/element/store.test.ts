// The decision flow on its own (src/element/store.ts), with nothing rendered: a host that is a
// bare HTMLElement with the element's settings. What it reads, what it tells the page, the
// other tabs and Google's tags.
import { expect } from '@open-wc/testing';
import type { BannerConfig } from '../../src/core/config.js';
import type { ConsentChange, ConsentState } from '../../src/core/types.js';
import { consentStore } from '../../src/element/store.js';
import { clearAllCookies, getCookie, setConsentCookie, storedValue, until } from './helpers.js';

class FlowHost extends HTMLElement {
  revision: number | string = 0;
  cookieName = 'flow_consent';
  cookieDomain = '';
  cookieDays: number | string = 182;
  logs: 'required' | 'optional' = 'required';
  categories: string | null = null;
  config: BannerConfig = {};
  policyUrl = '';
  receiptUrl = '';
  gpc: 'honor' | 'ignore' = 'ignore';
  googleConsentMode = false;
  noSettingsButton = false;
  settingsButton = false;
  theme: 'auto' | 'light' | 'dark' = 'auto';
  syncs = 0;
  flow = consentStore(this, { lang: () => 'en', sync: () => this.syncs++ });
  connectedCallback() {
    this.flow.connect();
  }
  disconnectedCallback() {
    this.flow.disconnect();
  }
}
customElements.define('flow-host', FlowHost);

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}

const hosts: FlowHost[] = [];
const channels: BroadcastChannel[] = [];

/** A connected host, and the events it fired from the start. */
function connect(setup: (host: FlowHost) => void = () => {}) {
  const host = document.createElement('flow-host') as FlowHost;
  setup(host);
  const ready: ConsentState[] = [];
  const changes: ConsentChange[] = [];
  host.addEventListener('consent-ready', (e) => ready.push(e.detail));
  host.addEventListener('consent-change', (e) => changes.push(e.detail));
  document.body.append(host);
  hosts.push(host);
  return { host, ready, changes };
}

/** Another tab's end of the channel; `heard` gets what this tab posts. */
function otherTab() {
  const channel = new BroadcastChannel('consent-banner');
  channels.push(channel);
  const heard: unknown[] = [];
  channel.onmessage = (e) => heard.push(e.data);
  return { post: (message: unknown) => channel.postMessage(message), heard };
}

afterEach(() => {
  for (const host of hosts.splice(0)) host.remove();
  for (const channel of channels.splice(0)) channel.close();
  clearAllCookies();
  delete window.dataLayer;
});

describe('consentStore', () => {
  it('reads the stored choice at connection, at once; consent-ready follows in a microtask', async () => {
    setConsentCookie(storedValue({ analytics: true }), 'flow_consent');
    const { host, ready } = connect();
    expect(host.flow.state.decided, 'known at once').to.equal(true);
    expect(host.flow.isGranted('analytics')).to.equal(true);
    expect(host.syncs, 'the view is told once').to.equal(1);
    expect(ready, 'not yet: the connecting script may still add listeners').to.deep.equal([]);
    await Promise.resolve();
    expect(ready.map((s) => s.decided)).to.deep.equal([true]);
  });

  it('a decision writes the cookie, tells the page and the other tabs', async () => {
    const tab = otherTab();
    const { host, changes } = connect();
    host.flow.all(true, 'banner');
    expect(getCookie('flow_consent')).to.match(/^1\.0\.necessary~logs~preferences~analytics\.\./);
    expect(changes.map((c) => c.source)).to.deep.equal(['banner']);
    await until(() => tab.heard.length === 1, 'the other tab hears it');
    expect(tab.heard[0]).to.deep.equal(['flow_consent', getCookie('flow_consent')]);

    host.flow.reset();
    await until(() => tab.heard.length === 2, 'and the reset');
    expect(tab.heard[1]).to.deep.equal(['flow_consent', null]);
    expect(getCookie('flow_consent')).to.equal(undefined);
  });

  it("another tab's message is taken as it is, without waiting for the cookie", async () => {
    const tab = otherTab();
    const { host, changes } = connect();
    // The cookie is not set here: a browser may show it to this tab only a moment later.
    tab.post(['flow_consent', storedValue({ analytics: true })]);
    await until(() => changes.length === 1, 'the choice arrives');
    expect(changes[0]?.source).to.equal('other-tab');
    expect(host.flow.isGranted('analytics')).to.equal(true);
    expect(host.syncs, 'the view follows').to.equal(2);

    tab.post(['flow_consent', null]);
    await until(() => changes.length === 2, 'the reset arrives');
    expect(host.flow.state.decided).to.equal(false);
  });

  it('a message for another cookie, or one that is no message of ours, changes nothing', async () => {
    const tab = otherTab();
    const { host, changes } = connect();
    tab.post(['other_consent', storedValue({ analytics: true })]);
    tab.post('hello');
    tab.post(['flow_consent', 'not a record']);
    // Then a real one, so that the ones before it have certainly been handled.
    tab.post(['flow_consent', storedValue({ preferences: true })]);
    await until(() => changes.length === 1, 'the real one arrives');
    expect(host.flow.isGranted('analytics')).to.equal(false);
    expect(host.flow.isGranted('preferences')).to.equal(true);
  });

  it('Google Consent Mode: the default at connection, an update per decision', () => {
    const { host } = connect((h) => (h.googleConsentMode = true));
    const commands = () =>
      (window.dataLayer ?? []).map((e) =>
        Array.from(e as ArrayLike<unknown>)
          .slice(0, 2)
          .join(' '),
      );
    expect(commands()).to.deep.equal(['consent default']);
    host.flow.all(false, 'banner');
    host.flow.set({ analytics: true });
    expect(commands()).to.deep.equal(['consent default', 'consent update', 'consent update']);
    const last = (window.dataLayer?.at(-1) as ArrayLike<Record<string, string>>)[2];
    expect(last?.analytics_storage).to.equal('granted');
    expect(last?.ad_storage).to.equal('denied');
  });

  it('setConsent with no object decides nothing', () => {
    const { host, changes } = connect();
    expect(host.flow.set(null as unknown as Record<string, boolean>)).to.equal(false);
    expect(changes).to.deep.equal([]);
    expect(getCookie('flow_consent')).to.equal(undefined);
  });

  it('a setting changed after connection is derived again: the next decision follows it', async () => {
    const { host, changes } = connect();
    host.cookieName = 'renamed_consent';
    host.flow.changed();
    host.flow.all(true, 'api');
    expect(getCookie('renamed_consent'), 'the new name').to.match(/^1\.0\.necessary~/);
    expect(getCookie('flow_consent'), 'not the old one').to.equal(undefined);
    expect(changes.map((c) => c.source)).to.deep.equal(['api']);
  });

  it('gpc turned to honor after connection decides for a visitor whose browser sends the signal', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const { host, changes } = connect();
      expect(host.flow.state.decided, 'gpc="ignore": asked').to.equal(false);
      host.gpc = 'honor';
      host.flow.changed();
      await until(() => changes.length === 1, 'the GPC choice is made');
      expect(changes[0]?.source).to.equal('gpc');
      expect(host.flow.state.method).to.equal('gpc');
      expect(host.flow.isGranted('analytics')).to.equal(false);
    } finally {
      delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    }
  });

  it('Google Consent Mode turned on after connection: the default and the stored choice at once', async () => {
    setConsentCookie(storedValue({ analytics: true }), 'flow_consent');
    const { host } = connect();
    expect(window.dataLayer, 'off: nothing').to.equal(undefined);
    host.googleConsentMode = true;
    host.flow.changed();
    await Promise.resolve();
    const commands = (window.dataLayer ?? []).map((e) =>
      Array.from(e as ArrayLike<unknown>)
        .slice(0, 2)
        .join(' '),
    );
    expect(commands).to.deep.equal(['consent default', 'consent update']);
  });
});
