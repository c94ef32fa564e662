// @ts-check
// Runs the demo's real Apache httpd: renders demo/apache/httpd.conf.template into a prefix
// directory, checks it with `apache2 -t`, starts Apache in the foreground on a loopback port and
// stops it again. With it, php-cli runs consent-refresh.php, which sends the consent cookie back
// with the pages (consent-refresh.conf). Shared by demo/apache/serve.mjs (`npm run
// demo:apache`), test/e2e/apache.spec.ts and test/e2e/apache-refresh.spec.ts.
// Plain JavaScript, typed in JSDoc (checked by `npm run typecheck`): plain `node` runs it.
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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

/** @import { RunningServer, ServerStartOptions } from './server-kit.mjs' */

export { PROJECT_ROOT, freePort };

/**
 * The config template, demo/apache/httpd.conf.template, with {{PORT}}, {{PREFIX}}, {{LOG_DIR}},
 * {{DOCUMENT_ROOT}}, …
 */
export const TEMPLATE = fileURLToPath(
  new URL('../../demo/apache/httpd.conf.template', import.meta.url),
);

/** The one line to print when there is no Apache. */
export const INSTALL_HINT = 'install Apache httpd: sudo apt-get install apache2';

/** The one line to print when there is no php-cli (for consent-refresh.php). */
export const PHP_INSTALL_HINT = 'install PHP: sudo apt-get install php-cli';

/**
 * The program that sends the consent cookie back (RewriteMap prg:, consent-refresh.conf):
 * examples/apache/consent-refresh.php.
 */
export const REFRESH_PROGRAM = fileURLToPath(
  new URL('../../examples/apache/consent-refresh.php', import.meta.url),
);

const SBIN = ['/usr/sbin', '/usr/local/sbin', '/usr/local/apache2/bin', '/opt/homebrew/bin'];
// Debian's binary is apache2; Fedora's, Homebrew's and Apache's own builds call it httpd.
const NAMES = ['apache2', 'httpd'];

/**
 * The Apache binary ($APACHE2 or $HTTPD, then PATH and the usual sbin directories), or `null`.
 * @returns {string | null}
 */
export function findApache() {
  const given = process.env.APACHE2 || process.env.HTTPD;
  return firstExecutable(given ? [given] : onPath(NAMES, SBIN));
}

/**
 * The php-cli binary ($PHP, then `php` on PATH, then /usr/bin/php), or `null`.
 * @returns {string | null}
 */
export function findPhp() {
  const found = firstExecutable(
    process.env.PHP ? [process.env.PHP] : [...onPath(['php']), '/usr/bin/php'],
  );
  // Apache would read a relative path from its ServerRoot.
  return found && resolve(found);
}

/**
 * The directory of Apache's modules: where Debian, Fedora, Homebrew or Apache's own build put
 * them, or `<HTTPD_ROOT>/modules` as the binary reports it (`-V`). Throws when none has the MPM.
 * @param {string} apache
 * @returns {string}
 */
export function findModuleDir(apache) {
  /** @type {string | null} */
  let root = null;
  try {
    const version = execFileSync(apache, ['-V'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    root = /HTTPD_ROOT="([^"]+)"/.exec(version)?.[1] ?? null;
  } catch {
    // Some builds print -V and exit non-zero without their envvars; the usual places remain.
  }
  const candidates = /** @type {string[]} */ (
    [
      process.env.APACHE_MODULE_DIR,
      '/usr/lib/apache2/modules',
      '/usr/lib64/httpd/modules',
      '/usr/lib/httpd/modules',
      root && join(root, 'modules'),
      join(dirname(dirname(apache)), 'modules'),
      join(dirname(dirname(apache)), 'lib', 'httpd', 'modules'),
    ].filter(Boolean)
  );
  for (const dir of candidates) {
    try {
      accessSync(join(dir, 'mod_mpm_event.so'), constants.R_OK);
      return resolve(dir);
    } catch {
      // Not there; try the next one.
    }
  }
  throw new Error(
    `no Apache modules (mod_mpm_event.so) in ${candidates.join(', ')}: set APACHE_MODULE_DIR`,
  );
}

/**
 * The contents of `file` (/etc/passwd, /etc/group, the error log), or '' when there is none.
 * @param {string} file
 * @returns {string}
 */
function readIfAny(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * The name of group `gid` in /etc/group, or `null`.
 * @param {number} gid
 * @returns {string | null}
 */
function groupName(gid) {
  for (const line of readIfAny('/etc/group').split('\n')) {
    const [name, , id] = line.split(':');
    if (name && id === String(gid)) return name;
  }
  return null;
}

/**
 * Whom the workers run as when Apache is started as root: `nobody`, with the group of its
 * /etc/passwd entry (`nogroup` on Debian, `nobody` elsewhere), written as `#<gid>`; and
 * `groupName`, that group by name (RewriteMap takes names only), or `null`.
 * @returns {{ user: string, group: string, uid: number, gid: number, groupName: string | null }}
 */
function unprivileged() {
  const entry = /^nobody:[^:]*:(\d+):(\d+):/m.exec(readIfAny('/etc/passwd'));
  return entry
    ? {
        user: 'nobody',
        group: `#${entry[2]}`,
        uid: Number(entry[1]),
        gid: Number(entry[2]),
        groupName: groupName(Number(entry[2])),
      }
    : { user: '#65534', group: '#65534', uid: 65534, gid: 65534, groupName: null };
}

/**
 * The user and group, by name, that consent-refresh.php runs as (the last argument of its
 * RewriteMap): started as root, the workers' (`nobody`); otherwise, Apache's own, since a
 * process that is not root cannot switch (but the names must still exist).
 * @param {boolean} asRoot
 * @param {ReturnType<typeof unprivileged>} who
 * @returns {{ user: string, group: string }}
 */
function programUser(asRoot, who) {
  const self = userInfo();
  const user = asRoot ? who.user : self.username;
  const group = asRoot ? who.groupName : groupName(self.gid);
  if (!group || user.startsWith('#'))
    throw new Error(
      `consent-refresh.php runs as a user and group given by name, and ${asRoot ? 'nobody' : user} ` +
        `has none in /etc/passwd and /etc/group: start Apache with refreshProgram: null`,
    );
  return { user, group };
}

/**
 * Throws unless `who` may read `file`: every directory above it searchable, the file readable
 * (by owner, group or others, by the mode bits; supplementary groups are not looked at).
 * @param {ReturnType<typeof unprivileged>} who
 * @param {string} file
 * @returns {void}
 */
function assertReadableBy(who, file) {
  /** @type {(path: string, bits: number) => boolean} */
  const may = (path, bits) => {
    const { mode, uid, gid } = statSync(path);
    if (uid === who.uid) return (mode & (bits << 6)) === bits << 6;
    if (gid === who.gid) return (mode & (bits << 3)) === bits << 3;
    return (mode & bits) === bits;
  };
  /** @type {(what: string, fix: string) => never} */
  const fail = (what, fix) => {
    throw new Error(
      `started as root, Apache serves as ${who.user}, who cannot ${what}: ${fix}, or start it ` +
        `as a normal user`,
    );
  };
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (!may(dir, 1)) fail(`enter ${dir} (to read ${file})`, `chmod o+x ${dir}`);
    if (dirname(dir) === dir) break;
  }
  if (!may(file, 4)) fail(`read ${file}`, `chmod o+r ${file}`);
}

/**
 * @typedef {object} TemplateValues What httpd.conf.template's placeholders are filled with.
 * @property {number} port
 * @property {string} prefix
 * @property {string} logDir
 * @property {string} documentRoot
 * @property {string} moduleDir
 * @property {string} [runUser] Whom the workers run as when Apache is started as root (default
 *   `nobody`).
 * @property {string} [runGroup] Their group (default `#65534`).
 * @property {string} [php] php-cli (default `/usr/bin/php`).
 * @property {string} [refreshProgram] The program php-cli runs (default REFRESH_PROGRAM).
 * @property {string} [programUser] Whom it runs as, by name (default `nobody`).
 * @property {string} [programGroup] Its group, by name (default `nogroup`).
 */

/**
 * Fills in the template. Paths are written inside double quotes, so they may hold spaces, but
 * not characters Apache would read as syntax or as a variable.
 * @param {string} template
 * @param {TemplateValues} values
 * @returns {string}
 */
export function renderConfig(
  template,
  {
    port,
    prefix,
    logDir,
    documentRoot,
    moduleDir,
    runUser = 'nobody',
    runGroup = '#65534',
    php = '/usr/bin/php',
    refreshProgram = REFRESH_PROGRAM,
    programUser = 'nobody',
    programGroup = 'nogroup',
  },
) {
  assertPort(port);
  const values = {
    PORT: String(port),
    PREFIX: prefix,
    LOG_DIR: logDir,
    DOCUMENT_ROOT: documentRoot,
    MODULE_DIR: moduleDir,
    RUN_USER: runUser,
    RUN_GROUP: runGroup,
    PHP: php,
    REFRESH_PROGRAM: refreshProgram,
    PROGRAM_USER: programUser,
    PROGRAM_GROUP: programGroup,
  };
  for (const [name, value] of Object.entries(values)) {
    // The program's command line is split at spaces outside '...' (PHP and REFRESH_PROGRAM are
    // quoted so); its user and group are `user:group`.
    if (
      /["\\$\n\r]/.test(value) ||
      (/^(?:RUN|PROGRAM)_/.test(name) && /[\s:]/.test(value)) ||
      ((name === 'PHP' || name === 'REFRESH_PROGRAM') && value.includes("'"))
    )
      throw new Error(`${name} holds a character Apache cannot take: ${value}`);
  }
  return fillTemplate(template, values, 'httpd.conf.template');
}

/**
 * What `startApache()` takes: ServerStartOptions and
 * - `prefix`: Apache's ServerRoot: config, pid file, runtime files (created if missing);
 * - `template`: config text with the same placeholders (default: httpd.conf.template);
 * - `refreshProgram`: the PHP file php-cli runs to send the consent cookie back with the pages
 *   (default REFRESH_PROGRAM); `null` starts Apache without it, and no PHP is needed. A path
 *   where there is no program is started all the same: php-cli fails at once, and the pages go
 *   out without the cookie.
 * @typedef {ServerStartOptions & {
 *   prefix: string,
 *   template?: string,
 *   refreshProgram?: string | null,
 * }} StartOptions
 */

/**
 * An Apache `startApache()` started: a RunningServer whose `pid` is the parent process's (also
 * the id of its process group), with `refreshProgram`, the program php-cli runs for the cookie,
 * or `null` when Apache runs without it.
 * @typedef {RunningServer & {
 *   pid: number | undefined,
 *   refreshProgram: string | null,
 * }} RunningApache
 */

/**
 * Renders the config (`template`: httpd.conf.template unless given) into `prefix`, checks it
 * with `apache2 -t`, starts Apache and resolves once it accepts connections. Rejects with
 * Apache's own message when the config is wrong, the port is taken, or there is no Apache (the
 * message then starts with INSTALL_HINT) or no php-cli for the template's {{PHP}}
 * (PHP_INSTALL_HINT).
 *
 * `refreshProgram`: the PHP file php-cli runs to send the consent cookie back (default
 * consent-refresh.php); `null` starts Apache without it (no -DCONSENT_REFRESH, no PHP needed),
 * and a path where there is no program starts php-cli on it all the same, which fails at once.
 * @param {StartOptions} options
 * @returns {Promise<RunningApache>}
 */
export async function startApache({
  port,
  prefix,
  documentRoot = PROJECT_ROOT,
  logDir = join(prefix, 'logs'),
  template = readFileSync(TEMPLATE, 'utf8'),
  output = 'pipe',
  timeoutMs = 10_000,
  refreshProgram = REFRESH_PROGRAM,
}) {
  const apache = findApache();
  if (!apache) throw new Error(INSTALL_HINT);
  const refresh = refreshProgram !== null;
  const php = findPhp();
  if (refresh && !php && template.includes('{{PHP}}')) throw new Error(PHP_INSTALL_HINT);
  const dir = resolve(prefix);
  const logs = resolve(logDir);
  const root = resolve(documentRoot);
  mkdirSync(join(dir, 'run'), { recursive: true });
  mkdirSync(logs, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const who = unprivileged();
  // The parent opens the logs as root; the workers read the files they serve, and php-cli,
  // started as the workers' user, reads the program and the consent.php it requires (the one
  // next to it, else the built one, else the repository's: as consent-refresh.php looks).
  const program = refresh ? resolve(refreshProgram) : REFRESH_PROGRAM;
  if (asRoot) {
    const files = [
      join(root, 'demo/server-logs.html'),
      join(root, 'dist/consent-banner.iife.js'),
      join(root, 'dist/consent-banner-extras.iife.js'),
    ];
    const consentPhp =
      [
        join(dirname(program), 'consent.php'),
        join(dirname(program), '../../dist/consent.php'),
      ].find((file) => existsSync(file)) ?? join(PROJECT_ROOT, 'src', 'server', 'consent.php');
    if (refresh) files.push(program, consentPhp);
    for (const file of files) if (existsSync(file)) assertReadableBy(who, file);
  }
  const runs = refresh ? programUser(asRoot, who) : { user: 'nobody', group: 'nogroup' };
  const conf = join(dir, 'httpd.conf');
  const text = renderConfig(template, {
    port,
    prefix: dir,
    logDir: logs,
    documentRoot: root,
    moduleDir: findModuleDir(apache),
    runUser: who.user,
    runGroup: who.group,
    php: php ?? '/usr/bin/php',
    refreshProgram: program,
    programUser: runs.user,
    programGroup: runs.group,
  });
  writeFileSync(conf, text);

  // Apache's own binary, not apache2ctl: no /etc/apache2/envvars, nothing of the system's
  // config. -DFOREGROUND: the parent stays attached, its exit is the server's.
  // -DCONSENT_REFRESH: the template's consent-refresh.conf, with the program.
  const args = [
    '-d',
    dir,
    '-f',
    conf,
    '-DFOREGROUND',
    ...(asRoot ? ['-DAS_ROOT'] : []),
    ...(refresh ? ['-DCONSENT_REFRESH'] : []),
  ];
  checkConfig(apache, ['-t', ...args], `${apache} -t`, conf);

  // In a process group of its own: the workers outlive a parent that is killed, so stopping
  // signals the whole group. (Ctrl-C in a terminal then reaches only Node, which stops Apache.)
  const server = await startServer({
    name: 'Apache',
    command: apache,
    args,
    port,
    output,
    timeoutMs,
    group: true,
    // Apache says why it stopped in its error log (none when it stopped before opening it).
    exitDetails: () => readIfAny(join(logs, 'error.log')).trim(),
  });

  return {
    ...server,
    config: conf,
    refreshProgram: refresh ? program : null,
    logs: logFiles(logs),
  };
}
