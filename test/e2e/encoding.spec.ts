// Any page encoding (docs/guide/install.md): many older Thai government pages are still declared
// windows-874 (TIS-620), and nginx sends `.js` without a charset by default. A classic script
// without a charset is decoded in the page's encoding, so the built files must be plain ASCII
// for the banner's Thai to survive. A small server of its own here: the page in windows-874
// bytes, and dist/consent-banner.iife.js with no charset at all.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bannerUi, consentOf, expect, test, TH, waitForRecord } from './fixtures.js';

/** Encodes ASCII and Thai as windows-874 does: U+0E01–U+0E5B are the bytes 0xA1–0xFB. */
function windows874(text: string): Buffer {
  const bytes = [...text].map((c) => {
    const code = c.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code >= 0x0e01 && code <= 0x0e5b) return code - 0x0e00 + 0xa0;
    throw new Error(`not in windows-874: ${c}`);
  });
  return Buffer.from(bytes);
}

const HEADING = 'สำนักงานประกันสังคม';

const PAGE = `<!doctype html>
<html lang="th">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-874">
<title>${HEADING}</title>
<link rel="icon" href="data:,">
</head>
<body>
<h1>${HEADING}</h1>
<p>หน้าเว็บที่ประกาศการเข้ารหัสแบบ TIS-620</p>
<script src="/consent-banner.iife.js" data-policy-url="/privacy" data-lang="th"></script>
</body>
</html>
`;

let server: Server;
let origin = '';

test.beforeAll(async () => {
  const files: Record<string, Buffer> = {
    '/consent-banner.iife.js': await readFile('dist/consent-banner.iife.js'),
    '/consent-banner-extras.iife.js': await readFile('dist/consent-banner-extras.iife.js'),
  };
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    if (request.url === '/page.html') {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=windows-874' });
      response.end(windows874(PAGE));
    } else if (file) {
      // What nginx sends for .js by default: a type, no charset.
      response.writeHead(200, { 'Content-Type': 'application/javascript' });
      response.end(file);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('on a windows-874 page with a charset-less script, the banner reads in proper Thai', async ({
  page,
  context,
}) => {
  await page.goto(`${origin}/page.html`);
  expect(await page.evaluate(() => document.characterSet.toLowerCase())).toBe('windows-874');
  // The page's own Thai, decoded from windows-874: the page really is in that encoding.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADING);

  const ui = bannerUi(page, TH);
  await expect(ui.region).toBeVisible();
  await expect(ui.region.getByRole('heading')).toHaveText(TH.title);
  await expect(ui.policyLink).toBeVisible();
  await ui.choose.click();
  await expect(ui.dialog).toBeVisible();
  await expect(ui.switchFor(TH.analytics)).toBeVisible();
  // The close button: named in Thai, and its ✕ is U+2715, not mojibake.
  await expect(ui.close).toHaveText('\u2715');
  // The extras file, also sent without a charset: what the log files keep, in proper Thai.
  await expect(ui.dialog.locator('summary').first()).toHaveText('ข้อมูลที่จัดเก็บ (4)');
  await ui.dialogAcceptAll.click();
  await waitForRecord(context);
  expect((await consentOf(page))?.method).toBe('accept-all');
});
