/** Which language the visitor reads (docs/guide/configuration.md): Thai or English. */
import type { Lang } from './types.js';

/** `th-TH` → `th`; anything not Thai or English → `null`. */
export function toLang(tag: string | null | undefined): Lang | null {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'th' || primary === 'en' ? primary : null;
}

/**
 * The language to show: the element's own `lang`, the nearest `[lang]` ancestor, the browser's
 * languages in order, then Thai. `browser` is asked only when neither `lang` decides: reading
 * `navigator` costs a returning visitor's page heap (docs/explanation/size-and-speed.md "Speed").
 */
export function resolveLang(
  own: string | null | undefined,
  inherited: string | null | undefined,
  browser: () => readonly string[],
): Lang {
  return toLang(own) ?? toLang(inherited) ?? browser().map(toLang).find(Boolean) ?? 'th';
}
