/**
 * The element's side of the embeds (docs/guide/embeds.md): on a page that has an embed, their
 * code is loaded (src/element/load-embeds.ts) and looks at the page each time the gated scripts
 * are looked at. A page without embeds pays one query a look, and evaluates none of it.
 */
import { EXTRAS } from '../core/embed.js';
import { PREFIX, firstTime } from '../core/report.js';
import type { EmbedGate, EmbedsModule } from './embed-host.js';
import { loadEmbeds } from './load-embeds.js';

/** What looks at the embeds of the banner `args[0]`'s page: call it for every look. */
export function embeds(...args: Parameters<EmbedsModule['embedGate']>): () => void {
  let gate: Promise<EmbedGate> | null = null;
  return () => {
    // Not loaded (the network): said once, and the iframes stay empty, their provider unasked.
    if (gate || document.querySelector(EXTRAS))
      (gate ??= loadEmbeds().then(({ embedGate }) => embedGate(...args))).then(
        (loaded) => loaded.update(),
        (error: unknown) => firstTime('embeds') && console.error(PREFIX, error),
      );
  };
}
