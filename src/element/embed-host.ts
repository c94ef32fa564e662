/**
 * The seam between the element and the embeds it loads only on pages that have them
 * (docs/guide/embeds.md): what the element gives them (few names: the script-tag file pays for
 * each one). Types only.
 */
import type { WaitingReceipt } from '../core/receipt.js';
import type { Lang } from '../core/types.js';
import type { ConsentStore } from './store.js';

export interface EmbedGate {
  /** Loads the embeds that may load now, and puts placeholders in place of the others. */
  update(): void;
}

/** What the embeds module exports. */
export interface EmbedsModule {
  /**
   * The embeds of the page of `element`, the banner: `store` decides and knows the categories,
   * `lang` is the visitor's language now, `decide` makes a decision as the banner's own buttons
   * do (the confirmation follows).
   */
  embedGate(
    element: HTMLElement,
    store: ConsentStore,
    lang: () => Lang,
    decide: (decide: () => unknown) => void,
  ): EmbedGate;
  /**
   * Fills the preferences dialog in `root`, if it is rendered: each category's declaration,
   * and the visitor's record (src/embeds/dialog.ts). Called after each render of the dialog.
   */
  dialogDetails(root: ShadowRoot, store: ConsentStore, lang: Lang): void;
  /** Sends the receipts that wait for `url`, and `receipt` (src/embeds/receipts.ts). */
  sendReceipts(url: string, receipt?: WaitingReceipt | null): Promise<void>;
}
