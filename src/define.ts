/** Registers `<consent-banner>`, once: importing this twice (or with the IIFE) is harmless. */
import { ConsentBanner } from './element/consent-banner.js';

export function define(): void {
  if (!customElements.get('consent-banner')) customElements.define('consent-banner', ConsentBanner);
}

define();

export { ConsentBanner };

declare global {
  interface HTMLElementTagNameMap {
    'consent-banner': ConsentBanner;
  }
}
