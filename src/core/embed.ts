/**
 * Embedded content that waits for consent (docs/guide/embeds.md): which iframes wait, and who
 * provides an embed. Pure: no DOM.
 */

/** An iframe that waits for consent: `<iframe data-consent="ID" data-src="URL">`, no `src`. */
export const EMBED = 'iframe[data-consent][data-src]';

/**
 * What makes a page load the second file: an embed, or an element for the declaration tables
 * (docs/guide/categories.md "On your cookie page").
 */
export const EXTRAS = `${EMBED},[data-consent-declaration]`;

/** Where `consent-banner-extras.iife.js` leaves the embeds for the script-tag build. */
export const EMBEDS_KEY = Symbol.for('consent-banner.embeds');

export interface Provider {
  /** The provider's name, as a visitor knows it. */
  readonly name: string;
  /** The content on the provider's own site (`null`: the URL is not http(s)). */
  readonly open: string | null;
}

/**
 * The provider of the embed at `src` (resolved against `base`): a built-in name and link for
 * YouTube (and youtube-nocookie.com), Google Maps, Facebook and Vimeo, else the host name and
 * the embed's own address. `name` overrides the name (`data-consent-provider`).
 */
export function provider(src: string, base: string, name?: string | null): Provider {
  let url: URL;
  try {
    url = new URL(src, base);
  } catch {
    return { name: name || src, open: null };
  }
  if (!/^https?:$/.test(url.protocol)) return { name: name || url.protocol, open: null };
  const host = url.hostname.replace(/^(www|m)\./, '');
  const path = url.pathname;
  const param = (key: string) => url.searchParams.get(key);
  let known: string | undefined;
  let open: string | null = url.href;
  const video = /^\/(?:embed|video)\/([\w-]+)/.exec(path)?.[1];
  if (/^youtube(-nocookie)?\.com$/.test(host)) {
    known = 'YouTube';
    if (video) open = `https://www.youtube.com/watch?v=${video}`;
  } else if (
    /^maps\.google\./.test(host) ||
    (/^google\.[a-z.]+$/.test(host) && /^\/maps\b/.test(path))
  ) {
    known = 'Google Maps';
    const q = param('q');
    if (q) open = `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(q)}`;
  } else if (/^(player\.)?vimeo\.com$/.test(host)) {
    known = 'Vimeo';
    if (video) open = `https://vimeo.com/${video}`;
  } else if (host === 'facebook.com') {
    known = 'Facebook';
    const href = param('href');
    if (href && /^https:\/\/([\w-]+\.)*facebook\.com\//.test(href)) open = href;
  }
  return { name: name || known || host, open };
}

/** Fills `{name}` placeholders of `text` from `values`. */
export const fill = (text: string, values: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
