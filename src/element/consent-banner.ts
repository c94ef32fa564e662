import type { BannerConfig } from '../core/config.js';
import type { SettingValues, Texts } from '../core/configure.js';
import { resolveLang } from '../core/lang.js';
import { line, problem } from '../core/messages.js';
import { PREFIX, guard } from '../core/report.js';
import { SETTINGS } from '../core/settings.js';
import type { CategoryId, ConsentState, Lang } from '../core/types.js';
import { adopt } from '../effects/adopt.js';
import { reserveSpace } from '../effects/page-space.js';
import { coreStyles } from './core.styles.js';
import { embeds, withExtras } from './embeds.js';
import { settingsLabel } from './settings-label.js';
import { consentStore, type ConsentStore } from './store.js';
import type { BannerUi, UiHost, View } from './ui-host.js';

/**
 * A cookie and log-file consent banner: a first layer (Accept all · Reject all · Choose), a
 * preferences dialog, and a small settings button once the visitor has chosen.
 *
 * Two stages (docs/explanation/size-and-speed.md "Speed"): the element itself holds no Lit and no texts. It reads the
 * stored choice, fires the events, gates scripts and shows the settings button. The first
 * layer, the dialog and the confirmation (Lit, both languages' texts, their styles) are loaded
 * the moment a visitor needs them: no valid choice, or the settings opened.
 *
 * @fires consent-ready - Once per page load, as soon as the stored choice is known (or known to
 *   be missing); for a returning visitor, before the first paint. `detail`: the `ConsentState`.
 * @fires consent-change - Every decision and every change: the first layer, the dialog, the API,
 *   reset, another tab of the site, a stored choice that lapsed (revision, expiry). `detail`: the
 *   `ConsentState`, `changed` (the ids that changed) and `source` (see below).
 *
 * @csspart banner - The first layer: a labelled region fixed at the bottom of the page.
 * @csspart dialog - The preferences dialog (a native modal `<dialog>`).
 * @csspart button - The main action buttons, which all look alike: Accept all, Reject all,
 *   Choose, Save choices.
 * @csspart accept - The Accept all buttons, on both layers (also `button`).
 * @csspart reject - The Reject all buttons, on both layers (also `button`).
 * @csspart choose - The first layer's Choose button (also `button`).
 * @csspart save - The dialog's Save choices button (also `button`).
 * @csspart link - The privacy policy link, on both layers.
 * @csspart category - One category in the dialog: its name, its switch or "always active" mark,
 *   and its explanation.
 * @csspart switch - The switch of an optional category (a checkbox with `role="switch"`).
 * @csspart always-active - The "always active" mark of a required category.
 * @csspart close-button - The dialog's close button (✕).
 * @csspart settings-button - Reopens the preferences after a choice: in the confirmation, then
 *   floating at the bottom left.
 * @csspart confirmation - The message shown after a choice, with the settings and hide buttons.
 * @csspart dismiss-button - Hides the confirmation.
 * @csspart title - The heading of the first layer and of the dialog.
 * @csspart text - The explanation under each heading (with the policy link).
 * @csspart actions - The row of main buttons, on both layers.
 * @csspart label - A category's name in the dialog.
 * @csspart description - A category's explanation in the dialog.
 * @csspart message - The confirmation's text (a live region, empty until a choice).
 * @csspart declaration - Under a category in the dialog: the disclosure of what it keeps (a
 *   table: name, provider, purpose, how long), when it declares anything.
 * @csspart record - In the dialog once a choice exists: when it was made, and its consent id.
 * @csspart consent-id - The choice's consent id in the record, selected whole by one click.
 *
 * @cssprop [--consent-banner-bg=#ffffff] - Background of the banner, the dialog and the
 *   secondary buttons (dark: #1b1f24).
 * @cssprop [--consent-banner-fg=#1b1f24] - Text (dark: #f2f4f7). Keep 4.5:1 on the background.
 * @cssprop [--consent-banner-muted=#4a5260] - Explanations, "always active", the knob of a switch
 *   that is off (dark: #c3c9d1). Keep 4.5:1 on the background.
 * @cssprop [--consent-banner-accent=#0b4a8b] - Main buttons and a switch that is on
 *   (dark: #9ccaff). Keep 3:1 on the background.
 * @cssprop [--consent-banner-accent-fg=#ffffff] - Text of the main buttons, the knob of a switch
 *   that is on (dark: #0b1a2b). Keep 4.5:1 on the accent.
 * @cssprop [--consent-banner-border=#8a94a3] - Borders, separators, the outline of a switch that is
 *   off (dark: #7b8594). Keep 3:1 on the background.
 * @cssprop [--consent-banner-focus=#0b4a8b] - Focus ring (dark: #9ccaff). Keep 3:1 on the
 *   background; it does not follow the accent, so set both.
 * @cssprop [--consent-banner-font=system-ui, 'Noto Sans Thai', 'Leelawadee UI', Thonburi, Sarabun, Tahoma, sans-serif]
 *   - Font stack, Thai-capable on Android, Windows, macOS and iOS, and Linux.
 * @cssprop [--consent-banner-font-size=1rem] - Base font size (line height 1.7 for Thai, 1.6
 *   otherwise).
 * @cssprop [--consent-banner-radius=0.5rem] - Corner radius of the banner, the dialog and the
 *   buttons.
 * @cssprop [--consent-banner-spacing=1rem] - Padding of the banner, the dialog and the
 *   confirmation.
 * @cssprop [--consent-banner-z-index=2147483000] - Stacking order of the banner, the confirmation
 *   and the settings button.
 * @cssprop [--consent-banner-max-width=64rem] - Widest the first layer and the confirmation grow.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface below
export class ConsentBanner extends HTMLElement {
  /** Every attribute of the settings table (docs/reference/attributes.md). */
  static get observedAttributes(): string[] {
    return SETTINGS.flatMap((s) => (s.attribute ? [s.attribute] : []));
  }

  static {
    // One property a setting, from the table: a change takes effect (docs/reference/attributes.md).
    for (const setting of SETTINGS) {
      const name = setting.property;
      if (setting.change === 'native') continue;
      Object.defineProperty(this.prototype, name, {
        get(this: ConsentBanner) {
          return this.#values.has(name) ? this.#values.get(name) : setting.default;
        },
        set(this: ConsentBanner, value: unknown) {
          const old = this[name as keyof SettingValues];
          this.#values.set(name, value);
          if (old === value) return;
          // `theme` is written back to its attribute: the styles follow `:host([theme=…])`.
          if (name === 'theme' && !this.#fromAttribute && this.getAttribute(name) !== value)
            if (typeof value === 'string') this.setAttribute(name, value);
            else this.removeAttribute(name);
          if (setting.change === 'configure') this.#store.changed();
          this.requestUpdate();
        },
      });
    }
  }

  /** The settings' values, once set. */
  #values = new Map<string, unknown>();
  /** The attribute is being read into its property: nothing to write back. */
  #fromAttribute = false;

  /** The state changed by itself (the first read, a lapse, new settings): the layer follows. */
  #sync = (): void => {
    if (this.#ui || !this.#store.state.decided) this.#withUi((ui) => ui.sync());
    else this.requestUpdate();
  };

  /** The decision flow: configuration, the stored choice, decisions and what they cause. */
  #store: ConsentStore = consentStore(this, {
    lang: () => this.#lang(),
    sync: this.#sync,
    embeds: () => this.#embeds(),
    texts: () => this.#ui?.texts(),
  });

  #root = this.attachShadow({ mode: 'open' });

  constructor() {
    super();
    // A property the page set before the element was defined: through the setter now.
    for (const { property } of SETTINGS)
      if (Object.hasOwn(this, property)) {
        const value: unknown = this[property as keyof this];
        Reflect.deleteProperty(this, property);
        (this as Record<string, unknown>)[property] = value;
      }
  }

  attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
    const setting = SETTINGS.find((s) => s.attribute === name);
    if (!setting || setting.change === 'native') return this.requestUpdate();
    // A boolean attribute is on when present, whatever it says (docs/reference/attributes.md).
    if (setting.type === 'boolean' && /^(false|no|off|0)$/i.test(value ?? ''))
      console.warn(PREFIX, line([problem(`${name}="${value}"`, 22)]));
    this.#fromAttribute = true;
    (this as Record<string, unknown>)[setting.property] =
      setting.type === 'boolean'
        ? value !== null
        : // Removed: the default again.
          value === null
          ? setting.default
          : // Plain digits become a number; anything else stays as written, for the message.
            setting.type === 'number' && /^\d{1,10}$/.test(value)
            ? Number(value)
            : value;
    this.#fromAttribute = false;
  }

  /** Per-language text overrides (`{ th?: Partial<Strings>, en?: … }`); the same as `config.texts`. */
  get texts(): Texts {
    return this.config?.texts ?? {};
  }
  set texts(texts: Texts) {
    this.config = { ...this.config, texts };
  }

  /** The current state (`ConsentState`, frozen), readable at any time after the element is connected. */
  get consent(): ConsentState {
    return this.#store.state;
  }

  /** The user interface, once loaded. */
  #ui: BannerUi | null = null;
  #uiLoad: Promise<BannerUi> | null = null;
  /** What is still to do, one task after another: loading the interface, drawing. */
  #work: Promise<unknown> = Promise.resolve();
  #drawing = false;
  /** The settings button while the interface is not loaded. */
  #button: HTMLButtonElement | null = null;

  /**
   * Resolves once everything asked for so far is drawn (the interface loaded, if it was
   * needed), as Lit's `updateComplete` does.
   */
  get updateComplete(): Promise<boolean> {
    return (async () => {
      for (let work; work !== this.#work;) await (work = this.#work);
      return true;
    })();
  }

  /**
   * Draws again, once, after what is already asked for.
   * @internal
   */
  requestUpdate(): void {
    if (this.#drawing) return;
    this.#drawing = true;
    this.#then(() => {
      this.#drawing = false;
      guard(() => this.#draw());
    });
  }

  #then(task: () => unknown): void {
    this.#work = this.#work.then(task).catch((error: unknown) => console.error(PREFIX, error));
  }

  connectedCallback(): void {
    this.#store.connect();
    document.addEventListener('click', this.#onDocumentClick);
    if (document.readyState === 'loading')
      document.addEventListener('DOMContentLoaded', () => this.requestUpdate(), { once: true });
    // Added again: draw again, so that the page keeps room for the layer.
    this.requestUpdate();
  }

  disconnectedCallback(): void {
    this.#store.disconnect();
    this.#ui?.disconnect();
    reserveSpace(0);
    document.removeEventListener('click', this.#onDocumentClick);
  }

  /** Grants every optional category: stores the choice, fires `consent-change`, runs the scripts that wait for it. */
  acceptAll(): void {
    this.#decide(() => this.#store.all(true, 'api'));
  }

  /** Denies every optional category, and clears their cookies. */
  rejectAll(): void {
    this.#decide(() => this.#store.all(false, 'api'));
  }

  /** Sets some optional categories, e.g. `setConsent({ analytics: true })`; the others stay as they are. All or nothing. */
  setConsent(choice: Record<CategoryId, boolean>): void {
    this.#decide(() => this.#store.set(choice));
  }

  /** Whether a category is granted now (an unknown id is said once on the console, and is never granted). */
  isGranted(id: CategoryId): boolean {
    return this.#store.isGranted(id);
  }

  /**
   * Resolves when the category is granted (at once if it already is). Never rejects; an id
   * this banner does not have is said on the console (it would wait for ever).
   */
  whenGranted(id: CategoryId): Promise<void> {
    this.#store.known(id, `whenGranted("${id}")`);
    return new Promise((resolve) => {
      const check = () => {
        if (!this.isGranted(id)) return;
        this.removeEventListener('consent-change', check);
        resolve();
      };
      this.addEventListener('consent-change', check);
      check();
    });
  }

  /** Opens the preferences dialog. */
  showPreferences(): void {
    this.#open();
  }

  /** Forgets the choice (deletes the cookie) and asks again. Scripts that already ran stay run. */
  reset(): void {
    this.#decide(() => this.#store.reset(), 'banner');
  }

  /**
   * A decision (`decide` makes it; `false`: it made none), made at once; then the
   * confirmation (or `view`) shows. A second banner on the page (docs/explanation/design-decisions.md)
   * decides nothing.
   */
  #decide(decide: () => unknown, view: View = 'confirmation'): void {
    guard(() => {
      // A keyboard user who decided on the first layer must not be left on <body>.
      const refocus = !!this.#root.activeElement && !this.#root.querySelector('dialog[open]');
      if (!this.#store.active || decide() === false) return;
      this.#withUi((ui) => ui.decided(view, refocus));
    });
  }

  /** The dialog, with focus back on `opener` when it closes. */
  #open(opener?: HTMLElement): void {
    if (this.#store.active) this.#withUi((ui) => void ui.open(opener));
  }

  #onDocumentClick = (event: MouseEvent): void => {
    const opener = (event.target as Element).closest?.('[data-consent-open]');
    if (!opener) return;
    event.preventDefault();
    this.#open(opener as HTMLElement);
  };

  /** Runs `use` with the user interface, loaded first if it is not yet (docs/explanation/size-and-speed.md "Speed"). */
  #withUi(use: (ui: BannerUi) => void): void {
    if (this.#ui) return guard(() => use(this.#ui as BannerUi));
    this.#uiLoad ??= import('../ui/banner-ui.js').then(
      ({ bannerUi }) => {
        this.#button?.remove();
        this.#button = null;
        return (this.#ui = bannerUi(this.#uiHost));
      },
      (error: unknown) => {
        // Not loaded (the network, in the npm build's chunk): the next need tries again.
        this.#uiLoad = null;
        throw error;
      },
    );
    const load = this.#uiLoad;
    this.#then(async () => use(await load));
  }

  /** Looks at the page's embeds (docs/guide/embeds.md): their code loads with the first one. */
  #embeds = embeds(
    this,
    this.#store,
    () => this.#lang(),
    (decide) => this.#decide(decide),
  );

  /** What the user interface reads and calls. */
  #uiHost: UiHost = {
    element: this,
    root: this.#root,
    store: this.#store,
    lang: () => this.#lang(),
    decide: (decide, view) => this.#decide(decide, view),
    adopt: (css) => adopt(this.#root, coreStyles + css),
    reserveSpace,
    settingsButton: () => this.#settingsButton(),
    extras: withExtras,
  };

  /**
   * The banner's own settings button: not with `no-settings-button`, and not when the page has
   * its own `[data-consent-open]` control, unless `settings-button` asks for it (docs/reference/methods.md "Reopening the settings"): one control, not two.
   */
  #settingsButton(): boolean {
    // While the page is still parsed, its own control may be yet to come: the button waits.
    return (
      !this.noSettingsButton &&
      (this.settingsButton ||
        (document.readyState !== 'loading' && !document.querySelector('[data-consent-open]')))
    );
  }

  #lang(): Lang {
    const inherited = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return resolveLang(this.getAttribute('lang'), inherited, () => navigator.languages ?? []);
  }

  /**
   * Draws: the user interface, once loaded; before that, the settings button alone (a
   * returning visitor's whole banner).
   */
  #draw(): void {
    // The language or theme may have changed: the placeholders follow.
    this.#embeds();
    if (this.#ui) return this.#ui.render();
    if (!this.#store.state.decided || !this.#settingsButton()) {
      this.#button?.remove();
      this.#button = null;
      return;
    }
    const lang = this.#lang();
    let button = this.#button;
    if (!button) {
      adopt(this.#root, coreStyles);
      button = this.#button = document.createElement('button');
      button.part = 'settings-button';
      button.className = 'float';
      button.setAttribute('aria-haspopup', 'dialog');
      button.onclick = () => this.#open(button as HTMLButtonElement);
      this.#root.append(button);
    }
    button.lang = lang;
    button.textContent = settingsLabel(lang, this.#store.derived.texts);
  }
}

/**
 * The settings' properties, typed from the table (the class defines them from it). `lang` is
 * the browser's own.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the class defines these accessors in its static block, from the settings table
export interface ConsentBanner extends Omit<SettingValues, 'lang' | 'config'> {
  /** Texts and categories beyond attributes (docs/guide/configuration.md). */
  config: BannerConfig;
}
