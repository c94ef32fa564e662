/** Types of server-kit.mjs, for the TypeScript e2e suite. */
/** The project directory: the servers serve demo/ and dist/ from it. */
export declare const PROJECT_ROOT: string;
/** The built script-tag file the demo pages load. */
export declare const IIFE: string;

/** An executable file at one of `candidates`, or `null`. */
export declare function firstExecutable(candidates: readonly string[]): string | null;
/** Each of `names` in each directory of PATH, then in each of `dirs`. */
export declare function onPath(names: readonly string[], dirs?: readonly string[]): string[];

/** A free loopback port. */
export declare function freePort(): Promise<number>;
/** Whether `port` is a port number (1-65535). */
export declare function isPort(port: unknown): port is number;
/** Throws unless `port` is a port number. */
export declare function assertPort(port: unknown): asserts port is number;

/** Replaces each {{NAME}} in `template`; throws, naming the template `name`, on one left over. */
export declare function fillTemplate(
  template: string,
  values: Record<string, string>,
  name: string,
): string;
/** Runs the server's config check; throws `<what> rejected <conf>:` and its message on failure. */
export declare function checkConfig(
  command: string,
  args: readonly string[],
  what: string,
  conf: string,
): void;

export interface LogFiles {
  detailed: string;
  legal: string;
  error: string;
}
/** The logs of consent-log.conf, in `logDir`. */
export declare function logFiles(logDir: string): LogFiles;

export interface ServerOptions {
  /** The server's name, for messages. */
  name: string;
  command: string;
  args: readonly string[];
  port: number;
  output?: 'pipe' | 'inherit';
  timeoutMs?: number;
  /** In a process group of its own, signalled as a whole when it is killed or stopped. */
  group?: boolean;
  /** More of why it exited before it listened (its error log, say). */
  exitDetails?: () => string;
}

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  pid: number | undefined;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The server's stderr so far (empty when `output` is 'inherit'). */
  stderr(): string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and resolves once it has exited. */
  stop(): Promise<void>;
}

/** Starts a server in the foreground; resolves once 127.0.0.1:`port` accepts connections. */
export declare function startServer(options: ServerOptions): Promise<ServerProcess>;

/** What a demo server takes to start (nginx.mjs, apache.mjs add their own options). */
export interface ServerStartOptions {
  port: number;
  /** Default: the project directory. */
  documentRoot?: string;
  /** Default: `<prefix>/logs`. */
  logDir?: string;
  /** The server's stdout/stderr: kept (`pipe`, see `stderr()`) or shown (`inherit`). */
  output?: 'pipe' | 'inherit';
  timeoutMs?: number;
}

/** A demo server, running. */
export interface RunningServer extends ServerProcess {
  /** The rendered config file. */
  config: string;
  logs: LogFiles;
}

/** Says `message` on stderr and exits with 1. */
export declare function failWith(message: string): never;
/** $PORT (`fallback` when unset); exits when it is not a port number. */
export declare function portFromEnv(fallback: number): number;
/** Builds dist/ (`npm run build`) when the script-tag file is missing or older than src/. */
export declare function buildIfStale(): void;
/** Exits when 127.0.0.1:`port` is in use, suggesting `retry`. */
export declare function exitIfInUse(port: number, retry: string): Promise<void>;
/** What `start()` resolves to; exits with its message when it rejects. */
export declare function startOrExit<T>(start: () => Promise<T>): Promise<T>;
/** On SIGINT or SIGTERM, stops `server` and exits; returns whether it is stopping so. */
export declare function stopOnSignals(
  name: string,
  server: { stop(): Promise<void> },
): () => boolean;
