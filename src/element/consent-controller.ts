/**
 * The decision flow of `<consent-banner>`, apart from its rendering: configure (attributes,
 * `config`, the JSON child) → read the stored choice → decide → apply (cookie, events, gated
 * scripts, clean-up, Google Consent Mode, receipts). A Lit reactive controller: it starts when
 * its host is connected and the parser is past it, and stops with it. The element renders what
 * it holds and calls it for every decision. (A closure, not a class: its state is local
 * variables, which the script-tag build shortens to one letter each; README "Size".)
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveCategories } from '../core/categories.js';
import { decodeRecord, encodeRecord } from '../core/codec.js';
import { consentModeParams } from '../core/consent-mode.js';
import { GPC_SETTINGS, gpcDecides } from '../core/gpc.js';
import { makeReceipt, type Receipt } from '../core/receipt.js';
import {
  mergeConfig,
  parseConfig,
  parseConfigJson,
  parseCookieDays,
  oneOf,
  parseCookieDomain,
  parseCookieName,
  parseOffered,
  parseRevision,
  parseUrl,
  ignored,
  type BannerConfig,
} from '../core/config.js';
import {
  allOptional,
  changedCategories,
  checkRecord,
  makeRecord,
  stateFromRecord,
  toChange,
  undecidedState,
} from '../core/rules.js';
import type {
  Category,
  CategoryId,
  ChangeSource,
  ConsentMethod,
  ConsentState,
  Lang,
} from '../core/types.js';
import { clearCookies, readCookie, removeCookie, writeCookie } from '../effects/cookie-store.js';
import { tellGoogle } from '../effects/gtag.js';
import { parsed } from '../effects/parser.js';
import { randomId } from '../effects/random-id.js';
import { sendReceipts } from '../effects/receipts.js';
import { tabChannel, type TabChannel } from '../effects/tab-channel.js';
import { scriptGate, type ScriptGate } from '../effects/script-gate.js';
import { STRING_KEYS } from '../i18n/strings.js';
import { ConsentChangeEvent, ConsentReadyEvent } from './events.js';
import { PREFIX, guard } from './guard.js';

export type Texts = NonNullable<BannerConfig['texts']>;

/** What the element's attributes say (README "Attributes"); the controller reads them. */
export interface ConsentSettings {
  revision: number | string;
  cookieName: string;
  cookieDomain?: string;
  cookieDays: number | string;
  logs: string;
  categories: string | null;
  config: BannerConfig;
  policyUrl: string;
  receiptUrl: string;
  gpc: string;
  googleConsentMode: boolean;
  theme: string;
}

/** The settings everything else is derived from: a change of one configures again. */
const CONFIG_KEYS = [
  'revision',
  'cookieName',
  'cookieDays',
  'logs',
  'categories',
  'config',
  'policyUrl',
  'receiptUrl',
] as const;

type Host = ReactiveControllerHost & HTMLElement & ConsentSettings;

export interface ConsentView {
  /** The language receipts are written in: the one the visitor reads. */
  lang(): Lang;
  /** The state changed without a decision made in this banner (the first read, a lapse). */
  sync(): void;
}

/** What the element reads and calls (README "Events", "Methods"). */
export interface ConsentController extends ReactiveController {
  /** The consent state. */
  readonly state: ConsentState;
  /** The state, read from outside: a script right after the element may read it first. */
  readonly current: ConsentState;
  /** The categories offered, in display order. */
  readonly categories: readonly Category[];
  /** The host's text overrides per language. */
  readonly texts: Texts;
  /** `policy-url`, when safe to link to. */
  readonly policy: string | null;
  /** The browser refused the cookie: the choice holds for this page only. */
  readonly cookiesBlocked: boolean;
  /** This is the page's working banner (another one was not there first). */
  readonly active: boolean;
  isGranted(id: CategoryId): boolean;
  /** A decision: stored, applied, and sent as a receipt. */
  decide(choice: Record<CategoryId, boolean>, method: ConsentMethod, source: ChangeSource): void;
  /** Accept all (`on`) or reject all. */
  all(on: boolean, source: ChangeSource): void;
  /**
   * `setConsent({analytics: true})`: the other optional categories keep their values. `false`
   * when `choice` is no object at all (nothing is decided).
   */
  set(choice: Record<CategoryId, boolean>): boolean;
  /** Forgets the choice (the cookie too). */
  reset(): void;
}

/** The page's one working banner: a second one does nothing but say so. */
let active: HTMLElement | null = null;

/** Makes the controller of `host` and adds it to the host. */
export function consentController(host: Host, view: ConsentView): ConsentController {
  let state: ConsentState = undecidedState([], 0);
  let categories: Category[] = [];
  let texts: Texts = {};
  let policy: string | null = null;
  let cookiesBlocked = false;
  let ready = false;
  /** What init still has to tell the page: consent-ready, a lapse, waiting receipts. */
  let told: (() => void) | null = null;
  let revision = 0;
  let cookie = { name: 'consent', days: 182, domain: undefined as string | undefined };
  /** `receipt-url`, when safe to use. */
  let receipts: string | null = null;
  let lastReport = '';
  /** The settings configure last derived everything from. */
  let seen: unknown[] = [];
  let gate: ScriptGate | null = null;
  let tabs: TabChannel | null = null;
  /** Waits for the parser to pass the element (see hostConnected). */
  let parsing: MutationObserver | null = null;

  const isGranted = (id: CategoryId) => state.categories[id] === true;

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
    if (sent && sent[0] !== cookie.name) return;
    guard(() => {
      const prev = state;
      const stale = configure(sent ? sent[1] : undefined);
      if (state.id === prev.id) state = prev;
      else {
        apply(state, stale?.source ?? 'other-tab', prev);
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
      const stale = configure();
      // Not in TypeScript's DOM types yet: https://w3c.github.io/gpc/
      const signal = (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl;
      const gpc = gpcDecides(host.gpc, signal, state.decided);
      // Global Privacy Control: the visitor's browser has already said no to the optional ones.
      if (gpc) state = store(allOptional(categories, false), 'gpc');
      // Before any gated tag runs: the default, and the stored choice if there is one.
      google(state.decided);
      view.sync();
      told = () => {
        host.dispatchEvent(new ConsentReadyEvent(state));
        // A choice that lapsed (older revision, expired) is withdrawn: say so once.
        if (stale) apply(state, stale.source, stale.old);
        // The receipt of a GPC choice, and those that earlier page loads could not deliver.
        sendWaiting(gpc ? receipt() : undefined);
      };
      queueMicrotask(tellReady);
    });
  }

  /** Fires consent-ready (and what goes with it) if it has not fired yet. */
  function tellReady(): void {
    const tell = told;
    told = null;
    if (tell) guard(tell);
  }

  /**
   * Derives categories, cookie options and the state from the settings and the stored
   * cookie (or `stored`, the cookie value another tab wrote). Returns `revision` or `expired`
   * when a stored choice no longer counts.
   */
  function configure(
    stored?: unknown,
  ): { source: 'revision' | 'expiry'; old: ConsentState } | null {
    seen = CONFIG_KEYS.map((k) => host[k]);
    // The JSON child, then the `config` property over it.
    const child = host.querySelector(':scope > script[type="application/json"]');
    const json = child ? parseConfigJson(child.textContent ?? '', STRING_KEYS) : null;
    const own = parseConfig(host.config, STRING_KEYS);
    const problems = [...(json?.problems ?? []), ...own.problems];
    const config = mergeConfig(json?.value ?? {}, own.value);
    texts = config.texts ?? {};
    revision = parseRevision(host.revision, problems);
    cookie = {
      name: parseCookieName(host.cookieName, problems),
      days: parseCookieDays(host.cookieDays, problems),
      domain: parseCookieDomain(host.cookieDomain, location.hostname, problems),
    };
    oneOf('logs', host.logs, ['required', 'optional'], problems);
    oneOf('gpc', host.gpc, GPC_SETTINGS, problems);
    oneOf('theme', host.theme, ['auto', 'light', 'dark'], problems);
    policy = parseUrl('policy-url', host.policyUrl, problems);
    receipts = parseUrl('receipt-url', host.receiptUrl, problems);
    categories = resolveCategories({
      logs: host.logs === 'optional' ? 'optional' : 'required',
      offered: parseOffered(host.categories, problems),
      config: config.categories ?? {},
    });
    // One clear console message per distinct set of problems.
    const message = problems.join('; ');
    if (message && message !== lastReport) console.warn(PREFIX, message);
    lastReport = message;

    const record = decodeRecord(stored === undefined ? readCookie(cookie.name) : stored);
    const status = record
      ? checkRecord(record, {
          categories,
          revision,
          cookieDays: cookie.days,
          now: Math.floor(Date.now() / 1000),
        })
      : 'invalid';
    if (record && status === 'valid') {
      state = stateFromRecord(record, categories);
      return null;
    }
    state = undecidedState(categories, revision);
    if (record && (status === 'revision' || status === 'expired')) {
      // Remove it, so that the lapse is reported once and not on every page load.
      removeCookie(cookie);
      const source = status === 'revision' ? 'revision' : 'expiry';
      return { source, old: stateFromRecord(record, categories) };
    }
    return null;
  }

  /** Stores a new decision in the cookie; returns the state it makes. */
  function store(choice: Record<CategoryId, boolean>, method: ConsentMethod): ConsentState {
    const record = makeRecord({
      categories,
      choice,
      method,
      revision,
      id: randomId(),
      now: Math.floor(Date.now() / 1000),
    });
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
    google(true);
    host.dispatchEvent(new ConsentChangeEvent(toChange(next, changed, source)));
    for (const category of categories)
      if (changed.includes(category.id) && !next.categories[category.id])
        clearCookies(category.clear, cookie.name);
    void gate?.update();
  }

  /** Google Consent Mode: the default once, then the state as an update if `update`. */
  function google(update: boolean): void {
    if (host.googleConsentMode)
      tellGoogle(update ? consentModeParams(categories, state) : undefined);
  }

  /** The receipt of the current decision. */
  const receipt = (): Receipt | null =>
    makeReceipt(state, view.lang(), location.origin + location.pathname);

  /** Sends `receipt` (if any) and every receipt still waiting, when `receipt-url` is set. */
  function sendWaiting(receipt?: Receipt | null): void {
    const url = receipts;
    if (url) guard(() => void sendReceipts(new URL(url, document.baseURI).href, receipt));
  }

  function decide(
    choice: Record<CategoryId, boolean>,
    method: ConsentMethod,
    source: ChangeSource,
  ): void {
    apply(store(choice, method), source);
    sendWaiting(receipt());
  }

  const controller: ConsentController = {
    get state() {
      return state;
    },
    get current() {
      if (!ready && active === host && parsed(host)) start();
      return state;
    },
    get categories() {
      return categories;
    },
    get texts() {
      return texts;
    },
    get policy() {
      return policy;
    },
    get cookiesBlocked() {
      return cookiesBlocked;
    },
    get active() {
      return active === host;
    },
    isGranted,
    decide,
    all(on, source) {
      decide(allOptional(categories, on), on ? 'accept-all' : 'reject-all', source);
    },
    set(choice) {
      if (typeof choice !== 'object' || choice === null) {
        console.error(PREFIX, ignored('setConsent', '{analytics: true}'));
        return false;
      }
      const next: Record<CategoryId, boolean> = { ...state.categories };
      for (const [id, value] of Object.entries(choice)) {
        const category = categories.find((c) => c.id === id);
        if (!category || typeof value !== 'boolean')
          console.error(PREFIX, ignored(`setConsent ${id}`, '{analytics: true}'));
        else if (!category.required) next[id] = value;
      }
      decide(next, 'api', 'api');
      return true;
    },
    reset() {
      removeCookie(cookie);
      apply(undecidedState(categories, revision), 'reset');
      tabs?.post([cookie.name, null]);
    },
    hostConnected() {
      if (active?.isConnected && active !== host) {
        console.warn(PREFIX, 'a second <consent-banner> on this page does nothing: keep one');
        return;
      }
      active = host;
      gate ??= scriptGate(document, isGranted);
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
    hostDisconnected() {
      if (active === host) active = null;
      parsing?.disconnect();
      gate?.disconnect();
      tabs?.close();
      tabs = null;
    },
    // Before each render: settings changed after connection derive everything again. Compared
    // with what configure last saw (Lit reports every initial value as changed on the first
    // update, and init has already derived everything from those).
    hostUpdate() {
      if (!ready || CONFIG_KEYS.every((k, i) => host[k] === seen[i])) return;
      guard(() => {
        const prev = state;
        const stale = configure();
        if (changedCategories(prev, state).length || prev.decided !== state.decided)
          apply(state, stale?.source ?? 'api', prev);
        view.sync();
      });
    },
  };
  host.addController(controller);
  return controller;
}
