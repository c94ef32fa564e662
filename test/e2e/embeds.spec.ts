// Embeds ask nothing of their provider before consent (docs/guide/embeds.md), with the built
// files. One local server plays the site (www.sso.test) and the providers' stand-ins
// (www.youtube-nocookie.com, www.google.com, i3.ytimg.com), told apart by the Host header;
// Chromium reaches them by their real host names (--host-resolver-rules). The server writes
// down every request, and so does the browser: a request to a provider's host before consent
// fails the test, in the first visit and in the reject flow.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Page, Request } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/find-browser.mjs';
import { EN, bannerUi, expect, test } from './fixtures.js';

const SITE = 'www.sso.test';
const PROVIDERS = ['www.youtube-nocookie.com', 'www.google.com', 'i3.ytimg.com'];

test.use({
  launchOptions: {
    executablePath: findChromium(),
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=${[SITE, ...PROVIDERS].map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
    ],
  },
});

/** Requests the server got: `host path`. */
const served: string[] = [];
let server: Server;
let port: number;

const page = (port: number) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Social Security Office · how to apply (embeds test)</title>
    <link rel="icon" href="data:," />
    <script src="/consent-banner.iife.js" defer></script>
  </head>
  <body>
    <main>
      <h1>How to apply</h1>
      <iframe
        id="video"
        title="How to apply online"
        data-consent="media"
        data-src="http://www.youtube-nocookie.com:${port}/embed/howto01"
        data-consent-thumbnail="/thumbs/howto.svg"
        width="560"
        height="315"
      ></iframe>
      <iframe
        id="map"
        title="Branch office, Nonthaburi"
        data-consent="media"
        data-src="http://www.google.com:${port}/maps?q=SSO+Nonthaburi&amp;output=embed"
        width="400"
        height="300"
      ></iframe>
    </main>
    <consent-banner policy-url="/privacy">
      <script type="application/json">
        { "categories": { "media": { "label": { "th": "สื่อภายนอก", "en": "External media" } } } }
      </script>
    </consent-banner>
  </body>
</html>`;

const THUMB =
  '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#456"/></svg>';

test.beforeAll(async () => {
  const iife = readFileSync('dist/consent-banner.iife.js');
  const embeds = readFileSync('dist/consent-banner-extras.iife.js');
  server = createServer((request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    served.push(`${host} ${request.url}`);
    const send = (type: string, body: string | Buffer) => {
      response.writeHead(200, { 'content-type': type });
      response.end(body);
    };
    if (host !== SITE)
      return send('text/html', `<!doctype html><title>${host}</title><p>${host}</p>`);
    if (request.url === '/consent-banner.iife.js') return send('text/javascript', iife);
    if (request.url === '/consent-banner-extras.iife.js') return send('text/javascript', embeds);
    if (request.url === '/thumbs/howto.svg') return send('image/svg+xml', THUMB);
    send('text/html', page(port));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Every request the page makes to a provider's host, as the browser sees it. */
function providerRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (PROVIDERS.includes(url.hostname)) seen.push(`${url.hostname}${url.pathname}`);
  });
  return seen;
}

const providersServed = () =>
  served.filter((line) => PROVIDERS.some((host) => line.startsWith(`${host} `)));

/** Opens the site; resolves when both placeholders show. */
async function open(page: Page) {
  await page.goto(`http://${SITE}:${port}/`);
  const boxes = page.locator('[data-consent-placeholder]');
  await expect(boxes).toHaveCount(2);
  await expect(boxes.first().getByRole('button', { name: 'Load this one' })).toBeVisible();
  return boxes;
}

test.beforeEach(() => {
  served.length = 0;
});

test('first visit: placeholders, the banner, and no request to any provider', async ({ page }) => {
  const seen = providerRequests(page);
  const boxes = await open(page);
  const ui = bannerUi(page, EN);
  await expect(ui.region).toBeVisible();
  await expect(boxes.first().getByRole('group', { name: 'How to apply online' })).toBeVisible();
  await expect(boxes.first()).toContainText('This content comes from YouTube.');
  await expect(boxes.nth(1)).toContainText('This content comes from Google Maps.');
  await expect(boxes.first().getByRole('link', { name: 'Open on YouTube' })).toHaveAttribute(
    'href',
    'https://www.youtube.com/watch?v=howto01',
  );
  await expect(boxes.nth(1).getByRole('link', { name: 'Open on Google Maps' })).toHaveAttribute(
    'href',
    'https://www.google.com/maps/search/?api=1&query=SSO%20Nonthaburi',
  );
  await page.waitForLoadState('networkidle');
  // The thumbnail comes from the site.
  expect(served).toContain(`${SITE} /thumbs/howto.svg`);
  expect(seen).toEqual([]);
  expect(providersServed()).toEqual([]);
});

test('reject all, then the next page: still no request to any provider', async ({ page }) => {
  const seen = providerRequests(page);
  await open(page);
  await bannerUi(page, EN).rejectAll.click();
  await expect(bannerUi(page, EN).region).toBeHidden();
  await page.reload();
  await expect(page.locator('[data-consent-placeholder]')).toHaveCount(2);
  await page.waitForLoadState('networkidle');
  expect(seen).toEqual([]);
  expect(providersServed()).toEqual([]);
});

test('Load this one loads the video alone; Always allow loads both; withdrawing puts the placeholders back', async ({
  page,
}) => {
  const seen = providerRequests(page);
  const boxes = await open(page);
  await boxes.first().getByRole('button', { name: 'Load this one' }).click();
  await expect(page.locator('#video')).toHaveAttribute('src', /youtube-nocookie/);
  await expect.poll(providersServed).toEqual(['www.youtube-nocookie.com /embed/howto01']);
  expect(seen).toEqual(['www.youtube-nocookie.com/embed/howto01']);
  await expect(boxes).toHaveCount(1);

  await boxes.first().getByRole('button', { name: 'Always allow “External media”' }).click();
  await expect(page.locator('#map')).toHaveAttribute('src', /google/);
  await expect.poll(() => providersServed().length).toBe(2);
  await expect(page.locator('[data-consent-placeholder]')).toHaveCount(0);

  // Withdrawn in the settings: no provider frame remains.
  await page.evaluate(() =>
    (
      document.querySelector('consent-banner') as HTMLElement & {
        setConsent(choice: Record<string, boolean>): void;
      }
    ).setConsent({ media: false }),
  );
  await expect(page.locator('[data-consent-placeholder]')).toHaveCount(2);
  await expect(page.locator('iframe')).toHaveCount(0);
  expect(page.frames().map((f) => new URL(f.url()).hostname)).toEqual([SITE]);
});
