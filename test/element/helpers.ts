/** Shared helpers for the element tests: cookies, events, shadow-root queries. */
import { waitUntil } from '@open-wc/testing';
import type { ConsentBanner } from '../../src/index.js';
import type { ConsentChange, ConsentState } from '../../src/core/types.js';

export const NOW = () => Math.floor(Date.now() / 1000);

/**
 * Waits until `condition` holds, up to 5 s. open-wc's default second is too short on a busy
 * machine: loading the interface or the extras file took longer in Firefox once, with the whole
 * suite running. The wait ends as soon as the condition holds.
 */
export const until = (condition: () => unknown, message?: string): Promise<void> =>
  waitUntil(condition, message, { timeout: 5000 });

/** Removes every cookie this page can see. */
export function clearAllCookies(): void {
  for (const part of document.cookie.split('; ')) {
    const name = part.split('=')[0];
    if (name) document.cookie = `${name}=; Path=/; Max-Age=0`;
  }
}

export function setConsentCookie(value: string, name = 'consent'): void {
  document.cookie = `${name}=${value}; Path=/`;
}

export function getCookie(name = 'consent'): string | undefined {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return found?.slice(name.length + 1);
}

/** A valid stored value for the built-in categories (logs required). */
export function storedValue(options: {
  revision?: number;
  analytics?: boolean;
  preferences?: boolean;
  decidedAt?: number;
  method?: string;
}): string {
  const granted = ['necessary', 'logs'];
  const denied: string[] = [];
  (options.preferences ? granted : denied).push('preferences');
  (options.analytics ? granted : denied).push('analytics');
  return [
    1,
    options.revision ?? 0,
    granted.join('~'),
    denied.join('~'),
    'AbCdEfGh1234',
    options.decidedAt ?? NOW() - 60,
    options.method ?? 'c',
  ].join('.');
}

/** Records consent-ready and consent-change events on the document from now on. */
export function recordEvents() {
  const ready: ConsentState[] = [];
  const changes: ConsentChange[] = [];
  /** Which came in which order. */
  const order: ('ready' | 'change')[] = [];
  const onReady = (e: Event) => {
    order.push('ready');
    ready.push((e as CustomEvent<ConsentState>).detail);
  };
  const onChange = (e: Event) => {
    order.push('change');
    changes.push((e as CustomEvent<ConsentChange>).detail);
  };
  document.addEventListener('consent-ready', onReady);
  document.addEventListener('consent-change', onChange);
  return {
    ready,
    changes,
    order,
    stop() {
      document.removeEventListener('consent-ready', onReady);
      document.removeEventListener('consent-change', onChange);
    },
  };
}

export const part = <T extends Element = HTMLElement>(el: ConsentBanner, name: string) =>
  el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);

export const parts = <T extends Element = HTMLElement>(el: ConsentBanner, name: string) => [
  ...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`),
];

/** The button in `scope` whose visible text is `text`. */
export function button(scope: Element | ShadowRoot, text: string): HTMLButtonElement {
  const found = [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** The preferences dialog; it is rendered from the first time it opens on. */
export function dialogOf(el: ConsentBanner): HTMLDialogElement {
  const dialog = el.shadowRoot!.querySelector('dialog');
  if (!dialog) throw new Error('the dialog is not rendered: it is, once it has been opened');
  return dialog;
}

/** Whether the preferences dialog is open (false while it is not even rendered). */
export const dialogOpen = (el: ConsentBanner) => !!el.shadowRoot!.querySelector('dialog')?.open;

/** Opens the preferences through the API and waits until the dialog shows. */
export async function openPreferences(el: ConsentBanner): Promise<HTMLDialogElement> {
  el.showPreferences();
  await until(() => dialogOpen(el), 'the dialog opens');
  return dialogOf(el);
}

export function switchFor(el: ConsentBanner, id: string): HTMLInputElement {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(`input[data-id="${id}"]`);
  if (!input) throw new Error(`no switch for ${id}`);
  return input;
}

/** Captures console messages of one level while `action` runs. */
export async function captureConsole(
  level: 'warn' | 'error',
  action: () => unknown,
): Promise<string[]> {
  const messages: string[] = [];
  const original = console[level];
  console[level] = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  try {
    await action();
  } finally {
    console[level] = original;
  }
  return messages;
}
