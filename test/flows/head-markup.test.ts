// docs/guide/install.md "Known before the first paint" install: the IIFE in <head> without defer, the
// element in the markup with a JSON config child. The parser creates the element, already
// upgraded, at its start tag, before its child; the banner must still read that child, and a
// script right after the element must still read the state.
import { expect } from '@open-wc/testing';
import type { ConsentState } from '../../src/core/types.js';
import { clearAllCookies, setConsentCookie } from '../element/helpers.js';
import { closeFrames, openFrame, windowOf } from './frame.js';

interface MarkupWindow extends Window {
  ready: ConsentState[];
  errors: string[];
  readAtOnce?: ConsentState;
}

afterEach(() => {
  closeFrames();
  clearAllCookies();
});

async function open() {
  const frame = await openFrame('/test/flows/pages/head-markup.html');
  const win = windowOf(frame) as unknown as MarkupWindow;
  const root = win.document.querySelector('consent-banner')!.shadowRoot!;
  return { win, root };
}

describe('the IIFE in <head>, the element in the markup', () => {
  it('reads the JSON config child: its texts and its category', async () => {
    const { win, root } = await open();
    expect(root.querySelector('section [part~="accept"]')?.textContent?.trim()).to.equal(
      'Yes to all',
    );
    expect(win.ready).to.have.length(1);
    expect(Object.keys(win.ready[0]!.categories)).to.include('marketing');
    expect(win.errors).to.deep.equal([]);
  });

  it('a script right after the element reads the state, with that category', async () => {
    const { win } = await open();
    expect(win.readAtOnce?.decided).to.equal(false);
    expect(Object.keys(win.readAtOnce?.categories ?? {})).to.include('marketing');
  });

  it('a returning visitor whose choice names that category: no first layer', async () => {
    setConsentCookie(
      `1.0.necessary~logs~analytics.preferences~marketing.AbCdEfGh1234.${Math.floor(Date.now() / 1000) - 60}.c`,
    );
    const { win, root } = await open();
    expect(win.ready[0]?.decided).to.equal(true);
    expect(root.querySelector('section')).to.equal(null);
    expect(root.querySelector('[part~="settings-button"]')).to.not.equal(null);
  });
});
