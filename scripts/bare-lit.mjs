// A bare Lit element that uses what ours uses (LitElement, html, unsafeCSS, nothing), built as an
// IIFE the way ours is, in memory: what Lit alone costs, for `npm run size:table` (bytes) and
// `npm run bench` (script time and heap).
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildIife } from './measure.mjs';

const SOURCE = `import { LitElement, html, nothing, unsafeCSS } from 'lit';
customElements.define('x-bare', class extends LitElement {
  static styles = unsafeCSS(':host{display:block}');
  static properties = { a: {} };
  render() { return html\`<p>\${this.a ?? nothing}</p>\`; }
});`;

/** Its code. */
export async function bareLitIife() {
  // A real file inside the project, so that `lit` resolves from node_modules.
  const entry = 'node_modules/.cache/bare-lit/bare.js';
  mkdirSync('node_modules/.cache/bare-lit', { recursive: true });
  writeFileSync(entry, SOURCE);
  return buildIife({
    lib: { entry, formats: ['iife'], name: 'BareLit', fileName: () => 'bare-lit.js' },
  });
}
