/**
 * The declaration on the site's own page (docs/guide/categories.md "On your cookie page"): every
 * element with `data-consent-declaration` gets one plain HTML table per category that declares
 * what it stores, in the light DOM, so the site's CSS styles it, in the visitor's language. It is
 * written again when the language or the configuration changes. Loaded with the embeds, only on
 * pages that have such an element (src/element/load-embeds.ts). The built-in `logs` category
 * declares the log files' fields unless the site declares its own for it.
 */
import type { Derived } from '../core/configure.js';
import type { Category, CategoryId, Lang, LocalizedText } from '../core/types.js';
import type { ConsentStore } from '../element/store.js';
import { EMBED_STRINGS, LOG_FILES, type EmbedStrings } from '../i18n/embed.js';

/** A category's name in `lang`: the site's own, else the built-in one. */
export function categoryLabel(
  { categories, texts }: Derived,
  id: CategoryId,
  lang: Lang,
  s: EmbedStrings,
): string {
  const own = categories.find((c) => c.id === id)?.label;
  const key = `${id}Label`;
  return (
    own?.[lang] ??
    own?.en ??
    texts[lang]?.[key] ??
    (s as unknown as Record<string, string | undefined>)[key] ??
    s.otherLabel
  );
}

/** A header (`th`, a column's) or data cell holding `value`. */
function cell(tag: 'th' | 'td', value: string): HTMLTableCellElement {
  const element = document.createElement(tag);
  element.textContent = value;
  if (tag === 'th') element.setAttribute('scope', 'col');
  return element;
}

/** A text in `lang`, else in the other language. */
const text = (value: LocalizedText | undefined, lang: Lang) =>
  value?.[lang] ?? value?.[lang === 'th' ? 'en' : 'th'] ?? '';

/** A category's rows: what the site declares, or the log files' fields for `logs`; or none. */
export function declarationRows({ id, cookies }: Category, lang: Lang): string[][] {
  const s = EMBED_STRINGS[lang];
  return cookies?.length
    ? cookies.map((entry) => [
        entry.name,
        entry.provider ?? s.thisSite,
        text(entry.purpose, lang),
        text(entry.duration, lang),
      ])
    : id === 'logs'
      ? LOG_FILES[lang].fields.map(([field, why]) => [field, s.thisSite, why, LOG_FILES[lang].kept])
      : [];
}

/**
 * `category`'s table in `lang`, a column header for each field; the caller names it (a caption
 * on the site's page, a label in the dialog).
 */
export function declarationTable(category: Category, lang: Lang): HTMLTableElement {
  const s = EMBED_STRINGS[lang];
  const table = document.createElement('table');
  table.lang = lang;
  table.dataset.category = category.id;
  table
    .createTHead()
    .insertRow()
    .append(...[s.name, s.provider, s.purpose, s.duration].map((h) => cell('th', h)));
  const body = table.createTBody();
  for (const row of declarationRows(category, lang))
    body.insertRow().append(...row.map((v) => cell('td', v)));
  return table;
}

export function declarationTables(store: ConsentStore, lang: () => Lang): { update(): void } {
  /** What each element shows now, to write it again only when that changes. */
  const shown = new WeakMap<Element, string>();
  return {
    update() {
      const hosts = document.querySelectorAll('[data-consent-declaration]');
      if (!hosts.length) return;
      const now = lang();
      const s = EMBED_STRINGS[now];
      // Each declaring category with its name: its own label, else the site's texts for it.
      const declaring = store.derived.categories
        .filter((c) => declarationRows(c, now).length)
        .map((c) => ({ category: c, name: categoryLabel(store.derived, c.id, now, s) }));
      const key =
        now +
        JSON.stringify(
          declaring.map(({ category, name }) => [category.id, name, category.cookies]),
        );
      for (const host of hosts) {
        if (shown.get(host) === key) continue;
        shown.set(host, key);
        host.replaceChildren(
          ...declaring.map(({ category, name }) => {
            const table = declarationTable(category, now);
            table.createCaption().textContent = name;
            return table;
          }),
        );
      }
    },
  };
}
