// @ts-check
// A real PostgreSQL for the receipt store's tests and benchmark: Debian's (or any) server binaries,
// a new cluster in a temporary directory, on a free loopback port, stopped and removed after.
// `CONSENT_BANNER_POSTGRES=postgres://…` uses a server you run instead: each start makes a fresh
// database in it, dropped at stop.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { firstExecutable, freePort, startServer, unprivileged } from './server-kit.mjs';

export const POSTGRES_HINT =
  'PostgreSQL not found: apt-get install --no-install-recommends postgresql (or set CONSENT_BANNER_POSTGRES=postgres://…)';

/** The directory of `initdb` and `postgres`: on PATH, or Debian's /usr/lib/postgresql/<n>/bin. */
function binDir() {
  /** @type {string[]} */
  let versions = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  } catch {
    // Not Debian's layout.
  }
  const dirs = [
    ...(process.env.PATH ?? '').split(':'),
    ...versions.map((v) => `/usr/lib/postgresql/${v}/bin`),
  ];
  const initdb = firstExecutable(dirs.map((dir) => join(dir, 'initdb')));
  return initdb ? join(initdb, '..') : null;
}

/**
 * @typedef {object} Postgres
 * @property {string} url          postgres://… of a fresh, empty database
 * @property {() => Promise<void>} restart  an immediate stop (as a crash would) and a start again
 * @property {() => Promise<void>} stop
 */

/**
 * Starts PostgreSQL, or `null` with POSTGRES_HINT said when there is none.
 * @param {{ fsync?: boolean }} [options] fsync off (the default) for tests: nothing to lose there
 * @returns {Promise<Postgres | null>}
 */
export async function startPostgres({ fsync = false } = {}) {
  const given = process.env.CONSENT_BANNER_POSTGRES;
  if (given) return freshDatabase(given);
  const bin = binDir();
  if (!bin) {
    console.warn(POSTGRES_HINT);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'consent-pg-'));
  // initdb refuses to run as root: the cluster then belongs to `nobody`.
  const as = unprivileged(dir);
  const data = join(dir, 'data');
  const [cmd = '', ...args] = [
    ...as,
    join(bin, 'initdb'),
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
  ];
  execFileSync(cmd, [...args, '--no-sync'], { stdio: 'ignore' });
  const port = await freePort();
  const server = [
    ...as,
    join(bin, 'postgres'),
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `fsync=${fsync ? 'on' : 'off'}`,
  ];
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const start = async () => {
    const started = await startServer({
      name: 'postgres',
      command: server[0] ?? '',
      args: server.slice(1),
      port,
      timeoutMs: 30_000,
    });
    await takesQueries(url, 30_000);
    return started;
  };
  let running = await start();
  return {
    url,
    async restart() {
      // SIGQUIT: PostgreSQL's immediate shutdown, with recovery at the next start.
      process.kill(/** @type {number} */ (running.pid), 'SIGQUIT');
      await running.exited;
      running = await start();
    },
    async stop() {
      // SIGINT: PostgreSQL's fast shutdown (it does not wait for clients to leave).
      if (running.pid) process.kill(running.pid, 'SIGINT');
      await running.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves once the server at `url` answers a query. PostgreSQL listens on its port before it
 * has finished starting, and refuses connections until then ("the database system is starting
 * up", 57P03): a test that connected at once failed so on a busy machine.
 * @param {string} url
 * @param {number} timeoutMs
 */
async function takesQueries(url, timeoutMs) {
  const { default: pg } = await import('pg');
  for (const since = Date.now(); ; await delay(50)) {
    const client = new pg.Client(url);
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      if (Date.now() - since > timeoutMs) throw error;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * A fresh database in the server at `url`, dropped at stop.
 * @param {string} url
 * @returns {Promise<Postgres>}
 */
async function freshDatabase(url) {
  const { default: pg } = await import('pg');
  const name = `consent_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.href,
    async restart() {
      throw new Error('restart needs the tests’ own PostgreSQL (unset CONSENT_BANNER_POSTGRES)');
    },
    async stop() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
