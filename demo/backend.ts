// The demo's back-end: the page views that demo/analytics.js reports to /collect, and the
// package's receipt store (docs/server/records.md) behind /receipts, with its audit page at
// /demo/records/.
// A Vite plugin; vite.demo.config.ts (`npm start`, and the Playwright suite) only registers it.
import { mkdir, readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connect, Plugin } from 'vite';
// Types only: the module itself is loaded through Vite when the store is first needed (see
// demoBackend), because the audit page inlines uPlot's files as text (`?raw`), which only Vite's
// own pipeline reads.
import type * as ServerEntry from '../src/server/index.js';
import type { ReceiptStore } from '../src/server/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the demo keeps its data (gitignored). */
// The Playwright suite keeps its receipts apart, so that a test run does not fill the demo's
// (and Playwright empties test-results/ before each run, so every run starts with a new store).
const DATA_DIR = join(ROOT, process.env.CONSENT_BANNER_E2E ? 'test-results/.data' : 'demo/.data');

/** The receipt store: an embedded PostgreSQL (PGlite) in a directory, made on first use. */
const STORE_URL = `file:${join(DATA_DIR, 'records')}`;

/** Where the audit page is served: a path ending in `/`, as its files are relative to it. */
const RECORDS_PATH = '/demo/records/';

/** Built files a page may load from the site root, e.g. `<script src="/consent-banner.iife.js">`. */
const DIST_FILES = /^\/(consent-banner(?:-extras)?(?:\.iife)?\.js(?:\.map)?)$/;

/** A POST to /collect bigger than this is not a page view. */
const MAX_BODY_BYTES = 4096;

/**
 * A receipt-url's `?tag=`, which the store ignores: `PUT /receipts/outage?tag=<tag>` makes only
 * the POSTs with that tag answer 503, so a test of the banner's retries does not fail the
 * receipts of the tests that run beside it.
 */
const TAG = /^[a-z0-9-]{1,40}$/;

/** One page view reported by demo/analytics.js. */
interface Hit {
  page: string;
  at: string;
  receivedAt: string;
}

type ServerModule = typeof ServerEntry;
type Listener = ReturnType<ServerModule['toNodeListener']>;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 302;
  res.setHeader('Location', location);
  res.end();
}

function notAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow);
  send(res, 405, 'text/plain', `Allowed: ${allow}.`);
}

/** The request body as UTF-8 text; rejects once it is longer than `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else reject(new Error('body too large')); // read on to the end, keep nothing more
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseHit(body: string): Hit | null {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { page, at } = data as Record<string, unknown>;
  if (typeof page !== 'string' || typeof at !== 'string') return null;
  return { page, at, receivedAt: new Date().toISOString() };
}

/** The open store, and its two handlers as node:http listeners. */
interface Records {
  store: ReceiptStore;
  receipts: Listener;
  audit: Listener;
}

/**
 * The receipt store, opened on the first request that needs it (so the server starts at once;
 * making a new store takes seconds). Requests that arrive while it opens wait for the same
 * opening: one directory is opened by one store at a time (docs/server/records.md "Install").
 * An opening that fails is tried again by the next request.
 */
function lazyRecords(load: () => Promise<ServerModule>) {
  let opening: Promise<Records> | null = null;
  let closed = false;

  async function open(): Promise<Records> {
    const { openReceiptStore, toNodeListener } = await load();
    // PGlite makes the store's own directory, not the ones above it.
    await mkdir(DATA_DIR, { recursive: true });
    // No rate limit: the e2e suite sends many receipts from one address.
    const store = await openReceiptStore(STORE_URL, { perMinute: 0 });
    return { store, receipts: toNodeListener(store.handle), audit: toNodeListener(store.audit) };
  }

  return {
    get(): Promise<Records> {
      if (closed) return Promise.reject(new Error('the server is closing'));
      opening ??= open().catch((error: unknown) => {
        opening = null;
        throw error;
      });
      return opening;
    },
    async close(): Promise<void> {
      closed = true;
      const current = opening;
      opening = null;
      if (current) await current.then(({ store }) => store.close()).catch(() => {});
    },
  };
}

type LazyRecords = ReturnType<typeof lazyRecords>;

/**
 * The demo's tiny back end:
 * - `GET /` → redirect to `/demo/`;
 * - `GET /favicon.ico` → 204: the browser asks for it on a page without an icon link, and a
 *   404 there would be a console error on the page;
 * - `POST /collect` → 204, remembers the page view (in memory, until the server stops);
 * - `GET /collect/hits` → the page views so far, as a JSON array (`DELETE` empties it);
 * - `/receipts` → the receipt store's `handle` (docs/server/records.md "Taking receipts"): a
 *   `POST` of a receipt answers 201 stored, 200 already stored, or 4xx; its records are kept in
 *   `demo/.data/records/` (under the e2e suite, `test-results/.data/records/`);
 * - `PUT /receipts/outage?tag=<tag>` → 204, and POSTs to `/receipts?tag=<tag>` answer 503 until
 *   `DELETE /receipts/outage?tag=<tag>` (for tests of the banner's retry); without `tag`, the
 *   POSTs without one. A `tag` that is not 1–40 of [a-z0-9-] is answered 400, on both routes;
 * - `GET /demo/records/` and its files → the store's audit page (docs/server/records.md "The
 *   audit page"): `?id=<consent id>` looks a record up, `?lang=en` in English; `/demo/records`
 *   redirects there. A site puts it behind its own authentication; the demo runs on your machine;
 * - `GET /consent-banner.iife.js`, `/consent-banner.js` → the files in dist/ (404 until built).
 */
function backend(records: LazyRecords, log: (message: string) => void) {
  const hits: Hit[] = [];
  /** The tags whose POSTs answer 503 (`''`: the POSTs without a tag). */
  const outages = new Set<string>();

  /** Answers through the store, or 503 when it cannot be opened (the banner sends again later). */
  function toStore(pick: (r: Records) => Listener, req: IncomingMessage, res: ServerResponse) {
    records.get().then(
      (r) => pick(r)(req, res),
      (error: unknown) => {
        log(`The receipt store ${STORE_URL} could not be opened: ${String(error)}`);
        send(res, 503, 'text/plain', `The receipt store could not be opened: ${String(error)}`);
      },
    );
  }

  const handle: Connect.NextHandleFunction = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/' && method === 'GET') return redirect(res, '/demo/');
    if (path === '/favicon.ico' && method === 'GET') {
      res.statusCode = 204;
      res.end();
      return;
    }

    if (path === '/collect' && method === 'POST') {
      readBody(req, MAX_BODY_BYTES).then(
        (body) => {
          const hit = parseHit(body);
          if (!hit) return send(res, 400, 'text/plain', 'Expected JSON {"page": "…", "at": "…"}.');
          hits.push(hit);
          res.statusCode = 204;
          res.end();
        },
        () => send(res, 413, 'text/plain', `At most ${MAX_BODY_BYTES} bytes.`),
      );
      return;
    }

    if (path === '/collect/hits') {
      if (method === 'GET') return send(res, 200, 'application/json', JSON.stringify(hits));
      if (method === 'DELETE') {
        hits.length = 0;
        res.statusCode = 204;
        res.end();
        return;
      }
    }

    if (path === '/receipts' || path === '/receipts/outage') {
      const tag = url.searchParams.get('tag') ?? '';
      if (tag !== '' && !TAG.test(tag)) {
        return send(res, 400, 'text/plain', 'tag: 1 to 40 of a-z, 0-9 and "-".');
      }
      if (path === '/receipts/outage') {
        if (method === 'PUT') outages.add(tag);
        else if (method === 'DELETE') outages.delete(tag);
        else return notAllowed(res, 'PUT, DELETE');
        res.statusCode = 204;
        res.end();
        return;
      }
      // The outage answers before the store is asked, as a database that cannot be reached
      // would (docs/server/records.md "Faults").
      if (method === 'POST' && outages.has(tag)) {
        res.setHeader('Retry-After', '5');
        return send(res, 503, 'text/plain', 'The receipt store is in a test outage.');
      }
      return toStore((r) => r.receipts, req, res);
    }

    if (path === RECORDS_PATH.slice(0, -1)) return redirect(res, `${RECORDS_PATH}${url.search}`);
    if (path.startsWith(RECORDS_PATH)) return toStore((r) => r.audit, req, res);

    const dist = DIST_FILES.exec(path);
    if (dist && method === 'GET') {
      const file = `dist/${dist[1]}`;
      const type = file.endsWith('.map') ? 'application/json' : 'text/javascript';
      readFile(join(ROOT, file), 'utf8').then(
        (text) => send(res, 200, type, text),
        () => send(res, 404, 'text/plain', `${file} does not exist: run \`npm run build\` first.`),
      );
      return;
    }

    next();
  };
  return handle;
}

export function demoBackend(): Plugin {
  /** The dev server's store, closed with the server. */
  let devRecords: LazyRecords | null = null;

  return {
    name: 'consent-banner-demo-backend',
    // The dev server loads src/server/index.ts as an SSR module: uPlot, which the audit page
    // imports as text (`?raw`), must go through Vite's pipeline rather than Node's loader.
    config: () => ({ ssr: { noExternal: ['uplot'] } }),
    // Registered directly (not returned), so it runs before Vite's own middlewares.
    configureServer(server) {
      const records = lazyRecords(
        // ssrLoadModule types its modules loosely; this one is src/server/index.ts.
        async () => (await server.ssrLoadModule('/src/server/index.ts')) as ServerModule,
      );
      devRecords = records;
      server.middlewares.use(backend(records, (m) => server.config.logger.error(m)));
    },
    // Vite runs `buildEnd` when the dev server closes, and waits for it.
    async buildEnd() {
      await devRecords?.close();
    },
    configurePreviewServer(server) {
      // A preview server has no module graph: the store comes from the build (`npm run build`).
      const built = pathToFileURL(join(ROOT, 'dist/server.js')).href;
      const records = lazyRecords(async () => (await import(built)) as ServerModule);
      server.httpServer.once('close', () => void records.close());
      server.middlewares.use(backend(records, (m) => server.config.logger.error(m)));
    },
  };
}
