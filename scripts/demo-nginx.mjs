// `npm run demo:nginx`: the demo behind a real nginx whose access logs honour the visitor's
// "Server log files" choice (demo/nginx/). Builds dist/ first when the script-tag file is
// missing or older than a source file; then renders demo/nginx/nginx.conf.template into
// .cache/nginx/demo/, checks it with `nginx -t` and runs nginx in the foreground on
// 127.0.0.1:$PORT (default 8080) until Ctrl-C.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { INSTALL_HINT, PROJECT_ROOT, findNginx, startNginx } from '../demo/nginx/nginx.mjs';

if (!findNginx()) {
  console.error(INSTALL_HINT);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 8080);
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
  console.error(`127.0.0.1:${port} is in use; choose another port: PORT=8081 npm run demo:nginx`);
  process.exit(1);
}

const prefix = join(PROJECT_ROOT, '.cache', 'nginx', 'demo');
let nginx;
try {
  nginx = await startNginx({ port, prefix, output: 'inherit' });
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

console.log(`
nginx ${nginx.pid} is serving the demo:  http://localhost:${port}/demo/nginx/
  (also /demo/script-tag.html; 127.0.0.1 only)

logs, one line per request:
  detailed (full IP and time only with consent):  ${nginx.logs.detailed}
  legal minimum (every request):                  ${nginx.logs.legal}
  nginx errors:                                   ${nginx.logs.error}

  tail -f "${nginx.logs.detailed}"

Ctrl-C stops nginx.`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping nginx…`);
  await nginx.stop();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

// Ctrl-C in a terminal signals nginx too (same process group): it may exit before we ask.
const { code, signal } = await nginx.exited;
if (!stopping) {
  if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 0) {
    console.log('\nnginx stopped.');
    process.exit(0);
  }
  console.error(`nginx stopped on its own (${signal ?? `exit code ${code}`})`);
  process.exit(code || 1);
}
