// `npm run demo:apache`: the demo behind a real Apache httpd whose access logs honour the
// visitor's "Server log files" choice, and whose pages carry the consent cookie back so that
// Safari keeps it for cookie-days (demo/apache/: php-cli runs consent-refresh.php for
// consent-refresh.conf). Builds dist/ first when the script-tag file is missing or older than a
// source file; then renders demo/apache/httpd.conf.template into .cache/apache/demo/, checks it
// with `apache2 -t` and runs Apache in the foreground on 127.0.0.1:$PORT (default 8081) until
// Ctrl-C.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  INSTALL_HINT,
  PHP_INSTALL_HINT,
  PROJECT_ROOT,
  findApache,
  findPhp,
  startApache,
} from '../demo/apache/apache.mjs';

if (!findApache()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}
if (!findPhp()) {
  console.error(PHP_INSTALL_HINT);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8081);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a port number (1-65535), not ${process.env.PORT}`);
  process.exit(1);
}

/** Newest modification time of the files under `dir`. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const iife = join(PROJECT_ROOT, 'dist', 'consent-banner.iife.js');
let builtAt = 0;
try {
  builtAt = statSync(iife).mtimeMs;
} catch {
  // Not built yet.
}
if (builtAt < newest(join(PROJECT_ROOT, 'src'))) {
  console.log(builtAt ? 'src/ changed since the last build: building…' : 'building dist/…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
}

const portFree = await new Promise((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
});
if (!portFree) {
  console.error(`127.0.0.1:${port} is in use; choose another port: PORT=8082 npm run demo:apache`);
  process.exit(1);
}

const prefix = join(PROJECT_ROOT, '.cache', 'apache', 'demo');
let apache;
try {
  apache = await startApache({ port, prefix, output: 'inherit' });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

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
  (run by php-cli for demo/apache/consent-refresh.conf). After a choice:

  curl -sI -H "Cookie: consent=<the cookie's value>" http://localhost:${port}/demo/apache/

Ctrl-C stops Apache.`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Apache…`);
  await apache.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

// Apache runs in a process group of its own (apache.mjs), so Ctrl-C reaches only this script,
// which stops it; if it stops by itself, say so.
const { code, signal } = await apache.exited;
if (!stopping) {
  console.error(`Apache stopped on its own (${signal ?? `exit code ${code}`})`);
  process.exit(code || 1);
}
