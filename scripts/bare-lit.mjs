// Lit as ours uses it (lit-html's html, render and nothing, into a shadow root), built as an IIFE
// the way ours is, in memory: what Lit alone costs, for `npm run size:table` (bytes) and
// `npm run bench` (script time and heap).
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildIife } from './measure.mjs';

const SOURCE = `import { html, nothing, render } from 'lit/html.js';
const host = document.querySelector('x-bare');
render(html\`<p>\${host?.getAttribute('a') ?? nothing}</p>\`, host.attachShadow({ mode: 'open' }));`;

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
