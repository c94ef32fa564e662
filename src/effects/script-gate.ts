/**
 * Runs `<script type="text/plain" data-consent="ID">` once its categories are granted
 * (PRODUCT §5): inline and `src`, once each, one after another in document order (an
 * external script is waited for before the next one runs), at load, at the moment of grant,
 * and for scripts added to the page later.
 */
import { mayRun } from '../core/script-plan.js';
import type { CategoryId } from '../core/types.js';
import { trustedScript, trustedScriptURL } from './trusted-types.js';

const SELECTOR = 'script[type="text/plain"][data-consent]:not([data-consent-state])';

export class ScriptGate {
  #queue: Promise<void> = Promise.resolve();
  #observer: MutationObserver | null = null;

  constructor(
    private readonly doc: Document,
    private readonly isGranted: (id: CategoryId) => boolean,
  ) {}

  /** Runs every waiting script that may run now. Resolves when they have run (or failed). */
  update(): Promise<void> {
    this.#queue = this.#queue.then(() => this.#runWaiting());
    return this.#queue;
  }

  /** Also handles scripts added to the page later. */
  observe(): void {
    if (this.#observer) return;
    // Look again only when a gated script was added: pages that change their DOM often
    // must not pay a document-wide query for every change.
    this.#observer = new MutationObserver((records) => {
      const added = records.some((r) =>
        [...r.addedNodes].some(
          (n) => n instanceof Element && (n.matches(SELECTOR) || n.querySelector(SELECTOR)),
        ),
      );
      if (added) void this.update();
    });
    this.#observer.observe(this.doc.documentElement, { childList: true, subtree: true });
  }

  disconnect(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }

  async #runWaiting(): Promise<void> {
    // Take the next runnable script each time: a script that runs may add more.
    for (;;) {
      const next = [...this.doc.querySelectorAll<HTMLScriptElement>(SELECTOR)].find((s) =>
        mayRun(s.getAttribute('data-consent'), this.isGranted),
      );
      if (!next) return;
      await this.#run(next);
    }
  }

  #run(original: HTMLScriptElement): Promise<void> {
    original.setAttribute('data-consent-state', 'executed');
    const script = this.doc.createElement('script');
    for (const { name, value } of original.attributes) {
      if (name === 'type' || name === 'src' || name === 'data-consent-state') continue;
      script.setAttribute(name, value);
    }
    // `data-type="module"` keeps a module a module.
    const type = original.getAttribute('data-type');
    if (type) script.type = type;
    // The nonce is hidden from attributes once parsed; a strict CSP needs it copied.
    if (original.nonce) script.nonce = original.nonce;
    const src = original.getAttribute('src');
    const done = new Promise<void>((resolve) => {
      if (!src) return resolve();
      script.async = false;
      script.addEventListener('load', () => resolve(), { once: true });
      script.addEventListener('error', () => resolve(), { once: true });
    });
    if (src) script.setAttribute('src', trustedScriptURL(src));
    else script.textContent = trustedScript(original.textContent ?? '');
    original.after(script);
    return done;
  }
}
