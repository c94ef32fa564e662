// Other tabs (docs/guide/configuration.md "Other tabs"), in every engine: two pages of the built script tag open at
// once (two frames of one origin share the cookie and the BroadcastChannel, as two tabs do). A
// choice, a withdrawal and a reset in one reach the other: its banner follows, its gated
// scripts run, and it says so with consent-change, source "other-tab".
import { expect } from '@open-wc/testing';
import type { ConsentChange } from '../../src/core/types.js';
import { clearAllCookies } from '../element/helpers.js';
import { click, closeFrames, openFrame, until, windowOf } from './frame.js';

const PAGE = '/test/flows/pages/iife.html?lang=en';
const ALL = ['analytics inline', 'analytics src', 'preferences', 'both'];

type Banner = HTMLElement & {
  acceptAll(): void;
  rejectAll(): void;
  reset(): void;
  readonly consent: { decided: boolean; categories: Record<string, boolean> };
};

afterEach(() => {
  closeFrames();
  clearAllCookies();
});

/** A page of the site, its banner, and the consent-change events it has fired. */
async function tab() {
  const frame = await openFrame(PAGE);
  const win = windowOf(frame);
  const el = () => win.document.querySelector('consent-banner') as Banner | null;
  await until(() => !!el()?.shadowRoot?.querySelector('[part]'), 'the banner renders');
  const changes: ConsentChange[] = [];
  win.document.addEventListener('consent-change', (e) =>
    changes.push((e as CustomEvent<ConsentChange>).detail),
  );
  const find = (selector: string) => el()?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
  return {
    frame,
    win,
    el: () => el()!,
    changes,
    region: () => find('section[part~="banner"]'),
    settings: () => find('[part~="settings-button"]'),
    find,
  };
}

describe('other tabs', () => {
  it('Accept all in one tab: the other hides its banner, runs its gated scripts, says other-tab', async () => {
    const a = await tab();
    const b = await tab();
    expect(b.region(), 'both ask first').to.not.equal(null);
    expect(b.win.ran).to.deep.equal([]);

    // The frames lie on top of each other: the click must reach the first one.
    b.frame.style.visibility = 'hidden';
    await click(a.frame, a.find('section [part~="accept"]')!);
    b.frame.style.visibility = '';
    await until(() => b.region() === null, 'the other tab hides its banner');
    await until(
      () => b.win.ran.length === ALL.length,
      () => `ran in the other tab: ${b.win.ran}`,
    );
    expect(b.win.ran).to.deep.equal(ALL);
    expect(b.el().consent.decided).to.equal(true);
    expect(b.changes.map((c) => c.source)).to.deep.equal(['other-tab']);
    // The page has logs="optional": Accept all grants every optional category.
    expect(b.changes[0]?.changed).to.have.members(['logs', 'analytics', 'preferences']);
    await until(() => b.settings() !== null, 'the other tab shows its settings button');
    // The tab that decided heard itself only once.
    expect(a.changes.map((c) => c.source)).to.deep.equal(['banner']);
    expect(a.win.errors.concat(b.win.errors)).to.deep.equal([]);
  });

  it('a withdrawal reaches the other tab, and a reset asks there again', async () => {
    const a = await tab();
    const b = await tab();
    a.el().acceptAll();
    await until(() => b.el().consent.categories.analytics === true, 'the grant arrives');

    a.el().rejectAll();
    await until(() => b.el().consent.categories.analytics === false, 'the withdrawal arrives');
    expect(b.changes.map((c) => c.source)).to.deep.equal(['other-tab', 'other-tab']);
    expect(b.changes[1]?.changed).to.have.members(['logs', 'analytics', 'preferences']);
    expect(b.region(), 'still decided: no banner').to.equal(null);

    a.el().reset();
    await until(
      () => b.region() !== null,
      () =>
        `the other tab asks again: ${JSON.stringify(b.el().consent)} ${JSON.stringify(b.changes.map((c) => c.source))} cookie=${b.win.document.cookie}`,
    );
    expect(b.el().consent.decided).to.equal(false);
    expect(b.changes.at(-1)?.source).to.equal('other-tab');
  });

  it('a tab opened later reads the choice; nothing is heard twice', async () => {
    const a = await tab();
    a.el().acceptAll();
    const b = await tab();
    expect(b.region()).to.equal(null);
    expect(b.el().consent.decided).to.equal(true);
    // Focus and a shown tab read the cookie again: the same decision is no change.
    b.win.dispatchEvent(new Event('focus'));
    a.win.dispatchEvent(new Event('focus'));
    expect(b.changes).to.deep.equal([]);
    expect(a.changes.map((c) => c.source)).to.deep.equal(['api']);
  });
});
