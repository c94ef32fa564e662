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
 * The `name=value` pairs of `header`, split at the first `=` and trimmed. A pair without `=`
 * is a nameless cookie (RFC 6265bis), never one we look for or delete: it is left out.
 */
const pairs = (header: string): [string, string][] =>
  header
    .split(';')
    .filter((pair) => pair.includes('='))
    .map((pair) => {
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
    });

/**
 * The value of the first cookie called `name` in `header`, percent-decoded and unquoted;
 * `undefined` when there is no such cookie, `null` when the first one cannot be decoded
 * (neither the banner nor a server guesses which later one was meant).
 */
export function firstCookie(header: string, name: string): string | null | undefined {
  for (const [rawName, raw] of pairs(header)) {
    if (rawName !== name && percentDecode(rawName) !== name) continue;
    const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
    return percentDecode(quoted ? raw.slice(1, -1) : raw);
  }
  return undefined;
}

/** The names of the cookies in `header`, as written (what deleting one must name). */
export const cookieNames = (header: string): string[] =>
  pairs(header)
    .map(([name]) => name)
    .filter(Boolean);
