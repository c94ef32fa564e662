/**
 * Reading cookies out of a cookie string: the page's `document.cookie` in the browser, the
 * `Cookie` request header on the server. One implementation for both, so the banner and a
 * server always agree on which value counts: pairs split on `;`, the first `=` separates name
 * and value, names and values percent-decoded, the FIRST pair with the name wins. Never throws.
 */

/** Percent-decodes runs of `%XX`; `null` when they are not valid UTF-8. */
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
 * (neither the banner nor a server guesses which later one was meant).
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

/** The names of the cookies in `header`, as written (what deleting one must name). */
export const cookieNames = (header: string): string[] =>
  header
    .split(';')
    .map((pair) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')).trim() : ''))
    .filter(Boolean);
