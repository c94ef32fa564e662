/**
 * The IIFE entry (`<script src="consent-banner.iife.js" data-…>`): registers the element and,
 * when the page has no `<consent-banner>`, mounts one at the end of `<body>` configured by the
 * `data-*` attributes of this script tag. Included twice → still one banner.
 */
import { define } from './define.js';

const ATTRIBUTES = [
  'lang',
  'policy-url',
  'revision',
  'cookie-name',
  'cookie-domain',
  'cookie-days',
  'logs',
  'categories',
  'no-settings-button',
  'theme',
];

const script = document.currentScript;

function mount(): void {
  try {
    if (document.querySelector('consent-banner')) return;
    const banner = document.createElement('consent-banner');
    for (const name of ATTRIBUTES) {
      const value = script?.getAttribute(`data-${name}`);
      if (value !== null && value !== undefined) banner.setAttribute(name, value);
    }
    document.body.append(banner);
  } catch (error) {
    console.error('[consent-banner]', error);
  }
}

try {
  define();
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount, { once: true });
} catch (error) {
  console.error('[consent-banner]', error);
}
