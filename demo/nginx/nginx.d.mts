/** Types of nginx.mjs, for the TypeScript e2e suite. */
import type { RunningServer, ServerStartOptions } from '../server-kit.mjs';

export { PROJECT_ROOT, freePort } from '../server-kit.mjs';

/**
 * The config template, with {{PORT}}, {{PREFIX}}, {{LOG_DIR}}, {{DOCUMENT_ROOT}} and
 * {{CONSENT_PORT}}.
 */
export declare const TEMPLATE: string;
/** The one line to print when there is no nginx. */
export declare const INSTALL_HINT: string;

/** The nginx binary ($NGINX, then PATH and the usual sbin directories), or `null`. */
export declare function findNginx(): string | null;

export interface TemplateValues {
  port: number;
  prefix: string;
  logDir: string;
  documentRoot: string;
  /** The consent endpoint's port. */
  consentPort: number;
}
/** Fills in the template; throws on a missing value or a path nginx cannot take. */
export declare function renderConfig(template: string, values: TemplateValues): string;

/** examples/node/receipt-server.mjs: takes receipts, and answers GET /refresh with the cookie. */
export declare const CONSENT_ENDPOINT: string;

/** Starts the consent endpoint on a free loopback port; resolves once it listens. */
export declare function startConsentEndpoint(
  file: string,
  timeoutMs?: number,
): Promise<{ port: number; stop(): Promise<void> }>;

export interface StartOptions extends ServerStartOptions {
  /** nginx's working directory: config, pid file, temp files (created if missing). */
  prefix: string;
  /** Config text with the same placeholders (default: nginx.conf.template). */
  template?: string;
  /**
   * Start the consent endpoint for the pages' cookie (default `true`); `false` leaves nothing
   * on its port, and nginx serves the pages without the cookie.
   */
  consentEndpoint?: boolean;
}

export interface RunningNginx extends RunningServer {
  /** The consent endpoint's port. */
  consentPort: number;
  /** Stops the consent endpoint, then nginx (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Renders, checks (`nginx -t`) and starts nginx; resolves once it accepts connections. */
export declare function startNginx(options: StartOptions): Promise<RunningNginx>;
