/**
 * Reading one cookie out of a `Cookie` request header, the way the banner's js-cookie reads
 * `document.cookie`: pairs split on `;`, the first `=` separates name and value, names and
 * values percent-decoded, the FIRST pair with the name wins. Never throws.
 */

/** Percent-decodes runs of `%XX` as js-cookie does; `null` when they are not valid UTF-8. */
function percentDecode(text: string): string | null {
  try {
    return text.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
  } catch {
    return null;
  }
}

/**
 * The value of the first cookie called `name` in `header`, percent-decoded and unquoted;
 * `undefined` when there is no such cookie, `null` when the first one cannot be decoded
 * (js-cookie would then skip to a later cookie of the same name; a server does not guess).
 */
export function firstCookie(header: string, name: string): string | null | undefined {
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    // A pair without `=` is a nameless cookie (RFC 6265bis), never the one we look for.
    if (eq < 0) continue;
    const rawName = pair.slice(0, eq).trim();
    if (rawName !== name && percentDecode(rawName) !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))
      value = value.slice(1, -1);
    return percentDecode(value);
  }
  return undefined;
}
