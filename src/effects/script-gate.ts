/**
 * Runs `<script type="text/plain" data-consent="ID">` once its categories are granted (README
 * "Script gating"): inline and `src`, once each, one after another in document order (an
 * external script is waited for before the next one runs), at load, at the moment of grant,
 * and for scripts added to the page later.
 *
 * A page that arrives in pieces can show a gated script to the gate before its text is all
 * there: the parser inserts the element first and appends its text as it comes. So a script
 * runs only once the parser is past it (something follows it in the document, or the document
 * has finished parsing), and the scripts after it wait too, to keep document order.
 */
import { mayRun } from '../core/script-plan.js';
import type { CategoryId } from '../core/types.js';
import { parsed } from './parser.js';
import { trustedScript, trustedScriptURL } from './trusted-types.js';

const SELECTOR = 'script[type="text/plain"][data-consent]:not([data-consent-state])';

const holdsGated = (node: Node) =>
  node instanceof Element && (node.matches(SELECTOR) || !!node.querySelector(SELECTOR));

export class ScriptGate {
  #queue: Promise<void> = Promise.resolve();
  #observer: MutationObserver | null = null;
  /** A script that may run is still being parsed: look again at the next change. */
  #waiting = false;

  constructor(
    private readonly doc: Document,
    private readonly isGranted: (id: CategoryId) => boolean,
  ) {}

  /** Runs every waiting script that may run now. Resolves when they have run (or failed). */
  update(): Promise<void> {
    this.#queue = this.#queue.then(() => this.#runWaiting());
    return this.#queue;
  }

  /** Also handles scripts added to the page later, and scripts still being parsed. */
  observe(): void {
    if (this.#observer) return;
    // Look again only when a gated script was added, or one is still arriving: pages that
    // change their DOM often must not pay a document-wide query for every change.
    this.#observer = new MutationObserver((records) => {
      if (this.#waiting || records.some((r) => [...r.addedNodes].some(holdsGated)))
        void this.update();
    });
    this.#observer.observe(this.doc.documentElement, { childList: true, subtree: true });
    // The last script of a page may end the document: nothing follows it but the end of parsing.
    this.doc.addEventListener('DOMContentLoaded', this.#onParsed);
  }

  disconnect(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.doc.removeEventListener('DOMContentLoaded', this.#onParsed);
  }

  #onParsed = (): void => {
    if (this.#waiting) void this.update();
  };

  async #runWaiting(): Promise<void> {
    this.#waiting = false;
    // One query per pass, in document order; another pass only if a script ran (it may have
    // added gated scripts of its own).
    for (let ran = true; ran;) {
      ran = false;
      for (const script of this.doc.querySelectorAll<HTMLScriptElement>(SELECTOR)) {
        if (script.hasAttribute('data-consent-state')) continue;
        if (!mayRun(script.getAttribute('data-consent'), this.isGranted)) continue;
        if (!parsed(script)) {
          this.#waiting = true;
          return;
        }
        await this.#run(script);
        ran = true;
      }
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
