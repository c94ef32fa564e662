// `npm run demo:apache`: the demo behind a real Apache httpd whose access logs honour the
// visitor's "Server log files" choice, and whose pages carry the consent cookie back so that
// Safari keeps it for cookie-days (demo/apache/: php-cli runs consent-refresh.php for
// consent-refresh.conf). Builds dist/ first when the script-tag file is missing or older than a
// source file; then renders demo/apache/httpd.conf.template into .cache/apache/demo/, checks it
// with `apache2 -t` and runs Apache in the foreground on 127.0.0.1:$PORT (default 8081) until
// Ctrl-C.
import { join } from 'node:path';
import {
  INSTALL_HINT,
  PHP_INSTALL_HINT,
  PROJECT_ROOT,
  findApache,
  findPhp,
  startApache,
} from '../../test/support/apache.mjs';
import {
  buildIfStale,
  exitIfInUse,
  failWith,
  portFromEnv,
  startOrExit,
  stopOnSignals,
} from '../../test/support/server-kit.mjs';

if (!findApache()) failWith(INSTALL_HINT);
if (!findPhp()) failWith(PHP_INSTALL_HINT);
const port = portFromEnv(8081);
buildIfStale();
await exitIfInUse(port, 'PORT=8082 npm run demo:apache');

const prefix = join(PROJECT_ROOT, '.cache', 'apache', 'demo');
const apache = await startOrExit(() => startApache({ port, prefix, output: 'inherit' }));

console.log(`
Apache ${apache.pid} is serving the demo:  http://localhost:${port}/demo/apache/
  (also /demo/script-tag.html; 127.0.0.1 only)

logs, one line per request:
  detailed (full IP and time only with consent):  ${apache.logs.detailed}
  legal minimum (every request):                  ${apache.logs.legal}
  Apache errors:                                  ${apache.logs.error}

  tail -f "${apache.logs.detailed}"

pages (not scripts, styles or images) carry the consent cookie back, as the banner wrote it,
for the time the choice has left, so that Safari keeps it past 7 days:
  ${apache.refreshProgram}
  (run by php-cli for examples/apache/consent-refresh.conf). After a choice:

  curl -sI -H "Cookie: consent=<the cookie's value>" http://localhost:${port}/demo/apache/

Ctrl-C stops Apache.`);

const stopping = stopOnSignals('Apache', apache);

// Apache runs in a process group of its own (apache.mjs), so Ctrl-C reaches only this script,
// which stops it; if it stops by itself, say so.
const { code, signal } = await apache.exited;
if (!stopping()) {
  console.error(`Apache stopped on its own (${signal ?? `exit code ${code}`})`);
  process.exit(code || 1);
}
