// The consent cookie sent back by a REAL Apache httpd (docs/server/safari.md): mod_rewrite asks consent-refresh.php, run by php-cli, for the cookie with each page
// (examples/apache/consent-refresh.conf). Safari caps a cookie written by the page's script at 7
// days; here the cap is put on by hand, as Safari would, and the next page from Apache gives the
// cookie back its full lifetime: cookie-days from the decision, never more, and the value
// unchanged. Apache answers as consent-banner/server's refreshCookie does, never with scripts or
// styles, in every <VirtualHost> with RewriteEngine On, and without the program (missing,
// failing, dead) it serves its pages as ever.
// The Apache twin of refresh.spec.ts (nginx).
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { REFRESH_PROGRAM, TEMPLATE } from '../support/apache.mjs';
// The refresh's own module, not src/server/index.ts: that entry also holds the receipt store,
// whose audit page imports uPlot's files as text (`?raw`): a Vite import, which Playwright's
// loader cannot read.
import { refreshCookie } from '../../src/server/refresh.js';
import { errors, expect, linesWith, startTestApache, test } from './apache-server.js';
import { EN, bannerUi, waitForRecord } from './fixtures.js';
import {
  AS_THE_BROWSER_READS,
  COOKIE_VALUES,
  SEVERAL_COOKIES,
  STRICTER_VALUES,
  record,
} from './log-cookies.js';
import {
  DAY,
  expectFullLifetimeBack,
  expectServedWithoutCookie,
  nowSeconds,
} from './server-kit.js';

const PAGE = '/demo/apache/';
/** The demo program's options (httpd.conf.template): the page's data-revision="1", plain http. */
const SITE = { cookieDays: 182, revision: 1, secure: false } as const;

/**
 * GETs `path` from `origin` (its virtual host `host`, if given) with exactly the `Cookie` header
 * `cookie` (no cookie jar); the status, the Set-Cookie headers, and the seconds (Unix time) the
 * request took place in.
 */
function get(origin: string, path: string, cookie?: string, host?: string) {
  const from = nowSeconds();
  const headers: Record<string, string> = {};
  if (cookie !== undefined) headers['cookie'] = cookie;
  if (host !== undefined) headers['host'] = host;
  return new Promise<{
    status: number | undefined;
    type: string | undefined;
    setCookies: string[];
    from: number;
    to: number;
  }>((done, fail) => {
    const req = httpRequest(`${origin}${path}`, { headers }, (response) => {
      response.resume();
      response.once('end', () =>
        done({
          status: response.statusCode,
          type: response.headers['content-type'],
          setCookies: response.headers['set-cookie'] ?? [],
          from,
          to: nowSeconds(),
        }),
      );
    });
    req.once('error', fail);
    req.end();
  });
}

/** The processes running `program` that Apache's parent `parent` started (Linux: /proc). */
function programProcesses(parent: number, program: string): { pid: number; uid: number }[] {
  const found: { pid: number; uid: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      if (ppid === parent && argv.includes(program))
        found.push({ pid: Number(entry), uid: Number(uid) });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** A directory Apache's user may read (mkdtemp makes it 0700), for programs of the tests. */
function programDir(): { dir: string; write(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'consent-banner-refresh-'));
  chmodSync(dir, 0o755);
  return {
    dir,
    write(name, text) {
      const file = join(dir, name);
      writeFileSync(file, text, { mode: 0o644 });
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

test.describe('the consent cookie, sent back by Apache httpd', () => {
  test('a capped cookie gets back its full lifetime, with the same value', async ({
    page,
    context,
    apache,
  }) => {
    await expectFullLifetimeBack(page, context, apache.origin, PAGE);
    expect(errors(apache.logs.error)).toEqual([]);
  });

  test('no choice, or a forged one: Apache sends no cookie', async ({ page, context, apache }) => {
    const first = await page.goto(`${apache.origin}${PAGE}`);
    expect(first?.status()).toBe(200);
    expect(await first?.headerValue('set-cookie')).toBeNull();
    // `necessary` denied: no record the banner writes.
    const forged = record(nowSeconds(), 'logs.necessary', 'a');
    await context.addCookies([{ name: 'consent', value: forged, url: apache.origin }]);
    const second = await page.goto(`${apache.origin}${PAGE}`);
    expect(second?.status()).toBe(200);
    expect(await second?.headerValue('set-cookie')).toBeNull();
  });

  test('scripts and styles never carry the cookie, pages do', async ({ page, context, apache }) => {
    await page.goto(`${apache.origin}${PAGE}`);
    await bannerUi(page, EN).acceptAll.click();
    await waitForRecord(context);

    const responses: { url: string; type: string; setCookie: Promise<string | null> }[] = [];
    page.on('response', (response) =>
      responses.push({
        url: new URL(response.url()).pathname,
        type: response.request().resourceType(),
        setCookie: response.headerValue('set-cookie'),
      }),
    );
    await page.goto(`${apache.origin}${PAGE}`);
    // Accepted: the gated analytics script runs too.
    await expect
      .poll(() => responses.map((r) => r.url))
      .toEqual(
        expect.arrayContaining([
          PAGE,
          '/consent-banner.iife.js',
          '/demo/panel.js',
          '/demo/demo.css',
          '/demo/analytics.js',
        ]),
      );
    for (const { url, type, setCookie } of responses) {
      if (type === 'document') expect(await setCookie, url).toMatch(/^consent=/);
      else expect(await setCookie, `${type} ${url}`).toBeNull();
    }

    // The same files, asked for with the cookie by hand; and the other page of the demo.
    const cookie = `consent=${(await waitForRecord(context)).raw}`;
    for (const path of [
      '/consent-banner.iife.js',
      '/demo/panel.js',
      '/demo/demo.css',
      '/demo/analytics.js',
    ]) {
      const { status, setCookies } = await get(apache.url, path, cookie);
      expect(status, path).toBe(200);
      expect(setCookies, path).toEqual([]);
    }
    const other = await get(apache.url, '/demo/script-tag.html', cookie);
    expect(other.setCookies).toHaveLength(1);
  });

  test("Apache answers as consent-banner/server's refreshCookie does", async ({ apache }) => {
    const now = nowSeconds();
    const revised = COOKIE_VALUES.map((value) => value.replace(/^1\.0\./, '1.1.'));
    const headers = [
      // The log tests' values (revision 0: too old for this page), and the same for revision 1.
      ...COOKIE_VALUES.map((value) => `consent=${value}`),
      ...revised.map((value) => `consent=${value}`),
      ...[...SEVERAL_COOKIES, ...AS_THE_BROWSER_READS].map(([header]) =>
        header.replaceAll('=1.0.', '=1.1.'),
      ),
      // The time the choice has left: fresh, nearly over, over; decided a little in the future
      // (a visitor's clock may run fast: at most the cookie-days), or too far in it.
      `consent=${record(now - 60)}`,
      `consent=${record(now - 181 * DAY, 'necessary.logs~analytics', 'r')}`,
      `consent=${record(now - 182 * DAY - 5)}`,
      `consent=${record(now + 3600, 'necessary~logs~preferences~analytics.', 'a')}`,
      `consent=${record(now + 2 * DAY)}`,
      // Among other cookies, in another order of ids, and what the banner never writes.
      `lang=th; consent=${record(now - 60, 'logs~necessary.analytics', 'p')}; theme=dark`,
      `consent=${record(now - 60)}<script>`,
      `consent=${record(now - 60)} x`,
      `consent=${'1'.repeat(5000)}`,
      'consent=NULL',
    ];
    let sent = 0;
    for (const header of headers) {
      const { status, setCookies, from, to } = await get(apache.url, PAGE, header);
      expect(status).toBe(200);
      expect(setCookies.length, header.slice(0, 80)).toBeLessThanOrEqual(1);
      // Node's answer at each second the request took place in.
      const node = new Set<string | null>();
      for (let at = from; at <= to; at++)
        node.add(refreshCookie(header, { ...SITE, now: new Date(at * 1000) }));
      expect([...node], header.slice(0, 80)).toContain(setCookies[0] ?? null);
      if (setCookies.length) sent++;
    }
    // Not a vacuous agreement: the fresh records of revision 1 got their cookie.
    expect(sent).toBeGreaterThanOrEqual(10);

    // Where the log tests' servers are stricter (log-cookies.ts): a percent-encoded or a quoted
    // record, which the banner never writes and refreshCookie sends back decoded; Apache sends
    // nothing. (Granted ids in another order are a valid choice, for both.)
    for (const value of STRICTER_VALUES.map((v) => v.replace('1.0.', '1.1.'))) {
      const header = `consent=${value}`;
      const { setCookies } = await get(apache.url, PAGE, header);
      if (/^"|%/.test(value)) {
        expect(refreshCookie(header, SITE), value).not.toBeNull();
        expect(setCookies, value).toEqual([]);
      } else {
        expect(setCookies, value).toHaveLength(1);
      }
    }
    expect(errors(apache.logs.error)).toEqual([]);
  });
});

test.describe('virtual hosts', () => {
  test('a <VirtualHost> with RewriteEngine On sends the cookie, ahead of its own rules; one without any mod_rewrite directive does not', async () => {
    // Two name-based hosts: one with rules of its own (a front controller that ends the
    // rewriting), and one without any mod_rewrite directive, which mod_rewrite leaves alone
    // (consent-refresh.conf says so).
    const template = `${readFileSync(TEMPLATE, 'utf8')}
<VirtualHost 127.0.0.1:{{PORT}}>
    ServerName rewrites.test
    RewriteEngine On
    RewriteRule "^/app/" "{{DOCUMENT_ROOT}}/demo/server-logs.html" [L]
</VirtualHost>
<VirtualHost 127.0.0.1:{{PORT}}>
    ServerName plain.test
</VirtualHost>
`;
    const hosts = await startTestApache({ template });
    const cookie = `consent=${record(nowSeconds() - 60)}`;
    const cookiesFrom = async (host: string, path: string) =>
      (await get(hosts.url, path, cookie, host)).setCookies;
    try {
      expect(await cookiesFrom('rewrites.test', PAGE)).toHaveLength(1);
      expect(await cookiesFrom('rewrites.test', '/app/contact.html')).toHaveLength(1);
      expect(await cookiesFrom('rewrites.test', '/demo/demo.css')).toEqual([]);
      expect(await cookiesFrom('plain.test', PAGE)).toEqual([]);
      // Only one program for all of them.
      expect(programProcesses(hosts.pid as number, REFRESH_PROGRAM)).toHaveLength(1);
    } finally {
      await hosts.remove();
    }
  });
});

test.describe('without the program, Apache serves its pages as ever', () => {
  test('Apache started without it: no cookie', async ({ page, context }) => {
    const alone = await startTestApache({ refreshProgram: null });
    try {
      await expectServedWithoutCookie(page, context, alone.origin, PAGE);
    } finally {
      await alone.remove();
    }
  });

  test('the program missing, or one that answers for another cookie: no cookie', async () => {
    const programs = programDir();
    // Answers every page with one visitor's cookie: never this request's own value.
    const impostor = programs.write(
      'impostor.php',
      `<?php
while (fgets(STDIN) !== false) {
    echo "consent=1.1.necessary~logs..SomeoneElse01." . (time() - 60) . ".a; Path=/; SameSite=Lax; Max-Age=100\\n";
    fflush(STDOUT);
}
`,
    );
    const cookie = `consent=${record(nowSeconds() - 60)}`;
    try {
      // php-cli cannot open the file: it writes that to stdout, where Apache reads its first
      // answer, and exits.
      for (const program of [join(programs.dir, 'missing.php'), impostor]) {
        const broken = await startTestApache({ refreshProgram: program });
        try {
          // Apache starts the program once its configuration is read: wait until it runs.
          if (program === impostor)
            await expect
              .poll(() => programProcesses(broken.pid as number, impostor).length, {
                message: 'it runs',
              })
              .toBe(1);
          for (let visit = 1; visit <= 3; visit++) {
            const { status, type, setCookies } = await get(broken.url, PAGE, cookie);
            expect(status, `${program}, page ${visit}`).toBe(200);
            expect(type).toMatch(/^text\/html/);
            expect(setCookies, `${program}, page ${visit}`).toEqual([]);
          }
        } finally {
          await broken.remove();
        }
      }
    } finally {
      programs.remove();
    }
  });

  test('the program dies: no cookie from then on', async () => {
    const dying = await startTestApache();
    const cookie = `consent=${record(nowSeconds() - 60)}`;
    try {
      expect((await get(dying.url, PAGE, cookie)).setCookies).toHaveLength(1);
      const running = programProcesses(dying.pid as number, REFRESH_PROGRAM);
      expect(running).toHaveLength(1);
      // Started as root, Apache runs it as its workers' user, never as root.
      const expected = process.getuid?.() === 0 ? 'nobody' : userInfo().username;
      const passwd = readFileSync('/etc/passwd', 'utf8');
      const uid = Number(new RegExp(`^${expected}:[^:]*:(\\d+):`, 'm').exec(passwd)?.[1]);
      expect(running[0]?.uid).toBe(uid);

      process.kill(running[0]?.pid as number, 'SIGKILL');
      await expect.poll(() => programProcesses(dying.pid as number, REFRESH_PROGRAM)).toEqual([]);
      for (let visit = 1; visit <= 3; visit++) {
        const { status, setCookies } = await get(dying.url, PAGE, cookie);
        expect(status).toBe(200);
        expect(setCookies).toEqual([]);
      }
    } finally {
      await dying.remove();
    }
  });

  test('a wrong option: said in the error log, and no cookie', async () => {
    const programs = programDir();
    // The real program, started with --cookie-days=0.
    const wrapper = programs.write(
      'wrong-option.php',
      `<?php
$argv = [$argv[0], '--cookie-days=0'];
require ${JSON.stringify(REFRESH_PROGRAM)};
`,
    );
    const wrong = await startTestApache({ refreshProgram: wrapper });
    try {
      const { status, setCookies } = await get(
        wrong.url,
        PAGE,
        `consent=${record(nowSeconds() - 60)}`,
      );
      expect(status).toBe(200);
      expect(setCookies).toEqual([]);
      await linesWith(
        wrong.logs.error,
        "consent-refresh.php: TypeError: consent-banner/consent.php: cookieDays must be the banner's cookie-days",
      );
    } finally {
      await wrong.remove();
      programs.remove();
    }
  });
});
