// A real nginx for test/e2e/nginx.spec.ts: one per Playwright worker, with the demo's config
// (demo/nginx/nginx.conf.template) rendered into a temporary prefix, stopped when the worker
// ends, its logs attached to a failing test. Without nginx every test FAILS with the install
// hint: the server side of `logs` consent is not optional.
import {
  INSTALL_HINT,
  findNginx,
  startNginx,
  type RunningNginx,
  type StartOptions,
} from '../support/nginx.mjs';
import { expect, test as base } from './fixtures.js';
import {
  attachLogs,
  startInTempPrefix,
  workerServer,
  type TempServer,
  type TestServer,
} from './server-kit.js';

export { expect };
// Reading the logs is the same for every server.
export { linesWith, logLines, parseTimeLocal } from './server-kit.js';

export type DemoNginx = TestServer<RunningNginx>;

/** Starts an nginx in a fresh temporary prefix; fails with a clear message without nginx. */
export async function startTestNginx(
  options: Partial<Omit<StartOptions, 'prefix' | 'port'>> = {},
): Promise<TempServer<RunningNginx>> {
  if (!findNginx())
    throw new Error(`the nginx end-to-end tests need a real nginx: ${INSTALL_HINT}`);
  return startInTempPrefix('nginx', (where) => startNginx({ ...options, ...where }));
}

/** `test` from fixtures.ts (no console errors) with a worker-scoped demo nginx. */
export const test = base.extend<{ nginxLogs: null }, { nginx: DemoNginx }>({
  nginx: workerServer(startTestNginx),
  nginxLogs: [
    async ({ nginx }, use, testInfo) => {
      await use(null);
      await attachLogs(testInfo, 'nginx', nginx.logs);
    },
    { auto: true },
  ],
});
