// The `?raw` modules' type: the type bundler (dts-bundle-generator) reads from the entries only.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../raw.d.ts" />
/**
 * The audit page (docs/server/records.md "The audit page"): a small bilingual page, served by
 * `store.audit(request)` under a path the site mounts behind its own authentication. It looks a
 * consent id up, draws the decisions per day and the grant rate per category (uPlot, with the
 * same numbers as a table), and exports a date range. Everything on it is rendered on the
 * server and escaped; the one script draws the charts from the numbers in the page.
 */
import uplotLicense from 'uplot/LICENSE?raw';
import uplotCss from 'uplot/dist/uPlot.min.css?raw';
import uplotJs from 'uplot/dist/uPlot.iife.min.js?raw';
import { CONSENT_ID } from '../../core/codec.js';
import type { Lang } from '../../core/types.js';
import { AUDIT_TEXTS, type AuditTexts } from './audit-texts.js';
import { AUDIT_CSS, AUDIT_JS } from './audit-assets.js';
import type { DayCounts, Range, StoredReceipt } from './store.js';

/** What the page reads from the store. */
export interface AuditSource {
  get(id: string): Promise<StoredReceipt | null>;
  counts(range: Range): Promise<DayCounts[]>;
  export(options: Range & { format: 'csv' | 'jsonl' }): ReadableStream<string>;
}

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** `<` and the line separators escaped: safe inside `<script type="application/json">`. */
const jsonInHtml = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** uPlot as served, its licence (MIT) with its code: made once, not per request. */
const UPLOT_JS = `/*\n${uplotLicense}*/\n${uplotJs}`;

const METHODS = ['acceptAll', 'rejectAll', 'custom', 'gpc', 'api'] as const;

/** A day `days` before today, as YYYY-MM-DD in `timeZone`. */
function daysAgo(days: number, timeZone: string): string {
  const at = new Date(Date.now() - days * 86_400_000);
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(at);
}

/** The files and the page, by the last part of the request's path. */
export function auditHandler(
  source: AuditSource,
  timeZone: string,
): (request: Request) => Promise<Response> {
  const asset = (body: string, type: string) =>
    new Response(body, {
      headers: { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'max-age=3600' },
    });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('GET only', { status: 405, headers: { allow: 'GET, HEAD' } });
    const url = new URL(request.url);
    const file = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
    if (file === 'uplot.js') return asset(UPLOT_JS, 'text/javascript');
    if (file === 'uplot.css') return asset(uplotCss, 'text/css');
    if (file === 'audit.js') return asset(AUDIT_JS, 'text/javascript');
    if (file === 'audit.css') return asset(AUDIT_CSS, 'text/css');
    const lang: Lang = url.searchParams.get('lang') === 'en' ? 'en' : 'th';
    const t = AUDIT_TEXTS[lang];
    if (file === 'export') return exportFile(source, url, t);
    if (file !== '') return new Response('not found', { status: 404 });
    return page(source, url, lang, timeZone);
  };
}

async function exportFile(source: AuditSource, url: URL, t: AuditTexts): Promise<Response> {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'jsonl';
  if ((from && !DAY.test(from)) || (to && !DAY.test(to)))
    return new Response(t.badRange, { status: 400 });
  const range: Range = {};
  if (from) range.from = from;
  if (to) range.to = to;
  const name = `consent-records${from ? `-${from}` : ''}${to ? `-to-${to}` : ''}.${format}`;
  return new Response(source.export({ ...range, format }).pipeThrough(new TextEncoderStream()), {
    headers: {
      'content-type':
        format === 'csv' ? 'text/csv; charset=utf-8' : 'application/jsonl; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
      'cache-control': 'no-store',
    },
  });
}

async function page(
  source: AuditSource,
  url: URL,
  lang: Lang,
  timeZone: string,
): Promise<Response> {
  const t = AUDIT_TEXTS[lang];
  const id = (url.searchParams.get('id') ?? '').trim();
  const fromParam = url.searchParams.get('from') ?? '';
  const toParam = url.searchParams.get('to') ?? '';
  const badRange = (fromParam && !DAY.test(fromParam)) || (toParam && !DAY.test(toParam));
  const from = fromParam && !badRange ? fromParam : daysAgo(30, timeZone);
  const to = toParam && !badRange ? toParam : daysAgo(-1, timeZone);
  const time = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'medium',
    timeZone,
  });
  const dayName = new Intl.DateTimeFormat(lang === 'th' ? 'th-TH' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });

  let lookUp = '';
  if (id) {
    const record = CONSENT_ID.test(id) ? await source.get(id) : null;
    const row = (label: string, value: string) =>
      `<tr><th scope="row">${label}</th><td>${value}</td></tr>`;
    lookUp = !CONSENT_ID.test(id)
      ? `<p role="alert">${t.badId}</p>`
      : !record
        ? `<p role="alert">${t.notFound}: <code>${escape(id)}</code></p>`
        : `<table class="record"><caption>${t.consentId} <code>${escape(record.id)}</code></caption><tbody>${[
            row(t.decidedAt, escape(time.format(new Date(record.decidedAt)))),
            row(t.receivedAt, escape(time.format(new Date(record.receivedAt)))),
            row(t.revision, String(record.revision)),
            row(t.method, escape(methodLabel(record.method, t))),
            row(t.granted, record.granted.map((c) => `<code>${escape(c)}</code>`).join(' ')),
            row(t.denied, record.denied.map((c) => `<code>${escape(c)}</code>`).join(' ') || '–'),
            row(t.language, record.lang === 'th' ? 'ไทย' : 'English'),
            row(t.page, `<code>${escape(record.url)}</code>`),
            row(t.wording, wording(record, t)),
          ].join('')}</tbody></table>`;
  }

  const days = await source.counts({ from, to });
  const categories = [...new Set(days.flatMap((d) => Object.keys(d.granted)))];
  const header = [
    t.day,
    t.total,
    ...METHODS.map((m) => t[m]),
    ...categories.map((c) => `${escape(c)} %`),
  ];
  const rate = (d: DayCounts, c: string) => Math.round(((d.granted[c] ?? 0) / d.total) * 100);
  const table = days.length
    ? `<table class="counts"><caption>${t.perDay}</caption><thead><tr>${header
        .map((h) => `<th scope="col">${h}</th>`)
        .join('')}</tr></thead><tbody>${days
        .map(
          (d) =>
            `<tr><th scope="row">${escape(dayName.format(new Date(`${d.day}T00:00:00Z`)))}</th><td>${d.total}</td>${METHODS.map(
              (m) => `<td>${d[m]}</td>`,
            ).join('')}${categories.map((c) => `<td>${rate(d, c)}</td>`).join('')}</tr>`,
        )
        .join('')}</tbody></table>`
    : `<p>${t.noDecisions}</p>`;
  const chartData = {
    days: days.map((d) => d.day),
    methods: METHODS.map((m) => ({ label: t[m], values: days.map((d) => d[m]) })),
    rates: categories.map((c) => ({ label: c, values: days.map((d) => rate(d, c)) })),
    titles: { perDay: t.perDay, grantRate: t.grantRate },
  };
  const other: Lang = lang === 'th' ? 'en' : 'th';
  const otherUrl = new URL(url);
  otherUrl.searchParams.set('lang', other);
  const dateInputs = (fromValue: string, toValue: string) =>
    `<label>${t.from} <input type="date" name="from" value="${escape(fromValue)}" required></label>
     <label>${t.to} <input type="date" name="to" value="${escape(toValue)}" required></label>`;

  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${t.title}</title>
<link rel="stylesheet" href="uplot.css">
<link rel="stylesheet" href="audit.css">
<script src="uplot.js" defer></script>
<script src="audit.js" defer></script>
</head>
<body>
<header><h1>${t.title}</h1><a href="${escape(otherUrl.search)}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a></header>
<main>
<section aria-labelledby="look-up"><h2 id="look-up">${t.lookUp}</h2>
<form method="get"><input type="hidden" name="lang" value="${lang}">
<label>${t.consentId} <input name="id" value="${escape(id)}" autocomplete="off" spellcheck="false" required></label>
<button>${t.find}</button></form>
${lookUp}
</section>
<section aria-labelledby="per-day"><h2 id="per-day">${t.perDay}</h2>
<form method="get"><input type="hidden" name="lang" value="${lang}">${dateInputs(from, to)}<button>${t.show}</button></form>
${badRange ? `<p role="alert">${t.badRange}</p>` : ''}
<p class="zone">${t.timeZone}: ${escape(timeZone)}</p>
<div id="charts" aria-hidden="true"></div>
${table}
<script type="application/json" id="chart-data">${jsonInHtml(chartData)}</script>
</section>
<section aria-labelledby="export"><h2 id="export">${t.export}</h2>
<form method="get" action="export">${dateInputs(from, to)}
<label>${t.format} <select name="format"><option value="csv">CSV</option><option value="jsonl">JSON lines</option></select></label>
<button>${t.download}</button></form>
</section>
</main>
</body>
</html>
`;
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy':
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    },
  });
}

/** The wording's hash, and the words themselves once the banner has sent them. */
function wording(record: StoredReceipt, t: AuditTexts): string {
  if (!record.wording) return t.noWording;
  const hash = `<code>${escape(record.wording)}</code>`;
  const words = record.wordingTexts;
  if (!words) return `${hash} (${t.wordingNotSent})`;
  const lang = words.lang === 'en' ? 'en' : 'th';
  const entries = Object.entries(words.texts).sort(([a], [b]) => (a < b ? -1 : 1));
  return `${hash}<dl class="wording" lang="${lang}">${entries
    .map(([key, text]) => `<dt><code>${escape(key)}</code></dt><dd>${escape(text)}</dd>`)
    .join('')}</dl>`;
}

function methodLabel(method: string, t: AuditTexts): string {
  const key = {
    'accept-all': 'acceptAll',
    'reject-all': 'rejectAll',
    custom: 'custom',
    gpc: 'gpc',
    api: 'api',
  }[method] as keyof AuditTexts | undefined;
  return key ? t[key] : method;
}
