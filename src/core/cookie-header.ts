/**
 * Reading cookies out of a `Cookie` request header, the way the banner reads `document.cookie`
 * with js-cookie, so that a server and the banner agree on which value counts (test/flows/
 * cookie-agreement.test.ts checks it in real browsers, test/server/fuzz.test.mjs on generated
 * jars): pairs split on `;`, the first `=` separates name and value (a pair without one is a
 * name with an empty value), the name decoded with `decodeURIComponent` and the value's `%XX`
 * runs decoded, a value that starts with `"` loses its first and last character, and the FIRST
 * pair with the name that can be decoded wins (an undecodable one is skipped). Never throws.
 */

/** Percent-decodes runs of `%XX`; throws when they are not valid UTF-8. */
const percentDecode = (text: string): string =>
  text.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);

/**
 * The `name=value` pairs of `header`, split at the first `=` and trimmed. A pair without `=`
 * (a nameless cookie, RFC 6265bis) is read as js-cookie reads it: that name, an empty value.
 * So `consent; consent=<a valid record>` is no choice, in the browser and here.
 */
const pairs = (header: string): [string, string][] =>
  header.split(';').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0 ? [pair.trim(), ''] : [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
  });

/**
 * The value of the first cookie called `name` in `header` that can be decoded, percent-decoded
 * and unquoted; `undefined` when there is none.
 */
export function firstCookie(header: string, name: string): string | undefined {
  for (const [rawName, raw] of pairs(header)) {
    try {
      // The whole name, as js-cookie decodes it: `50%off` cannot be, and is skipped.
      if (decodeURIComponent(rawName) !== name) continue;
      return percentDecode(raw.startsWith('"') ? raw.slice(1, -1) : raw);
    } catch {
      // Not valid percent-encoding: js-cookie skips it, and so do we.
    }
  }
  return undefined;
}
