// Broken environments for the built script tag (docs/explanation/design-decisions.md), in every engine:
// both builds on one page; a sandboxed frame, where cookies and localStorage throw, without
// BroadcastChannel and ResizeObserver.
import { expect } from '@open-wc/testing';
import { closeFrames, openFrame, until, windowOf } from './frame.js';
import { clearAllCookies } from '../element/helpers.js';

afterEach(() => {
  closeFrames();
  clearAllCookies();
});

describe('broken environments', () => {
  it('the IIFE and the ES module on one page: one element, one banner, no error', async () => {
    const frame = await openFrame('/test/flows/pages/both-builds.html');
    const win = windowOf(frame);
    await until(
      () => !!win.document.querySelector('consent-banner')?.shadowRoot?.querySelector('section'),
      'the banner shows',
    );
    // Both scripts have run by now (the module after the deferred script, before load).
    expect(win.document.querySelectorAll('consent-banner').length).to.equal(1);
    expect(win.customElements.get('consent-banner')).to.not.equal(undefined);
    expect(win.errors).to.deep.equal([]);
  });

  it('a sandboxed frame with no cookies, no localStorage, no BroadcastChannel, no ResizeObserver', async () => {
    // An opaque origin: cookies and localStorage do not work there. The page reports back by
    // postMessage, the one way out of such a frame.
    const report = new Promise<Record<string, unknown>>((resolve) =>
      addEventListener('message', function got(event: MessageEvent) {
        if (event.data?.from !== 'sandboxed') return;
        removeEventListener('message', got);
        resolve(event.data);
      }),
    );
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <script>
        window.errors = [];
        addEventListener('error', (e) => errors.push(String(e.message)));
        addEventListener('unhandledrejection', (e) => errors.push(String(e.reason)));
        delete window.BroadcastChannel;
        delete window.ResizeObserver;
        window.ResizeObserver = undefined;
        window.BroadcastChannel = undefined;
      </script>
      <script src="${location.origin}/dist/consent-banner.iife.js" data-receipt-url="${location.origin}/__receipts" defer></script>
      </head><body><main><h1>Sandboxed</h1></main>
      <script type="text/plain" data-consent="analytics">window.ran = true;</script>
      <script>
        const events = [];
        document.addEventListener('consent-change', (e) => events.push(e.detail.source));
        const wait = (test) => new Promise((done) => {
          const look = () => (test() ? done() : setTimeout(look, 20));
          look();
        });
        const el = () => document.querySelector('consent-banner');
        wait(() => el()?.shadowRoot?.querySelector('section')).then(async () => {
          let cookies = true;
          try {
            document.cookie = 'probe=1';
            cookies = document.cookie.includes('probe=1');
          } catch {
            cookies = false;
          }
          el().acceptAll();
          await wait(() => window.ran);
          await el().updateComplete;
          parent.postMessage({
            from: 'sandboxed',
            cookies,
            decided: el().consent.decided,
            analytics: el().isGranted('analytics'),
            events,
            message: el().shadowRoot.querySelector('[part~="message"]').textContent.trim(),
            errors,
          }, '*');
        });
      </script></body></html>`;
    document.body.append(frame);
    try {
      const got = await report;
      // Chromium and Firefox throw on document.cookie there; WebKit drops what is written.
      expect(got.cookies, 'the frame really has no cookies').to.equal(false);
      expect(got.decided).to.equal(true);
      expect(got.analytics).to.equal(true);
      expect(got.events).to.deep.equal(['api']);
      expect(got.message).to.include('blocks cookies');
      expect(got.errors).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
