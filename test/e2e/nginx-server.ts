// A real nginx for test/e2e/nginx.spec.ts: one per Playwright worker, with the demo's config
// (demo/nginx/nginx.conf.template) rendered into a temporary prefix, stopped when the worker
// ends, its logs attached to a failing test. Without nginx every test FAILS with the install
// hint: the server side of `logs` consent is not optional.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INSTALL_HINT,
  PROJECT_ROOT,
  findNginx,
  freePort,
  startNginx,
  type RunningNginx,
  type StartOptions,
} from '../../demo/nginx/nginx.mjs';
import { expect, test as base } from './fixtures.js';

export { expect };

export interface DemoNginx extends RunningNginx {
  /**
   * The origin the browser uses: `localhost`, not `127.0.0.1`, so that the server's own
   * address in a Referer is not mistaken for the client's in the detailed log.
   */
  origin: string;
}

/** Starts an nginx in a fresh temporary prefix; fails with a clear message without nginx. */
export async function startTestNginx(
  options: Partial<Omit<StartOptions, 'prefix' | 'port'>> = {},
): Promise<DemoNginx & { remove(): Promise<void> }> {
  if (!findNginx())
    throw new Error(`the nginx end-to-end tests need a real nginx: ${INSTALL_HINT}`);
  const iife = join(PROJECT_ROOT, 'dist', 'consent-banner.iife.js');
  if (!existsSync(iife)) throw new Error(`${iife} is missing: run \`npm run build\` first`);
  const prefix = mkdtempSync(join(tmpdir(), 'consent-banner-nginx-'));
  const nginx = await startNginx({ ...options, port: await freePort(), prefix });
  return {
    ...nginx,
    origin: `http://localhost:${nginx.port}`,
    async remove() {
      await nginx.stop();
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** The lines of a log file so far (none while the file does not exist yet). */
export function logLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

/** Waits (polling the file, never sleeping) until it has lines containing `marker`. */
export async function linesWith(file: string, marker: string, atLeast = 1): Promise<string[]> {
  await expect
    .poll(() => logLines(file).filter((line) => line.includes(marker)).length, {
      message: `${file} has ${atLeast}+ line(s) with ${marker}`,
    })
    .toBeGreaterThanOrEqual(atLeast);
  return logLines(file).filter((line) => line.includes(marker));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** nginx's `$time_local` (`22/Nov/2025:10:11:12 +0700`) as epoch milliseconds; NaN otherwise. */
export function parseTimeLocal(text: string): number {
  const m = /^(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/.exec(
    text,
  );
  if (!m) return Number.NaN;
  const [, day, month, year, hh, mm, ss, sign, oh, om] = m;
  const utc = Date.UTC(
    Number(year),
    MONTHS.indexOf(month ?? ''),
    Number(day),
    Number(hh),
    Number(mm),
    Number(ss),
  );
  const offset = (Number(oh) * 60 + Number(om)) * 60_000 * (sign === '-' ? -1 : 1);
  return utc - offset;
}

/** `test` from fixtures.ts (no console errors) with a worker-scoped demo nginx. */
export const test = base.extend<{ nginxLogs: null }, { nginx: DemoNginx }>({
  nginx: [
    // Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const nginx = await startTestNginx();
      try {
        await use(nginx);
      } finally {
        await nginx.remove();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  nginxLogs: [
    async ({ nginx }, use, testInfo) => {
      await use(null);
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const [name, file] of Object.entries(nginx.logs))
        if (existsSync(file)) await testInfo.attach(`nginx ${name}.log`, { path: file });
    },
    { auto: true },
  ],
});
