// The server side of the "Server log files" choice (docs/server/index.md) with a REAL Apache httpd serving the built demo (demo/apache/): a browser decides in
// the banner, and the next requests' lines in Apache's detailed access log hold the visitor's
// full IP address and access time only when `logs` is granted. The legal-minimum log keeps its
// line either way. Apache's regex and the Node reader (consent-banner/server) must agree on what
// grants `logs`, on the same cookies as nginx (test/e2e/log-cookies.ts). What every server is
// checked for is in server-kit.ts.
// The reader's own modules, not src/server/index.ts: that entry also holds the receipt store,
// whose audit page imports uPlot's files as text (`?raw`): a Vite import, which Playwright's
// loader cannot read.
import { normalizeIp } from '../../src/server/ip.js';
import { isGranted } from '../../src/server/read-consent.js';
import {
  errors,
  expect,
  linesWith,
  parseTimeLocal,
  startTestApache,
  test,
} from './apache-server.js';
import {
  AS_THE_BROWSER_READS,
  COOKIE_VALUES,
  SEVERAL_COOKIES,
  STRICTER_VALUES,
} from './log-cookies.js';
import {
  ADDRESSES,
  ANONYMISED,
  CLIENT,
  expectAnonymisedAs,
  expectLoggedAsGranted,
  marker,
  parse,
  rejectedGrantedWithdrawn,
  requestFrom,
  undecidedThenDeclined,
} from './server-kit.js';

const PAGE = '/demo/apache/';

/** The legal-minimum line: ISO 8601 time (Apache writes the offset as +0700), address, request. */
const LEGAL =
  /^(?<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}) (?<addr>\S+) "(?<request>[^"]*)" (?<status>\d{3}) \d+$/;

function parseLegal(line: string) {
  const groups = LEGAL.exec(line)?.groups;
  expect(groups, `a legal-minimum log line: ${line}`).toBeDefined();
  return groups as Record<'time' | 'addr' | 'request' | 'status', string>;
}

test.describe('Apache httpd honours the "Server log files" choice', () => {
  test('no choice yet, then the switch left off: the detailed log holds no full client IP', async ({
    page,
    context,
    apache,
  }) => {
    const after = await undecidedThenDeclined(page, context, apache, PAGE);
    // The one server page names the server that serves it.
    await expect(page.getByRole('heading', { name: 'What Apache writes' })).toBeVisible();
    await expect(page).toHaveTitle(/\(Apache httpd demo\)$/);

    // The legal minimum is kept whatever the visitor chose: full address and time.
    const legal = parseLegal(after.legal);
    expect(legal.addr).toBe(CLIENT);
    expect(legal.status).toBe('200');
    expect(errors(apache.logs.error)).toEqual([]);
  });

  test('reject all, then accept all: the detailed log holds the full client IP and time only after the grant', async ({
    page,
    context,
    apache,
  }) => {
    const granted = await rejectedGrantedWithdrawn(page, context, apache, PAGE);
    // The legal line is the same with consent as without.
    expect(parseLegal(granted.legal).addr).toBe(CLIENT);
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
      const line = await send(header, 'agree');
      const granted = expectLoggedAsGranted(value, line);
      expect(
        Number.isNaN(parseTimeLocal(line.time)),
        `the exact time only with logs: ${line.time}`,
      ).toBe(!granted);
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
Include "{{DOCUMENT_ROOT}}/examples/apache/consent-log.conf"
RedirectMatch 204 ^/
`,
    });
    try {
      const addresses = [
        ...ADDRESSES,
        // Apache writes the address canonically before the SetEnvIf lines see it.
        '2001:DB8:1234:5678::1',
        '2001:0db8:0000::1',
      ];
      for (const address of addresses) {
        const { addr, logs, mark } = await requestFrom(request, remoteIp, address);
        expect(logs).toBe('0');
        expectAnonymisedAs(addr, address);
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
