/**
 * What the preferences dialog shows beyond its switches (docs/guide/categories.md "In the
 * dialog"): under each category that declares what it stores, a disclosure with that table; and,
 * once a choice exists, the visitor's own record: when the choice was made, in their language
 * (in Thai, with the Buddhist calendar, as `th` formats dates), and its consent id, which one
 * click or tap selects whole, to quote to the site. It comes with the embeds' code, which the
 * dialog loads the first time it opens (src/ui/banner-ui.ts): the script-tag file does not
 * carry it, and a visitor who never opens the settings never loads it.
 */
import type { Lang } from '../core/types.js';
import type { ConsentStore } from '../element/store.js';
import { EMBED_STRINGS } from '../i18n/embed.js';
import { categoryLabel, declarationRows, declarationTable } from './declaration.js';
import { dialogStyles } from './dialog.styles.js';

/** What each category's row and each dialog's record show now, to write them only on a change. */
const shown = new WeakMap<Element, string>();

/** This module's stylesheet, made once. */
let sheet: CSSStyleSheet | undefined;

/** Adds this module's styles to the shadow root's, once (again if the banner replaced them). */
function style(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(dialogStyles);
    }
    if (!root.adoptedStyleSheets.includes(sheet))
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (!root.querySelector('style[data-dialog]')) {
    // Safari before 16.4: a <style> of its own, beside the banner's.
    const element = root.appendChild(document.createElement('style'));
    element.dataset.dialog = '';
    element.textContent = dialogStyles;
  }
}

/** Fills the dialog in `root` (if it is rendered) for `store`'s categories and choice, in `lang`. */
export function dialogDetails(root: ShadowRoot, store: ConsentStore, lang: Lang): void {
  const dialog = root.querySelector('dialog');
  if (!dialog) return;
  style(root);
  const s = EMBED_STRINGS[lang];
  // The dialog lists the categories in their order, one item each.
  const items = dialog.querySelectorAll('[part~=category]');
  store.derived.categories.forEach((category, index) => {
    const item = items[index];
    if (!item) return;
    // Its name: its own label, else the site's texts for it.
    const name = categoryLabel(store.derived, category.id, lang, s);
    const key = lang + JSON.stringify([category.id, name, category.cookies]);
    if (shown.get(item) === key) return;
    shown.set(item, key);
    item.querySelector('[part~=declaration]')?.remove();
    const rows = declarationRows(category, lang).length;
    if (!rows) return;
    const details = document.createElement('details');
    details.setAttribute('part', 'declaration');
    const summary = document.createElement('summary');
    summary.textContent = `${s.kept} (${rows})`;
    // Named by the category, as on the site's page, but by a label: the category's name is
    // right above it, and a caption would show it, and be read, twice.
    const table = declarationTable(category, lang);
    table.setAttribute('aria-label', name);
    details.append(summary, table);
    item.append(details);
  });

  const { decided, id, decidedAt } = store.state;
  const key = decided ? lang + id + decidedAt : '';
  if (shown.get(dialog) === key) return;
  shown.set(dialog, key);
  dialog.querySelector('[part~=record]')?.remove();
  if (!decided || !id || !decidedAt) return;
  const record = document.createElement('p');
  record.setAttribute('part', 'record');
  const when = new Date(decidedAt).toLocaleString(lang, { dateStyle: 'long', timeStyle: 'short' });
  const code = document.createElement('code');
  code.setAttribute('part', 'consent-id');
  code.textContent = id;
  record.append(`${s.recordDate} ${when}`, document.createElement('br'), `${s.recordId} `, code);
  dialog.querySelector('.actions')?.before(record);
}
