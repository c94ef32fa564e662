/**
 * The console messages (docs/messages.md): each has a code. The development build (the npm
 * entries, the tests) says each one in words; the builds for pages ship `SENTENCES` as `null`
 * (vite.config.ts) and print the codes, with one link to the page that explains them.
 */

/** Where every code is explained. */
export const DOCS = 'https://github.com/consent-banner/consent-banner/blob/main/docs/messages.md';

/**
 * What follows the subject of each message, by code; `%` stands for the part that varies.
 * Keep it in step with docs/messages.md (test/server/messages.test.mjs checks both ways).
 */
export const SENTENCES: Readonly<Record<number, string>> | null = {
  1: ': expected valid JSON',
  2: ': expected an object',
  3: ': expected a known text key',
  4: ': expected th or en',
  5: ': expected {"th": "…", "en": "…"}',
  6: ': expected a list of cookie names or "prefix*"',
  7: ': expected a list of Google Consent Mode types',
  8: ': expected true or false',
  9: ': expected a known key',
  10: ': expected an id of a-z, 0-9, _ and -',
  11: ': expected texts or categories',
  12: ': expected a whole number from %',
  13: ': expected a cookie name',
  14: ': expected %',
  15: ': expected % or a domain above it',
  16: ': expected ids of a-z, 0-9, _ and -',
  17: ': expected an http(s) or relative URL',
  18: ': nothing changed; expected true or false for one or more of %',
  19: ' on this page does nothing: keep one',
  20: ': receipt dropped',
  21: ': no such category here; expected one of %',
  22: ': the attribute is there, so it is on; remove it to turn it off',
  23: ': expected a text that is not empty; the built-in text is shown',
  24: ': no label; visitors see a generic one until it has {"label": {"th": "…", "en": "…"}}',
  25: ': missing; the banner must link to the privacy policy',
  26: '; the banner asks for a choice again',
  27: ': has src too, so it loaded before any consent; give it data-src alone',
  28: ': expected {"name": "…", "purpose": {"th": "…", "en": "…"}, "duration": {"th": "…", "en": "…"}}',
};

/**
 * One problem, as the console line will say it: `subject` (what was wrong, with the value the
 * page gave), then the sentence of `code` with `detail` in it, or the code alone.
 */
export const problem = (subject: string, code: number, detail?: string): string =>
  SENTENCES
    ? subject + (SENTENCES[code] ?? '').replace('%', detail ?? '')
    : `${subject} (CB${code})`;

/** The console line for `problems`: each said, then where the codes are explained. */
export const line = (problems: readonly string[]): string =>
  problems.join('; ') + (SENTENCES ? '' : `. See ${DOCS}`);
