// Captures real consent cookies into test/server/fixtures.json: a Chromium (Playwright) clicks
// through the BUILT banner (dist/consent-banner.iife.js, as a site installs it) and this script
// records, for each decision, the `Cookie` header the browser then sends to the server, the
// cookie value, and the state the page itself reports (`el.consent`).
//
//   npm run build && node test/server/capture-fixtures.mjs
//
// Not a test (node --test does not pick it up); run it again when the cookie format changes.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from 'playwright';
import { CHROMIUM_ARGS, findChromium } from '../support/find-browser.mjs';

const ROOT = new URL('../../', import.meta.url);
const OUT = new URL('./fixtures.json', import.meta.url);
const iife = readFileSync(new URL('dist/consent-banner.iife.js', ROOT), 'utf8');

/** The banner configurations used, as the script tag's data-* attributes. */
const PAGES = {
  optional: { 'data-lang': 'en', 'data-revision': '2', 'data-logs': 'optional' },
  required: { 'data-lang': 'en', 'data-revision': '0' },
};

const page = (attributes) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>capture</title><link rel="icon" href="data:,">
<script src="/consent-banner.iife.js" ${Object.entries(attributes)
  .map(([name, value]) => `${name}="${value}"`)
  .join(' ')} defer></script></head><body><main><h1>capture</h1></main></body></html>`;

/** The Cookie header of the last request to /next, per path. */
const received = new Map();
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://capture.invalid');
  if (url.pathname === '/consent-banner.iife.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(iife);
  } else if (url.pathname.startsWith('/page/')) {
    const attributes = PAGES[url.pathname.slice('/page/'.length)];
    if (!attributes) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(attributes));
  } else if (url.pathname === '/next') {
    received.set(url.searchParams.get('case'), req.headers.cookie ?? null);
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end('<!doctype html><title>next</title>');
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });

/** How each case decides, with role-based locators in the banner's shadow root. */
const CASES = [
  {
    name: 'accept all, logs optional, revision 2',
    page: 'optional',
    decide: (ui) => ui.region.getByRole('button', { name: 'Accept all', exact: true }).click(),
  },
  {
    name: 'reject all, logs optional (logs denied), revision 2',
    page: 'optional',
    decide: (ui) => ui.region.getByRole('button', { name: 'Reject all', exact: true }).click(),
  },
  {
    name: 'custom: analytics on, server log files off, logs optional, revision 2',
    page: 'optional',
    decide: async (ui) => {
      await ui.region.getByRole('button', { name: 'Choose', exact: true }).click();
      await ui.dialog.getByRole('switch', { name: 'Visitor statistics', exact: true }).check();
      await ui.dialog.getByRole('button', { name: 'Save choices', exact: true }).click();
    },
  },
  {
    name: 'custom: server log files on only, logs optional, revision 2',
    page: 'optional',
    decide: async (ui) => {
      await ui.region.getByRole('button', { name: 'Choose', exact: true }).click();
      await ui.dialog.getByRole('switch', { name: 'Server log files', exact: true }).check();
      await ui.dialog.getByRole('button', { name: 'Save choices', exact: true }).click();
    },
  },
  {
    name: 'reject all, logs required (the default), revision 0',
    page: 'required',
    decide: (ui) => ui.region.getByRole('button', { name: 'Reject all', exact: true }).click(),
  },
];

const cases = [];
try {
  for (const [index, c] of CASES.entries()) {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Bangkok' });
    const tab = await context.newPage();
    await tab.goto(`${origin}/page/${c.page}`);
    const element = tab.locator('consent-banner');
    const ui = { region: element.getByRole('region'), dialog: element.getByRole('dialog') };
    await c.decide(ui);
    await tab.waitForFunction(() => document.querySelector('consent-banner')?.consent?.decided);
    const state = await tab.evaluate(() => document.querySelector('consent-banner').consent);
    await tab.goto(`${origin}/next?case=${index}`);
    const cookie = (await context.cookies()).find((k) => k.name === 'consent');
    cases.push({
      name: c.name,
      banner: PAGES[c.page],
      cookieHeader: received.get(String(index)),
      value: cookie?.value ?? null,
      state,
    });
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}

const fixtures = {
  note:
    'Captured by test/server/capture-fixtures.mjs: Chromium ' +
    `${browser.version()} clicked through the built banner (dist/consent-banner.iife.js, ` +
    'script-tag install with the data-* attributes in `banner`); `cookieHeader` is the Cookie ' +
    'header the browser sent with its next request, `value` the cookie value, `state` the ' +
    "page's own el.consent after the decision. Re-run after a format change: " +
    '`npm run build && node test/server/capture-fixtures.mjs`.',
  capturedAt: new Date().toISOString(),
  cases,
};
writeFileSync(OUT, `${JSON.stringify(fixtures, null, 2)}\n`);
console.log(`wrote ${cases.length} captured cases to ${OUT.pathname}`);
