/**
 * Embedded content that waits for consent (docs/guide/embeds.md). `<iframe data-consent="ID"
 * data-src="URL">` has no `src` until ID is granted: until then a placeholder of its size stands
 * in its place, and the iframe is out of the page, so its provider receives nothing. The
 * placeholder names the provider and what loading shares, and offers Load this one (this page
 * view, nothing stored), Always allow (a decision like any other) and a link to the content on
 * the provider's site. Withdrawing the category puts the placeholders back. Loaded only on pages
 * that have embeds (src/element/load-embeds.ts).
 */
import { categoriesOf, mayRun } from '../core/script-plan.js';
import { EMBED, fill, provider } from '../core/embed.js';
import { line, problem } from '../core/messages.js';
import { PREFIX, firstTime } from '../core/report.js';
import type { CategoryId } from '../core/types.js';
import { adopt } from '../effects/adopt.js';
import type { EmbedGate, EmbedsModule } from '../element/embed-host.js';
import { coreStyles } from '../element/core.styles.js';
import { EMBED_STRINGS } from '../i18n/embed.js';
import { categoryLabel, declarationTables } from './declaration.js';
import { embedStyles } from './embed.styles.js';

// The dialog's declarations and record come with the embeds' code (src/element/embed-host.ts).
export { dialogDetails } from './dialog.js';
// And the receipts' sender, loaded when there is a receipt to send (src/element/store.ts).
export { sendReceipts } from './receipts.js';

const PLACEHOLDER = '[data-consent-placeholder]';

/** An iframe's `width` or `height` as CSS, as the iframe itself would have it. */
const size = (value: string | null, fallback: string): string =>
  /^\d+(\.\d+)?%?$/.test(value ?? '') ? `${value}${value?.endsWith('%') ? '' : 'px'}` : fallback;

/** The embed gate of the page. (A closure: its state minifies to one letter a name.) */
export const embedGate: EmbedsModule['embedGate'] = (element, store, lang, decide): EmbedGate => {
  const doc = document;
  /** Each placeholder's iframe, kept out of the page while it waits. */
  const frames = new WeakMap<Element, HTMLIFrameElement>();
  /** Iframes that the gate gave their `src`. */
  const loaded = new WeakSet<HTMLIFrameElement>();
  /** Loaded once (Load this one): for this page view, until their category is withdrawn. */
  const once = new WeakSet<HTMLIFrameElement>();
  /** The iframe whose placeholder the visitor used: it gets the focus once it loads. */
  let focus: HTMLIFrameElement | null = null;
  /** The declaration tables of the page's `[data-consent-declaration]` elements. */
  const tables = declarationTables(store, lang);

  const ids = (frame: HTMLIFrameElement) => categoriesOf(frame.getAttribute('data-consent'));
  /**
   * Whether `id` is granted; an id the banner does not have is said once (CB21). The same test as
   * the store's script gate, which the script-tag file cannot afford to export (its size budget).
   */
  const granted = (id: CategoryId) =>
    store.known(id, `data-consent="${id}"`) && store.state.categories[id] === true;
  const mayLoad = (frame: HTMLIFrameElement) =>
    once.has(frame) || mayRun(frame.getAttribute('data-consent'), granted);

  function update(): void {
    // A banner that left the page, or a second one, leaves the embeds to the page's banner.
    if (!store.active) return;
    tables.update();
    for (const frame of doc.querySelectorAll<HTMLIFrameElement>(EMBED)) {
      if (mayLoad(frame)) load(frame);
      else wait(frame);
    }
    for (const box of doc.querySelectorAll<HTMLElement>(PLACEHOLDER)) {
      const frame = frames.get(box);
      if (!frame) continue;
      if (mayLoad(frame)) {
        box.replaceWith(frame);
        load(frame);
      } else draw(box, frame);
    }
  }

  function load(frame: HTMLIFrameElement): void {
    if (!loaded.has(frame)) {
      loaded.add(frame);
      frame.setAttribute('src', frame.getAttribute('data-src') ?? '');
    }
    if (focus !== frame) return;
    focus = null;
    frame.focus();
  }

  /** The iframe leaves the page (a loaded one's provider frame goes with it); its placeholder comes. */
  function wait(frame: HTMLIFrameElement): void {
    // The site wrote `src` itself: it loaded before any consent (docs/messages.md, CB27).
    if (frame.hasAttribute('src') && !loaded.has(frame) && firstTime('embed src'))
      console.warn(
        PREFIX,
        line([problem(`<iframe data-src="${frame.getAttribute('data-src')}">`, 27)]),
      );
    loaded.delete(frame);
    const box = doc.createElement('div');
    box.setAttribute('data-consent-placeholder', '');
    for (const name of ['class', 'style'])
      if (frame.hasAttribute(name)) box.setAttribute(name, frame.getAttribute(name) as string);
    box.attachShadow({ mode: 'open' });
    frames.set(box, frame);
    frame.replaceWith(box);
    frame.removeAttribute('src');
    draw(box, frame);
  }

  /** The placeholder's content, in the visitor's language. */
  function draw(box: HTMLElement, frame: HTMLIFrameElement): void {
    const now = lang();
    const theme = element.getAttribute('theme');
    if (theme) box.setAttribute('theme', theme);
    else box.removeAttribute('theme');
    if (box.lang === now) return;
    box.lang = now;
    const root = box.shadowRoot as ShadowRoot;
    adopt(
      root,
      `${coreStyles}${embedStyles}:host{width:${size(frame.getAttribute('width'), '300px')};height:${size(frame.getAttribute('height'), '150px')}}`,
    );
    const s = EMBED_STRINGS[now];
    const from = provider(
      frame.getAttribute('data-src') ?? '',
      doc.baseURI,
      frame.getAttribute('data-consent-provider'),
    );
    const values = { provider: from.name };
    const make = (tag: string, part: string, text = '') => {
      const element = doc.createElement(tag);
      element.setAttribute('part', part);
      element.textContent = text;
      return element;
    };
    const group = make('div', 'embed');
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', frame.title || fill(s.from, values));
    const thumbnail = frame.getAttribute('data-consent-thumbnail');
    if (thumbnail) {
      const img = make('img', 'embed-thumbnail') as HTMLImageElement;
      img.alt = '';
      img.src = thumbnail;
      group.append(img);
    }
    if (frame.title) group.append(make('strong', 'embed-title', frame.title));
    const actions = make('div', 'embed-actions');
    group.append(make('p', 'embed-text', fill(s.shares, values)), actions);
    const button = (part: string, text: string, click: () => void) => {
      const element = make('button', `${part} button`, text);
      element.onclick = () => {
        focus = frame;
        click();
      };
      actions.append(element);
    };
    button('embed-load', s.loadOnce, () => {
      once.add(frame);
      update();
    });
    const allow = optional(frame);
    if (allow.length)
      button(
        'embed-allow',
        fill(s.allow, {
          category: allow.map((id) => categoryLabel(store.derived, id, now, s)).join(', '),
        }),
        () =>
          decide(() =>
            store.decide(
              { ...store.state.categories, ...Object.fromEntries(allow.map((id) => [id, true])) },
              'custom',
              'embed',
            ),
          ),
      );
    if (from.open) {
      const link = make('a', 'embed-link', fill(s.open, values)) as HTMLAnchorElement;
      link.href = from.open;
      link.rel = 'noopener';
      actions.append(link);
    }
    root.replaceChildren(group);
  }

  /** The optional categories the iframe waits for: none if it names one the banner lacks. */
  function optional(frame: HTMLIFrameElement): CategoryId[] {
    const { categories } = store.derived;
    const named = ids(frame) ?? [];
    const known = categories.filter((c) => named.includes(c.id));
    return known.length === named.length ? known.filter((c) => !c.required).map((c) => c.id) : [];
  }

  // Withdrawn: what was loaded once for that category goes back behind its placeholder.
  element.addEventListener('consent-change', (event) => {
    const { changed, categories } = event.detail;
    for (const frame of doc.querySelectorAll<HTMLIFrameElement>(EMBED))
      if (ids(frame)?.some((id) => changed.includes(id) && !categories[id])) once.delete(frame);
  });

  return { update };
};
