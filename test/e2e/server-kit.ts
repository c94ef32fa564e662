// What the tests of the demo's real web servers share (nginx.spec.ts and refresh.spec.ts with
// nginx-server.ts; apache.spec.ts and apache-refresh.spec.ts with apache-server.ts): a server in
// a temporary prefix of its own, reading its logs, and the visits and checks that are the same
// for every server. What only one server does stays in its own files.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  APIRequestContext,
  BrowserContext,
  Page,
  TestInfo,
  WorkerFixture,
} from '@playwright/test';
import { IIFE, freePort, type RunningServer } from '../support/server-kit.mjs';
// The reader's own modules, not src/server/index.ts: that entry also holds the receipt store,
// whose audit page imports uPlot's files as text (`?raw`): a Vite import, which Playwright's
// loader cannot read.
import { anonymizeIp, normalizeIp } from '../../src/server/ip.js';
import { isGranted, readConsent } from '../../src/server/read-consent.js';
import { EN, bannerUi, consentOf, expect, hostOpener, waitForRecord } from './fixtures.js';

// The servers.

/** A server the tests started. */
export type TestServer<T extends RunningServer> = T & {
  /**
   * The origin the browser uses: `localhost`, not `127.0.0.1`, so that the server's own
   * address in a Referer is not mistaken for the client's in the detailed log.
   */
  origin: string;
};

/** A server the tests started in a temporary prefix of its own. */
export type TempServer<T extends RunningServer> = TestServer<T> & {
  /** Stops the server and deletes its prefix. */
  remove(): Promise<void>;
};

/**
 * Starts a server (`start`, on a free port) in a fresh temporary prefix, `consent-banner-<name>-…`;
 * deletes the prefix again when the server does not start.
 */
export async function startInTempPrefix<T extends RunningServer>(
  name: string,
  start: (where: { port: number; prefix: string }) => Promise<T>,
): Promise<TempServer<T>> {
  if (!existsSync(IIFE)) throw new Error(`${IIFE} is missing: run \`npm run build\` first`);
  const prefix = mkdtempSync(join(tmpdir(), `consent-banner-${name}-`));
  const deletePrefix = () => rmSync(prefix, { recursive: true, force: true });
  let server: T;
  try {
    server = await start({ port: await freePort(), prefix });
  } catch (error) {
    deletePrefix();
    throw error;
  }
  return {
    ...server,
    origin: `http://localhost:${server.port}`,
    async remove() {
      await server.stop();
      deletePrefix();
    },
  };
}

/** A worker-scoped fixture: the server `start()` gives, removed when the worker ends. */
export function workerServer<T extends { remove(): Promise<void> }>(
  start: () => Promise<T>,
): [WorkerFixture<T, object>, { scope: 'worker'; timeout: number }] {
  return [
    // Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await start();
      try {
        await use(server);
      } finally {
        await server.remove();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ];
}

/** Attaches the server's logs (those it has written) to a test that failed. */
export async function attachLogs(
  testInfo: TestInfo,
  name: string,
  logs: RunningServer['logs'],
): Promise<void> {
  if (testInfo.status === testInfo.expectedStatus) return;
  for (const [log, file] of Object.entries(logs))
    if (existsSync(file)) await testInfo.attach(`${name} ${log}.log`, { path: file });
}

// The logs.

/** The lines of a log file so far (none while the file does not exist yet). */
export function logLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** Waits (polling the file, never sleeping) until it has lines containing `marker`. */
export async function linesWith(file: string, marker: string, atLeast = 1): Promise<string[]> {
  await expect
    .poll(() => logLines(file).filter((line) => line.includes(marker)).length, {
      message: `${file} has ${atLeast}+ line(s) with ${marker}`,
    })
    .toBeGreaterThanOrEqual(atLeast);
  return logLines(file).filter((line) => line.includes(marker));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * nginx's `$time_local` and Apache's `%t` (`22/Nov/2025:10:11:12 +0700`) as epoch
 * milliseconds; NaN otherwise.
 */
export function parseTimeLocal(text: string): number {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(
    text,
  );
  if (!m) return Number.NaN;
  const [, day, month, year, hh, mm, ss, sign, oh, om] = m;
  const utc = Date.UTC(
    Number(year),
    MONTHS.indexOf(month ?? ''),
    Number(day),
    Number(hh),
    Number(mm),
    Number(ss),
  );
  const offset = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
  return utc - offset;
}

/** A string no other request carries, to find one request's log lines. */
export const marker = (name: string) =>
  `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * One line of the detailed log: format consent_detailed in examples/nginx/consent-log.conf, and
 * consent_detailed and consent_anonymised in examples/apache/consent-log.conf, whose lines are
 * nginx's, so that one parser reads both servers.
 */
const DETAILED =
  /^(?<addr>\S+) \[(?<time>[^\]]+)\] "(?<request>[^"]*)" (?<status>\d{3}) \d+ "(?<referer>[^"]*)" "[^"]*" logs=(?<logs>[01])$/;

export function parse(line: string) {
  const groups = DETAILED.exec(line)?.groups;
  expect(groups, `a detailed log line: ${line}`).toBeDefined();
  return groups as Record<'addr' | 'time' | 'request' | 'status' | 'referer' | 'logs', string>;
}

// What the log tests check, the same for every server.

/** The browser's address, as the servers see it, and anonymised. */
export const CLIENT = '127.0.0.1';
export const ANONYMISED = '127.0.0.0';

/**
 * Loads the page `path` with a marker, waits for the page request's line in the detailed log,
 * and returns every detailed line of that visit (the page, and its files, whose Referer holds
 * the marker) and the legal-minimum line of the page.
 */
export async function visit(
  page: Page,
  server: TestServer<RunningServer>,
  path: string,
  name: string,
) {
  const mark = marker(name);
  await page.goto(`${server.origin}${path}?visit=${mark}`);
  await expect(page.locator('consent-banner')).toHaveCount(1);
  const [pageLine] = await linesWith(server.logs.detailed, `"GET ${path}?visit=${mark} `);
  // The page's own files: the script-tag file, styles and the panel script.
  const detailed = await linesWith(server.logs.detailed, mark, 4);
  const [legal] = await linesWith(server.logs.legal, `"GET ${path}?visit=${mark}"`);
  return { pageLine: pageLine as string, detailed, legal: legal as string };
}

export function expectAnonymised(lines: string[]): void {
  for (const line of lines) {
    expect(line, 'no full client IP in the detailed log').not.toContain(CLIENT);
    const { addr, time, logs } = parse(line);
    expect(addr).toBe(ANONYMISED);
    expect(time, 'the day only, no time of day').toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}$/);
    expect(logs).toBe('0');
  }
}

export function expectFull(lines: string[]): void {
  for (const line of lines) {
    const { addr, time, logs } = parse(line);
    expect(addr).toBe(CLIENT);
    expect(logs).toBe('1');
    const at = parseTimeLocal(time);
    expect(Number.isNaN(at), `an access time: ${time}`).toBe(false);
    expect(Math.abs(at - Date.now()), 'the access time is now').toBeLessThan(5 * 60_000);
  }
}

/**
 * The first log test: a visit before any choice, then one after the visitor saved with the
 * logs switch turned on and off again; both anonymised. Returns the second visit, for the
 * server's own checks of its legal-minimum line.
 */
export async function undecidedThenDeclined(
  page: Page,
  context: BrowserContext,
  server: TestServer<RunningServer>,
  path: string,
) {
  const ui = bannerUi(page, EN);
  const before = await visit(page, server, path, 'undecided');
  await expect(ui.region).toBeVisible();
  expectAnonymised(before.detailed);

  await ui.choose.click();
  await expect(ui.dialog).toBeVisible();
  const logsSwitch = ui.switchFor(EN.logs);
  // logs="optional": a real switch, off until the visitor turns it on. On, then off again.
  await expect(logsSwitch).not.toBeChecked();
  await logsSwitch.check();
  await logsSwitch.uncheck();
  await ui.save.click();
  const record = await waitForRecord(context);
  expect(record.denied).toContain('logs');
  expect(record.granted).not.toContain('logs');

  // consent-banner/server reads the cookie as the page does.
  expect(readConsent(`consent=${record.raw}`)).toEqual(await consentOf(page));

  const after = await visit(page, server, path, 'declined');
  await expect(ui.region).toBeHidden();
  expectAnonymised(after.detailed);
  expect(parse(after.pageLine).status).toBe('200');
  expect(after.legal, 'traffic data only: no user agent, no referer').not.toMatch(
    /Mozilla|Chrome|http:/,
  );
  return after;
}

/**
 * The second log test: reject all, then accept all, then reject all again; the visits after
 * each are anonymised, full (address and time), anonymised. Returns the visit with the grant.
 */
export async function rejectedGrantedWithdrawn(
  page: Page,
  context: BrowserContext,
  server: TestServer<RunningServer>,
  path: string,
) {
  const ui = bannerUi(page, EN);
  await page.goto(`${server.origin}${path}`);
  await ui.rejectAll.click();
  await expect(ui.region).toBeHidden();
  expect((await waitForRecord(context)).denied).toContain('logs');

  const rejected = await visit(page, server, path, 'rejected');
  expectAnonymised(rejected.detailed);

  await hostOpener(page, 'en').click();
  await expect(ui.dialog).toBeVisible();
  await expect(ui.switchFor(EN.logs)).not.toBeChecked();
  await ui.dialogAcceptAll.click();
  await expect.poll(async () => (await waitForRecord(context)).granted).toContain('logs');
  const record = await waitForRecord(context);
  expect(readConsent(`consent=${record.raw}`)).toEqual(await consentOf(page));

  const granted = await visit(page, server, path, 'granted');
  expectFull(granted.detailed);
  expect(granted.pageLine).toContain(CLIENT);

  // Withdrawing is as easy: reject again, and the next lines are anonymised again.
  await hostOpener(page, 'en').click();
  await ui.dialogRejectAll.click();
  await expect.poll(async () => (await waitForRecord(context)).denied).toContain('logs');
  expectAnonymised((await visit(page, server, path, 'withdrawn')).detailed);
  return granted;
}

/**
 * The detailed line of a request with the cookie `consent=<value>` holds the full address
 * exactly when consent-banner/server's `isGranted` grants `logs`; returns whether it does.
 */
export function expectLoggedAsGranted(
  value: string,
  { addr, logs }: { addr: string; logs: string },
): boolean {
  const granted = isGranted(`consent=${value}`, 'logs');
  expect(logs, `logs=${granted ? 1 : 0} for ${value.slice(0, 80)}`).toBe(granted ? '1' : '0');
  expect(addr).toBe(granted ? CLIENT : ANONYMISED);
  return granted;
}

/** Client addresses to try through a server's anonymisation: IPv4, IPv6 and IPv4-mapped. */
export const ADDRESSES: readonly string[] = [
  '203.0.113.7',
  '10.1.2.255',
  '2001:db8:1234:5678:9abc:def0:1234:5678',
  '2001:db8:1234::1',
  '2001:db8::1',
  '2001::1',
  '2001:0:0:1::1',
  'fe80::1',
  '::1',
  '::ffff:203.0.113.7',
];

/**
 * Requests `/` of a server that takes the client address from X-Forwarded-For (trusted from
 * loopback only) as if from `address`; returns the request's detailed line, parsed, and its
 * marker.
 */
export async function requestFrom(
  request: APIRequestContext,
  server: RunningServer,
  address: string,
) {
  const mark = marker('ip');
  await request.get(`${server.url}/?${mark}`, { headers: { 'x-forwarded-for': address } });
  const [line] = await linesWith(server.logs.detailed, mark);
  return { mark, ...parse(line as string) };
}

/** `addr`, logged for a client at `address`, is anonymizeIp's answer, not the address. */
export function expectAnonymisedAs(addr: string, address: string): void {
  // The server may write the same prefix less compactly (2001:0:0:: for 2001::).
  expect(normalizeIp(addr), `${address} → ${addr}`).toBe(anonymizeIp(address));
  expect(addr).not.toBe(normalizeIp(address));
}

// The consent cookie sent back (docs/server/safari.md).

export const DAY = 86_400;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The consent cookie as the browser holds it. */
export async function consentCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name === 'consent');
  expect(cookie, 'the consent cookie').toBeDefined();
  return cookie as NonNullable<typeof cookie>;
}

/** What Safari does to a cookie written by a script: at most 7 days from now. */
export async function capLikeSafari(context: BrowserContext): Promise<void> {
  const cookie = await consentCookie(context);
  await context.addCookies([{ ...cookie, expires: nowSeconds() + 7 * DAY }]);
}

/**
 * A choice on the page `origin` + `path`, its cookie capped as Safari would; the next page from
 * the server gives the cookie back its full lifetime: cookie-days from the decision, never
 * more, and the value unchanged.
 */
export async function expectFullLifetimeBack(
  page: Page,
  context: BrowserContext,
  origin: string,
  path: string,
): Promise<void> {
  await page.goto(`${origin}${path}`);
  const ui = bannerUi(page, EN);
  await ui.rejectAll.click();
  const decided = await waitForRecord(context);
  const written = await consentCookie(context);
  // The banner's own cookie: cookie-days (182) from the decision.
  expect(Math.abs(written.expires - (decided.decidedAt + 182 * DAY))).toBeLessThanOrEqual(2);

  await capLikeSafari(context);
  expect((await consentCookie(context)).expires).toBeLessThan(decided.decidedAt + 8 * DAY);

  const response = await page.goto(`${origin}${path}`);
  const setCookie = (await response?.headerValue('set-cookie')) ?? '';
  expect(setCookie).toMatch(/^consent=[\w.~-]+; Path=\/; SameSite=Lax; Max-Age=\d+$/);
  const kept = await consentCookie(context);
  expect(kept.value, 'byte for byte what the banner wrote').toBe(decided.raw);
  expect(kept.path).toBe('/');
  expect(kept.sameSite).toBe('Lax');
  // The time the choice has left: cookie-days from the decision (a second or two of
  // rounding between the page and the server), and never longer.
  expect(kept.expires).toBeLessThanOrEqual(decided.decidedAt + 182 * DAY + 1);
  expect(kept.expires).toBeGreaterThan(decided.decidedAt + 182 * DAY - 5);
  // And the banner still reads the same choice: no banner, the same consent id.
  await expect(ui.region).toHaveCount(0);
  expect((await waitForRecord(context)).id).toBe(decided.id);
}

/**
 * A server that cannot send the cookie back (`origin` + `path`): after a choice, its pages are
 * served as ever, without the cookie.
 */
export async function expectServedWithoutCookie(
  page: Page,
  context: BrowserContext,
  origin: string,
  path: string,
): Promise<void> {
  await page.goto(`${origin}${path}`);
  await bannerUi(page, EN).acceptAll.click();
  await waitForRecord(context);
  const response = await page.goto(`${origin}${path}`);
  expect(response?.status()).toBe(200);
  expect(await response?.headerValue('set-cookie')).toBeNull();
  await expect(page.locator('consent-banner')).toHaveCount(1);
}
