// Gated scripts on a page that arrives in pieces (docs/guide/script-gating.md): the parser inserts a
// gated script before its text has all arrived, and a copy run then would run part of it (a
// cut analytics tag is a SyntaxError). Each page here is cut inside the first gated script's
// text, and the rest is held back until the test has seen the first piece
// (test/flows/stream-server.mjs). The scripts must run only once whole, in document order,
// once each: with the IIFE in <head> and the element in the markup, and with the IIFE at the
// end of <body>; for a returning visitor and for one who accepts while the page is arriving.
import { expect } from '@open-wc/testing';
import { clearAllCookies, setConsentCookie, storedValue } from '../element/helpers.js';
import { closeFrames, openFrame, until, windowOf } from './frame.js';

const WHOLE = ['first script whole', 'second', 'third'];

afterEach(() => {
  closeFrames();
  clearAllCookies();
});

/** Opens a streamed page and waits for its first piece: the element and a gated script. */
async function openStreamed(layout: 'head' | 'body') {
  const id = `${layout}-${Math.random().toString(36).slice(2)}`;
  const frame = await openFrame(`/__stream/${id}.html?layout=${layout}`, { wait: false });
  const win = () => windowOf(frame);
  await until(
    () =>
      Array.isArray(win().ran) &&
      !!win().document.querySelector('consent-banner') &&
      !!win().document.querySelector('script[data-consent]'),
    () =>
      `the first piece of the page: ${win().document.documentElement?.outerHTML.length} characters`,
  );
  /** Sends the rest; resolves once the page has loaded and `expected` scripts have run. */
  const release = async (expected: number) => {
    await fetch(`/__stream/${id}/release`, { method: 'POST' });
    await until(
      () => win().document.readyState === 'complete' && win().ran.length >= expected,
      () =>
        `the rest of the page and its scripts: ${win().document.readyState}, ran ${JSON.stringify(win().ran)}`,
    );
  };
  return { win, release };
}

for (const layout of ['head', 'body'] as const) {
  const where = layout === 'head' ? 'the IIFE in <head>' : 'the IIFE at the end of <body>';

  describe(`a page that arrives in pieces, ${where}`, () => {
    it('a returning visitor who granted analytics: each gated script runs whole, once, in order', async () => {
      setConsentCookie(storedValue({ analytics: true }));
      const { win, release } = await openStreamed(layout);
      // The first gated script is not all there yet: nothing may run.
      expect(win().ran).to.deep.equal([]);
      await release(WHOLE.length);
      expect(win().ran).to.deep.equal(WHOLE);
      expect(win().errors).to.deep.equal([]);
    });

    it('a first visitor who accepts before the page has arrived: the same', async () => {
      const { win, release } = await openStreamed(layout);
      const banner = win().document.querySelector('consent-banner')!;
      await until(() => !!banner.shadowRoot?.querySelector('[part~="accept"]'), 'the banner');
      banner.shadowRoot!.querySelector<HTMLElement>('[part~="accept"]')!.click();
      expect(win().ran).to.deep.equal([]);
      await release(WHOLE.length + 1);
      expect(win().ran).to.deep.equal([...WHOLE, 'preferences']);
      expect(win().errors).to.deep.equal([]);
    });

    it('a visitor who declined: none of them runs', async () => {
      setConsentCookie(storedValue({ analytics: false }));
      const { win, release } = await openStreamed(layout);
      await release(0);
      expect(win().ran).to.deep.equal([]);
      expect(win().errors).to.deep.equal([]);
    });
  });
}
