/**
 * The one seam between the two stages (docs/explanation/size-and-speed.md "Speed"): what the Lit-free element gives the
 * user interface it loads on demand (src/ui/banner-ui.ts), and what that interface does.
 * Types only.
 */
import type { Lang } from '../core/types.js';
import type { ConsentBanner } from './consent-banner.js';
import type { EmbedsModule } from './embed-host.js';
import type { ConsentStore } from './store.js';

/** Which layer shows: the first layer, the confirmation, or neither. */
export type View = 'banner' | 'none' | 'confirmation';

export interface UiHost {
  readonly element: ConsentBanner;
  readonly root: ShadowRoot;
  readonly store: ConsentStore;
  /** The visitor's language now. */
  lang(): Lang;
  /** A decision (`decide` makes it; `false`: none), then `view` shows. */
  decide(decide: () => unknown, view?: View): void;
  /** The shadow root's styles: those of every page, then `css`. */
  adopt(css: string): void;
  /** Keeps room at the bottom of the page for a layer `px` high (0: none). */
  reserveSpace(px: number): void;
  /** Runs `use` with the embeds' code, which also fills the dialog (src/embeds/dialog.ts). */
  extras(use: (extras: EmbedsModule) => unknown): void;
  /** Whether the page gets the banner's settings button (docs/reference/methods.md "Reopening the settings"). */
  settingsButton(): boolean;
}

export interface BannerUi {
  /** Draws the layers as they are now. */
  render(): void;
  /** The state changed by itself: the layer follows. */
  sync(): void;
  /** A decision was made: `view` shows, the dialog closes, focus moves on if `refocus`. */
  decided(view: View, refocus: boolean): void;
  /** Opens the dialog; focus goes back to `opener` when it closes. */
  open(opener?: HTMLElement): Promise<void>;
  /**
   * The words the banner shows now, in the visitor's language, by key: a receipt's wording
   * (docs/reference/receipt.md "Schema 2: the wording").
   */
  texts(): Record<string, string>;
  /** The element left the page. */
  disconnect(): void;
}
