// A real Apache httpd for test/e2e/apache.spec.ts: one per Playwright worker, with the demo's
// config (demo/apache/httpd.conf.template) rendered into a temporary prefix, stopped when the
// worker ends, its logs attached to a failing test. Without Apache every test FAILS with the
// install hint: the server side of `logs` consent is not optional.
import {
  INSTALL_HINT,
  findApache,
  startApache,
  type RunningApache,
  type StartOptions,
} from '../support/apache.mjs';
import { expect, test as base } from './fixtures.js';
import {
  attachLogs,
  logLines,
  startInTempPrefix,
  workerServer,
  type TempServer,
  type TestServer,
} from './server-kit.js';

export { expect };
// Reading the logs is the same for every server.
export { linesWith, logLines, parseTimeLocal } from './server-kit.js';

export type DemoApache = TestServer<RunningApache>;

/** Starts an Apache in a fresh temporary prefix; fails with a clear message without Apache. */
export async function startTestApache(
  options: Partial<Omit<StartOptions, 'prefix' | 'port'>> = {},
): Promise<TempServer<RunningApache>> {
  if (!findApache())
    throw new Error(`the Apache end-to-end tests need a real Apache httpd: ${INSTALL_HINT}`);
  return startInTempPrefix('apache', (where) => startApache({ ...options, ...where }));
}

/** Errors Apache wrote to its error log (not its notices at start and stop). */
export const errors = (file: string) =>
  logLines(file).filter((line) => /\[[a-z_]+:(?:error|crit|alert|emerg)\]/.test(line));

/** `test` from fixtures.ts (no console errors) with a worker-scoped demo Apache. */
export const test = base.extend<{ apacheLogs: null }, { apache: DemoApache }>({
  apache: workerServer(startTestApache),
  apacheLogs: [
    async ({ apache }, use, testInfo) => {
      await use(null);
      await attachLogs(testInfo, 'apache', apache.logs);
    },
    { auto: true },
  ],
});
