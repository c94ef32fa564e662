// Runs the demo's real nginx: renders nginx.conf.template into a prefix directory, checks it
// with `nginx -t`, starts nginx in the foreground on a loopback port and stops it again.
// Shared by scripts/demo-nginx.mjs (`npm run demo:nginx`) and test/e2e/nginx.spec.ts.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project directory: nginx serves demo/ and dist/ from it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The config template, with {{PORT}}, {{PREFIX}}, {{LOG_DIR}} and {{DOCUMENT_ROOT}}. */
export const TEMPLATE = fileURLToPath(new URL('./nginx.conf.template', import.meta.url));

/** The one line to print when there is no nginx. */
export const INSTALL_HINT = 'install nginx: sudo apt-get install nginx';

const SBIN = ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin', '/opt/homebrew/bin'];

/** The nginx binary ($NGINX, then PATH and the usual sbin directories), or `null`. */
export function findNginx() {
  const candidates = process.env.NGINX
    ? [process.env.NGINX]
    : [...(process.env.PATH ?? '').split(delimiter), ...SBIN]
        .filter(Boolean)
        .map((dir) => join(dir, 'nginx'));
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Not there; try the next one.
    }
  }
  return null;
}

/**
 * Fills in the template. Paths are written inside double quotes, so they may hold spaces, but
 * not characters nginx would read as syntax or as a variable.
 */
export function renderConfig(template, { port, prefix, logDir, documentRoot, consentPort }) {
  for (const p of [port, consentPort])
    if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`bad port: ${p}`);
  const values = {
    PORT: String(port),
    CONSENT_PORT: String(consentPort),
    PREFIX: prefix,
    LOG_DIR: logDir,
    DOCUMENT_ROOT: documentRoot,
  };
  for (const [name, value] of Object.entries(values)) {
    if (/["\\$;{}\n\r]/.test(value))
      throw new Error(`${name} holds a character nginx cannot take: ${value}`);
  }
  const config = template.replace(/\{\{([A-Z_]+)\}\}/g, (all, name) => values[name] ?? all);
  const left = /\{\{[A-Z_]+\}\}/.exec(config);
  if (left) throw new Error(`nginx.conf.template: no value for ${left[0]}`);
  return config;
}

/** The consent endpoint, demo/receipt-server.mjs (needs the built dist/server.js). */
export const CONSENT_ENDPOINT = fileURLToPath(new URL('../receipt-server.mjs', import.meta.url));

/**
 * Starts the consent endpoint on a free loopback port, keeping receipts in `file`; resolves
 * once it listens.
 */
export async function startConsentEndpoint(file, timeoutMs = 10_000) {
  const child = spawn(process.execPath, [CONSENT_ENDPOINT], {
    env: { ...process.env, PORT: '0', FILE: file },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const port = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${CONSENT_ENDPOINT} did not start`)), timeoutMs);
    const read = (chunk) => {
      output += chunk;
      const found = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        done(Number(found[1]));
      }
    };
    child.stdout.setEncoding('utf8').on('data', read);
    child.stderr.setEncoding('utf8').on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${CONSENT_ENDPOINT} exited (${code}):\n${output.trim()}`));
    });
  });
  return {
    port,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A free loopback port (the OS picks one; nginx binds it a moment later). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

const accepts = (port) =>
  new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

/**
 * Renders the config (`template`: nginx.conf.template unless given) into `prefix`, checks it with `nginx -t`, starts nginx and resolves once
 * it accepts connections. Rejects with nginx's own message when the config is wrong, the port
 * is taken, or there is no nginx (the message then starts with INSTALL_HINT).
 */
export async function startNginx({
  port,
  prefix,
  documentRoot = PROJECT_ROOT,
  logDir = join(prefix, 'logs'),
  template = readFileSync(TEMPLATE, 'utf8'),
  output = 'pipe',
  timeoutMs = 10_000,
  consentEndpoint = true,
}) {
  const nginx = findNginx();
  if (!nginx) throw new Error(INSTALL_HINT);
  const dir = resolve(prefix);
  const logs = resolve(logDir);
  for (const sub of ['tmp/client_body', 'tmp/proxy', 'tmp/fastcgi', 'tmp/uwsgi', 'tmp/scgi'])
    mkdirSync(join(dir, sub), { recursive: true });
  mkdirSync(logs, { recursive: true });
  // The consent endpoint nginx asks for the cookie (consent-refresh.conf); without it, a port
  // where nothing listens, and nginx serves its pages without the cookie.
  const endpoint = consentEndpoint
    ? await startConsentEndpoint(join(dir, 'receipts.jsonl'), timeoutMs)
    : { port: await freePort(), stop: async () => {} };
  const conf = join(dir, 'nginx.conf');
  let text;
  try {
    text = renderConfig(template, {
      port,
      prefix: dir,
      logDir: logs,
      documentRoot: resolve(documentRoot),
      consentPort: endpoint.port,
    });
  } catch (error) {
    await endpoint.stop();
    throw error;
  }
  writeFileSync(conf, text);

  const args = ['-p', dir, '-c', conf, '-e', 'stderr'];
  try {
    execFileSync(nginx, ['-t', '-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String(/** @type {{stderr?: unknown}} */ (error).stderr ?? '').trim();
    await endpoint.stop();
    throw new Error(`nginx -t rejected ${conf}:\n${stderr || String(error)}`, { cause: error });
  }

  const child = spawn(nginx, args, { stdio: ['ignore', output, output] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  let exitedEarly = null;
  void exited.then((result) => {
    exitedEarly = result;
  });

  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (exitedEarly) {
      await endpoint.stop();
      throw new Error(`nginx exited (${JSON.stringify(exitedEarly)}):\n${stderr.trim()}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await endpoint.stop();
      throw new Error(
        `nginx did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`,
      );
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }

  // If this process ends without calling stop(), nginx must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    consentPort: endpoint.port,
    pid: child.pid,
    config: conf,
    logs: {
      detailed: join(logs, 'detailed.log'),
      legal: join(logs, 'legal.log'),
      error: join(logs, 'error.log'),
    },
    exited,
    /** nginx's stderr so far (empty when `output` is 'inherit'). */
    stderr: () => stderr,
    /** Stops nginx (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
    async stop() {
      process.removeListener('exit', killOnExit);
      await endpoint.stop();
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
