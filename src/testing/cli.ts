/**
 * `npx consent-banner audit <url…>` (docs/guide/audit.md "From the command line"): the audit for
 * web teams without a test suite, with the Chromium this machine has (src/testing/chromium.mjs).
 * Prints the report as Markdown. Exit code: 0 without violations, 1 with, 2 when it could not
 * run (its one line says why).
 */
import { parseArgs } from 'node:util';
import { auditConsent } from './audit.js';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { whole } from '../cli/options.js';

const USAGE =
  'usage: npx consent-banner audit <url…> [--settle-ms 1000] [--max-pages 20] [--concurrency 3]\n' +
  '       npx consent-banner records --help   (the receipt store: export, counts, purge)';

/** Runs the command line `argv` (without `node` and the script); resolves with the exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  let urls: string[];
  let settleMs: number | undefined;
  let maxPages: number | undefined;
  let concurrency: number | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'settle-ms': { type: 'string' },
        'max-pages': { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    const [command, ...rest] = positionals;
    if (command !== 'audit' || !rest.length) throw new Error('name the pages to audit');
    for (const url of rest)
      if (!/^https?:\/\/[^/]/.test(url)) throw new Error(`${url}: expected an http(s) URL`);
    urls = rest;
    settleMs = whole('settle-ms', values['settle-ms'], 7);
    maxPages = whole('max-pages', values['max-pages'], 7);
    concurrency = whole('concurrency', values.concurrency, 2);
    if (concurrency === 0) throw new Error('--concurrency=0: expected at least 1');
  } catch (error) {
    console.error(`consent-banner: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }

  let playwright: typeof import('@playwright/test');
  try {
    playwright = await import('@playwright/test');
  } catch {
    console.error(
      'consent-banner audit drives a browser with Playwright: npm install --save-dev @playwright/test',
    );
    return 2;
  }
  let executablePath: string;
  try {
    executablePath = findChromium(playwright.chromium);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  // The sandbox stays on, except for root (a container), where Chromium cannot have it.
  const root = process.getuid?.() === 0;
  const args = CHROMIUM_ARGS.filter((arg) => root || arg !== '--no-sandbox');
  const browser = await playwright.chromium.launch({ executablePath, args });
  try {
    const report = await auditConsent(browser, {
      urls,
      ...(settleMs === undefined ? {} : { settleMs }),
      ...(maxPages === undefined ? {} : { maxPages }),
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    process.stdout.write(report.toMarkdown());
    return report.violations.length ? 1 : 0;
  } catch (error) {
    // A page that does not load, or has no banner: one line, not a stack.
    console.error(`consent-banner audit: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  } finally {
    await browser.close();
  }
}
