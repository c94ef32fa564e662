// @ts-check
// A real MariaDB (or MySQL) for the PHP receipt store's tests: Debian's server binary
// (mariadb-server-core), an empty data directory in a temporary directory, on a free loopback
// port, stopped and removed after. It runs without grant tables: any user name gets in, and
// nothing but these tests can reach it. `CONSENT_BANNER_MYSQL=mysql:host=…;port=…` (a PDO DSN,
// with CONSENT_BANNER_MYSQL_USER and CONSENT_BANNER_MYSQL_PASSWORD) uses a server you run
// instead: each start makes a fresh database in it, dropped at stop.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstExecutable, freePort, onPath, startServer, unprivileged } from './server-kit.mjs';

export const MARIADB_HINT =
  'MariaDB not found: apt-get install --no-install-recommends mariadb-server-core php-mysql (or set CONSENT_BANNER_MYSQL=mysql:host=…;port=…)';

/**
 * @typedef {object} MariaDb
 * @property {string} dsn       PDO DSN of a fresh, empty database
 * @property {string | null} user
 * @property {string | null} password
 * @property {() => Promise<void>} stop
 */

/**
 * Runs `sql` on the server at `dsn` with PHP's PDO (the tests' own client: Node has no MySQL
 * driver among this project's packages).
 * @param {string[]} php  the php command and its arguments (with pdo_mysql loaded)
 * @param {string} dsn
 * @param {string | null} user
 * @param {string | null} password
 * @param {string} sql
 */
function run(php, dsn, user, password, sql) {
  const [command = 'php', ...args] = php;
  execFileSync(
    command,
    [
      ...args,
      '-r',
      '(new PDO($argv[1], $argv[2] ?: null, $argv[3] ?: null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]))->exec($argv[4]);',
      dsn,
      user ?? '',
      password ?? '',
      sql,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/**
 * Starts MariaDB, or `null` with MARIADB_HINT said when there is none.
 * @param {string[]} php  the php command and its arguments, with pdo_mysql loaded
 * @returns {Promise<MariaDb | null>}
 */
export async function startMariaDb(php) {
  const name = `consent_test_${process.pid}_${Date.now()}`;
  const given = process.env.CONSENT_BANNER_MYSQL;
  if (given) {
    const user = process.env.CONSENT_BANNER_MYSQL_USER ?? null;
    const password = process.env.CONSENT_BANNER_MYSQL_PASSWORD ?? null;
    run(php, given, user, password, `create database ${name}`);
    return {
      dsn: `${given};dbname=${name}`,
      user,
      password,
      async stop() {
        run(php, given, user, password, `drop database if exists ${name}`);
      },
    };
  }
  const server = firstExecutable(onPath(['mariadbd', 'mysqld'], ['/usr/sbin']));
  if (!server) {
    console.warn(MARIADB_HINT);
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'consent-mariadb-'));
  // The server refuses to run as root unless told to: the data then belong to `nobody`.
  const data = join(dir, 'data');
  mkdirSync(data);
  const as = unprivileged(dir, data);
  const port = await freePort();
  const [command = '', ...args] = [
    ...as,
    server,
    '--no-defaults',
    `--datadir=${data}`,
    `--socket=${join(dir, 'socket')}`,
    `--pid-file=${join(dir, 'pid')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    '--skip-grant-tables',
    '--skip-log-bin',
    // Nothing to lose in a test: no flush to disk at each commit.
    '--innodb-flush-log-at-trx-commit=2',
  ];
  const running = await startServer({ name: 'mariadbd', command, args, port, timeoutMs: 30_000 });
  const base = `mysql:host=127.0.0.1;port=${port}`;
  run(php, base, null, null, `create database ${name}`);
  return {
    dsn: `${base};dbname=${name}`,
    user: null,
    password: null,
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
