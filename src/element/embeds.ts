/**
 * The element's side of the embeds (docs/guide/embeds.md): on a page that has an embed, their
 * code is loaded (src/element/load-embeds.ts) and looks at the page each time the gated scripts
 * are looked at. A page without embeds pays one query a look, and evaluates none of it.
 */
import { EXTRAS } from '../core/embed.js';
import { PREFIX, firstTime } from '../core/report.js';
import type { EmbedGate, EmbedsModule } from './embed-host.js';
import { loadEmbeds } from './load-embeds.js';

/** Runs `use` with the embeds' code once it is loaded. Not loaded (the network): said once. */
export const withExtras = (use: (extras: EmbedsModule) => unknown): void => {
  loadEmbeds().then(use, (error: unknown) => firstTime('embeds') && console.error(PREFIX, error));
};

/** What looks at the embeds of the banner `args[0]`'s page: call it for every look. */
export function embeds(...args: Parameters<EmbedsModule['embedGate']>): () => void {
  let gate: EmbedGate | undefined;
  let asked = false;
  return () => {
    // Not loaded: the iframes stay empty, their provider unasked.
    if (asked || (asked = !!document.querySelector(EXTRAS)))
      withExtras((extras) => (gate ??= extras.embedGate(...args)).update());
  };
}
