/** Types of apache.mjs, for the TypeScript e2e suite. */
import type { RunningServer, ServerStartOptions } from '../server-kit.mjs';

export { PROJECT_ROOT, freePort } from '../server-kit.mjs';

/** The config template, with {{PORT}}, {{PREFIX}}, {{LOG_DIR}}, {{DOCUMENT_ROOT}}, … */
export declare const TEMPLATE: string;
/** The one line to print when there is no Apache. */
export declare const INSTALL_HINT: string;
/** The one line to print when there is no php-cli (for consent-refresh.php). */
export declare const PHP_INSTALL_HINT: string;
/** examples/apache/consent-refresh.php: the program that sends the consent cookie back. */
export declare const REFRESH_PROGRAM: string;

/** The Apache binary ($APACHE2 or $HTTPD, then PATH and the usual sbin directories), or `null`. */
export declare function findApache(): string | null;

/** The php-cli binary ($PHP, then `php` on PATH, then /usr/bin/php), or `null`. */
export declare function findPhp(): string | null;

/** The directory of Apache's modules (the one with mod_mpm_event.so); throws when none has it. */
export declare function findModuleDir(apache: string): string;

export interface TemplateValues {
  port: number;
  prefix: string;
  logDir: string;
  documentRoot: string;
  moduleDir: string;
  /** Whom the workers run as when Apache is started as root (default `nobody`). */
  runUser?: string;
  /** Their group (default `#65534`). */
  runGroup?: string;
  /** php-cli (default `/usr/bin/php`). */
  php?: string;
  /** The program php-cli runs (default REFRESH_PROGRAM). */
  refreshProgram?: string;
  /** Whom it runs as, by name (default `nobody`). */
  programUser?: string;
  /** Its group, by name (default `nogroup`). */
  programGroup?: string;
}
/** Fills in the template; throws on a missing value or a path Apache cannot take. */
export declare function renderConfig(template: string, values: TemplateValues): string;

export interface StartOptions extends ServerStartOptions {
  /** Apache's ServerRoot: config, pid file, runtime files (created if missing). */
  prefix: string;
  /** Config text with the same placeholders (default: httpd.conf.template). */
  template?: string;
  /**
   * The PHP file php-cli runs to send the consent cookie back with the pages (default
   * REFRESH_PROGRAM); `null` starts Apache without it, and no PHP is needed. A path where
   * there is no program is started all the same: php-cli fails at once, and the pages go out
   * without the cookie.
   */
  refreshProgram?: string | null;
}

export interface RunningApache extends RunningServer {
  /** The parent process (also the id of its process group). */
  pid: number | undefined;
  /** The program php-cli runs for the cookie, or `null` when Apache runs without it. */
  refreshProgram: string | null;
}

/** Renders, checks (`apache2 -t`) and starts Apache; resolves once it accepts connections. */
export declare function startApache(options: StartOptions): Promise<RunningApache>;
