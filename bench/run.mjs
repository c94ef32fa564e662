// `npm run bench`: our built IIFE against vanilla-cookieconsent 3.1 doing the same job
// (docs/explanation/size-and-speed.md "Speed"), on the same long Thai page, in Chromium under 4x CPU throttling.
// A measurement, not a test: it prints a table, writes bench/results.json and asserts nothing.
// `--runs N` (default 10), `--quick` (2 runs). See bench/README.md.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright';
import { format, resolveConfig } from 'prettier';
import { CHROMIUM_ARGS, findChromium } from '../test/support/find-browser.mjs';
import { bareLitIife } from '../scripts/bare-lit.mjs';
import { brotliSize as brotli } from '../scripts/measure.mjs';
import { pinFonts } from '../test/support/fonts.mjs';
import { embedsBytes, embedsLine } from './embeds-bytes.mjs';
import { hostPage } from './page.mjs';
import { probe } from './probe.mjs';

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const THROTTLE = 4;
/** "Settled": this long without a DOM change, a long task or a running animation. */
const QUIET_MS = 1000;
/** A page that never gets there is a failure to report, not a slow measurement. */
const TIMEOUT_MS = 30_000;
/**
 * How often a load without the probe asks Chromium (over CDP, from here) whether the main thread
 * has run script since the last time. Asking runs no script in the page: it adds a small task to
 * the main thread (it shows in `TaskDuration`), never to `ScriptDuration`.
 */
const METRICS_POLL_MS = 250;
/** How often a load without the probe looks for a banner it has not found yet (rarely needed). */
const BANNER_POLL_MS = 100;
const GROWTH = [50, 100, 200];
const GROWTH_ELEMENTS = 2000;
const CONTEXT = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: 'th-TH' };

const IIFE = 'dist/consent-banner.iife.js';
const VANILLA = 'node_modules/vanilla-cookieconsent/dist';
/** URL path → file in the repository. */
const ASSETS = {
  '/consent-banner.iife.js': IIFE,
  '/cookieconsent.umd.js': `${VANILLA}/cookieconsent.umd.js`,
  '/cookieconsent.css': `${VANILLA}/cookieconsent.css`,
  '/vanilla-config.js': 'bench/vanilla-config.js',
  '/floor.js': 'bench/floor.js',
};

/**
 * What each system adds at the end of <body>, the assets that count as its bytes, how a test
 * visitor accepts all (run in the page), the cookie that then holds the choice, and whether its
 * first layer is in the DOM (run in the page; the probe's selectors, of which probe.mjs keeps its
 * own copy, as it may use nothing from here).
 */
const SYSTEMS = {
  ours: {
    // With its policy link, as every site has (without, it says on the console on every page).
    tail: '<script src="/consent-banner.iife.js" data-lang="th" data-policy-url="/privacy" defer></script>',
    assets: ['/consent-banner.iife.js'],
    accept: () => document.querySelector('consent-banner').acceptAll(),
    cookie: 'consent',
    banner: () =>
      !!document
        .querySelector('consent-banner')
        ?.shadowRoot?.querySelector('section[part~="banner"]'),
  },
  theirs: {
    // The stylesheet goes at the end of <body> too: in <head> it would hold up the host page's
    // first paint, which ours does not do.
    tail: [
      '<link rel="stylesheet" href="/cookieconsent.css">',
      '<script src="/cookieconsent.umd.js" defer></script>',
      '<script src="/vanilla-config.js" defer></script>',
    ].join('\n'),
    assets: ['/cookieconsent.umd.js', '/cookieconsent.css', '/vanilla-config.js'],
    accept: () => window.CookieConsent.acceptCategory('all'),
    cookie: 'cc_cookie',
    banner: () => !!document.querySelector('#cc-main .cm'),
  },
  empty: { tail: '', assets: [] },
  // What Lit alone costs: a bare element of the same Lit features (scripts/bare-lit.mjs).
  lit: { tail: '<x-bare a="Lit"></x-bare><script src="/bare-lit.js" defer></script>', assets: [] },
  // What any web-component banner with a settings button costs at the least (bench/floor.js).
  floor: { tail: '<script src="/floor.js" defer></script>', assets: [] },
};
/** Systems with no banner: first visit only, no banner to wait for. */
const BARE = new Set(['empty', 'lit', 'floor']);
/** The order of round 0; round r starts r places further on. */
const NAMES = Object.keys(SYSTEMS);

/** The number of rounds, from `--runs N` or `--quick`. */
function runsWanted() {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, quick: { type: 'boolean', default: false } },
  });
  if (values.quick && values.runs !== undefined) {
    throw new Error('give --runs or --quick, not both');
  }
  if (values.quick) return 2;
  const runs = Number(values.runs ?? 10);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs takes a whole number of at least 1, not "${values.runs}"`);
  }
  return runs;
}

/** Brotli bytes of each file a system adds (each file is sent on its own), and their sum. */
function bytesOf(system) {
  const files = Object.fromEntries(
    SYSTEMS[system].assets.map((path) => [ASSETS[path], brotli(readFileSync(root(ASSETS[path])))]),
  );
  return { files, total: Object.values(files).reduce((sum, n) => sum + n, 0) };
}

const TYPES = { js: 'text/javascript', css: 'text/css', html: 'text/html' };
const typeOf = (path) => `${TYPES[path.split('.').pop()]}; charset=utf-8`;

/** Every URL the bench serves: the three host pages, the growth pages, the assets. */
function routes(bareLit) {
  const map = new Map();
  map.set('/bare-lit.js', { body: Buffer.from(bareLit), cache: 'max-age=3600' });
  // Assets may be cached, as on a real site: the returning visit then finds them in the cache.
  // Every browser context starts with an empty cache, so each first visit is a cold one.
  for (const [path, file] of Object.entries(ASSETS)) {
    map.set(path, { body: readFileSync(root(file)), cache: 'max-age=3600' });
  }
  for (const [name, { tail }] of Object.entries(SYSTEMS)) {
    map.set(`/${name}.html`, { body: hostPage({ tail }), cache: 'no-store' });
  }
  for (const gated of GROWTH) {
    const body = hostPage({ tail: SYSTEMS.ours.tail, elements: GROWTH_ELEMENTS, gated });
    map.set(`/growth-${gated}.html`, { body, cache: 'no-store' });
  }
  return map;
}

/** A node:http server for `map` on 127.0.0.1, on a port the system picks. */
function listen(map) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const hit = map.get(path);
    if (!hit) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': typeOf(path), 'Cache-Control': hit.cache });
    res.end(hit.body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/** Stops the server, keep-alive connections included (they would hold close() open). */
function stop(server) {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** `promise`, or an error naming `what` after TIMEOUT_MS. */
function inTime(promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`gave up waiting for ${what} after ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

// The page side of window.__bench (bench/probe.mjs). Waiting happens in the page, on its own
// events, rather than by polling from here: polling would run script in the page being timed.
const until = (page, names, what) =>
  inTime(
    page.evaluate((n) => window.__bench.until(n), names),
    what,
  );
const settle = (page) =>
  inTime(
    page.evaluate((ms) => window.__bench.settle(ms), QUIET_MS),
    'the page to settle',
  );
const read = (page) => page.evaluate(() => window.__bench.read());

/** Runs `use(context)` in a fresh browser context (empty cache, no cookie), then closes it. */
async function inFreshContext(browser, use) {
  const context = await browser.newContext(CONTEXT);
  try {
    return await use(context);
  } finally {
    await context.close();
  }
}

/**
 * A new tab of `context` with the CPU throttled and the Performance domain on, and `system`'s
 * probe installed unless `system` is null, all before the first navigation.
 */
async function openTab(context, system) {
  const page = await context.newPage();
  if (system !== null) await page.addInitScript(probe, system);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  // Thread time: the main thread's CPU time, without the time the OS gave the core to another
  // process (the machine may be shared). Chromium's throttling still shows in it.
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return { context, page, cdp };
}

/** Runs `use({ context, page, cdp })` in a tab of a fresh context with `system`'s probe. */
const inFreshTab = (browser, system, use) =>
  inFreshContext(browser, async (context) => use(await openTab(context, system)));

/** A metric of the CDP Performance domain, seconds given as ms (thread time: see openTab). */
async function performanceMs(cdp, name) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === name).value * 1000;
}

/** Bytes of JS heap in use after a full garbage collection. */
async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/** The first visit (no cookie): banner visible, script CPU, heap, TBT, CLS. */
async function firstVisit({ page, cdp }, system, url) {
  await page.goto(url, { waitUntil: 'load' });
  const needs = BARE.has(system) ? ['loadedAt'] : ['loadedAt', 'visibleAt'];
  await until(page, needs, `the ${system} banner to show`);
  await settle(page);
  const scriptMs = await performanceMs(cdp, 'ScriptDuration');
  const heapBytes = await heapAfterGc(cdp);
  const seen = await read(page);
  return {
    visibleMs: seen.visibleAt,
    presentMs: seen.presentAt,
    scriptMs,
    heapBytes,
    tbtMs: seen.tbt,
    longTasks: seen.longTasks,
    cls: seen.cls,
  };
}

/** Waits (a few polls of the context, not of the page) until the cookie `name` exists. */
async function cookieSet(context, name) {
  for (const start = Date.now(); Date.now() - start < TIMEOUT_MS; await delay(50)) {
    if ((await context.cookies()).some((cookie) => cookie.name === name)) return;
  }
  throw new Error(`no "${name}" cookie after accepting all`);
}

/** Accepts all, then loads the page again in the same context: the returning visitor. */
async function returningVisit({ context, page }, system, url) {
  await page.evaluate(SYSTEMS[system].accept);
  await cookieSet(context, SYSTEMS[system].cookie);
  await page.goto(url, { waitUntil: 'load' });
  await until(page, ['loadedAt', 'consentAt'], `the ${system} consent signal`);
  await settle(page);
  const seen = await read(page);
  return {
    signalMs: seen.consentAt,
    bannerPainted: seen.visibleAt !== null,
    bannerInDom: seen.presentAt !== null,
  };
}

/**
 * Waits, asking Chromium from here rather than the page, until the main thread has run no script
 * for QUIET_MS, and returns its `ScriptDuration` then. Nothing runs in the page for it: the probe's
 * settle() needs a MutationObserver and a timer in the page, which would be script of their own.
 */
async function scriptQuiet(cdp, what) {
  const start = Date.now();
  let scriptMs = await performanceMs(cdp, 'ScriptDuration');
  let since = Date.now();
  while (Date.now() - since < QUIET_MS) {
    if (Date.now() - start > TIMEOUT_MS) {
      throw new Error(`${what} still ran script after ${TIMEOUT_MS / 1000} s`);
    }
    await delay(METRICS_POLL_MS);
    const now = await performanceMs(cdp, 'ScriptDuration');
    if (now !== scriptMs) {
      scriptMs = now;
      since = Date.now();
    }
  }
  return scriptMs;
}

/** Whether `system`'s first layer is in the DOM; one tiny evaluation, sent over CDP. */
async function bannerInDom(cdp, system) {
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: `(${SYSTEMS[system].banner})()`,
    returnByValue: true,
  });
  return result.value === true;
}

/**
 * One load of `url` in `tab`, a tab without the probe: nothing of the bench runs in the page
 * until the numbers are read. Waits for `load`, then for QUIET_MS without script, then reads
 * the script CPU and the heap after GC. With `banner` (a first visit), the reading counts only
 * once `system`'s first layer is in the DOM, looked at once the page is quiet (the page has gone
 * quiet before its banner came in no run so far); if it is not there yet, the bench looks every
 * BANNER_POLL_MS until it is, waits for quiet again and reads again (`bannerPolled`). The looks
 * are Runtime.evaluate, which Chromium does not count in `ScriptDuration` (nor Playwright's
 * page.evaluate: a 50 ms busy loop through either adds 0 to it).
 */
async function bareLoad({ page, cdp }, system, url, { banner }) {
  const what = `${system} without the probe`;
  await page.goto(url, { waitUntil: 'load' });
  let scriptMs = await scriptQuiet(cdp, what);
  let bannerPolled = false;
  if (banner && !(await bannerInDom(cdp, system))) {
    bannerPolled = true;
    for (const start = Date.now(); !(await bannerInDom(cdp, system)); await delay(BANNER_POLL_MS)) {
      if (Date.now() - start > TIMEOUT_MS) {
        throw new Error(`no ${system} banner without the probe after ${TIMEOUT_MS / 1000} s`);
      }
    }
    scriptMs = await scriptQuiet(cdp, what);
  }
  const heapBytes = await heapAfterGc(cdp);
  return banner ? { scriptMs, heapBytes, bannerPolled } : { scriptMs, heapBytes };
}

/**
 * The same two visits as firstVisit and returningVisit, in a fresh context of their own and
 * without the probe, for script CPU and heap alone: the probe's frame callback costs script on
 * every animation frame, as much as a returning visit's whole cost. The first visit is read
 * (banner in the DOM), all is accepted, and its tab closed; then the page is loaded in a new tab
 * of the same context (the cookie and the cached assets are there), so that neither the first
 * visit's script nor its heap is in the returning one's numbers. The pages without a banner get
 * the same two loads, as the baseline for both.
 */
function bareVisits(browser, system, url) {
  return inFreshContext(browser, async (context) => {
    const tab = await openTab(context, null);
    const first = await bareLoad(tab, system, url, { banner: !BARE.has(system) });
    if (!BARE.has(system)) {
      await tab.page.evaluate(SYSTEMS[system].accept);
      await cookieSet(context, SYSTEMS[system].cookie);
    }
    await tab.page.close();
    const returning = await bareLoad(await openTab(context, null), system, url, { banner: false });
    return { first, returning };
  });
}

/**
 * One round: each system in its own fresh context with the probe, then in another without it,
 * starting `r` places into NAMES.
 */
async function round(browser, base, r) {
  const order = NAMES.map((_, i) => NAMES[(i + r) % NAMES.length]);
  const result = { order };
  for (const system of order) {
    const url = `${base}/${system}.html`;
    result[system] = await inFreshTab(browser, system, async (tab) => {
      const first = await firstVisit(tab, system, url);
      const returning = BARE.has(system) ? null : await returningVisit(tab, system, url);
      return { first, returning };
    });
    result[system].noProbe = await bareVisits(browser, system, url);
  }
  return result;
}

/** In the page: ms from acceptAll() until all `count` gated scripts have run. */
function acceptAndCount(count) {
  return new Promise((resolve, reject) => {
    if (window.__ran !== undefined) {
      reject(new Error(`${window.__ran} gated scripts ran before consent`));
      return;
    }
    let start = 0;
    // Each script the gate runs is an element it inserts: a mutation, seen right after it ran.
    const done = () => {
      if (window.__ran !== count) return;
      const ms = performance.now() - start;
      changes.disconnect();
      resolve(ms);
    };
    const changes = new MutationObserver(done);
    changes.observe(document, { childList: true, subtree: true });
    start = performance.now();
    document.querySelector('consent-banner').acceptAll();
    done();
  });
}

/**
 * One growth run: the 2,000-element page with `count` gated scripts, ours, first visit. Besides
 * the time until all have run, `cpuMs`: the main thread's CPU time (thread time) from just before
 * the call until just after it, which a busy machine disturbs less than wall time; it also holds
 * what follows the last script (the banner closing) and the round trip of the call.
 */
function growthRun(browser, base, count) {
  return inFreshTab(browser, 'ours', async ({ page, cdp }) => {
    await page.goto(`${base}/growth-${count}.html`, { waitUntil: 'load' });
    await until(page, ['loadedAt', 'visibleAt'], 'the banner of the growth page');
    await settle(page);
    const { elements } = await read(page);
    const cpuBefore = await performanceMs(cdp, 'TaskDuration');
    const ms = await inTime(page.evaluate(acceptAndCount, count), `${count} gated scripts`);
    const cpuMs = (await performanceMs(cdp, 'TaskDuration')) - cpuBefore;
    return { ms, cpuMs, elements };
  });
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/**
 * The metrics of the table: where each value comes from (`visit`: 'first' or 'returning' of the
 * load with the probe, 'noProbe.first' or 'noProbe.returning' of the load without it), whether
 * the empty page has it too (`baseline`; `net`: and it is subtracted), and the goal from the
 * docs/explanation/size-and-speed.md ("Speed"; `ratio`: at most that many times theirs; `check`: anything else, given ours,
 * theirs and empty; neither: shown for information, no goal).
 */
const METRICS = [
  { key: 'visibleMs', label: 'banner visible', unit: 'ms', visit: 'first', ratio: 0.8 },
  {
    key: 'scriptMs',
    label: 'script CPU, net, no probe',
    unit: 'ms',
    visit: 'noProbe.first',
    baseline: true,
    net: true,
    ratio: 0.5,
  },
  {
    key: 'scriptMs',
    label: 'script CPU, net, with probe',
    unit: 'ms',
    visit: 'first',
    baseline: true,
    net: true,
  },
  {
    key: 'heapBytes',
    label: 'JS heap after GC, net, no probe',
    unit: 'KB',
    visit: 'noProbe.first',
    baseline: true,
    net: true,
    ratio: 1,
  },
  {
    key: 'heapBytes',
    label: 'JS heap after GC, net, with probe',
    unit: 'KB',
    visit: 'first',
    baseline: true,
    net: true,
  },
  {
    key: 'tbtMs',
    label: 'TBT',
    unit: 'ms',
    visit: 'first',
    baseline: true,
    goal: '= empty (no long task of its own)',
    check: (ours, _theirs, empty) => ours.median <= empty.median,
  },
  {
    key: 'cls',
    label: 'CLS',
    unit: '',
    visit: 'first',
    baseline: true,
    goal: '0',
    check: (ours) => ours.max === 0,
  },
  {
    key: 'signalMs',
    label: 'returning: consent signal',
    unit: 'ms',
    visit: 'returning',
    ratio: 0.7,
  },
  {
    key: 'scriptMs',
    label: 'returning: script CPU, net, no probe',
    unit: 'ms',
    visit: 'noProbe.returning',
    baseline: true,
    net: true,
    ratio: 0.5,
  },
  {
    key: 'heapBytes',
    label: 'returning: JS heap after GC, net, no probe',
    unit: 'KB',
    visit: 'noProbe.returning',
    baseline: true,
    net: true,
    ratio: 0.5,
  },
];

/** The values of one metric in every round: `visit` is a path into the round's `system`. */
const valuesOf = (rounds, system, { visit, key }) =>
  rounds.map((r) => visit.split('.').reduce((at, step) => at[step], r[system])[key]);

/**
 * Median and range of one metric per system; net metrics less the empty page's median. `key`
 * names the metric in the rounds (`noProbe.first.scriptMs`), as labels may change.
 */
function summarise(rounds, metric) {
  const empty = metric.baseline ? summary(valuesOf(rounds, 'empty', metric)) : null;
  const of = (system) => {
    const base = metric.net ? empty.median : 0;
    return summary(valuesOf(rounds, system, metric).map((x) => x - base));
  };
  const ours = of('ours');
  const theirs = of('theirs');
  const lit = metric.baseline ? of('lit') : null;
  const floor = metric.baseline ? of('floor') : null;
  const ratio = theirs.median > 0 ? ours.median / theirs.median : null;
  let goal = metric.goal ?? null;
  let meets = null;
  if (metric.ratio) {
    goal = `<= ${metric.ratio}x`;
    meets = ratio !== null && ratio <= metric.ratio;
  } else if (metric.check) {
    meets = metric.check(ours, theirs, empty);
  }
  const key = `${metric.visit}.${metric.key}`;
  return {
    key,
    label: metric.label,
    unit: metric.unit,
    ours,
    theirs,
    empty,
    lit,
    floor,
    ratio,
    goal,
    meets,
  };
}

/** The rows of the table: bytes, every metric, and the returning-visit banner count. */
function summariseAll(rounds, bytes) {
  const bytesRatio = bytes.ours.total / bytes.theirs.total;
  const once = (n) => ({ median: n, min: n, max: n });
  const painted = (system) => rounds.filter((r) => r[system].returning.bannerPainted).length;
  return [
    {
      key: 'bytes',
      label: 'bytes (brotli 11)',
      unit: 'B',
      ours: once(bytes.ours.total),
      theirs: once(bytes.theirs.total),
      empty: null,
      ratio: bytesRatio,
      goal: '<= 0.8x',
      meets: bytesRatio <= 0.8,
    },
    ...METRICS.map((metric) => summarise(rounds, metric)),
    {
      key: 'returning.bannerPainted',
      label: 'returning: banner painted',
      unit: 'runs',
      ours: once(painted('ours')),
      theirs: once(painted('theirs')),
      empty: null,
      ratio: null,
      goal: '0 runs',
      meets: painted('ours') === 0,
    },
  ];
}

/**
 * Growth, per size: the median of `field` ('ms' or 'cpuMs'), that per script, and its ratio to
 * the size before (1 when the cost is linear in the number of scripts).
 */
function growthOf(growth, field) {
  const perScript = (count) => median(growth[count].map((run) => run[field])) / count;
  return GROWTH.map((count, i) => ({
    ...summary(growth[count].map((run) => run[field])),
    perScript: perScript(count),
    vsBefore: i > 0 ? perScript(count) / perScript(GROWTH[i - 1]) : null,
  }));
}

function summariseGrowth(growth) {
  const wall = growthOf(growth, 'ms');
  const cpu = growthOf(growth, 'cpuMs');
  return GROWTH.map((count, i) => ({
    count,
    elements: median(growth[count].map((run) => run.elements)),
    ms: wall[i],
    cpuMs: cpu[i],
  }));
}

const DIGITS = { ms: 1, KB: 1, B: 0, runs: 0, '': 3 };
/** A value in the row's unit (heap is measured in bytes, shown in KB). */
function show(value, unit) {
  const shown = unit === 'KB' ? value / 1024 : value;
  return shown.toLocaleString('en-US', {
    minimumFractionDigits: DIGITS[unit],
    maximumFractionDigits: DIGITS[unit],
  });
}
/** "median (min-max)", or the median alone when every run gave the same (as shown). */
function range(s, unit) {
  const [median, min, max] = [s.median, s.min, s.max].map((value) => show(value, unit));
  return min === max ? median : `${median} (${min}-${max})`;
}

/** Left-aligned columns, two spaces apart, a rule under the header. */
function table(header, rows) {
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const times = (x) => (x === null ? '-' : `${x.toFixed(2)}x`);
/** The "met" column: empty for a row shown for information. */
const met = (meets) => (meets === null ? '' : meets ? 'yes' : 'no');

function printComparison(rows, runs) {
  console.log(`\nours vs vanilla-cookieconsent 3.1.0, ${runs} runs, CPU throttled ${THROTTLE}x`);
  console.log('median (min-max); "net": less the median of "empty", the page without a banner;');
  console.log('"Lit alone": a bare Lit element of the same Lit features (scripts/bare-lit.mjs);');
  console.log('"floor": the least a web-component banner with a button does (bench/floor.js);');
  console.log(
    '"no probe": from loads of their own, without the per-frame probe (bench/README.md)\n',
  );
  const header = [
    'metric',
    'unit',
    'ours',
    'theirs',
    'empty',
    'Lit alone',
    'floor',
    'ours/theirs',
    'goal',
    'met',
  ];
  const cells = rows.map((row) => [
    row.label,
    row.unit === 'runs' ? `of ${runs}` : row.unit,
    range(row.ours, row.unit),
    range(row.theirs, row.unit),
    row.empty ? range(row.empty, row.unit) : '',
    row.lit ? range(row.lit, row.unit) : '',
    row.floor ? range(row.floor, row.unit) : '',
    times(row.ratio),
    row.goal ?? '-',
    met(row.meets),
  ]);
  console.log(table(header, cells));
}

function printGrowth(growth) {
  console.log(
    `\ngating growth: ours, ${GROWTH_ELEMENTS}-element page, from acceptAll() until all ran\n`,
  );
  const header = [
    'scripts',
    'elements',
    'ms',
    'ms/script',
    'vs before',
    'CPU ms',
    'CPU ms/script',
    'vs before',
  ];
  const cells = growth.map((g) => [
    String(g.count),
    String(g.elements),
    range(g.ms, 'ms'),
    g.ms.perScript.toFixed(3),
    times(g.ms.vsBefore),
    range(g.cpuMs, 'ms'),
    g.cpuMs.perScript.toFixed(3),
    times(g.cpuMs.vsBefore),
  ]);
  console.log(table(header, cells));
  console.log('\n"vs before": per script, relative to the size before (1.00x = linear);');
  console.log('"CPU ms": main-thread CPU (thread time) over the same stretch');
}

/** Every round, then every growth size, each order rotated so that no system always goes first. */
async function measure(browser, base, runs) {
  const rounds = [];
  for (let r = 0; r < runs; r += 1) {
    console.error(`round ${r + 1}/${runs}`);
    rounds.push(await round(browser, base, r));
  }
  const growth = Object.fromEntries(GROWTH.map((count) => [count, []]));
  for (let r = 0; r < runs; r += 1) {
    console.error(`growth ${r + 1}/${runs}`);
    for (let i = 0; i < GROWTH.length; i += 1) {
      const count = GROWTH[(i + r) % GROWTH.length];
      growth[count].push(await growthRun(browser, base, count));
    }
  }
  return { rounds, growth };
}

/** bench/results.json, formatted as Prettier would (`npm run lint` checks bench/ too). */
async function writeResults(results) {
  const file = root('bench/results.json');
  const options = { ...(await resolveConfig(file)), filepath: file };
  writeFileSync(file, await format(JSON.stringify(results), options));
}

async function main() {
  const runs = runsWanted();
  if (!existsSync(root(IIFE))) {
    execFileSync('npm', ['run', 'build'], { cwd: root(''), stdio: 'inherit' });
  }
  const bytes = { ours: bytesOf('ours'), theirs: bytesOf('theirs') };
  const embeds = await embedsBytes();
  const server = await listen(routes(await bareLitIife()));
  let browser;
  try {
    // The same fonts as the tests (test/support/fonts/fonts.conf): Thai text lays out the same
    // anywhere.
    pinFonts();
    browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    const base = `http://127.0.0.1:${server.address().port}`;
    const { rounds, growth } = await measure(browser, base, runs);
    const summaryRows = summariseAll(rounds, bytes);
    const growthRows = summariseGrowth(growth);
    printComparison(summaryRows, runs);
    printGrowth(growthRows);
    console.log(`\n${embedsLine(embeds)}`);
    const results = {
      date: new Date().toISOString(),
      chromium: browser.version(),
      node: process.version,
      cpu: os.cpus()[0]?.model ?? null,
      cores: os.cpus().length,
      runs,
      cpuThrottling: THROTTLE,
      quietMs: QUIET_MS,
      metricsPollMs: METRICS_POLL_MS,
      bytes,
      embeds,
      summary: summaryRows,
      growth: { elements: GROWTH_ELEMENTS, summary: growthRows, runs: growth },
      rounds,
    };
    await writeResults(results);
    console.log('\nraw numbers and medians: bench/results.json');
  } finally {
    await browser?.close();
    await stop(server);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
