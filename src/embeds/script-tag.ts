/**
 * The entry of `consent-banner-extras.iife.js` (docs/guide/embeds.md): hands the embeds, the
 * dialog's details and the receipts' sender to the banner of `consent-banner.iife.js`, which
 * loaded this file (src/embeds/remote.ts).
 */
import { EMBEDS_KEY } from '../core/embed.js';
import { dialogDetails } from './dialog.js';
import { embedGate } from './embeds.js';
import { sendReceipts } from './receipts.js';

(window as unknown as Record<symbol, unknown>)[EMBEDS_KEY] = {
  embedGate,
  dialogDetails,
  sendReceipts,
};
