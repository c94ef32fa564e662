// The audit page of the receipt store (docs/server/records.md "The audit page"), from the BUILT
// dist/server.js: a node:http server mounts `store.audit` at /records/ and `store.handle` at
// /receipts, on a free port, with an in-memory store filled through the receiver as the banner
// fills it. In Chromium: the look-up, the charts, the table, the export, both languages, axe,
// and the page's strict Content-Security-Policy.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

interface Store {
  handle(request: Request): Promise<Response>;
  audit(request: Request): Promise<Response>;
  close(): Promise<void>;
}
type Listener = (req: unknown, res: unknown) => void;
interface ServerEntry {
  openReceiptStore(url: string, options: object): Promise<Store>;
  wordingHash(wording: { lang: string; texts: Record<string, string> }): Promise<string>;
  toNodeListener(handle: Store['handle']): Listener;
}
/** The built entry (`npm test` builds first): named at run time, so typecheck needs no build. */
const SERVER: string = '../../dist/server.js';

const AXE = readFileSync(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);

let server: Server;
let store: Store;
let base: string;

/** A receipt `days` ago (at 10:00 Bangkok time), with a fixed id. */
function receipt(id: string, days: number, method: string, granted: string[]) {
  const at = new Date();
  at.setUTCHours(3, 0, 0, 0);
  at.setTime(at.getTime() - days * 86_400_000);
  return {
    schema: 1,
    id,
    decidedAt: at.toISOString(),
    revision: 2,
    granted,
    denied: ['necessary', 'logs', 'preferences', 'analytics'].filter((c) => !granted.includes(c)),
    method,
    lang: 'th',
    url: 'https://www.sso.go.th/wpr/main/privacy',
  };
}

/** The words a visitor saw, in Thai. */
const WORDING = {
  lang: 'th',
  texts: {
    title: 'เว็บไซต์นี้ใช้คุกกี้',
    rejectAll: 'ปฏิเสธทั้งหมด',
    'category.analytics.label': 'การวิเคราะห์',
  },
};

const RECEIPTS = [
  receipt('audit-accept-1', 3, 'accept-all', ['necessary', 'logs', 'preferences', 'analytics']),
  receipt('audit-reject-1', 3, 'reject-all', ['necessary', 'logs']),
  receipt('audit-custom-1', 2, 'custom', ['necessary', 'logs', 'analytics']),
  receipt('audit-reject-2', 1, 'reject-all', ['necessary', 'logs']),
];

test.beforeAll(async () => {
  const { openReceiptStore, toNodeListener, wordingHash } = (await import(SERVER)) as ServerEntry;
  store = await openReceiptStore('memory:', { perMinute: 0 });
  const receipts = toNodeListener(store.handle);
  const audit = toNodeListener(store.audit);
  server = createServer((req, res) =>
    req.url?.startsWith('/records/') ? audit(req, res) : receipts(req, res),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One receipt of schema 2, whose wording the store then receives: 40 days ago, before the
  // page's default range, so the counts below are those of RECEIPTS.
  const hash = await wordingHash(WORDING);
  const worded = {
    ...receipt('audit-worded-1', 40, 'reject-all', ['necessary', 'logs']),
    schema: 2,
    wording: hash,
  };
  for (const body of [worded, { schema: 2, wording: hash, ...WORDING }, ...RECEIPTS]) {
    const answer = await store.handle(
      new Request(`${base}/receipts`, {
        method: 'POST',
        headers: { origin: base },
        body: JSON.stringify(body),
      }),
    );
    expect(answer.status).toBe(201);
  }
});

test.afterAll(async () => {
  server?.close();
  await store?.close();
});

/** Opens the page, failing on any CSP violation or console error. */
async function open(page: Page, query = '') {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/records/${query}`);
  return problems;
}

async function axe(page: Page) {
  // Through the DevTools protocol: the page's CSP allows no script but its own.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; nodes: { target: string[] }[] }[] };
    const w = window as unknown as { axe: { run(): Promise<Result> } };
    // Each violation with the elements it names, so that a failure says where.
    return (await w.axe.run()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}

test('looks a consent id up, in Thai with the Buddhist calendar, then in English', async ({
  page,
}) => {
  const problems = await open(page);
  await page.getByRole('textbox', { name: 'รหัสความยินยอม' }).fill('audit-custom-1');
  await page.getByRole('button', { name: 'ค้นหา' }).click();
  const record = page.getByRole('table', { name: /รหัสความยินยอม/ });
  await expect(record).toContainText('audit-custom-1');
  await expect(record.getByRole('row', { name: /วิธีที่เลือก/ })).toContainText('เลือกเอง');
  await expect(record.getByRole('row', { name: /ไม่ยินยอม/ })).toContainText('preferences');
  // The Thai calendar: the year 2569 for 2026.
  const year = new Date().getUTCFullYear() + 543;
  await expect(record.getByRole('row', { name: /เวลาที่เลือก/ })).toContainText(String(year));
  expect(await axe(page)).toEqual([]);

  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Consent records');
  const english = page.getByRole('table', { name: /Consent id/ });
  await expect(english.getByRole('row', { name: /How/ })).toContainText('Chosen');
  expect(await axe(page)).toEqual([]);

  await page.getByRole('textbox', { name: 'Consent id' }).fill('no-such-id-here');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('alert')).toContainText('No record has this id');
  await page.getByRole('textbox', { name: 'Consent id' }).fill('<script>');
  await page.getByRole('button', { name: 'Look up' }).click();
  await expect(page.getByRole('alert')).toContainText('A consent id is 8 to 64');
  expect(problems).toEqual([]);
});

test('draws the decisions per day and the grant rates, with the same numbers in a table', async ({
  page,
}) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  const problems = await open(page, '?lang=en');
  await expect(page.locator('#charts canvas')).toHaveCount(2);
  await expect(page.locator('#charts')).toContainText('Decisions per day');
  await expect(page.locator('#charts')).toContainText('Grant rate per category');
  const table = page.getByRole('table', { name: 'Decisions per day' });
  const header = await table.locator('thead th').allTextContents();
  expect(header.slice(0, 7)).toEqual([
    'Day',
    'Total',
    'Accept all',
    'Reject all',
    'Chosen',
    'GPC signal',
    'By the site’s code',
  ]);
  const rows = await table
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
    );
  // Three days: 2 decisions (one accept, one reject), then 1 chosen, then 1 reject.
  expect(rows.map((r) => r.slice(0, 6))).toEqual([
    ['2', '1', '1', '0', '0', '0'],
    ['1', '0', '0', '1', '0', '0'],
    ['1', '0', '1', '0', '0', '0'],
  ]);
  const analytics = header.indexOf('analytics %') - 1;
  expect(rows.map((r) => r[analytics])).toEqual(['50', '100', '0']);
  expect(await axe(page)).toEqual([]);
  expect(violations).toEqual([]);
  expect(problems).toEqual([]);
});

test('exports a date range as CSV', async ({ page }) => {
  await open(page, '?lang=en');
  // The Bangkok day of the second-to-last decision: the store's days are Bangkok days.
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' });
  const from = day.format(new Date(RECEIPTS[2]?.decidedAt ?? 0));
  const form = page.locator('form[action="export"]');
  await form.getByLabel('From').fill(from);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    form.getByRole('button', { name: 'Download' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^consent-records-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const text = readFileSync(await download.path(), 'utf8');
  const ids = text
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  expect(ids).toEqual(['audit-custom-1', 'audit-reject-2']);
});

test('shows the words the visitor saw, for a receipt that names its wording', async ({ page }) => {
  await open(page, '?lang=en&id=audit-worded-1');
  const row = page
    .getByRole('table', { name: /Consent id/ })
    .getByRole('row', { name: /Wording shown/ });
  for (const text of Object.values(WORDING.texts)) await expect(row).toContainText(text);
  await expect(row.locator('dl')).toHaveAttribute('lang', 'th');
  expect(await axe(page)).toEqual([]);
});

test('answers only GET, and nothing outside its files', async () => {
  expect((await fetch(`${base}/records/`, { method: 'POST' })).status).toBe(405);
  expect((await fetch(`${base}/records/secrets.txt`)).status).toBe(404);
  const answer = await fetch(`${base}/records/`);
  expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect((await fetch(`${base}/records/export?from=March`)).status).toBe(400);
});
