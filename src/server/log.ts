/**
 * Access logging that honours the `logs` choice (docs/server/index.md), for Node servers: plain
 * `node:http`, Express, Connect, anything with Node-style `req`/`res` objects. Nothing here
 * imports Node or a framework; the functions only read the fields they name.
 *
 * With `logs` granted a line holds the client's full address and the exact access time;
 * otherwise the address is anonymised (see {@link anonymizeIp}) and the time cut to the day,
 * so the line cannot be joined back to a full address in the legal-minimum log.
 */
import { PREFIX } from '../core/report.js';
import { NO_ADDRESS, anonymizeIp, normalizeIp } from './ip.js';
import { checked, isGranted, type ReadConsentOptions } from './read-consent.js';

/** What the log helpers take beyond the cookie's options. */
const LOG_OPTIONS = ['trustProxy', 'time', 'write'];

/** Header values as Node gives them; or a Fetch API `Headers` object. */
export type HeadersLike =
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | { get(name: string): string | null };

/** The parts of a request that logging reads (a `node:http` `IncomingMessage` has them all). */
export interface RequestLike {
  readonly headers?: HeadersLike | null;
  readonly socket?: { readonly remoteAddress?: string | undefined } | null;
  readonly method?: string | undefined;
  /** The path and query string, e.g. `/news?page=2`. */
  readonly url?: string | undefined;
  /** Express keeps the full path here when a router has shortened `url`. */
  readonly originalUrl?: string | undefined;
}

/** The parts of a response that logging reads (a `node:http` `ServerResponse` has them). */
export interface ResponseLike {
  readonly statusCode?: number | undefined;
  once?(event: 'finish' | 'close', listener: () => void): unknown;
}

export interface LogOptions extends ReadConsentOptions {
  /**
   * Take the client address from the last `X-Forwarded-For` entry (the one your own reverse
   * proxy appended) instead of the socket. Only when the server is reachable through that
   * proxy alone: anyone else can write the header.
   */
  readonly trustProxy?: boolean;
}

function header(request: RequestLike, name: string): string | undefined {
  const headers = request.headers;
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  const value = (headers as Readonly<Record<string, unknown>>)[name];
  if (typeof value === 'string') return value;
  // HTTP/2 may hand several `cookie` headers over as a list; they join with `; `.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('; ');
  return undefined;
}

/** The `Cookie` header of a request (`undefined` when it has none). */
export const cookieHeader = (request: RequestLike): string | undefined => header(request, 'cookie');

function remoteAddress(request: RequestLike, options: LogOptions): unknown {
  if (options?.trustProxy) {
    const forwarded = header(request, 'x-forwarded-for');
    if (forwarded !== undefined) return forwarded.split(',').pop()?.trim();
  }
  return request.socket?.remoteAddress;
}

/**
 * Whether the request's consent cookie grants `logs`. Never throws for a request, whatever it
 * holds; wrong options (see `ReadConsentOptions`) throw a `TypeError`, as `readConsent` does.
 */
export function logsGranted(request: RequestLike, options: LogOptions = {}): boolean {
  // The cookie's options, checked at once; the others are the log helpers' own.
  const read = checked(options, LOG_OPTIONS);
  try {
    return isGranted(cookieHeader(request), 'logs', read);
  } catch {
    return false;
  }
}

/**
 * The client address to write in a log line: in full (canonical form, an IPv4-mapped
 * address as plain IPv4) when the request's consent cookie grants `logs`, anonymised
 * otherwise (`203.0.113.7` → `203.0.113.0`, `2001:db8:1234:5678::1` → `2001:db8:1234::`);
 * `-` when the request has no usable address. Never throws for a request; wrong options throw a `TypeError`.
 *
 * @example
 * http.createServer((req, res) => {
 *   console.log(clientIp(req), req.method, req.url);
 * });
 */
export function clientIp(request: RequestLike, options: LogOptions = {}): string {
  return addressToLog(request, options, logsGranted(request, options));
}

function addressToLog(request: RequestLike, options: LogOptions, granted: boolean): string {
  try {
    const address = remoteAddress(request, options);
    return granted ? normalizeIp(address) : anonymizeIp(address);
  } catch {
    return NO_ADDRESS;
  }
}

/** nginx's escaping: `"`, `\`, control and non-ASCII characters as `\xHH` (`\uHHHH` above U+00FF). */
const escapeField = (text: string): string =>
  text.replace(/[^\x20-\x7e]|["\\]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0').toUpperCase()}`
      : `\\u${code.toString(16).padStart(4, '0').toUpperCase()}`;
  });

const MAX_URL = 2048;

/**
 * One access-log line for a request, honouring its consent cookie:
 *
 *     203.0.113.7 [2025-11-22T03:04:05Z] "GET /news?page=2" 200 logs=1
 *     203.0.113.0 [2025-11-22] "GET /news?page=2" 200 logs=0
 *
 * Address from {@link clientIp}; time in UTC, to the second with `logs` granted, to the day
 * otherwise; method and URL escaped as nginx does (a request cannot forge a line); status
 * `-` when no response is given. Never throws for a request; wrong options throw a `TypeError`.
 */
export function logLine(
  request: RequestLike,
  response?: ResponseLike | null,
  options: LogOptions & { readonly time?: Date } = {},
): string {
  // Outside the guard: wrong options are the server's mistake, and say so.
  const granted = logsGranted(request, options);
  try {
    const time = options?.time ?? new Date();
    const iso = Number.isNaN(time.getTime()) ? '-' : time.toISOString();
    const when = granted ? iso.replace(/\.\d{3}Z$/, 'Z') : iso.slice(0, 10);
    const method = escapeField(String(request.method ?? '-').slice(0, 32));
    const url = escapeField(String(request.originalUrl ?? request.url ?? '-').slice(0, MAX_URL));
    const status = typeof response?.statusCode === 'number' ? response.statusCode : '-';
    const address = addressToLog(request, options, granted);
    return `${address} [${when}] "${method} ${url}" ${status} logs=${granted ? 1 : 0}`;
  } catch {
    return `${NO_ADDRESS} [-] "-" - logs=0`;
  }
}

export interface ConsentLogOptions extends LogOptions {
  /** Where each line goes (default `console.log`). */
  readonly write?: (line: string) => void;
}

/**
 * Connect/Express middleware (also usable as a plain function in a `node:http` handler) that
 * writes one {@link logLine} per request once its response has finished (or the connection
 * has closed before that).
 *
 * @example
 * app.use(consentLog({ write: (line) => stream.write(line + '\n') })); // Express
 *
 * const log = consentLog();
 * http.createServer((req, res) => { log(req, res); … });              // node:http
 */
export function consentLog(
  options: ConsentLogOptions = {},
): (request: RequestLike, response: ResponseLike, next?: (error?: unknown) => void) => void {
  // Wrong options throw here, when the server sets the middleware up.
  checked(options, LOG_OPTIONS);
  const write = options.write ?? ((line: string) => console.log(line));
  return (request, response, next) => {
    let written = false;
    const emit = () => {
      if (written) return;
      written = true;
      try {
        write(logLine(request, response, options));
      } catch (error) {
        // A failing log writer must not take the server down with it.
        console.error(PREFIX, error);
      }
    };
    if (typeof response?.once === 'function') {
      response.once('finish', emit);
      // A client that goes away before the response is sent: no 'finish', but still a request.
      response.once('close', emit);
    } else {
      emit();
    }
    next?.();
  };
}
