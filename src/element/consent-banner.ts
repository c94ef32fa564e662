import { LitElement, html, nothing, type TemplateResult } from 'lit';
import type { BannerConfig } from '../core/config.js';
import { wholeNumberAttribute } from '../core/config.js';
import type { GpcSetting } from '../core/gpc.js';
import type { Category, CategoryId, ChangeSource, ConsentState, Lang } from '../core/types.js';
import { reserveSpace } from '../effects/page-space.js';
import { resolveLang, stringsFor, type Strings } from '../i18n/strings.js';
import { consentController, type Texts } from './consent-controller.js';
import { guard } from './guard.js';
import { styles } from './consent-banner.styles.js';

/**
 * A cookie and log-file consent banner: a first layer (Accept all · Reject all · Choose), a
 * preferences dialog, and a small settings button once the visitor has chosen.
 *
 * @fires consent-ready - Once per page load, as soon as the stored choice is known. `detail`: the state.
 * @fires consent-change - Every time the choice changes. `detail`: the state, `changed`, `source`.
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
export class ConsentBanner extends LitElement {
  static override styles = styles;

  /* Declared without decorators: the decorator helpers cost bytes in the script-tag build. */
  static override properties = {
    lang: {},
    policyUrl: { attribute: 'policy-url' },
    revision: { converter: wholeNumberAttribute },
    cookieName: { attribute: 'cookie-name' },
    cookieDomain: { attribute: 'cookie-domain' },
    cookieDays: { attribute: 'cookie-days', converter: wholeNumberAttribute },
    logs: {},
    categories: {},
    noSettingsButton: { attribute: 'no-settings-button', type: Boolean },
    theme: { reflect: true },
    receiptUrl: { attribute: 'receipt-url' },
    gpc: {},
    googleConsentMode: { attribute: 'google-consent-mode', type: Boolean },
    config: { attribute: false },
  };

  /** `th` or `en`. Default: the nearest `[lang]`, then the browser's languages, then `th`. */
  declare lang: string;

  /** Link to the full privacy policy (`http(s):` or relative). */
  policyUrl = '';

  /** Policy revision: a stored choice for an older revision counts as no choice. */
  revision: number | string = 0;

  /** Name of the consent cookie. */
  cookieName = 'consent';

  /** Cookie domain, e.g. `.example.go.th` to share the choice with sub-domains. Default: host only. */
  cookieDomain?: string;

  /** How long a choice is kept, in days. */
  cookieDays: number | string = 182;

  /** `required` (server logs are a notice) or `optional` (the visitor may refuse detailed logs). */
  logs: 'required' | 'optional' = 'required';

  /** Which optional categories to offer, separated by spaces or commas. Default: all. */
  categories: string | null = null;

  /** No settings button after a choice (the host provides its own `data-consent-open` link). */
  noSettingsButton = false;

  /** `auto` (follows `prefers-color-scheme`), `light` or `dark`. */
  theme: 'auto' | 'light' | 'dark' = 'auto';

  /**
   * Where each decision is sent as a JSON receipt (consent id, time, revision, categories,
   * method, language, page; never the IP address), to prove consent. `http(s):` or relative.
   */
  receiptUrl = '';

  /**
   * `honor`: a visitor whose browser sends Global Privacy Control, and who has not chosen, is
   * recorded as refusing every optional category (`method: 'gpc'`), without the banner.
   * `ignore`: the banner asks them like anyone else.
   */
  gpc: GpcSetting = 'honor';

  /**
   * Tell Google's tags the choice (Consent Mode v2): a `default` with everything denied, then an
   * `update` on every load with a choice and on every change (README "Google Consent Mode").
   */
  googleConsentMode = false;

  /** Texts and categories beyond attributes (README "Configuration beyond attributes"). Merged over a JSON child config. */
  config: BannerConfig = {};

  /** The decision flow: configuration, the stored choice, decisions and what they cause. */
  #consent = consentController(this, {
    lang: () => this.#lang(),
    sync: () => this.#sync(),
  });

  /** Per-language text overrides; the same as `config.texts`. */
  get texts(): Texts {
    return this.config?.texts ?? {};
  }
  set texts(texts: Texts) {
    this.config = { ...this.config, texts };
  }

  /** The consent state; readable at any time. */
  get consent(): ConsentState {
    return this.#consent.current;
  }

  /** Which layer shows: the first layer, the confirmation, or neither. */
  #view: 'banner' | 'none' | 'confirmation' = 'none';
  /** The dialog is rendered from the first time it opens on (a returning visitor may never). */
  #dialogWanted = false;
  /** The confirmation's live region is rendered from then on, too. */
  #live = false;
  #opener: HTMLElement | null = null;
  #resize: ResizeObserver | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('click', this.#onDocumentClick);
    // Added again: render again, so that the page keeps room for the layer (see updated()).
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize?.disconnect();
    reserveSpace(0);
    document.removeEventListener('click', this.#onDocumentClick);
  }

  /** Grants every optional category. */
  acceptAll(): void {
    this.#all(true, 'api');
  }

  /** Denies every optional category. */
  rejectAll(): void {
    this.#all(false, 'api');
  }

  /** Sets some optional categories, keeping the others as they are: `setConsent({analytics: true})`. */
  setConsent(choice: Record<CategoryId, boolean>): void {
    this.#decide(() => this.#consent.set(choice));
  }

  /** Whether a category is granted now. */
  isGranted(id: CategoryId): boolean {
    return this.#consent.isGranted(id);
  }

  /** Resolves when the category is granted (at once if it already is). Never rejects. */
  whenGranted(id: CategoryId): Promise<void> {
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
    guard(() => void this.#openDialog());
  }

  /** Forgets the choice and asks again. Scripts that already ran stay run. */
  reset(): void {
    this.#decide(() => this.#consent.reset(), 'banner');
  }

  /**
   * A decision (`decide` makes it; `false`: it made none), then the confirmation (or `view`).
   * A second banner on the page (README "Design decisions") decides nothing.
   */
  #decide(decide: () => unknown, view: 'banner' | 'confirmation' = 'confirmation'): void {
    guard(() => {
      // A keyboard user who decided on the first layer must not be left on <body>.
      const refocus =
        !!this.shadowRoot?.activeElement && !this.renderRoot.querySelector('dialog[open]');
      if (!this.#consent.active || decide() === false) return;
      this.#show(view);
      this.#closeDialog();
      if (refocus) void this.#refocus();
    });
  }

  /** The state changed by itself (the first read, a lapse, new settings): the layer follows. */
  #sync(): void {
    const view = this.#view;
    this.#show(!this.#consent.state.decided ? 'banner' : view === 'banner' ? 'none' : view);
  }

  /** Where focus goes when our focused control went away: the settings, else Hide, else Choose. */
  async #refocus(): Promise<void> {
    await this.updateComplete;
    this.renderRoot
      .querySelector<HTMLElement>('[part~=settings-button],[part~=dismiss-button],[part~=choose]')
      ?.focus();
  }

  /** While the first layer or the confirmation shows, the page keeps room for it. */
  protected override updated(): void {
    const layer = this.#reserve();
    // Without ResizeObserver (an old browser), the room follows each render only.
    if (typeof ResizeObserver !== 'function') return;
    this.#resize ??= new ResizeObserver(() => this.#reserve());
    this.#resize.disconnect();
    if (layer) this.#resize.observe(layer);
  }

  #reserve(): Element | null {
    const layer = this.renderRoot.querySelector('section,.on');
    reserveSpace(layer?.getBoundingClientRect().height ?? 0);
    return layer;
  }

  #show(view: 'banner' | 'none' | 'confirmation'): void {
    this.#view = view;
    if (view !== 'none') this.#live = true;
    this.requestUpdate();
  }

  #onDocumentClick = (event: MouseEvent): void => {
    const opener = (event.target as Element).closest?.('[data-consent-open]');
    if (!opener) return;
    event.preventDefault();
    guard(() => void this.#openDialog(opener as HTMLElement));
  };

  /** Click on Choose or the settings button: the dialog, with focus back there on close. */
  #openFrom = (event: Event): void => void this.#openDialog(event.currentTarget as HTMLElement);

  async #openDialog(opener?: HTMLElement): Promise<void> {
    if (!this.#consent.active) return;
    // Without an opener (the API), the dialog's own focus restoration returns focus.
    this.#opener = opener ?? null;
    this.#dialogWanted = this.#live = true;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog || dialog.open) return;
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-id]'))
      input.checked = this.isGranted(input.dataset.id ?? '');
    dialog.showModal();
  }

  #closeDialog(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  #onDialogClose = async (): Promise<void> => {
    await this.updateComplete;
    const opener = this.#opener;
    this.#opener = null;
    // The opener may be gone (the first layer's Choose, after a decision): then the settings.
    if (opener?.isConnected) opener.focus();
    else if (opener) void this.#refocus();
  };

  #save = (): void => {
    const choice: Record<CategoryId, boolean> = {};
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>('input[data-id]'))
      choice[input.dataset.id ?? ''] = input.checked;
    this.#decide(() => this.#consent.decide(choice, 'custom', 'preferences'));
  };

  /** Accept all (`on`) or reject all. */
  #all(on: boolean, source: ChangeSource): void {
    this.#decide(() => this.#consent.all(on, source));
  }

  /** Accept all and Reject all: the same pair, alike, on both layers. */
  #acceptReject(s: Strings, source: ChangeSource) {
    return [true, false].map(
      (on) =>
        html`<button
          part="button ${on ? 'accept' : 'reject'}"
          @click=${() => this.#all(on, source)}
        >
          ${on ? s.acceptAll : s.rejectAll}
        </button>`,
    );
  }

  #lang(): Lang {
    const inherited = this.parentElement?.closest('[lang]')?.getAttribute('lang');
    return resolveLang(this.getAttribute('lang'), inherited, navigator.languages ?? []);
  }

  #strings(lang: Lang): Strings {
    return stringsFor(lang, this.#consent.texts[lang] as Partial<Strings> | undefined);
  }

  /** A category's label or description: the host's own text, else the built-in string. */
  #text(category: Category, kind: 'label' | 'description', lang: Lang, s: Strings): string {
    const own = category[kind];
    const key = `${category.id}${kind === 'label' ? 'Label' : 'Description'}` as keyof Strings;
    const text = own?.[lang] ?? own?.en ?? s[key] ?? (kind === 'label' ? category.id : '');
    return category.id === 'logs' && kind === 'description' && !category.required
      ? `${text} ${s.logsOptionalNote}`
      : text;
  }

  protected override render(): TemplateResult {
    const lang = this.#lang();
    const s = this.#strings(lang);
    const policy = this.#consent.policy;
    const decided = this.#consent.state.decided;
    const confirming = this.#view === 'confirmation';
    // One settings button: inside the confirmation while it shows, then floating.
    const settings = this.noSettingsButton
      ? nothing
      : html`<button
          part="settings-button"
          class=${confirming ? '' : 'float'}
          lang=${lang}
          aria-haspopup="dialog"
          @click=${this.#openFrom}
        >
          ${s.settingsButton}
        </button>`;
    return html`
      ${
        this.#view === 'banner'
          ? html`<section part="banner" lang=${lang} aria-labelledby="cb-title">
              <h2 part="title" id="cb-title">${s.bannerTitle}</h2>
              <p part="text">
                ${s.bannerText}
                ${policy ? html`<a part="link" href=${policy}>${s.policyLink}</a>` : nothing}
              </p>
              <div part="actions" class="actions">
                ${this.#acceptReject(s, 'banner')}
                <button part="button choose" aria-haspopup="dialog" @click=${this.#openFrom}>
                  ${s.choose}
                </button>
              </div>
            </section>`
          : nothing
      }
      ${this.#dialogWanted ? this.#renderDialog(lang, s) : nothing}
      ${
        // The live region is rendered from the first time the first layer, the dialog or a
        // confirmation shows, so that it is there before the message it will announce. A
        // returning visitor who never opens the dialog gets none.
        this.#live
          ? html`<div
              class="c ${confirming ? 'on' : ''}"
              part=${confirming ? 'confirmation' : ''}
              lang=${lang}
            >
              <p part="message" role="status">
                ${confirming ? (this.#consent.cookiesBlocked ? s.cookiesBlocked : s.savedMessage) : nothing}
              </p>
              ${
                confirming
                  ? html`${settings}<button
                        part="dismiss-button"
                        @click=${() => {
                          this.#show('none');
                          void this.#refocus();
                        }}
                      >
                        ${s.dismiss}
                      </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${decided && this.#view === 'none' ? settings : nothing}
    `;
  }

  /** The preferences dialog: each category with its explanation, and the three buttons. */
  #renderDialog(lang: Lang, s: Strings) {
    const policy = this.#consent.policy;
    return html`
      <dialog
        part="dialog"
        lang=${lang}
        aria-labelledby="cb-dialog-title"
        aria-describedby="cb-dialog-intro"
        @close=${this.#onDialogClose}
      >
        <div class="head">
          <h2 part="title" id="cb-dialog-title">${s.dialogTitle}</h2>
          <button part="close-button" aria-label=${s.close} @click=${() => this.#closeDialog()}>
            ✕
          </button>
        </div>
        <p part="text" id="cb-dialog-intro">
          ${s.dialogIntro}
          ${policy ? html`<a part="link" href=${policy}>${s.policyLink}</a>` : nothing}
        </p>
        <ul>
          ${this.#consent.categories.map((c) => {
            const label = this.#text(c, 'label', lang, s);
            return html`<li part="category">
              <div class="row">
                ${
                  c.required
                    ? html`<span part="label">${label}</span>
                        <span part="always-active">${s.alwaysActive}</span>`
                    : html`<label part="label" for="cb-switch-${c.id}">${label}</label>
                        <input
                          type="checkbox"
                          role="switch"
                          part="switch"
                          id="cb-switch-${c.id}"
                          data-id=${c.id}
                          aria-describedby="cb-desc-${c.id}"
                        />`
                }
              </div>
              <p part="description" id="cb-desc-${c.id}">
                ${this.#text(c, 'description', lang, s)}
              </p>
            </li>`;
          })}
        </ul>
        <div part="actions" class="actions">
          <button part="button save" @click=${this.#save}>${s.save}</button>
          ${this.#acceptReject(s, 'preferences')}
        </div>
      </dialog>
    `;
  }
}
