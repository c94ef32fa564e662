// `npm run demo:nginx`: the demo behind a real nginx whose access logs honour the visitor's
// "Server log files" choice (demo/nginx/). Builds dist/ first when the script-tag file is
// missing or older than a source file; then renders demo/nginx/nginx.conf.template into
// .cache/nginx/demo/, checks it with `nginx -t` and runs nginx in the foreground on
// 127.0.0.1:$PORT (default 8080) until Ctrl-C.
import { join } from 'node:path';
import { INSTALL_HINT, PROJECT_ROOT, findNginx, startNginx } from '../../test/support/nginx.mjs';
import {
  buildIfStale,
  exitIfInUse,
  failWith,
  portFromEnv,
  startOrExit,
  stopOnSignals,
} from '../../test/support/server-kit.mjs';

if (!findNginx()) failWith(INSTALL_HINT);
const port = portFromEnv(8080);
buildIfStale();
await exitIfInUse(port, 'PORT=8081 npm run demo:nginx');

const prefix = join(PROJECT_ROOT, '.cache', 'nginx', 'demo');
const nginx = await startOrExit(() => startNginx({ port, prefix, output: 'inherit' }));

console.log(`
nginx ${nginx.pid} is serving the demo:  http://localhost:${port}/demo/nginx/
  (also /demo/script-tag.html; 127.0.0.1 only)

logs, one line per request:
  detailed (full IP and time only with consent):  ${nginx.logs.detailed}
  legal minimum (every request):                  ${nginx.logs.legal}
  nginx errors:                                   ${nginx.logs.error}

  tail -f "${nginx.logs.detailed}"

Ctrl-C stops nginx.`);

const stopping = stopOnSignals('nginx', nginx);

// Ctrl-C in a terminal signals nginx too (same process group): it may exit before we ask.
const { code, signal } = await nginx.exited;
if (!stopping()) {
  if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 0) {
    console.log('\nnginx stopped.');
    process.exit(0);
  }
  console.error(`nginx stopped on its own (${signal ?? `exit code ${code}`})`);
  process.exit(code || 1);
}
