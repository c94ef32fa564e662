/**
 * Runs `<script type="text/plain" data-consent="ID">` once its categories are granted (docs/guide/script-gating.md): inline and `src`, once each, one after another in document order (an
 * external script is waited for before the next one runs), at load, at the moment of grant,
 * and for scripts added to the page later.
 *
 * A page that arrives in pieces can show a gated script to the gate before its text is all
 * there: the parser inserts the element first and appends its text as it comes. So a script
 * runs only once the parser is past it (something follows it in the document, or the document
 * has finished parsing), and the scripts after it wait too, to keep document order.
 */
import { EXTRAS } from '../core/embed.js';
import { PREFIX } from '../core/report.js';
import { mayRun } from '../core/script-plan.js';
import type { CategoryId } from '../core/types.js';
import { parsed } from './parser.js';
import { trustedScript, trustedScriptURL } from './trusted-types.js';

const SELECTOR = 'script[type="text/plain"][data-consent]:not([data-consent-state])';
/** What a change to the page must bring to be looked at: a gated script, an embed, a declaration. */
const WATCHED = `${SELECTOR},${EXTRAS}`;

const holdsGated = (node: Node) =>
  node instanceof Element && (node.matches(WATCHED) || !!node.querySelector(WATCHED));

export interface ScriptGate {
  /** Runs every waiting script that may run now. Resolves when they have run (or failed). */
  update(): Promise<void>;
  /** Also handles scripts added to the page later, and scripts still being parsed. */
  observe(): void;
  disconnect(): void;
}

/**
 * The gate of `doc`'s gated scripts. `pass` is called with every look at the page, for the
 * embeds (docs/guide/embeds.md). (A closure: its state minifies to one letter a name.)
 */
export function scriptGate(
  doc: Document,
  isGranted: (id: CategoryId) => boolean,
  pass: () => void = () => {},
): ScriptGate {
  let queue: Promise<void> = Promise.resolve();
  let observer: MutationObserver | null = null;
  /** A script that may run is still being parsed: look again at the next change. */
  let waiting = false;

  const update = (): Promise<void> => {
    pass();
    return (queue = queue.then(runWaiting));
  };

  const onParsed = (): void => {
    if (waiting) void update();
  };

  async function runWaiting(): Promise<void> {
    waiting = false;
    // One query per pass, in document order; another pass only if a script ran (it may have
    // added gated scripts of its own).
    for (let ran = true; ran;) {
      ran = false;
      for (const script of doc.querySelectorAll<HTMLScriptElement>(SELECTOR)) {
        if (script.hasAttribute('data-consent-state')) continue;
        if (!mayRun(script.getAttribute('data-consent'), isGranted)) continue;
        if (!parsed(script)) {
          waiting = true;
          return;
        }
        try {
          await run(script);
        } catch (error) {
          // Refused by the page (a Trusted Types or CSP rule): said once, and the others go on.
          console.error(PREFIX, error);
        }
        ran = true;
      }
    }
  }

  function run(original: HTMLScriptElement): Promise<void> | undefined {
    original.setAttribute('data-consent-state', 'executed');
    const script = doc.createElement('script');
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
    // An inline script has run once it is in the page; an external one, once it loaded or failed.
    let done: Promise<void> | undefined;
    if (src) {
      script.async = false;
      done = new Promise<void>((resolve) => {
        script.addEventListener('load', () => resolve(), { once: true });
        script.addEventListener('error', () => resolve(), { once: true });
      });
      script.setAttribute('src', trustedScriptURL(src));
    } else script.textContent = trustedScript(original.textContent ?? '');
    original.after(script);
    return done;
  }

  return {
    update,
    observe() {
      if (observer) return;
      // Look again only when a gated script was added, or one is still arriving: pages that
      // change their DOM often must not pay a document-wide query for every change.
      observer = new MutationObserver((records) => {
        if (waiting || records.some((r) => [...r.addedNodes].some(holdsGated))) void update();
      });
      observer.observe(doc.documentElement, { childList: true, subtree: true });
      // The last script of a page may end the document: nothing follows it but the end of
      // parsing.
      doc.addEventListener('DOMContentLoaded', onParsed);
    },
    disconnect() {
      observer?.disconnect();
      observer = null;
      doc.removeEventListener('DOMContentLoaded', onParsed);
    },
  };
}
