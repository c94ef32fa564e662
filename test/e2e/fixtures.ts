// Shared by every e2e spec: a `test` that fails on any console error or page error, the banner's
// texts in both languages, role-based locators into its shadow root, and small probes for the
// cookie, the state, the events and the gated analytics script.
import {
  test as base,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from '@playwright/test';
import type { ConsentChange, ConsentState } from '../../src/core/types.js';

export { expect };

/** The demo pages (served by vite.demo.config.ts). */
export const PAGES = {
  /** SSO-style page, Thai, the npm build, `logs="optional"`. */
  sso: '/demo/index.html',
  /** Co-operative page: JSON config adds "marketing", cookie `coop_consent`. */
  coop: '/demo/coop.html',
  /** The built IIFE only, configured by `data-*`, English. */
  scriptTag: '/demo/script-tag.html',
  /** The same IIFE tag twice, with different data-* (the first one wins). */
  scriptTagTwice: '/demo/script-tag-twice.html',
} as const;

/** What the visitor reads, per language (the element's built-in strings). */
export interface BannerTexts {
  title: string;
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  choose: string;
  dialogTitle: string;
  save: string;
  close: string;
  alwaysActive: string;
  settingsButton: string;
  logs: string;
  preferences: string;
  analytics: string;
}

export const TH: BannerTexts = {
  title: 'คุกกี้และบันทึกการเข้าใช้งาน',
  policyLink: 'อ่านนโยบายความเป็นส่วนตัว',
  acceptAll: 'ยอมรับทั้งหมด',
  rejectAll: 'ปฏิเสธทั้งหมด',
  choose: 'เลือกเอง',
  dialogTitle: 'ตั้งค่าคุกกี้และบันทึกการเข้าใช้งาน',
  save: 'บันทึกการเลือก',
  close: 'ปิด',
  alwaysActive: 'เปิดใช้งานเสมอ',
  settingsButton: 'ตั้งค่าคุกกี้',
  logs: 'บันทึกการเข้าใช้งาน (Log Files)',
  preferences: 'การตั้งค่าส่วนตัว',
  analytics: 'สถิติผู้เยี่ยมชม',
};

export const EN: BannerTexts = {
  title: 'Cookies and log files',
  policyLink: 'Read the privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose',
  dialogTitle: 'Cookie and log file settings',
  save: 'Save choices',
  close: 'Close',
  alwaysActive: 'Always active',
  settingsButton: 'Cookie settings',
  logs: 'Server log files',
  preferences: 'Preferences',
  analytics: 'Visitor statistics',
};

/** The name of the host-page button with `data-consent-open`, per page language. */
export const HOST_OPENER = { th: 'การตั้งค่าความเป็นส่วนตัว', en: 'Privacy settings' } as const;

/** The host-page button with `data-consent-open` on each demo page. */
export function hostOpener(page: Page, lang: 'th' | 'en' = 'th'): Locator {
  return page.getByRole('button', { name: HOST_OPENER[lang], exact: true });
}

/**
 * Role-based locators for the banner; Playwright pierces the open shadow root. The region and
 * the dialog are found as the element's only ones, so that a wording change fails the
 * language tests (which check their names) rather than every test.
 */
export function bannerUi(page: Page, texts: BannerTexts) {
  const element = page.locator('consent-banner');
  const region = element.getByRole('region');
  const dialog = element.getByRole('dialog');
  const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });
  return {
    element,
    region,
    acceptAll: button(region, texts.acceptAll),
    rejectAll: button(region, texts.rejectAll),
    choose: button(region, texts.choose),
    policyLink: region.getByRole('link', { name: texts.policyLink, exact: true }),
    dialog,
    save: button(dialog, texts.save),
    dialogAcceptAll: button(dialog, texts.acceptAll),
    dialogRejectAll: button(dialog, texts.rejectAll),
    close: button(dialog, texts.close),
    switchFor: (label: string) => dialog.getByRole('switch', { name: label, exact: true }),
    /** The disclosures of what each category keeps: they come with the extras file. */
    declarations: dialog.locator('[part~="declaration"]'),
    settingsButton: button(element, texts.settingsButton),
  };
}

/** The element as the tests use it (docs/reference/attributes.md "Properties", "Methods"). */
type BannerElement = HTMLElement & {
  readonly consent: ConsentState;
  acceptAll(): void;
  rejectAll(): void;
  setConsent(choice: Record<string, boolean>): void;
  isGranted(id: string): boolean;
  showPreferences(): void;
  reset(): void;
};

/** `el.consent` of the page's one `<consent-banner>`; `null` when there is none or not defined. */
export function consentOf(page: Page): Promise<ConsentState | null> {
  return page.evaluate(() => {
    const el = document.querySelector<BannerElement>('consent-banner');
    return el && 'consent' in el ? el.consent : null;
  });
}

/** Calls one API method of the page's `<consent-banner>` (e.g. `setConsent({analytics: true})`). */
export function callBanner(
  page: Page,
  method: 'acceptAll' | 'rejectAll' | 'setConsent' | 'showPreferences' | 'reset',
  choice?: Record<string, boolean>,
): Promise<void> {
  return page.evaluate(
    ([name, arg]) => {
      const el = document.querySelector<BannerElement>('consent-banner');
      if (!el) throw new Error('no <consent-banner> on the page');
      if (name === 'setConsent') el.setConsent(arg ?? {});
      else el[name]();
    },
    [method, choice] as const,
  );
}

/** A consent cookie value, split into its fields (docs/reference/cookie.md, format version 1). */
export interface StoredRecord {
  raw: string;
  version: string;
  revision: number;
  granted: string[];
  denied: string[];
  id: string;
  decidedAt: number;
  method: string;
}

export function parseRecord(raw: string): StoredRecord {
  const [
    version = '',
    revision = '',
    granted = '',
    denied = '',
    id = '',
    decidedAt = '',
    method = '',
  ] = raw.split('.');
  const list = (text: string) => (text === '' ? [] : text.split('~').sort());
  return {
    raw,
    version,
    revision: Number(revision),
    granted: list(granted),
    denied: list(denied),
    id,
    decidedAt: Number(decidedAt),
    method,
  };
}

/** The stored consent record, or `null` when the cookie is not set. */
export async function storedRecord(
  context: BrowserContext,
  name = 'consent',
): Promise<StoredRecord | null> {
  const cookie = (await context.cookies()).find((c) => c.name === name);
  return cookie ? parseRecord(cookie.value) : null;
}

/** A receipt the banner sends to the demo server's store (`POST /receipts`, with any `?tag=`). */
export const isReceiptPost = (request: Request) =>
  request.method() === 'POST' && new URL(request.url()).pathname === '/receipts';

/** Waits until the cookie holds a record (the banner writes it on a decision). */
export async function waitForRecord(
  context: BrowserContext,
  name = 'consent',
): Promise<StoredRecord> {
  await expect
    .poll(async () => (await storedRecord(context, name))?.raw ?? null, {
      message: `cookie ${name} is written`,
    })
    .not.toBeNull();
  return (await storedRecord(context, name)) as StoredRecord;
}

/** A fresh, valid record for the demo pages (decided a minute ago, so it has not expired). */
export function recordValue(options: {
  revision?: number;
  granted: string[];
  denied: string[];
  id?: string;
  method?: string;
  decidedAt?: number;
}): string {
  const decidedAt = options.decidedAt ?? Math.floor(Date.now() / 1000) - 60;
  return [
    1,
    options.revision ?? 1,
    options.granted.join('~'),
    options.denied.join('~'),
    options.id ?? 'AbCdEf123456',
    decidedAt,
    options.method ?? 'c',
  ].join('.');
}

/** Writes a cookie for the demo site before a page loads. */
export async function presetCookie(
  context: BrowserContext,
  value: string,
  name = 'consent',
): Promise<void> {
  const baseURL = test.info().project.use.baseURL;
  if (!baseURL) throw new Error('playwright.config.ts must set use.baseURL');
  await context.addCookies([{ name, value, url: baseURL }]);
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/** Asserts that `el.consent` says `decided`, with exactly these granted/denied ids, and that it
 * matches the stored record (same id, revision, time). */
export async function expectDecided(
  page: Page,
  record: StoredRecord,
  expected: { granted: string[]; denied: string[]; method: ConsentState['method'] },
): Promise<void> {
  const state = await consentOf(page);
  expect(state).not.toBeNull();
  const consent = state as ConsentState;
  expect(consent.decided).toBe(true);
  expect(sorted(consent.granted)).toEqual(sorted(expected.granted));
  expect(sorted(consent.denied)).toEqual(sorted(expected.denied));
  const categories = Object.fromEntries([
    ...expected.granted.map((id) => [id, true] as const),
    ...expected.denied.map((id) => [id, false] as const),
  ]);
  expect(consent.categories).toEqual(categories);
  expect(consent.method).toBe(expected.method);
  expect(consent.revision).toBe(record.revision);
  expect(consent.id).toBe(record.id);
  expect(Math.floor(Date.parse(consent.decidedAt ?? '') / 1000)).toBe(record.decidedAt);
}

/** Asserts the cookie holds a current, well-formed record with these granted/denied ids. */
export function expectRecord(
  record: StoredRecord,
  expected: { granted: string[]; denied: string[]; method: string; revision?: number },
): void {
  expect(record.version).toBe('1');
  expect(record.revision).toBe(expected.revision ?? 1);
  expect(record.granted).toEqual(sorted(expected.granted));
  expect(record.denied).toEqual(sorted(expected.denied));
  expect(record.id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(Math.abs(record.decidedAt - Date.now() / 1000)).toBeLessThan(600);
  expect(record.method).toBe(expected.method);
  expect(record.raw.length).toBeLessThan(300);
}

const isCollect = (request: Request) =>
  request.method() === 'POST' && new URL(request.url()).pathname === '/collect';

/** Every POST /collect the page makes from now on (the gated analytics script's page view). */
export function watchCollect(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (isCollect(request)) seen.push(request);
  });
  return seen;
}

/** Waits for the analytics script's POST /collect and returns its JSON body. */
export async function nextCollect(page: Page): Promise<unknown> {
  const request = await page.waitForRequest(isCollect);
  return request.postDataJSON() as unknown;
}

/**
 * A record of the demo server's receipt store (`/receipts`, demo/backend.ts), as its audit page
 * shows it in English: each field is the text of its row (`granted` and `denied`: the category
 * ids, in the page's order).
 */
export interface RecordedReceipt {
  id: string;
  decidedAt: string;
  receivedAt: string;
  revision: string;
  method: string;
  granted: string[];
  denied: string[];
  lang: string;
  url: string;
  wording: string;
}

/** The audit page's row headings in English → the fields of RecordedReceipt. */
const RECORD_ROWS: Record<string, keyof RecordedReceipt> = {
  'Decided at': 'decidedAt',
  'Received at': 'receivedAt',
  'Policy revision': 'revision',
  How: 'method',
  Granted: 'granted',
  Refused: 'denied',
  'Language shown': 'lang',
  Page: 'url',
  'Wording shown': 'wording',
};

/**
 * The store's record of a consent id, looked up as an auditor looks it up: on the audit page
 * (docs/server/records.md "The audit page"), `/demo/records/?lang=en&id=<id>`, in a page of its
 * own in `context`. `null` when the page says the store holds no record with this id. A row the
 * page shows beyond RECORD_ROWS fails the look-up: a record holds nothing else.
 */
export async function recordedReceipt(
  context: BrowserContext,
  id: string,
): Promise<RecordedReceipt | null> {
  const page = await context.newPage();
  try {
    const response = await page.goto(`/demo/records/?lang=en&id=${encodeURIComponent(id)}`);
    expect(response?.status(), 'the audit page answers').toBe(200);
    const alert = page.getByRole('alert');
    if ((await alert.count()) > 0) {
      await expect(alert).toHaveText(`No record has this id: ${id}`);
      return null;
    }
    const table = page.getByRole('table', { name: /^Consent id/ });
    const shown = await table.evaluate((el: HTMLTableElement) => ({
      id: el.caption?.querySelector('code')?.textContent ?? '',
      rows: [...el.tBodies[0].rows].map((row) => ({
        heading: row.querySelector('th')?.textContent ?? '',
        text: row.querySelector('td')?.textContent ?? '',
        codes: [...row.querySelectorAll('td code')].map((code) => code.textContent ?? ''),
      })),
    }));
    const record: Partial<Record<keyof RecordedReceipt, string | string[]>> = { id: shown.id };
    for (const { heading, text, codes } of shown.rows) {
      const field = RECORD_ROWS[heading];
      expect(field, `a row the record holds: "${heading}"`).toBeDefined();
      record[field] = field === 'granted' || field === 'denied' ? codes : text;
    }
    expect(Object.keys(record).sort(), 'every row of a record').toEqual(
      ['id', ...Object.values(RECORD_ROWS)].sort(),
    );
    return record as RecordedReceipt;
  } finally {
    await page.close();
  }
}

/** Waits until the store holds a record of `id` (the banner's POST may be on its way). */
export async function waitForRecorded(
  context: BrowserContext,
  id: string,
): Promise<RecordedReceipt> {
  await expect
    .poll(async () => (await recordedReceipt(context, id)) !== null, {
      message: `the store holds a record of ${id}`,
    })
    .toBe(true);
  return (await recordedReceipt(context, id)) as RecordedReceipt;
}

/** One consent event as the page saw it. */
export type SeenEvent =
  | { type: 'consent-ready'; detail: ConsentState }
  | { type: 'consent-change'; detail: ConsentChange };

/**
 * Records every consent-ready / consent-change that reaches `document` (they bubble and are
 * composed), from document start, in `window.__consentEvents`.
 */
export async function recordEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    Object.defineProperty(window, '__consentEvents', { value: seen });
    for (const type of ['consent-ready', 'consent-change']) {
      document.addEventListener(type, (event) => {
        const detail = (event as CustomEvent<unknown>).detail;
        seen.push({ type, detail: JSON.parse(JSON.stringify(detail)) as unknown });
      });
    }
  });
}

export function seenEvents(page: Page): Promise<SeenEvent[]> {
  return page.evaluate(
    () => (window as unknown as { __consentEvents: SeenEvent[] }).__consentEvents,
  );
}

/** The `detail` of every consent-change seen so far. */
export async function seenChanges(page: Page): Promise<ConsentChange[]> {
  const changes: ConsentChange[] = [];
  for (const event of await seenEvents(page)) {
    if (event.type === 'consent-change') changes.push(event.detail);
  }
  return changes;
}

/** Waits for the page's first consent-ready (the banner knows the stored choice). */
export async function waitForReady(page: Page): Promise<void> {
  await expect
    .poll(async () => (await seenEvents(page)).filter((e) => e.type === 'consent-ready').length, {
      message: 'consent-ready fired',
    })
    .toBeGreaterThan(0);
}

export interface PaintProbe {
  /** Animation frames seen since document start. */
  frames: number;
  /** Frames in which the shadow root held a `[part~="banner"]`. */
  bannerFrames: number;
  /** Whether consent-ready had fired when the first frame's callback ran (null: no frame yet). */
  readyBeforeFirstFrame: boolean | null;
}

/**
 * From document start, on every animation frame (each frame the browser is about to paint),
 * records whether the banner's first layer is rendered in the shadow root; and whether
 * consent-ready came before the first frame.
 */
export async function installPaintProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const probe = { frames: 0, bannerFrames: 0, readyBeforeFirstFrame: null as boolean | null };
    Object.defineProperty(window, '__paintProbe', { value: probe });
    let ready = false;
    document.addEventListener('consent-ready', () => {
      ready = true;
    });
    requestAnimationFrame(() => {
      probe.readyBeforeFirstFrame = ready;
    });
    const check = () => {
      probe.frames += 1;
      const root = document.querySelector('consent-banner')?.shadowRoot;
      if (root?.querySelector('[part~="banner"]')) probe.bannerFrames += 1;
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

export const paintProbe = (page: Page) =>
  page.evaluate(() => (window as unknown as { __paintProbe: PaintProbe }).__paintProbe);

/** Waits until the page has rendered a few frames after the banner knew the choice. */
export async function waitForFrames(page: Page, count: number): Promise<void> {
  await expect.poll(async () => (await paintProbe(page)).frames).toBeGreaterThanOrEqual(count);
}

/** Presses Tab until `target` has focus (at most `limit` times); fails if it never does. */
export async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await target.evaluate(
      (el) => (el.getRootNode() as Document | ShadowRoot).activeElement === el,
    );
    if (focused) return;
  }
  await expect(target, `Tab reaches the element within ${limit} presses`).toBeFocused();
}

/**
 * Fails the test on any `console.error` or uncaught page error. Every spec imports `test` from
 * here, so every test checks it.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
      });
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      await use(errors);
      expect(errors, 'the page logged no error').toEqual([]);
    },
    { auto: true },
  ],
});
