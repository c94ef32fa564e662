/**
 * The user interface, loaded only when a visitor needs it (docs/explanation/size-and-speed.md "Speed"): the first layer,
 * the preferences dialog and the confirmation, drawn with lit-html into the element's shadow
 * root, with both languages' texts and their styles. The element (src/element/consent-banner.ts)
 * loads this module the first time the visitor has no valid choice or opens the settings; a
 * returning visitor's page never evaluates it.
 */
import { html, nothing, render, type TemplateResult } from 'lit/html.js';
// Only types from the element's stage: what this module needs of it comes in `UiHost`, so that
// nothing every page runs waits on this module's loading (docs/explanation/size-and-speed.md "Speed").
import type { Category, CategoryId, ChangeSource, Lang, LocalizedText } from '../core/types.js';
import type { BannerUi, UiHost, View } from '../element/ui-host.js';
import type { Strings } from '../i18n/strings.js';
// (Thai first: the built file compresses a little smaller.)
import { th } from '../i18n/th.js';
import { en } from '../i18n/en.js';
import { bannerStyles } from './banner.styles.js';

export function bannerUi(host: UiHost): BannerUi {
  const { element, root, store, lang: langOf, decide } = host;
  /** Which layer shows: the first layer, the confirmation, or neither. */
  let view: View = 'none';
  /** The dialog is rendered from the first time it opens on (a returning visitor may never). */
  let dialogWanted = false;
  /** The confirmation's live region is rendered from then on, too. */
  let live = false;
  let opener: HTMLElement | undefined;
  let resize: ResizeObserver | null = null;

  // One stylesheet: the settings button's styles and the layers' (a strict CSP's `style-src
  // 'self'` allows a constructable stylesheet).
  host.adopt(bannerStyles);

  const update = () => element.requestUpdate();

  /** Where focus goes when our focused control went away: the settings, else Hide, else Choose. */
  async function refocus(): Promise<void> {
    await element.updateComplete;
    root
      .querySelector<HTMLElement>('[part~=settings-button],[part~=dismiss-button],[part~=choose]')
      ?.focus();
  }

  /** While the first layer or the confirmation shows, the page keeps room for it. */
  function reserve(): Element | null {
    const layer = root.querySelector('section,.on');
    host.reserveSpace(layer?.getBoundingClientRect().height ?? 0);
    return layer;
  }

  function updated(): void {
    const layer = reserve();
    // Without ResizeObserver (an old browser), the room follows each render only.
    if (typeof ResizeObserver !== 'function') return;
    resize ??= new ResizeObserver(() => reserve());
    resize.disconnect();
    if (layer) resize.observe(layer);
  }

  async function show(next: View): Promise<void> {
    // A live region announces what changes in it, not what it holds when it comes: a
    // confirmation with no layer shown before (a decision through the API or an embed) first
    // renders the region empty, and its message a frame later (docs/explanation/accessibility.md).
    if (next === 'confirmation' && !live) {
      live = true;
      update();
      await element.updateComplete;
      await new Promise(requestAnimationFrame);
    }
    view = next;
    if (next !== 'none') live = true;
    update();
  }

  /** Click on Choose or the settings button: the dialog, with focus back there on close. */
  const openFrom = (event: Event): void => void open(event.currentTarget as HTMLElement);

  async function open(from?: HTMLElement): Promise<void> {
    // Without an opener (the API), the dialog's own focus restoration returns focus.
    opener = from;
    dialogWanted = live = true;
    update();
    await element.updateComplete;
    const dialog = root.querySelector('dialog');
    if (!dialog || dialog.open) return;
    for (const input of root.querySelectorAll<HTMLInputElement>('input[data-id]'))
      input.checked = store.isGranted(input.dataset.id ?? '');
    dialog.showModal();
  }

  const closeDialog = (): void => root.querySelector('dialog')?.close();

  const onDialogClose = async (): Promise<void> => {
    await element.updateComplete;
    const from = opener;
    opener = undefined;
    // The opener may be gone (the first layer's Choose, after a decision): then the settings.
    if (from?.isConnected) from.focus();
    else if (from) void refocus();
  };

  const save = (): void => {
    const choice: Record<CategoryId, boolean> = {};
    for (const input of root.querySelectorAll<HTMLInputElement>('input[data-id]'))
      choice[input.dataset.id ?? ''] = input.checked;
    decide(() => store.decide(choice, 'custom', 'preferences'));
  };

  /**
   * The words in the visitor's language now: the texts, and each category with its label and
   * description.
   */
  function words(): [Lang, Strings, [Category, string, string][]] {
    const lang = langOf();
    const s: Strings = { ...(lang === 'th' ? th : en), ...store.derived.texts[lang] };
    /** A category's own text in `lang` (else in English), else the built-in string under `key`. */
    const text = (own: LocalizedText | undefined, key: string): string | undefined =>
      own?.[lang] ?? own?.en ?? s[key as keyof Strings];
    return [
      lang,
      s,
      store.derived.categories.map((c) => [
        c,
        // A category of the site's own without a label gets a generic one, never its raw id.
        text(c.label, `${c.id}Label`) ?? s.otherLabel,
        (text(c.description, `${c.id}Description`) ?? '') +
          (c.id === 'logs' && !c.required ? ` ${s.logsOptionalNote}` : ''),
      ]),
    ];
  }

  function template(): TemplateResult {
    const [lang, s, categories] = words();
    const policy = store.derived.policy;
    const decided = store.state.decided;
    const confirming = view === 'confirmation';
    // The privacy policy link, after the first layer's text and the dialog's introduction.
    const link = policy ? html`<a part="link" href=${policy}>${s.policyLink}</a>` : nothing;
    /** Accept all and Reject all: the same pair, alike, on both layers. */
    const acceptReject = (source: ChangeSource) =>
      [true, false].map(
        (on) =>
          html`<button
            part="button ${on ? 'accept' : 'reject'}"
            @click=${() => decide(() => store.all(on, source))}
          >
            ${on ? s.acceptAll : s.rejectAll}
          </button>`,
      );
    // One settings button: inside the confirmation while it shows, then floating.
    const settings = !host.settingsButton()
      ? nothing
      : html`<button
          part="settings-button"
          class=${confirming ? '' : 'float'}
          lang=${lang}
          aria-haspopup="dialog"
          @click=${openFrom}
        >
          ${s.settingsButton}
        </button>`;
    return html`
      ${
        view === 'banner'
          ? html`<section part="banner" lang=${lang} aria-labelledby="cb-title">
              <h2 part="title" id="cb-title">${s.bannerTitle}</h2>
              <p part="text">${s.bannerText} ${link}</p>
              <div part="actions" class="actions">
                ${acceptReject('banner')}
                <button part="button choose" aria-haspopup="dialog" @click=${openFrom}>
                  ${s.choose}
                </button>
              </div>
            </section>`
          : nothing
      }
      ${
        // The preferences dialog: each category with its explanation, and the three buttons.
        dialogWanted
          ? html`<dialog
              part="dialog"
              lang=${lang}
              aria-labelledby="cb-dialog-title"
              aria-describedby="cb-dialog-intro"
              @close=${onDialogClose}
            >
              <div class="head">
                <h2 part="title" id="cb-dialog-title">${s.dialogTitle}</h2>
                <button part="close-button" aria-label=${s.close} @click=${closeDialog}>✕</button>
              </div>
              <p part="text" id="cb-dialog-intro">${s.dialogIntro} ${link}</p>
              <ul>
                ${categories.map(
                  ([c, label, description]) =>
                    html`<li part="category">
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
                      <p part="description" id="cb-desc-${c.id}">${description}</p>
                    </li>`,
                )}
              </ul>
              <div part="actions" class="actions">
                <button part="button save" @click=${save}>${s.save}</button>
                ${acceptReject('preferences')}
              </div>
            </dialog>`
          : nothing
      }
      ${
        // The live region is rendered from the first time the first layer, the dialog or a
        // confirmation shows, so that it is there before the message it will announce.
        live
          ? html`<div
              class="c ${confirming ? 'on' : ''}"
              part=${confirming ? 'confirmation' : ''}
              lang=${lang}
            >
              <p part="message" role="status">
                ${confirming ? (store.cookiesBlocked ? s.cookiesBlocked : s.savedMessage) : nothing}
              </p>
              ${
                confirming
                  ? html`${settings}<button
                        part="dismiss-button"
                        @click=${() => {
                          void show('none');
                          void refocus();
                        }}
                      >
                        ${s.dismiss}
                      </button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${decided && view === 'none' ? settings : nothing}
    `;
  }

  return {
    render() {
      render(template(), root);
      updated();
      // What each category stores, and the visitor's record, come with the embeds' code
      // (src/embeds/dialog.ts), loaded the first time the dialog opens. Not loaded (the
      // network): said once, and the dialog works without them.
      if (dialogWanted) host.extras((code) => code.dialogDetails(root, store, langOf()));
    },
    sync() {
      void show(!store.state.decided ? 'banner' : view === 'banner' ? 'none' : view);
    },
    decided(next, refocusAfter) {
      void show(next);
      closeDialog();
      if (refocusAfter) void refocus();
    },
    open,
    texts() {
      const [, s, categories] = words();
      const texts: Record<string, string> = { ...s };
      for (const [c, label, description] of categories) {
        texts[`category.${c.id}.label`] = label;
        texts[`category.${c.id}.description`] = description;
      }
      return texts;
    },
    disconnect() {
      resize?.disconnect();
    },
  };
}
