/** Registers `<consent-banner>`, once: importing this twice (or with the IIFE) is harmless. */
// From the package entry, so that the published types of both name one class.
import { ConsentBanner } from './index.js';

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
