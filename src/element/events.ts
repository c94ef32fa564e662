import type { ConsentChange, ConsentState } from '../core/types.js';

/**
 * Once per page load, as soon as the stored choice is known (or known to be missing). For a
 * returning visitor it fires before the first paint. `detail` is the consent state.
 */
export class ConsentReadyEvent extends CustomEvent<ConsentState> {
  constructor(state: ConsentState) {
    super('consent-ready', { detail: state, bubbles: true, composed: true });
  }
}

/**
 * Every time the choice changes (banner, API, expiry or revision, reset). `detail` is the
 * state plus `changed` (ids whose value changed) and `source`.
 */
export class ConsentChangeEvent extends CustomEvent<ConsentChange> {
  constructor(change: ConsentChange) {
    super('consent-change', { detail: change, bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'consent-ready': ConsentReadyEvent;
    'consent-change': ConsentChangeEvent;
  }
  interface DocumentEventMap {
    'consent-ready': ConsentReadyEvent;
    'consent-change': ConsentChangeEvent;
  }
}
