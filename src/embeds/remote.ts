/**
 * The script-tag build's way to the embeds (docs/guide/embeds.md): `consent-banner-extras.iife.js`,
 * from the folder `consent-banner.iife.js` came from, loaded by a script tag of its own the
 * first time a page has an embed. The script-tag file itself stays small for every other page
 * (docs/explanation/design-decisions.md). Stands in for src/element/load-embeds.ts (vite.config.ts).
 */
import type { EmbedsModule } from '../element/embed-host.js';
import { EMBEDS_KEY } from '../core/embed.js';
import { trustedScriptURL } from '../effects/trusted-types.js';

/** The script tag that brought this file, read while it runs. */
const from = document.currentScript as HTMLScriptElement | null;

type Global = Record<symbol, EmbedsModule | undefined>;

/** The file, loaded once: by the embeds, or by the dialog (src/ui/banner-ui.ts). */
let loading: Promise<EmbedsModule> | undefined;

export const loadEmbeds = (): Promise<EmbedsModule> =>
  (loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = trustedScriptURL(
      new URL('consent-banner-extras.iife.js', from?.src || document.baseURI).href,
    );
    // A page with a nonce-based CSP gave this file's tag a nonce: the second file needs it too.
    if (from?.nonce) script.nonce = from.nonce;
    script.onload = () => resolve((window as unknown as Global)[EMBEDS_KEY] as EmbedsModule);
    script.onerror = () => reject(new Error(`${script.src} did not load`));
    document.head.append(script);
  }));
