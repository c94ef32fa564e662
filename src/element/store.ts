/**
 * The decision flow of `<consent-banner>`, with no user interface: the settings and the stored
 * cookie → the state (the pure rules of src/core/configure.ts), and each decision → the
 * cookie, the events, the gated scripts, the clean-up, Google Consent Mode, the other tabs and
 * the receipts (src/effects). The element calls it; it renders nothing, and its tests render
 * nothing (test/element/store.test.ts). (A closure, not a class: its state is local variables,
 * which the script-tag build shortens to one letter each; docs/explanation/size-and-speed.md.)
 */
import { encodeRecord } from '../core/codec.js';
import {
  derive,
  readStored,
  type Derived,
  type Lapse,
  type SettingValues,
} from '../core/configure.js';
import { line, problem } from '../core/messages.js';
import { consentModeParams } from '../core/consent-mode.js';
import { gpcDecides } from '../core/gpc.js';
import { makeReceipt, type WaitingReceipt } from '../core/receipt.js';
import { PREFIX, firstTime, guard, isActiveBanner, releaseBanner } from '../core/report.js';
import { DEFAULT_COOKIE_DAYS, DEFAULT_COOKIE_NAME } from '../core/settings.js';
import {
  allOptional,
  changedCategories,
  makeRecord,
  stateFromRecord,
  toChange,
  undecidedState,
} from '../core/rules.js';
import type { CategoryId, ChangeSource, ConsentMethod, ConsentState, Lang } from '../core/types.js';
import { clearCookies, readCookie, removeCookie, writeCookie } from '../effects/cookie-store.js';
import { tellGoogle } from '../effects/gtag.js';
import { parsed } from '../effects/parser.js';
import { randomId } from '../effects/random-id.js';
import { keepReceipt } from '../effects/receipts.js';
import { tabChannel, type TabChannel } from '../effects/tab-channel.js';
import { scriptGate, type ScriptGate } from '../effects/script-gate.js';
import { withExtras } from './embeds.js';
import { ConsentChangeEvent, ConsentReadyEvent } from './events.js';

export type Host = HTMLElement & SettingValues;

export interface StoreView {
  /** The language receipts are written in: the one the visitor reads. */
  lang(): Lang;
  /** The state changed without a decision made in this banner (the first read, a lapse). */
  sync(): void;
  /** The gated scripts were looked at again: so are the embeds (docs/guide/embeds.md). */
  embeds?(): void;
  /** The words the banner shows, once its interface is loaded (a receipt's wording). */
  texts?(): Record<string, string> | undefined;
}

/** What the element reads and calls (docs/reference/events.md, "Methods"). */
export interface ConsentStore {
  /** The state, read from outside: a script right after the element may read it first. */
  readonly state: ConsentState;
  /** What the settings come to. */
  readonly derived: Derived;
  /** The browser refused the cookie: the choice holds for this page only. */
  readonly cookiesBlocked: boolean;
  /** This is the page's working banner (another one was not there first). */
  readonly active: boolean;
  isGranted(id: CategoryId): boolean;
  /** Whether `id` is a category of this banner; if not, says so once a page (naming `where`). */
  known(id: CategoryId, where: string): boolean;
  /** A decision: stored, applied, and sent as a receipt. */
  decide(choice: Record<CategoryId, boolean>, method: ConsentMethod, source: ChangeSource): void;
  /** Accept all (`on`) or reject all. */
  all(on: boolean, source: ChangeSource): void;
  /**
   * `setConsent({analytics: true})`: the other optional categories keep their values. All or
   * nothing: `false`, nothing decided and one console line, when `choice` is no object, names
   * no category, or names one that is unknown or required, or gives a value that is not a
   * boolean.
   */
  set(choice: Record<CategoryId, boolean>): boolean;
  /** Forgets the choice (the cookie too). */
  reset(): void;
  /** The host joined the page. */
  connect(): void;
  /** The host left the page. */
  disconnect(): void;
  /** A setting changed: everything is derived again, now or at the latest in a microtask. */
  changed(): void;
}

/** Makes the store of `host`. */
export function consentStore(host: Host, view: StoreView): ConsentStore {
  let derived: Derived = {
    categories: [],
    texts: {},
    revision: 0,
    cookie: { name: DEFAULT_COOKIE_NAME, days: DEFAULT_COOKIE_DAYS },
    policy: null,
    receipts: null,
    problems: [],
  };
  let state: ConsentState = undecidedState([], 0);
  let cookiesBlocked = false;
  let ready = false;
  /** Settings changed since they were last derived. */
  let dirty = false;
  /** What init still has to tell the page: consent-ready, a lapse, waiting receipts. */
  let told: (() => void) | null = null;
  let lastReport = '';
  /** Google Consent Mode was on when the settings were last derived. */
  let google = false;
  let gate: ScriptGate | null = null;
  let tabs: TabChannel | null = null;
  /** Waits for the parser to pass the element (see connect). */
  let parsing: MutationObserver | null = null;

  const isGranted = (id: CategoryId) => state.categories[id] === true;

  /**
   * Whether `id` is a category of this banner; if not, says so once a page, naming `where` and
   * the ids there are (docs/messages.md, CB21).
   */
  function known(id: CategoryId, where: string): boolean {
    // The gate asks for every gated script on every pass: no list is made for a known id.
    // (A category's value is a boolean; `in` would also find `constructor`.)
    if (typeof state.categories[id] === 'boolean') return true;
    if (ready && firstTime(`id ${id}`))
      console.warn(PREFIX, line([problem(where, 21, Object.keys(state.categories).join(', '))]));
    return false;
  }
  const now = () => Math.floor(Date.now() / 1000);

  /** Reads configuration and the stored choice, then runs the gated scripts it allows. */
  const start = (): void => {
    parsing?.disconnect();
    parsing = null;
    document.removeEventListener('DOMContentLoaded', start);
    init();
    void gate?.update();
    tabs ??= tabChannel(resync);
  };

  /**
   * Another tab of the site may have changed the choice. Its message carries the cookie it
   * wrote (`[name, value]`, `null` when it forgot it): a browser may show this tab the new
   * cookie only a moment later. Without a message (the tab was shown or focused), read the
   * cookie. If that holds another decision (another consent id, or none), it becomes this
   * tab's too. A choice that could not be stored (cookies blocked) holds for this page.
   */
  function resync(message?: unknown): void {
    if (!ready || cookiesBlocked) return;
    const sent = Array.isArray(message) ? message : null;
    if (sent && sent[0] !== derived.cookie.name) return;
    guard(() => {
      const prev = state;
      const lapse = configure(sent ? sent[1] : undefined);
      if (state.id === prev.id) state = prev;
      else {
        apply(state, lapse?.source ?? 'other-tab', prev);
        view.sync();
      }
    });
  }

  /**
   * Reads configuration and the stored choice once, synchronously (`el.consent` is right at
   * once), and fires consent-ready once the script that connected the element has finished: a
   * module that imports the package and then adds its listener still hears it, and it is
   * still before the first paint (a microtask). Anything that would fire consent-change first
   * fires consent-ready before it.
   */
  function init(): void {
    if (ready) return;
    ready = true;
    guard(() => {
      const lapse = configure();
      const gpc = privacySignal();
      // Before any gated tag runs: the default, and the stored choice if there is one.
      tellGoogleIfOn(state.decided);
      view.sync();
      told = () => {
        host.dispatchEvent(new ConsentReadyEvent(state));
        // A choice that lapsed (older revision, expired) is withdrawn: say so once.
        if (lapse) apply(state, lapse.source, lapse.old);
        // The receipt of a GPC choice, and those that earlier page loads could not deliver.
        sendWaiting(gpc ? receipt() : undefined);
      };
      queueMicrotask(tellReady);
    });
  }

  /**
   * Global Privacy Control: the visitor's browser has already said no to the optional ones.
   * `true` when that made the decision now.
   */
  function privacySignal(): boolean {
    // Not in TypeScript's DOM types yet: https://w3c.github.io/gpc/. Read only without a stored
    // choice: reading `navigator` costs a returning visitor's page heap.
    const signal =
      !state.decided && (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl;
    const gpc = gpcDecides(host.gpc, signal, state.decided);
    if (gpc) state = store(allOptional(derived.categories, false), 'gpc');
    return gpc;
  }

  /** Fires consent-ready (and what goes with it) if it has not fired yet. */
  function tellReady(): void {
    const tell = told;
    told = null;
    if (tell) guard(tell);
  }

  /**
   * Derives everything from the settings and the stored cookie (or `stored`, the cookie
   * value another tab wrote). Returns the lapse when a stored choice no longer counts.
   */
  function configure(stored?: unknown): Lapse | null {
    dirty = false;
    const child = host.querySelector(':scope > script[type="application/json"]');
    derived = derive(host, child?.textContent ?? null, () => location.hostname);
    // One clear console message per distinct set of problems.
    const message = derived.problems.join('; ');
    if (message && message !== lastReport) console.warn(PREFIX, line(derived.problems));
    lastReport = message;
    const read = readStored(
      stored === undefined ? readCookie(derived.cookie.name) : stored,
      derived,
      now(),
    );
    state = read.state;
    // Not the site's mistake (an old or foreign cookie), but a test that preset it needs to know.
    if (read.ignored && firstTime(read.ignored)) console.info(PREFIX, line([read.ignored]));
    // Removed, so that the lapse is reported once and not on every page load.
    if (read.lapse) removeCookie(derived.cookie);
    return read.lapse;
  }

  /**
   * Settings changed after connection: derive everything again, and tell the page what that
   * changed (docs/reference/attributes.md: every setting takes effect when it changes).
   */
  function refresh(): void {
    if (!ready || !dirty) return;
    guard(() => {
      const prev = state;
      const lapse = configure();
      const gpc = privacySignal();
      if (changedCategories(prev, state).length || prev.decided !== state.decided)
        apply(state, gpc ? 'gpc' : (lapse?.source ?? 'api'), prev);
      // Turned on now: the default, and the choice there is.
      else if (host.googleConsentMode && !google) tellGoogleIfOn(state.decided);
      if (gpc) sendWaiting(receipt());
      view.sync();
    });
  }

  /** Stores a new decision in the cookie; returns the state it makes. */
  function store(choice: Record<CategoryId, boolean>, method: ConsentMethod): ConsentState {
    const { categories, revision, cookie } = derived;
    const record = makeRecord({ categories, choice, method, revision, id: randomId(), now: now() });
    const value = encodeRecord(record);
    cookiesBlocked = !writeCookie(cookie, value);
    if (!cookiesBlocked) tabs?.post([cookie.name, value]);
    return stateFromRecord(record, categories);
  }

  /** Makes `next` the state, tells the page, runs what is now allowed, clears what is not. */
  function apply(next: ConsentState, source: ChangeSource, prev: ConsentState = state): void {
    tellReady();
    const changed = changedCategories(prev, next);
    state = next;
    tellGoogleIfOn(true);
    host.dispatchEvent(new ConsentChangeEvent(toChange(next, changed, source)));
    for (const category of derived.categories)
      if (changed.includes(category.id) && !next.categories[category.id])
        clearCookies(category.clear, derived.cookie.name);
    void gate?.update();
  }

  /** Google Consent Mode: the default once, then the state as an update if `update`. */
  function tellGoogleIfOn(update: boolean): void {
    google = host.googleConsentMode;
    if (google) tellGoogle(update ? consentModeParams(derived.categories, state) : undefined);
  }

  /**
   * The receipt of the current decision; made on the banner (`onBanner`), with the words the
   * visitor saw there (docs/reference/receipt.md "Schema 2: the wording").
   */
  function receipt(onBanner?: boolean): WaitingReceipt | null {
    const made = makeReceipt(state, view.lang(), location.origin + location.pathname);
    const texts = onBanner && view.texts?.();
    return made && texts ? { ...made, texts } : made;
  }

  /**
   * Keeps `receipt` (if any), then sends it and every receipt still waiting, when `receipt-url`
   * is set. The sender comes with the extras (src/embeds/receipts.ts).
   */
  function sendWaiting(receipt?: WaitingReceipt | null): void {
    const url = derived.receipts;
    if (url)
      guard(() => {
        const href = new URL(url, document.baseURI).href;
        if (keepReceipt(href, receipt)) withExtras((extras) => extras.sendReceipts(href, receipt));
      });
  }

  function decide(
    choice: Record<CategoryId, boolean>,
    method: ConsentMethod,
    source: ChangeSource,
  ): void {
    refresh();
    apply(store(choice, method), source);
    sendWaiting(receipt(source === 'banner' || source === 'preferences'));
  }

  return {
    get state() {
      if (!ready && isActiveBanner(host) && parsed(host)) start();
      refresh();
      return state;
    },
    get derived() {
      return derived;
    },
    get cookiesBlocked() {
      return cookiesBlocked;
    },
    get active() {
      return isActiveBanner(host);
    },
    isGranted(id) {
      refresh();
      known(id, `isGranted("${id}")`);
      return isGranted(id);
    },
    known,
    decide,
    all(on, source) {
      refresh();
      decide(allOptional(derived.categories, on), on ? 'accept-all' : 'reject-all', source);
    },
    set(choice) {
      refresh();
      // All or nothing (docs/reference/methods.md): one wrong entry, and nothing is decided.
      const optional = derived.categories.filter((c) => !c.required).map((c) => c.id);
      const entries = typeof choice === 'object' && choice !== null ? Object.entries(choice) : [];
      const wrong = entries.length
        ? entries.find(([id, value]) => !optional.includes(id) || typeof value !== 'boolean')
        : [''];
      if (wrong) {
        const [id, value] = wrong;
        const what = id
          ? `setConsent ${id}${typeof value === 'boolean' ? '' : `=${String(value)}`}`
          : 'setConsent';
        console.error(PREFIX, line([problem(what, 18, optional.join(', '))]));
        return false;
      }
      decide({ ...state.categories, ...choice }, 'api', 'api');
      return true;
    },
    reset() {
      refresh();
      removeCookie(derived.cookie);
      apply(undecidedState(derived.categories, derived.revision), 'reset');
      tabs?.post([derived.cookie.name, null]);
    },
    connect() {
      if (!isActiveBanner(host, true)) {
        const second = 'a second <consent-banner>';
        console.warn(PREFIX, line([problem(second, 19)]));
        return;
      }
      // A gated script naming a category this banner does not have never runs: said once.
      gate ??= scriptGate(
        document,
        (id) => known(id, `data-consent="${id}"`) && isGranted(id),
        view.embeds,
      );
      // Upgraded by the parser at its start tag (the script in <head>, the element in the
      // markup): its JSON config child is not there yet. Start once the parser is past it.
      if (ready || parsed(host)) start();
      else {
        parsing = new MutationObserver(() => {
          if (parsed(host)) start();
        });
        parsing.observe(document, { childList: true, subtree: true });
        document.addEventListener('DOMContentLoaded', start, { once: true });
      }
      gate.observe();
    },
    disconnect() {
      releaseBanner(host);
      parsing?.disconnect();
      gate?.disconnect();
      tabs?.close();
      tabs = null;
    },
    changed() {
      if (dirty || !ready) return;
      dirty = true;
      queueMicrotask(refresh);
    },
  };
}
