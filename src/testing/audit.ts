/**
 * `auditConsent(browser, { urls })`: checks a site against its own declaration (docs/guide/audit.md).
 * For each choice (none yet, reject all, accept all, each optional category alone) it visits
 * every URL in a fresh context, lets each page settle, and records the cookies, the
 * `localStorage` and `sessionStorage` keys and the requests to other origins, each with whether it
 * came before or after the choice. Then it compares them with what the banner on each page
 * declares (`config.categories.<id>.cookies`).
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { derive, type SettingValues } from '../core/configure.js';
import { matchesCookie } from '../core/script-plan.js';
import { SETTINGS } from '../core/settings.js';

/** A choice the audit makes: none yet, reject all, accept all, or one optional category alone. */
export type AuditChoice = 'none' | 'reject-all' | 'accept-all' | `only ${string}`;

export interface AuditOptions {
  /** The pages to visit, as absolute URLs, in order. */
  urls: readonly string[];
  /** How long a page must be quiet (no request) to count as settled, in ms (default 1000). */
  settleMs?: number;
  /** At most this many of `urls` are visited (default 20). */
  maxPages?: number;
  /** How many choices are audited at once, each in its own context (default 3). */
  concurrency?: number;
  /** Options for each fresh context (locale, viewport, `ignoreHTTPSErrors`, …). */
  contextOptions?: BrowserContextOptions;
}

/** When something appeared: before the choice was made, or after it. */
export type When = 'before-choice' | 'after-choice';

export interface FoundCookie {
  name: string;
  domain: string;
  /** Set for the site's own host (or a domain above it), not a third party's. */
  firstParty: boolean;
  /** Seconds since the epoch; -1 for a session cookie. */
  expires: number;
  when: When;
  /** The banner's own: the consent cookie. */
  banner?: true;
}
export interface FoundStorage {
  area: 'localStorage' | 'sessionStorage';
  key: string;
  when: When;
  /** The banner's own: receipts waiting to be sent. */
  banner?: true;
}
export interface FoundRequest {
  url: string;
  host: string;
  when: When;
}

export interface AuditPage {
  url: string;
  choice: AuditChoice;
  cookies: FoundCookie[];
  storage: FoundStorage[];
  requests: FoundRequest[];
}

export type ViolationKind = 'before-choice' | 'refused' | 'undeclared' | 'not-cleared';

export interface Violation {
  kind: ViolationKind;
  url: string;
  choice: AuditChoice;
  what: 'cookie' | 'storage' | 'request';
  /** The cookie's name, the storage key, or the request's host. */
  name: string;
  detail: string;
}

/** One declared entry, as the banner's configuration gives it. */
interface Declared {
  category: string;
  name: string;
  provider?: string;
}

/** What the banner on a page says about itself. */
interface PageFacts {
  cookieName: string;
  required: string[];
  optional: string[];
  declared: Declared[];
}

export interface ConsentAudit {
  pages: AuditPage[];
  violations: Violation[];
  /** A report to read, for example in a CI job summary. */
  toMarkdown(): string;
  /** `config.categories.<id>.cookies` entries for what the audit found, to complete and paste. */
  draftDeclaration(): Record<string, { cookies: DraftEntry[] }>;
}

export interface DraftEntry {
  name: string;
  provider?: string;
  purpose: { th: string; en: string };
  duration: { th: string; en: string };
}

const BANNER_STORAGE = 'consent-banner:receipts:*';

/** The one category an `only <id>` choice grants; `null` for the others. */
const onlyOf = (choice: AuditChoice): string | null =>
  choice.startsWith('only ') ? choice.slice('only '.length) : null;

/** Whether `host` is `domain` or below it (a leading dot on `domain` is allowed). */
const within = (host: string, domain: string) =>
  `.${host}`.endsWith(`.${domain.replace(/^\./, '')}`);

/**
 * Reads the banner's categories and declaration on `page`: its settings and JSON child, read as
 * the banner reads them (`derive`, src/core/configure.ts), so required categories, `clear`
 * lists and declarations are the banner's own.
 */
async function factsOf(page: Page): Promise<PageFacts> {
  // Defined, or known to be missing: a page without a banner is said at once.
  await page.waitForFunction(
    () => customElements.get('consent-banner') || !document.querySelector('consent-banner'),
    undefined,
    { timeout: 10_000 },
  );
  const raw = await page.evaluate(
    (properties) => {
      const el = document.querySelector('consent-banner') as
        (HTMLElement & Record<string, unknown>) | null;
      if (!el) throw new Error(`no <consent-banner> on ${location.href}`);
      const child = el.querySelector(':scope > script[type="application/json"]');
      return {
        values: Object.fromEntries(properties.map((property) => [property, el[property]])),
        json: child ? (child.textContent ?? '') : null,
        hostname: location.hostname,
      };
    },
    SETTINGS.map((setting) => setting.property),
  );
  const derived = derive(raw.values as SettingValues, raw.json, () => raw.hostname);
  // What a category clears is its own too: for the built-in analytics without a declaration,
  // the analytics tags' cookies.
  const declared: Declared[] = derived.categories.flatMap((c) => [
    ...(c.cookies ?? []).map(({ name, provider }) => ({ category: c.id, name, provider })),
    ...c.clear.map((name) => ({ category: c.id, name })),
  ]);
  const ids = (required: boolean) =>
    derived.categories.filter((c) => c.required === required).map((c) => c.id);
  return {
    cookieName: derived.cookie.name,
    required: ids(true),
    optional: ids(false),
    declared,
  };
}

/** The banner's own cookie or storage key. */
const isBanners = (facts: PageFacts, name: string) =>
  name === facts.cookieName || matchesCookie(name, BANNER_STORAGE);

/** The category that declares a cookie or storage key `name`; the banner's own are `necessary`. */
function categoryOfName(facts: PageFacts, name: string): string | null {
  if (isBanners(facts, name)) return 'necessary';
  return facts.declared.find((d) => matchesCookie(name, d.name))?.category ?? null;
}

/** The category that declares requests to `host`: an entry whose `provider` is that domain. */
function categoryOfHost(facts: PageFacts, host: string): string | null {
  const found = facts.declared.find(
    (d) => d.provider && /\./.test(d.provider) && within(host, d.provider),
  );
  return found?.category ?? null;
}

/** Waits until `page` has made no request for `quiet` ms. */
async function settle(page: Page, quiet: number): Promise<void> {
  await page.waitForLoadState('load');
  let last = Date.now();
  const mark = () => (last = Date.now());
  page.on('request', mark);
  try {
    while (Date.now() - last < quiet)
      await page.waitForTimeout(Math.max(50, quiet - (Date.now() - last)));
  } finally {
    page.off('request', mark);
  }
}

/** Everything stored now, each marked with `when` unless it was seen earlier. */
async function snapshot(context: BrowserContext, page: Page, when: When, seen: AuditPage) {
  const host = new URL(page.url()).hostname;
  for (const c of await context.cookies())
    if (!seen.cookies.some((s) => s.name === c.name && s.domain === c.domain))
      seen.cookies.push({
        name: c.name,
        domain: c.domain,
        firstParty: within(host, c.domain),
        expires: c.expires,
        when,
      });
  const keys = await page.evaluate(() => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
  }));
  for (const area of ['localStorage', 'sessionStorage'] as const)
    for (const key of keys[area])
      if (!seen.storage.some((s) => s.area === area && s.key === key))
        seen.storage.push({ area, key, when });
}

/** Makes `choice` through the banner's API, as a visitor's decision would be stored. */
async function decide(page: Page, choice: AuditChoice): Promise<void> {
  await page.evaluate(
    ([choice, only]) => {
      const el = document.querySelector('consent-banner') as HTMLElement & {
        acceptAll(): void;
        rejectAll(): void;
        setConsent(choice: Record<string, boolean>): void;
      };
      if (choice === 'accept-all') el.acceptAll();
      else if (choice === 'reject-all') el.rejectAll();
      else if (only) el.setConsent({ [only]: true });
    },
    [choice, onlyOf(choice)] as const,
  );
}

/**
 * Audits `urls` for every choice (docs/guide/audit.md): the report lists what each page stored
 * and sent, and the violations of the site's declaration.
 */
export async function auditConsent(browser: Browser, options: AuditOptions): Promise<ConsentAudit> {
  const urls = options.urls.slice(0, options.maxPages ?? 20);
  if (!urls.length) throw new Error('auditConsent: `urls` names no page');
  const quiet = options.settleMs ?? 1000;
  const concurrency = options.concurrency ?? 3;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(
      `auditConsent: \`concurrency\` is ${concurrency}; expected a whole number from 1`,
    );
  const pages: AuditPage[] = [];
  const violations: Violation[] = [];
  const say = (v: Violation) => {
    if (
      !violations.some(
        (o) => o.kind === v.kind && o.choice === v.choice && o.what === v.what && o.name === v.name,
      )
    )
      violations.push(v);
  };

  // The choices come from the first page's banner: none, reject, accept, each optional alone.
  const probe = await browser.newContext(options.contextOptions);
  let optional: string[];
  try {
    const page = await probe.newPage();
    await page.goto(urls[0] as string);
    optional = (await factsOf(page)).optional;
  } finally {
    await probe.close();
  }
  const choices: AuditChoice[] = [
    'none',
    'reject-all',
    'accept-all',
    ...optional.map((id) => `only ${id}` as const),
  ];

  // The choices are independent (a fresh context each), so several run at once: a page that is
  // settling waits without work, and another choice's page loads meanwhile. Their findings are
  // put together in the choices' order, whatever order they finish in.
  const audited = await eachAtMost(choices, concurrency, async (choice) => {
    const found: AuditPage[] = [];
    const seen: Violation[] = [];
    const context = await browser.newContext(options.contextOptions);
    try {
      await auditChoice(context, urls, choice, quiet, found, (v) => seen.push(v));
    } finally {
      await context.close();
    }
    return { found, seen };
  });
  for (const { found, seen } of audited) {
    pages.push(...found);
    seen.forEach(say);
  }
  return report(pages, violations);
}

/** Visits `urls` in order for one `choice`, in `context`; what each page shows goes to `pages`. */
async function auditChoice(
  context: BrowserContext,
  urls: readonly string[],
  choice: AuditChoice,
  quiet: number,
  pages: AuditPage[],
  say: (v: Violation) => void,
): Promise<void> {
  const page = await context.newPage();
  let when: When = 'before-choice';
  const requests: FoundRequest[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!/^https?:$/.test(url.protocol)) return;
    const top = page.url().startsWith('http') ? new URL(page.url()).origin : null;
    if (top && url.origin !== top) requests.push({ url: url.href, host: url.hostname, when });
  });
  for (const [index, url] of urls.entries()) {
    const found: AuditPage = { url, choice, cookies: [], storage: [], requests: [] };
    const start = requests.length;
    await page.goto(url);
    await settle(page, quiet);
    const facts = await factsOf(page);
    // A cookie already seen on an earlier page of this choice was reported there.
    const earlier = new Set(pages.flatMap((p) => p.cookies.map((c) => `${c.name}@${c.domain}`)));
    await snapshot(context, page, when, found);
    found.cookies = found.cookies.filter((c) => !earlier.has(`${c.name}@${c.domain}`));
    if (choice !== 'none' && index === 0) {
      // From the moment of the decision: what it lets load comes at once.
      when = 'after-choice';
      await decide(page, choice);
      await settle(page, quiet);
      await snapshot(context, page, when, found);
    }
    found.requests = requests.slice(start);
    for (const item of [...found.cookies, ...found.storage])
      if (isBanners(facts, 'name' in item ? item.name : item.key)) item.banner = true;
    pages.push(found);
    judge(found, facts, choice, say);
  }
  // Withdrawn where the choice was made: the first page.
  if (choice === 'accept-all') {
    await page.goto(urls[0] as string);
    await settle(page, quiet);
    await checkClearing(page, context, quiet, say);
  }
}

/** Runs `work` on each of `items`, at most `limit` at a time; the results in the items' order. */
async function eachAtMost<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Adds the violations of one page's findings. */
function judge(
  found: AuditPage,
  facts: PageFacts,
  choice: AuditChoice,
  say: (v: Violation) => void,
) {
  const granted = (category: string) =>
    facts.required.includes(category) || choice === 'accept-all' || onlyOf(choice) === category;
  const check = (
    what: Violation['what'],
    name: string,
    when: When,
    category: string | null,
    where: string,
  ) => {
    const base = { url: found.url, choice, what, name };
    if (when === 'before-choice' && (category === null || !facts.required.includes(category)))
      say({
        ...base,
        kind: 'before-choice',
        detail: `${where} before any choice${category ? ` (declared under ${category})` : ' (not declared)'}`,
      });
    else if (when === 'after-choice' && category === null)
      say({ ...base, kind: 'undeclared', detail: `${where}, declared under no category` });
    else if (when === 'after-choice' && category !== null && !granted(category))
      say({ ...base, kind: 'refused', detail: `${where} though ${category} is refused` });
  };
  for (const c of found.cookies)
    check(
      'cookie',
      c.name,
      c.when,
      categoryOfName(facts, c.name),
      `cookie ${c.name} (${c.domain}${c.firstParty ? '' : ', third party'})`,
    );
  for (const s of found.storage)
    check('storage', s.key, s.when, categoryOfName(facts, s.key), `${s.area} ${s.key}`);
  for (const r of found.requests)
    check('request', r.host, r.when, categoryOfHost(facts, r.host), `request to ${r.host}`);
}

/** After accept all, each optional category withdrawn: what it declares must be gone. */
async function checkClearing(
  page: Page,
  context: BrowserContext,
  quiet: number,
  say: (v: Violation) => void,
) {
  const facts = await factsOf(page);
  const url = page.url();
  for (const category of facts.optional) {
    const names = facts.declared.filter((d) => d.category === category).map((d) => d.name);
    if (!names.length) continue;
    await page.evaluate((id) => {
      const el = document.querySelector('consent-banner') as HTMLElement & {
        setConsent(c: Record<string, boolean>): void;
      };
      el.setConsent({ [id]: false });
    }, category);
    await settle(page, quiet);
    for (const c of await context.cookies())
      if (names.some((n) => matchesCookie(c.name, n)))
        say({
          kind: 'not-cleared',
          url,
          choice: 'accept-all',
          what: 'cookie',
          name: c.name,
          detail: `cookie ${c.name} (${c.domain}${c.path === '/' ? '' : `, path ${c.path}`}) still there after ${category} was withdrawn`,
        });
  }
}

function report(pages: AuditPage[], violations: Violation[]): ConsentAudit {
  return {
    pages,
    violations,
    toMarkdown: () => markdown(pages, violations),
    draftDeclaration: () => draft(pages),
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

function markdown(pages: AuditPage[], violations: Violation[]): string {
  const lines = ['# Consent audit', ''];
  const urls = [...new Set(pages.map((p) => p.url))];
  const choices = [...new Set(pages.map((p) => p.choice))];
  lines.push(`${urls.length} page(s) × ${choices.length} choice(s): ${choices.join(', ')}.`, '');
  if (!violations.length) lines.push('**No violations.**', '');
  else {
    lines.push(
      `**${violations.length} violation(s)**`,
      '',
      '| kind | choice | what | name | detail | page |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const v of violations)
      lines.push(
        `| ${v.kind} | ${v.choice} | ${v.what} | \`${cell(v.name)}\` | ${cell(v.detail)} | ${cell(v.url)} |`,
      );
    lines.push('');
  }
  lines.push('## What each choice stored and sent', '');
  for (const choice of choices) {
    const found = pages.filter((p) => p.choice === choice);
    const cookies = found.flatMap((p) => p.cookies.map((c) => `\`${c.name}\` (${c.when})`));
    const storage = found.flatMap((p) => p.storage.map((s) => `\`${s.key}\` (${s.when})`));
    const hosts = [
      ...new Set(found.flatMap((p) => p.requests.map((r) => `\`${r.host}\` (${r.when})`))),
    ];
    lines.push(
      `- **${choice}**: cookies ${cookies.join(', ') || 'none'}; storage ${[...new Set(storage)].join(', ') || 'none'}; other origins ${hosts.join(', ') || 'none'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Each name found, under the category whose choice first showed it (`necessary` for none). */
function draft(pages: AuditPage[]): Record<string, { cookies: DraftEntry[] }> {
  const out: Record<string, { cookies: DraftEntry[] }> = {};
  const placed = new Set<string>();
  const todo = { th: '…', en: '…' };
  const order = [...pages].sort((a, b) => rank(a.choice) - rank(b.choice));
  for (const page of order) {
    const category = page.choice === 'none' ? 'necessary' : onlyOf(page.choice);
    if (!category) continue;
    const add = (name: string, provider?: string) => {
      if (placed.has(name)) return;
      placed.add(name);
      (out[category] ??= { cookies: [] }).cookies.push({
        name,
        ...(provider ? { provider } : {}),
        purpose: { ...todo },
        duration: { ...todo },
      });
    };
    // The banner's own are declared by the banner.
    for (const c of page.cookies)
      if (!c.banner) add(c.name, c.firstParty ? undefined : c.domain.replace(/^\./, ''));
    for (const s of page.storage) if (!s.banner) add(s.key);
    for (const r of page.requests) add(r.host, r.host);
  }
  return out;
}

const rank = (choice: AuditChoice) => (choice === 'none' ? 0 : onlyOf(choice) ? 1 : 2);

/** Fails with a readable list when `report` has violations (docs/guide/audit.md). */
export function expectNoConsentViolations(report: ConsentAudit): void {
  if (!report.violations.length) return;
  const list = report.violations.map((v) => `- ${v.kind} (${v.choice}, ${v.url}): ${v.detail}`);
  throw new Error(`${report.violations.length} consent violation(s):\n${list.join('\n')}`);
}
