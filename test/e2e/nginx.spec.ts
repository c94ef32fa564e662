// The server side of the "Server log files" choice (README "Honouring the choice on your server") with a REAL nginx serving the
// built demo (demo/nginx/): a browser decides in the banner, and the next requests' lines in
// nginx's detailed access log hold the visitor's full IP address and access time only when
// `logs` is granted. The legal-minimum log keeps its line either way. nginx's regex and the
// Node reader (consent-banner/server) must agree on what grants `logs`.
import type { Page } from '@playwright/test';
import { anonymizeIp, isGranted, normalizeIp, readConsent } from '../../src/server/index.js';
import { EN, bannerUi, consentOf, hostOpener, waitForRecord } from './fixtures.js';
import { COOKIE_VALUES, SEVERAL_COOKIES, STRICTER_VALUES } from './log-cookies.js';
import {
  expect,
  linesWith,
  logLines,
  parseTimeLocal,
  startTestNginx,
  test,
  type DemoNginx,
} from './nginx-server.js';

const PAGE = '/demo/nginx/';
const CLIENT = '127.0.0.1';
const ANONYMISED = '127.0.0.0';

/** A string no other request carries, to find one request's log lines. */
const marker = (name: string) =>
  `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** One line of the detailed log (format `consent_detailed` in demo/nginx/consent-log.conf). */
const DETAILED =
  /^(?<addr>\S+) \[(?<time>[^\]]+)\] "(?<request>[^"]*)" (?<status>\d{3}) \d+ "(?<referer>[^"]*)" "[^"]*" logs=(?<logs>[01])$/;

function parse(line: string) {
  const groups = DETAILED.exec(line)?.groups;
  expect(groups, `a detailed log line: ${line}`).toBeDefined();
  return groups as Record<'addr' | 'time' | 'request' | 'status' | 'referer' | 'logs', string>;
}

/**
 * Loads the page with a marker, waits for the page request's line in the detailed log, and
 * returns every detailed line of that visit (the page, and its files, whose Referer holds the
 * marker) and the legal-minimum line of the page.
 */
async function visit(page: Page, nginx: DemoNginx, name: string) {
  const mark = marker(name);
  await page.goto(`${nginx.origin}${PAGE}?visit=${mark}`);
  await expect(page.locator('consent-banner')).toHaveCount(1);
  const [pageLine] = await linesWith(nginx.logs.detailed, `"GET ${PAGE}?visit=${mark} `);
  // The page's own files: the script-tag file, styles and the panel script.
  const detailed = await linesWith(nginx.logs.detailed, mark, 4);
  const [legal] = await linesWith(nginx.logs.legal, `"GET ${PAGE}?visit=${mark}"`);
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

test.describe('nginx honours the "Server log files" choice', () => {
  test('no choice yet, then the switch left off: the detailed log holds no full client IP', async ({
    page,
    context,
    nginx,
  }) => {
    const ui = bannerUi(page, EN);
    const before = await visit(page, nginx, 'undecided');
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

    const after = await visit(page, nginx, 'declined');
    await expect(ui.region).toBeHidden();
    expectAnonymised(after.detailed);
    expect(parse(after.pageLine).status).toBe('200');

    // The legal minimum is kept whatever the visitor chose: full address and time.
    expect(after.legal).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d ${CLIENT.replaceAll('.', '\\.')} "GET `,
      ),
    );
    expect(after.legal, 'traffic data only: no user agent, no referer').not.toMatch(
      /Mozilla|Chrome|http:/,
    );
  });

  test('reject all, then accept all: the detailed log holds the full client IP and time only after the grant', async ({
    page,
    context,
    nginx,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(`${nginx.origin}${PAGE}`);
    await ui.rejectAll.click();
    await expect(ui.region).toBeHidden();
    expect((await waitForRecord(context)).denied).toContain('logs');

    const rejected = await visit(page, nginx, 'rejected');
    expectAnonymised(rejected.detailed);

    await hostOpener(page, 'en').click();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.switchFor(EN.logs)).not.toBeChecked();
    await ui.dialogAcceptAll.click();
    await expect.poll(async () => (await waitForRecord(context)).granted).toContain('logs');
    const record = await waitForRecord(context);
    expect(readConsent(`consent=${record.raw}`)).toEqual(await consentOf(page));

    const granted = await visit(page, nginx, 'granted');
    expectFull(granted.detailed);
    expect(granted.pageLine).toContain(CLIENT);

    // Withdrawing is as easy: reject again, and the next lines are anonymised again.
    await hostOpener(page, 'en').click();
    await ui.dialogRejectAll.click();
    await expect.poll(async () => (await waitForRecord(context)).denied).toContain('logs');
    expectAnonymised((await visit(page, nginx, 'withdrawn')).detailed);
  });

  test('nginx and consent-banner/server agree on which cookies grant logs', async ({
    request,
    nginx,
  }) => {
    // One set of cookies for every server: test/e2e/log-cookies.ts. Where nginx is stricter
    // (STRICTER_VALUES), it logs less.
    for (const value of STRICTER_VALUES) {
      const mark = marker('stricter');
      const header = `consent=${value}`;
      expect(isGranted(header, 'logs')).toBe(true);
      await request.get(`${nginx.url}/collect?stricter=${mark}`, { headers: { cookie: header } });
      const [line] = await linesWith(nginx.logs.detailed, mark);
      expect(parse(line as string).addr).toBe(ANONYMISED);
    }
    for (const value of COOKIE_VALUES) {
      const mark = marker('agree');
      const header = `consent=${value}`;
      const response = await request.get(`${nginx.url}/collect?agree=${mark}`, {
        headers: { cookie: header },
      });
      expect(response.status()).toBe(204);
      const [line] = await linesWith(nginx.logs.detailed, mark);
      const { addr, logs } = parse(line as string);
      const granted = isGranted(header, 'logs');
      expect(logs, `logs=${granted ? 1 : 0} for ${value.slice(0, 80)}`).toBe(granted ? '1' : '0');
      expect(addr).toBe(granted ? CLIENT : ANONYMISED);
    }
    // Several consent cookies: the first one counts, for nginx as for the browser.
    for (const [cookie, expected] of SEVERAL_COOKIES) {
      const mark = marker('first');
      await request.get(`${nginx.url}/collect?${mark}-${expected}`, { headers: { cookie } });
      const [line] = await linesWith(nginx.logs.detailed, `${mark}-${expected}`);
      expect(parse(line as string).logs).toBe(expected);
      expect(isGranted(cookie, 'logs')).toBe(expected === '1');
    }
  });

  test("nginx's anonymised address matches anonymizeIp, IPv4 and IPv6", async ({ request }) => {
    // A second nginx, behind which the client address comes from X-Forwarded-For (realip,
    // trusted from loopback only), so that any address can be tried through the real maps.
    const realIp = await startTestNginx({
      template: `daemon off;
master_process off;
pid "{{PREFIX}}/nginx.pid";
error_log "{{LOG_DIR}}/error.log" warn;
events { worker_connections 16; }
http {
    client_body_temp_path "{{PREFIX}}/tmp/client_body";
    proxy_temp_path "{{PREFIX}}/tmp/proxy";
    fastcgi_temp_path "{{PREFIX}}/tmp/fastcgi";
    uwsgi_temp_path "{{PREFIX}}/tmp/uwsgi";
    scgi_temp_path "{{PREFIX}}/tmp/scgi";
    include "{{DOCUMENT_ROOT}}/demo/nginx/consent-log.conf";
    server {
        listen 127.0.0.1:{{PORT}};
        set_real_ip_from 127.0.0.1;
        real_ip_header X-Forwarded-For;
        access_log "{{LOG_DIR}}/detailed.log" consent_detailed;
        location / { return 204; }
    }
}
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
      ];
      for (const address of addresses) {
        const mark = marker('ip');
        await request.get(`${realIp.url}/?${mark}`, { headers: { 'x-forwarded-for': address } });
        const [line] = await linesWith(realIp.logs.detailed, mark);
        const { addr } = parse(line as string);
        // nginx may write the same prefix less compactly (2001:0:0:: for 2001::).
        expect(normalizeIp(addr), `${address} → ${addr}`).toBe(anonymizeIp(address));
        expect(addr).not.toBe(normalizeIp(address));
      }
      expect(
        logLines(realIp.logs.error).filter((l) => /\[(error|crit|alert|emerg)\]/.test(l)),
      ).toEqual([]);
    } finally {
      await realIp.remove();
    }
  });
});
