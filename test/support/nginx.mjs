// @ts-check
// Runs the demo's real nginx: renders demo/nginx/nginx.conf.template into a prefix directory,
// checks it with `nginx -t`, starts nginx in the foreground on a loopback port and stops it
// again. Shared by demo/nginx/serve.mjs (`npm run demo:nginx`) and test/e2e/nginx.spec.ts.
// Plain JavaScript, typed in JSDoc (checked by `npm run typecheck`): plain `node` runs it.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  PROJECT_ROOT,
  assertPort,
  checkConfig,
  fillTemplate,
  firstExecutable,
  freePort,
  logFiles,
  onPath,
  startServer,
} from './server-kit.mjs';

/** @import { RunningServer, ServerProcess, ServerStartOptions } from './server-kit.mjs' */

export { PROJECT_ROOT, freePort };

/**
 * The config template, demo/nginx/nginx.conf.template, with {{PORT}}, {{PREFIX}}, {{LOG_DIR}},
 * {{DOCUMENT_ROOT}} and {{CONSENT_PORT}}.
 */
export const TEMPLATE = fileURLToPath(
  new URL('../../demo/nginx/nginx.conf.template', import.meta.url),
);

/** The one line to print when there is no nginx. */
export const INSTALL_HINT = 'install nginx: sudo apt-get install nginx';

const SBIN = ['/usr/sbin', '/usr/local/sbin', '/usr/local/nginx/sbin', '/opt/homebrew/bin'];

/**
 * The nginx binary ($NGINX, then PATH and the usual sbin directories), or `null`.
 * @returns {string | null}
 */
export function findNginx() {
  return firstExecutable(process.env.NGINX ? [process.env.NGINX] : onPath(['nginx'], SBIN));
}

/**
 * @typedef {object} TemplateValues What nginx.conf.template's placeholders are filled with.
 * @property {number} port
 * @property {string} prefix
 * @property {string} logDir
 * @property {string} documentRoot
 * @property {number} consentPort The consent endpoint's port.
 */

/**
 * Fills in the template. Paths are written inside double quotes, so they may hold spaces, but
 * not characters nginx would read as syntax or as a variable.
 * @param {string} template
 * @param {TemplateValues} values
 * @returns {string}
 */
export function renderConfig(template, { port, prefix, logDir, documentRoot, consentPort }) {
  assertPort(port);
  assertPort(consentPort);
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
  return fillTemplate(template, values, 'nginx.conf.template');
}

/** The consent endpoint, examples/node/receipt-server.mjs (needs the built dist/server.js). */
export const CONSENT_ENDPOINT = fileURLToPath(
  new URL('../../examples/node/receipt-server.mjs', import.meta.url),
);

/**
 * Starts the consent endpoint on a free loopback port, keeping receipts in a store in the
 * directory `dir` (created if missing); resolves once it listens.
 * @param {string} dir
 * @param {number} [timeoutMs]
 * @returns {Promise<{ port: number, stop(): Promise<void> }>}
 */
export async function startConsentEndpoint(dir, timeoutMs = 10_000) {
  const child = spawn(process.execPath, [CONSENT_ENDPOINT], {
    env: { ...process.env, PORT: '0', STORE: `file:${dir}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  /** @type {number} */
  const port = await new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${CONSENT_ENDPOINT} did not start:\n${output.trim()}`));
    }, timeoutMs);
    /** @param {string} chunk */
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

/**
 * What `startNginx()` takes: ServerStartOptions and
 * - `prefix`: nginx's working directory: config, pid file, temp files (created if missing);
 * - `template`: config text with the same placeholders (default: nginx.conf.template);
 * - `consentEndpoint`: start the consent endpoint for the pages' cookie (default `true`);
 *   `false` leaves nothing on its port, and nginx serves the pages without the cookie.
 * @typedef {ServerStartOptions & {
 *   prefix: string,
 *   template?: string,
 *   consentEndpoint?: boolean,
 * }} StartOptions
 */

/**
 * An nginx `startNginx()` started: a RunningServer with `consentPort` (the consent endpoint's
 * port), whose `stop()` stops the consent endpoint, then nginx (SIGTERM, then SIGKILL after 5 s).
 * @typedef {RunningServer & { consentPort: number, stop(): Promise<void> }} RunningNginx
 */

/**
 * Renders the config (`template`: nginx.conf.template unless given) into `prefix`, checks it
 * with `nginx -t`, starts nginx and resolves once it accepts connections. Rejects with nginx's
 * own message when the config is wrong, the port is taken, or there is no nginx (the message
 * then starts with INSTALL_HINT).
 * @param {StartOptions} options
 * @returns {Promise<RunningNginx>}
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
    ? await startConsentEndpoint(join(dir, 'receipts'), timeoutMs)
    : { port: await freePort(), stop: async () => {} };
  const conf = join(dir, 'nginx.conf');
  const args = ['-p', dir, '-c', conf, '-e', 'stderr'];
  /** @type {ServerProcess} */
  let server;
  try {
    const text = renderConfig(template, {
      port,
      prefix: dir,
      logDir: logs,
      documentRoot: resolve(documentRoot),
      consentPort: endpoint.port,
    });
    writeFileSync(conf, text);
    checkConfig(nginx, ['-t', '-q', ...args], 'nginx -t', conf);
    server = await startServer({ name: 'nginx', command: nginx, args, port, output, timeoutMs });
  } catch (error) {
    await endpoint.stop();
    throw error;
  }

  return {
    ...server,
    consentPort: endpoint.port,
    config: conf,
    logs: logFiles(logs),
    /** Stops the consent endpoint, then nginx (SIGTERM, then SIGKILL after 5 s). */
    async stop() {
      await endpoint.stop();
      await server.stop();
    },
  };
}
