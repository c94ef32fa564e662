// The server side of the "Server log files" choice (README "Honouring the choice on your
// server") with a REAL Apache httpd serving the built demo (demo/apache/): a browser decides in
// the banner, and the next requests' lines in Apache's detailed access log hold the visitor's
// full IP address and access time only when `logs` is granted. The legal-minimum log keeps its
// line either way. Apache's regex and the Node reader (consent-banner/server) must agree on what
// grants `logs`, on the same cookies as nginx (test/e2e/log-cookies.ts).
import type { Page } from '@playwright/test';
import { anonymizeIp, isGranted, normalizeIp, readConsent } from '../../src/server/index.js';
import {
  expect,
  linesWith,
  logLines,
  parseTimeLocal,
  startTestApache,
  test,
  type DemoApache,
} from './apache-server.js';
import { EN, bannerUi, consentOf, hostOpener, waitForRecord } from './fixtures.js';
import {
  AS_THE_BROWSER_READS,
  COOKIE_VALUES,
  SEVERAL_COOKIES,
  STRICTER_VALUES,
} from './log-cookies.js';

const PAGE = '/demo/apache/';
const CLIENT = '127.0.0.1';
const ANONYMISED = '127.0.0.0';

/** A string no other request carries, to find one request's log lines. */
const marker = (name: string) =>
  `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * One line of the detailed log (formats consent_detailed and consent_anonymised in
 * demo/apache/consent-log.conf): the parser of nginx.spec.ts, as one parser reads both servers.
 */
const DETAILED =
  /^(?<addr>\S+) \[(?<time>[^\]]+)\] "(?<request>[^"]*)" (?<status>\d{3}) \d+ "(?<referer>[^"]*)" "[^"]*" logs=(?<logs>[01])$/;

function parse(line: string) {
  const groups = DETAILED.exec(line)?.groups;
  expect(groups, `a detailed log line: ${line}`).toBeDefined();
  return groups as Record<'addr' | 'time' | 'request' | 'status' | 'referer' | 'logs', string>;
}

/** The legal-minimum line: ISO 8601 time (Apache writes the offset as +0700), address, request. */
const LEGAL =
  /^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}) (?<addr>\S+) "(?<request>[^"]*)" (?<status>\d{3}) \d+$/;

function parseLegal(line: string) {
  const groups = LEGAL.exec(line)?.groups;
  expect(groups, `a legal-minimum log line: ${line}`).toBeDefined();
  return groups as Record<'time' | 'addr' | 'request' | 'status', string>;
}

/**
 * Loads the page with a marker, waits for the page request's line in the detailed log, and
 * returns every detailed line of that visit (the page, and its files, whose Referer holds the
 * marker) and the legal-minimum line of the page.
 */
async function visit(page: Page, apache: DemoApache, name: string) {
  const mark = marker(name);
  await page.goto(`${apache.origin}${PAGE}?visit=${mark}`);
  await expect(page.locator('consent-banner')).toHaveCount(1);
  const [pageLine] = await linesWith(apache.logs.detailed, `"GET ${PAGE}?visit=${mark} `);
  // The page's own files: the script-tag file, styles and the panel script.
  const detailed = await linesWith(apache.logs.detailed, mark, 4);
  const [legal] = await linesWith(apache.logs.legal, `"GET ${PAGE}?visit=${mark}"`);
  return { pageLine: pageLine as string, detailed, legal: legal as string };
}

function expectAnonymised(lines: string[]): void {
  for (const line of lines) {
    expect(line, 'no full client IP in the detailed log').not.toContain(CLIENT);
    const { addr, time, logs } = parse(line);
    expect(addr).toBe(ANONYMISED);
    expect(time, 'the day only, no time of day').toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}$/);
    expect(logs).toBe('0');
  }
}

function expectFull(lines: string[]): void {
  for (const line of lines) {
    const { addr, time, logs } = parse(line);
    expect(addr).toBe(CLIENT);
    expect(logs).toBe('1');
    const at = parseTimeLocal(time);
    expect(Number.isNaN(at), `an access time: ${time}`).toBe(false);
    expect(Math.abs(at - Date.now()), 'the access time is now').toBeLessThan(5 * 60_000);
  }
}

/** Errors Apache wrote to its error log (not its notices at start and stop). */
const errors = (file: string) =>
  logLines(file).filter((line) => /\[[a-z_]+:(?:error|crit|alert|emerg)\]/.test(line));

test.describe('Apache httpd honours the "Server log files" choice', () => {
  test('no choice yet, then the switch left off: the detailed log holds no full client IP', async ({
    page,
    context,
    apache,
  }) => {
    const ui = bannerUi(page, EN);
    const before = await visit(page, apache, 'undecided');
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

    const after = await visit(page, apache, 'declined');
    await expect(ui.region).toBeHidden();
    expectAnonymised(after.detailed);
    expect(parse(after.pageLine).status).toBe('200');

    // The legal minimum is kept whatever the visitor chose: full address and time.
    const legal = parseLegal(after.legal);
    expect(legal.addr).toBe(CLIENT);
    expect(legal.status).toBe('200');
    expect(after.legal, 'traffic data only: no user agent, no referer').not.toMatch(
      /Mozilla|Chrome|http:/,
    );
    expect(errors(apache.logs.error)).toEqual([]);
  });

  test('reject all, then accept all: the detailed log holds the full client IP and time only after the grant', async ({
    page,
    context,
    apache,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(`${apache.origin}${PAGE}`);
    await ui.rejectAll.click();
    await expect(ui.region).toBeHidden();
    expect((await waitForRecord(context)).denied).toContain('logs');

    const rejected = await visit(page, apache, 'rejected');
    expectAnonymised(rejected.detailed);

    await hostOpener(page, 'en').click();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.switchFor(EN.logs)).not.toBeChecked();
    await ui.dialogAcceptAll.click();
    await expect.poll(async () => (await waitForRecord(context)).granted).toContain('logs');
    const record = await waitForRecord(context);
    expect(readConsent(`consent=${record.raw}`)).toEqual(await consentOf(page));

    const granted = await visit(page, apache, 'granted');
    expectFull(granted.detailed);
    expect(granted.pageLine).toContain(CLIENT);
    // The legal line is the same with consent as without.
    expect(parseLegal(granted.legal).addr).toBe(CLIENT);

    // Withdrawing is as easy: reject again, and the next lines are anonymised again.
    await hostOpener(page, 'en').click();
    await ui.dialogRejectAll.click();
    await expect.poll(async () => (await waitForRecord(context)).denied).toContain('logs');
    expectAnonymised((await visit(page, apache, 'withdrawn')).detailed);
  });

  test('Apache and consent-banner/server agree on which cookies grant logs', async ({
    request,
    apache,
  }) => {
    /** Sends `cookie`; returns the request's detailed line, parsed, and its legal line. */
    const send = async (cookie: string, name: string) => {
      const mark = marker(name);
      const response = await request.get(`${apache.url}/collect?${name}=${mark}`, {
        headers: { cookie },
      });
      expect(response.status()).toBe(204);
      // What Apache logs does not change what it sends: no `Vary: Cookie`.
      expect(response.headers()['vary']).toBeUndefined();
      const [line] = await linesWith(apache.logs.detailed, mark);
      const [legal] = await linesWith(apache.logs.legal, mark);
      expect(parseLegal(legal as string).addr, 'the legal line, whatever the cookie').toBe(CLIENT);
      return parse(line as string);
    };

    // The same cookies as nginx's test. Where Apache is stricter (STRICTER_VALUES), it logs less.
    for (const value of STRICTER_VALUES) {
      const header = `consent=${value}`;
      expect(isGranted(header, 'logs')).toBe(true);
      const { addr, logs } = await send(header, 'stricter');
      expect(logs, `logs=0 for ${value.slice(0, 80)}`).toBe('0');
      expect(addr).toBe(ANONYMISED);
    }
    for (const value of COOKIE_VALUES) {
      const header = `consent=${value}`;
      const { addr, logs, time } = await send(header, 'agree');
      const granted = isGranted(header, 'logs');
      expect(logs, `logs=${granted ? 1 : 0} for ${value.slice(0, 80)}`).toBe(granted ? '1' : '0');
      expect(addr).toBe(granted ? CLIENT : ANONYMISED);
      expect(Number.isNaN(parseTimeLocal(time)), `the exact time only with logs: ${time}`).toBe(
        !granted,
      );
    }
    // Several consent cookies: the first one counts, for Apache as for the browser; and, unlike
    // nginx, Apache compares the name as the browser does.
    for (const [cookie, expected] of [...SEVERAL_COOKIES, ...AS_THE_BROWSER_READS]) {
      expect(isGranted(cookie, 'logs'), cookie.slice(0, 80)).toBe(expected === '1');
      const { logs } = await send(cookie, 'first');
      expect(logs, `logs=${expected} for ${cookie.slice(0, 80)}`).toBe(expected);
    }
  });

  test("Apache's anonymised address matches anonymizeIp, IPv4 and IPv6", async ({ request }) => {
    // A second Apache, behind which the client address comes from X-Forwarded-For
    // (mod_remoteip, trusted from loopback only), so that any address can be tried through the
    // real SetEnvIf lines.
    const remoteIp = await startTestApache({
      template: `LoadModule mpm_event_module "{{MODULE_DIR}}/mod_mpm_event.so"
<IfModule !unixd_module>
    LoadModule unixd_module "{{MODULE_DIR}}/mod_unixd.so"
</IfModule>
<IfModule !log_config_module>
    LoadModule log_config_module "{{MODULE_DIR}}/mod_log_config.so"
</IfModule>
LoadModule authz_core_module "{{MODULE_DIR}}/mod_authz_core.so"
LoadModule alias_module "{{MODULE_DIR}}/mod_alias.so"
LoadModule setenvif_module "{{MODULE_DIR}}/mod_setenvif.so"
LoadModule remoteip_module "{{MODULE_DIR}}/mod_remoteip.so"
ServerRoot "{{PREFIX}}"
PidFile "{{PREFIX}}/httpd.pid"
DefaultRuntimeDir "{{PREFIX}}/run"
ErrorLog "{{LOG_DIR}}/error.log"
Listen 127.0.0.1:{{PORT}}
ServerName localhost
StartServers 1
ServerLimit 1
ThreadsPerChild 8
MaxRequestWorkers 8
<IfDefine AS_ROOT>
    User {{RUN_USER}}
    Group {{RUN_GROUP}}
</IfDefine>
RemoteIPHeader X-Forwarded-For
RemoteIPInternalProxy 127.0.0.1
Define APACHE_LOG_DIR "{{LOG_DIR}}"
Include "{{DOCUMENT_ROOT}}/demo/apache/consent-log.conf"
RedirectMatch 204 ^/
`,
    });
    try {
      const addresses = [
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
        // Apache writes the address canonically before the SetEnvIf lines see it.
        '2001:DB8:1234:5678::1',
        '2001:0db8:0000::1',
      ];
      for (const address of addresses) {
        const mark = marker('ip');
        await request.get(`${remoteIp.url}/?${mark}`, { headers: { 'x-forwarded-for': address } });
        const [line] = await linesWith(remoteIp.logs.detailed, mark);
        const { addr, logs } = parse(line as string);
        expect(logs).toBe('0');
        // Apache may write the same prefix less compactly (2001:0:0:: for 2001::).
        expect(normalizeIp(addr), `${address} → ${addr}`).toBe(anonymizeIp(address));
        expect(addr).not.toBe(normalizeIp(address));
        // The legal minimum keeps the full address.
        const [legal] = await linesWith(remoteIp.logs.legal, mark);
        expect(parseLegal(legal as string).addr).toBe(normalizeIp(address));
      }
      expect(errors(remoteIp.logs.error)).toEqual([]);
    } finally {
      await remoteIp.remove();
    }
  });
});
