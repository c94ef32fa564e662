// The floor of a returning visit for any banner that is a web component with a settings button
// (bench/README.md): read the cookie, define a custom element, give it a shadow root with a
// constructable stylesheet and a button, watch the page for gated scripts, listen to the other
// tabs, and say consent-ready. Nothing else: no checks, no rules, no texts beyond the button's.
(() => {
  const stored = document.cookie.split('; ').some((c) => c.startsWith('consent='));
  customElements.define(
    'x-floor',
    class extends HTMLElement {
      connectedCallback() {
        const root = this.attachShadow({ mode: 'open' });
        const sheet = new CSSStyleSheet();
        sheet.replaceSync('button{position:fixed;inset:auto auto .5rem .5rem;font:inherit}');
        root.adoptedStyleSheets = [sheet];
        const button = document.createElement('button');
        button.textContent = 'ตั้งค่าคุกกี้';
        root.append(button);
        const watch = { childList: true, subtree: true };
        new MutationObserver(() => {}).observe(document.documentElement, watch);
        new BroadcastChannel('x-floor').onmessage = () => {};
        const detail = { decided: stored };
        this.dispatchEvent(
          new CustomEvent('consent-ready', { detail, bubbles: true, composed: true }),
        );
      }
    },
  );
  document.body.append(document.createElement('x-floor'));
})();
