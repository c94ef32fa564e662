/**
 * The IIFE entry (`<script src="consent-banner.iife.js" data-…>`): registers the element and,
 * when the page has no `<consent-banner>`, mounts one at the end of `<body>` configured by the
 * `data-*` attributes of this script tag. Included twice → still one banner.
 */
import { guard } from './core/report.js';
import { define } from './define.js';
import { tellGoogle } from './effects/gtag.js';

const script = document.currentScript;

function mount(): void {
  guard(() => {
    if (document.querySelector('consent-banner')) return;
    const banner = document.createElement('consent-banner');
    // Every data-* of the tag becomes the attribute of that name: data-policy-url → policy-url
    // (only names an attribute can have, so an odd one cannot stop the banner). Read by name,
    // not through `attributes`, which would make the browser build two more interfaces' objects.
    for (const name of script?.getAttributeNames() ?? []) {
      const own = /^data-([a-z][a-z0-9-]*)$/.exec(name)?.[1];
      if (own) banner.setAttribute(own, script?.getAttribute(name) ?? '');
    }
    document.body.append(banner);
  });
}

// Google Consent Mode's default goes first, while this tag runs: placed before Google's tag, it
// comes before any Google tag reads the queue (docs/guide/consent-mode.md).
if (script?.hasAttribute('data-google-consent-mode')) tellGoogle();
// Registration is guarded (define() checks customElements first) and cannot throw here.
define();
if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
