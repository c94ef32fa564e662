// The server side of the "Server log files" choice (docs/server/index.md) with a REAL nginx serving the built demo (demo/nginx/): a browser decides in the
// banner, and the next requests' lines in nginx's detailed access log hold the visitor's full IP
// address and access time only when `logs` is granted. The legal-minimum log keeps its line
// either way. nginx's regex and the Node reader (consent-banner/server) must agree on what
// grants `logs`. What every server is checked for is in server-kit.ts.
// The reader's own modules, not src/server/index.ts: that entry also holds the receipt store,
// whose audit page imports uPlot's files as text (`?raw`): a Vite import, which Playwright's
// loader cannot read.
import { isGranted } from '../../src/server/read-consent.js';
import { COOKIE_VALUES, SEVERAL_COOKIES, STRICTER_VALUES } from './log-cookies.js';
import { expect, linesWith, logLines, startTestNginx, test } from './nginx-server.js';
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

const PAGE = '/demo/nginx/';

test.describe('nginx honours the "Server log files" choice', () => {
  test('no choice yet, then the switch left off: the detailed log holds no full client IP', async ({
    page,
    context,
    nginx,
  }) => {
    const after = await undecidedThenDeclined(page, context, nginx, PAGE);
    // The one server page names the server that serves it.
    await expect(page.getByRole('heading', { name: 'What nginx writes' })).toBeVisible();
    await expect(page).toHaveTitle(/\(nginx demo\)$/);

    // The legal minimum is kept whatever the visitor chose: full address and time.
    expect(after.legal).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d ${CLIENT.replaceAll('.', '\\.')} "GET `,
      ),
    );
  });

  test('reject all, then accept all: the detailed log holds the full client IP and time only after the grant', async ({
    page,
    context,
    nginx,
  }) => {
    await rejectedGrantedWithdrawn(page, context, nginx, PAGE);
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
      expectLoggedAsGranted(value, parse(line as string));
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
    include "{{DOCUMENT_ROOT}}/examples/nginx/consent-log.conf";
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
      for (const address of ADDRESSES)
        expectAnonymisedAs((await requestFrom(request, realIp, address)).addr, address);
      expect(
        logLines(realIp.logs.error).filter((l) => /\[(error|crit|alert|emerg)\]/.test(l)),
      ).toEqual([]);
    } finally {
      await realIp.remove();
    }
  });
});
