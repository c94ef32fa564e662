// A real Apache httpd for test/e2e/apache.spec.ts: one per Playwright worker, with the demo's
// config (demo/apache/httpd.conf.template) rendered into a temporary prefix, stopped when the
// worker ends, its logs attached to a failing test. Without Apache every test FAILS with the
// install hint: the server side of `logs` consent is not optional.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  INSTALL_HINT,
  PROJECT_ROOT,
  findApache,
  freePort,
  startApache,
  type RunningApache,
  type StartOptions,
} from '../../demo/apache/apache.mjs';
import { expect, test as base } from './fixtures.js';

export { expect };
// Reading the logs is the same for every server.
export { linesWith, logLines, parseTimeLocal } from './nginx-server.js';

export interface DemoApache extends RunningApache {
  /**
   * The origin the browser uses: `localhost`, not `127.0.0.1`, so that the server's own
   * address in a Referer is not mistaken for the client's in the detailed log.
   */
  origin: string;
}

/** Starts an Apache in a fresh temporary prefix; fails with a clear message without Apache. */
export async function startTestApache(
  options: Partial<Omit<StartOptions, 'prefix' | 'port'>> = {},
): Promise<DemoApache & { remove(): Promise<void> }> {
  if (!findApache())
    throw new Error(`the Apache end-to-end tests need a real Apache httpd: ${INSTALL_HINT}`);
  const iife = join(PROJECT_ROOT, 'dist', 'consent-banner.iife.js');
  if (!existsSync(iife)) throw new Error(`${iife} is missing: run \`npm run build\` first`);
  const prefix = mkdtempSync(join(tmpdir(), 'consent-banner-apache-'));
  const apache = await startApache({ ...options, port: await freePort(), prefix });
  return {
    ...apache,
    origin: `http://localhost:${apache.port}`,
    async remove() {
      await apache.stop();
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** `test` from fixtures.ts (no console errors) with a worker-scoped demo Apache. */
export const test = base.extend<{ apacheLogs: null }, { apache: DemoApache }>({
  apache: [
    // Playwright reads the fixtures a fixture needs from this pattern; this one needs none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const apache = await startTestApache();
      try {
        await use(apache);
      } finally {
        await apache.remove();
      }
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  apacheLogs: [
    async ({ apache }, use, testInfo) => {
      await use(null);
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const [name, file] of Object.entries(apache.logs))
        if (existsSync(file)) await testInfo.attach(`apache ${name}.log`, { path: file });
    },
    { auto: true },
  ],
});
