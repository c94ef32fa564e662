// The consent cookies the server-log tests send to a real web server (test/e2e/nginx.spec.ts,
// test/e2e/apache.spec.ts): one set, so that nginx's map, Apache's SetEnvIfExpr and
// consent-banner/server's `isGranted` are held to the same values. Each server must log the
// full address exactly when `isGranted(cookie, 'logs')` says so, except for STRICTER_VALUES,
// which it may (and does) read as no consent: it logs less, never more. `record` writes the
// records the refresh tests (refresh.spec.ts, apache-refresh.spec.ts) send.
import { readFileSync } from 'node:fs';

const captured = JSON.parse(
  readFileSync(new URL('../server/fixtures.json', import.meta.url), 'utf8'),
) as { cases: { value: string }[] };

const id = 'Qm9vX3JhbmRvbV9pZA';
/** A decision a minute before the tests started: valid, not in the future. */
const at = Math.floor(Date.now() / 1000) - 60;

/** A record that grants `logs`, and one that denies it, as the banner writes them. */
export const GRANT = `1.0.necessary~logs..${id}.${at}.a`;
export const DENY = `1.0.necessary.logs.${id}.${at}.r`;

/**
 * A record the banner would write on the demo pages (their data-revision="1"), decided at
 * `decidedAt` (Unix time), with the lists `granted.denied` and the method.
 */
export const record = (decidedAt: number, lists = 'necessary~logs.', method = 'c') =>
  `1.1.${lists}.${id}.${decidedAt}.${method}`;

/**
 * Values of a `consent` cookie: those the banner wrote in real browsers (test/server/
 * fixtures.json), granted lists in other places and orders, near misses of `logs`, required
 * `necessary` missing or denied, another format version, a bad method, id or field count, a
 * record over 1,024 characters, garbage and nothing.
 */
export const COOKIE_VALUES: readonly string[] = [
  ...captured.cases.map((c) => c.value),
  `1.3.necessary~logs~analytics.preferences.${id}.${at}.c`,
  `1.0.necessary.logs~preferences~analytics.${id}.${at}.r`,
  `1.0.necessary~analytics.logs~preferences.${id}.${at}.c`,
  `1.0.necessary~logs~marketing.preferences~analytics.${id}.${at}.c`,
  `1.0.necessary~xlogs.logs.${id}.${at}.c`,
  `1.0.necessary~logsx.logs.${id}.${at}.c`,
  `1.0.logs.necessary.${id}.${at}.a`,
  `1.0.logs~analytics.preferences.${id}.${at}.a`,
  `2.0.necessary~logs..${id}.${at}.a`,
  `1.0.necessary~logs..${id}.${at}.x`,
  `1.0.necessary~logs..short.${at}.a`,
  `1.0.necessary~logs..${id}.${at}`,
  `1.0.necessary~logs${'~c'.repeat(520)}..${id}.${at}.a`,
  'garbage',
  '',
];

/**
 * Where the servers are stricter (they check the shape the banner writes; readConsent checks
 * the meaning): a percent-encoded record and a quoted one (the banner's reader, and so
 * readConsent, decode and unquote them; the servers do not), and granted ids in another order.
 * The banner writes none of these; `isGranted` says yes, the servers log less.
 */
export const STRICTER_VALUES: readonly string[] = [
  `1.0.necessary%7Elogs..${id}.${at}.a`,
  `1.0.logs~necessary..${id}.${at}.a`,
  `"${GRANT}"`,
];

/**
 * Whole `Cookie` headers with several cookies, and whether `logs` is granted ('1') or not
 * ('0'): the first cookie called `consent` counts, for the servers as for the browser, and only
 * a cookie of exactly that name (a `consent` without `=` is one, with an empty value).
 */
export const SEVERAL_COOKIES: readonly (readonly [cookie: string, logs: '0' | '1'])[] = [
  [`consent=${DENY}; consent=${GRANT}`, '0'],
  [`consent=${GRANT}; consent=${DENY}`, '1'],
  [`consent; consent=${GRANT}`, '0'],
  [`theconsent=${GRANT}; consent=${DENY}`, '0'],
  [`consents=${DENY};consent=${GRANT}`, '1'],
];

/**
 * Headers that nginx's `$cookie_consent` reads otherwise than the browser (it compares names
 * without regard to case, and also takes a comma for the end of a cookie; docs/server/nginx.md),
 * and Apache's regex as the browser does. Not for the nginx test.
 */
export const AS_THE_BROWSER_READS: readonly (readonly [cookie: string, logs: '0' | '1'])[] = [
  [`Consent=${GRANT}`, '0'],
  [`Consent=${DENY}; consent=${GRANT}`, '1'],
  [`other=1, consent=${GRANT}`, '0'],
];
