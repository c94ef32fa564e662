// @ts-check
// What the demo's real web servers share (test/support/nginx.mjs, test/support/apache.mjs): finding
// a binary, a free loopback port, filling in a config template, checking the config, and
// running the server in the foreground until it accepts connections; and, for their scripts
// (demo/nginx/serve.mjs, demo/apache/serve.mjs), the PORT, the build of dist/ and Ctrl-C.
// Plain JavaScript, typed in JSDoc (checked by `npm run typecheck`): plain `node` runs it.
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, chownSync, constants, readdirSync, statSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project directory: the servers serve demo/ and dist/ from it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The built script-tag file the demo pages load. */
export const IIFE = join(PROJECT_ROOT, 'dist', 'consent-banner.iife.js');

/**
 * An executable file at one of `candidates`, or `null`.
 * @param {readonly string[]} candidates
 * @returns {string | null}
 */
export function firstExecutable(candidates) {
  for (const file of candidates) {
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // Not there; try the next one.
    }
  }
  return null;
}

/**
 * Each of `names` in each directory of PATH, then in each of `dirs`.
 * @param {readonly string[]} names
 * @param {readonly string[]} [dirs]
 * @returns {string[]}
 */
export function onPath(names, dirs = []) {
  return [...(process.env.PATH ?? '').split(delimiter), ...dirs]
    .filter(Boolean)
    .flatMap((dir) => names.map((name) => join(dir, name)));
}

/**
 * How to run a database server that refuses to run as root (PostgreSQL, MariaDB): as `nobody`
 * when this process is root, owning `dirs`. The command's prefix (empty when not root).
 * @param {string[]} dirs
 * @returns {string[]}
 */
export function unprivileged(...dirs) {
  if (process.getuid?.() !== 0) return [];
  for (const dir of dirs) chownSync(dir, 65534, 65534);
  return ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];
}

/**
 * A free loopback port (the OS picks one; the server binds it a moment later).
 * @returns {Promise<number>}
 */
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

/**
 * Whether `port` is a port number (1-65535).
 * @param {unknown} port
 * @returns {port is number}
 */
export const isPort = (port) =>
  typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;

/**
 * Throws unless `port` is a port number.
 * @param {unknown} port
 * @returns {asserts port is number}
 */
export function assertPort(port) {
  if (!isPort(port)) throw new Error(`bad port: ${port}`);
}

/**
 * Replaces each {{NAME}} in `template` with `values[NAME]`; throws, naming the template file
 * `name`, when one is left without a value.
 * @param {string} template
 * @param {Record<string, string>} values
 * @param {string} name
 * @returns {string}
 */
export function fillTemplate(template, values, name) {
  const config = template.replace(
    /\{\{([A-Z_]+)\}\}/g,
    (/** @type {string} */ all, /** @type {string} */ key) => values[key] ?? all,
  );
  const left = /\{\{[A-Z_]+\}\}/.exec(config);
  if (left) throw new Error(`${name}: no value for ${left[0]}`);
  return config;
}

/**
 * Runs the server's config check (`command args`, e.g. `nginx -t …`); throws `<what> rejected
 * <conf>:` and the server's own message when it fails.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {string} what
 * @param {string} conf
 * @returns {void}
 */
export function checkConfig(command, args, what, conf) {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String(/** @type {{stderr?: unknown}} */ (error).stderr ?? '').trim();
    throw new Error(`${what} rejected ${conf}:\n${stderr || String(error)}`, { cause: error });
  }
}

/**
 * @typedef {object} LogFiles The logs of consent-log.conf.
 * @property {string} detailed
 * @property {string} legal
 * @property {string} error
 */

/**
 * The logs of consent-log.conf, in `logDir`.
 * @param {string} logDir
 * @returns {LogFiles}
 */
export function logFiles(logDir) {
  return {
    detailed: join(logDir, 'detailed.log'),
    legal: join(logDir, 'legal.log'),
    error: join(logDir, 'error.log'),
  };
}

/**
 * Whether 127.0.0.1:`port` accepts a connection.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
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
 * @typedef {object} ServerOptions What `startServer()` takes.
 * @property {string} name The server's name, for messages.
 * @property {string} command
 * @property {readonly string[]} args
 * @property {number} port
 * @property {'pipe' | 'inherit'} [output]
 * @property {number} [timeoutMs]
 * @property {boolean} [group] In a process group of its own, signalled as a whole when it is
 *   killed or stopped.
 * @property {() => string} [exitDetails] More of why it exited before it listened (its error
 *   log, say).
 */

/**
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null }} ServerExit How a server
 *   process exited.
 */

/**
 * @typedef {object} ServerProcess A server `startServer()` started.
 * @property {string} url `http://127.0.0.1:<port>`
 * @property {number} port
 * @property {number | undefined} pid
 * @property {Promise<ServerExit>} exited
 * @property {() => string} stderr The server's stderr so far (empty when `output` is 'inherit').
 * @property {() => Promise<void>} stop Stops the server (SIGTERM, then SIGKILL after 5 s) and
 *   resolves once it has exited.
 */

/**
 * @typedef {object} ServerStartOptions What a demo server takes to start (nginx.mjs, apache.mjs
 *   add their own options).
 * @property {number} port
 * @property {string} [documentRoot] Default: the project directory.
 * @property {string} [logDir] Default: `<prefix>/logs`.
 * @property {'pipe' | 'inherit'} [output] The server's stdout/stderr: kept (`pipe`, see
 *   `stderr()`) or shown (`inherit`).
 * @property {number} [timeoutMs]
 */

/**
 * A demo server, running: a ServerProcess with `config` (the rendered config file) and `logs`.
 * @typedef {ServerProcess & { config: string, logs: LogFiles }} RunningServer
 */

/**
 * Starts `command args`, a server that stays in the foreground, and resolves once 127.0.0.1:
 * `port` accepts connections. Rejects when it exits first (with its stderr and `exitDetails()`)
 * or does not listen within `timeoutMs` (then it is killed). `group`: in a process group of its
 * own, signalled as a whole when it is killed or stopped. `name` is the server's, for messages.
 * @param {ServerOptions} options
 * @returns {Promise<ServerProcess>}
 */
export async function startServer({
  name,
  command,
  args,
  port,
  output = 'pipe',
  timeoutMs = 10_000,
  group = false,
  exitDetails = () => '',
}) {
  const child = spawn(command, args, { stdio: ['ignore', output, output], detached: group });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
  });
  /** @type {Promise<ServerExit>} */
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  /** @type {ServerExit | null} */
  let exitedEarly = null;
  void exited.then((result) => {
    exitedEarly = result;
  });
  /** @type {(signal: NodeJS.Signals) => void} */
  const kill = group
    ? (signal) => {
        try {
          process.kill(-(/** @type {number} */ (child.pid)), signal);
        } catch {
          // The group is gone already.
        }
      }
    : (signal) => child.kill(signal);

  const deadline = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (exitedEarly) {
      const why = [stderr.trim(), exitDetails()].filter(Boolean).join('\n');
      throw new Error(`${name} exited (${JSON.stringify(exitedEarly)}):\n${why}`);
    }
    if (Date.now() > deadline) {
      kill('SIGKILL');
      throw new Error(
        `${name} did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`,
      );
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }

  // If this process ends without calling stop(), the server must not outlive it.
  const killOnExit = () => kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    exited,
    /** The server's stderr so far (empty when `output` is 'inherit'). */
    stderr: () => stderr,
    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      // In a group of its own, the parent stops its workers before it exits; a worker it left
      // behind goes now.
      if (group) kill('SIGKILL');
    },
  };
}

// For the scripts (`npm run demo:nginx`, `npm run demo:apache`).

/**
 * Says `message` on stderr and exits with 1.
 * @param {string} message
 * @returns {never}
 */
export function failWith(message) {
  console.error(message);
  process.exit(1);
}

/**
 * $PORT (`fallback` when unset); exits when it is not a port number.
 * @param {number} fallback
 * @returns {number}
 */
export function portFromEnv(fallback) {
  const port = Number(process.env.PORT ?? fallback);
  if (!isPort(port)) failWith(`PORT must be a port number (1-65535), not ${process.env.PORT}`);
  return port;
}

/**
 * Newest modification time of the files under `dir`.
 * @param {string} dir
 * @returns {number}
 */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/**
 * Builds dist/ (`npm run build`) when the script-tag file is missing or older than src/.
 * @returns {void}
 */
export function buildIfStale() {
  let builtAt = 0;
  try {
    builtAt = statSync(IIFE).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (builtAt < newest(join(PROJECT_ROOT, 'src'))) {
    console.log(builtAt ? 'src/ changed since the last build: building…' : 'building dist/…');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  }
}

/**
 * Exits when 127.0.0.1:`port` is in use, suggesting `retry` (e.g. `PORT=8081 npm run …`).
 * @param {number} port
 * @param {string} retry
 * @returns {Promise<void>}
 */
export async function exitIfInUse(port, retry) {
  /** @type {boolean} */
  const free = await new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
  if (!free) failWith(`127.0.0.1:${port} is in use; choose another port: ${retry}`);
}

/**
 * What `start()` resolves to; exits with its message when it rejects.
 * @template T
 * @param {() => Promise<T>} start
 * @returns {Promise<T>}
 */
export async function startOrExit(start) {
  try {
    return await start();
  } catch (error) {
    return failWith(error instanceof Error ? error.message : String(error));
  }
}

/**
 * On SIGINT or SIGTERM, stops `server` (called `name` in the message) and exits. Returns
 * whether it is stopping so, for the script that waits for the server to exit.
 * @param {string} name
 * @param {{ stop(): Promise<void> }} server
 * @returns {() => boolean}
 */
export function stopOnSignals(name, server) {
  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  async function stop(signal) {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${name}…`);
    await server.stop();
    process.exit(0);
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  return () => stopping;
}
