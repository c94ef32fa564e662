// The demo's back-end: the page views that demo/analytics.js reports to /collect, and the
// receipt stores behind /receipts (docs/server/receipts.md).
// A Vite plugin; vite.demo.config.ts (`npm start`, and the Playwright suite) only registers it.
import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connect, Plugin } from 'vite';
import { CONSENT_ID } from '../src/core/codec.js';
import { MAX_RECEIPT_BYTES, readReceipt } from '../src/server/receipt.js';
import type { Receipt } from '../src/core/receipt.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the receipt stores live: one JSON-lines file per store (gitignored). */
// The Playwright suite keeps its receipts apart, so that a test run does not fill the demo's.
const DATA_DIR = join(ROOT, process.env.CONSENT_BANNER_E2E ? 'test-results/.data' : 'demo/.data');

/** Built files a page may load from the site root, e.g. `<script src="/consent-banner.iife.js">`. */
const DIST_FILES = /^\/(consent-banner(?:-extras)?(?:\.iife)?\.js(?:\.map)?)$/;

/** A POST to /collect bigger than this is not a page view. */
const MAX_BODY_BYTES = 4096;

/** A receipt store's name (`?store=`): the Playwright tests each use their own. */
const STORE_NAME = /^[a-z0-9-]{1,40}$/;
const DEFAULT_STORE = 'demo';

/** One page view reported by demo/analytics.js. */
interface Hit {
  page: string;
  at: string;
  receivedAt: string;
}

/** One line of a receipt store: the receipt as the banner sent it, and when it arrived. */
interface StoredReceipt extends Receipt {
  readonly receivedAt: string;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

function noContent(res: ServerResponse): void {
  res.statusCode = 204;
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

/**
 * The receipt stores, one file each: `demo/.data/receipts-<store>.jsonl` (under the e2e suite,
 * `test-results/.data/`). Every operation on a store waits for the one before it, so two POSTs
 * of one consent id never both store it.
 */
function receiptStores() {
  const queues = new Map<string, Promise<unknown>>();
  /** The stores whose POSTs answer 503 (`PUT /receipts/outage`). */
  const outages = new Set<string>();
  const file = (store: string) => join(DATA_DIR, `receipts-${store}.jsonl`);

  /** Runs `task` once every earlier task on `store` has settled. */
  function serial<T>(store: string, task: () => Promise<T>): Promise<T> {
    const result = (queues.get(store) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    queues.set(store, tail);
    void tail.then(() => {
      if (queues.get(store) === tail) queues.delete(store);
    });
    return result;
  }

  async function readAll(store: string): Promise<StoredReceipt[]> {
    let text: string;
    try {
      text = await readFile(file(store), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as StoredReceipt);
  }

  return {
    outages,
    /** The stored receipts, all of them or those with one consent id. */
    list: (store: string, id: string | null) =>
      serial(store, async () => (await readAll(store)).filter((r) => id === null || r.id === id)),
    /** Stores the receipt; `false` when one with its id is stored already. */
    add: (store: string, receipt: Receipt) =>
      serial(store, async () => {
        if ((await readAll(store)).some((r) => r.id === receipt.id)) return false;
        const line: StoredReceipt = { ...receipt, receivedAt: new Date().toISOString() };
        await mkdir(DATA_DIR, { recursive: true });
        await appendFile(file(store), `${JSON.stringify(line)}\n`);
        return true;
      }),
    clear: (store: string) => serial(store, () => rm(file(store), { force: true })),
  };
}

type ReceiptStores = ReturnType<typeof receiptStores>;

/** `/receipts` and `/receipts/outage` (see demoBackend). */
function handleReceipts(
  stores: ReceiptStores,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): void {
  const method = req.method ?? 'GET';
  const store = url.searchParams.get('store') ?? DEFAULT_STORE;
  if (!STORE_NAME.test(store)) {
    return send(res, 400, 'text/plain', 'store: 1 to 40 of a-z, 0-9 and "-".');
  }
  const failed = (error: unknown) =>
    send(res, 500, 'text/plain', `The receipt store failed: ${String(error)}`);

  if (url.pathname === '/receipts/outage') {
    if (method === 'PUT') stores.outages.add(store);
    else if (method === 'DELETE') stores.outages.delete(store);
    else return notAllowed(res, 'PUT, DELETE');
    return noContent(res);
  }

  if (method === 'POST') {
    if (stores.outages.has(store)) {
      return send(res, 503, 'text/plain', `The store "${store}" is in a test outage.`);
    }
    readBody(req, MAX_RECEIPT_BYTES).then(
      (body) => {
        let data: unknown;
        try {
          data = JSON.parse(body);
        } catch {
          return send(res, 400, 'text/plain', 'The body is not JSON.');
        }
        const receipt = readReceipt(data);
        if (!receipt) {
          return send(
            res,
            400,
            'text/plain',
            'Not a consent receipt of schema 1 (see docs/reference/receipt.md).',
          );
        }
        stores
          .add(store, receipt)
          .then(
            (added) =>
              added
                ? send(res, 201, 'application/json', '{"duplicate":false}')
                : send(res, 200, 'application/json', '{"duplicate":true}'),
            failed,
          );
      },
      () => send(res, 413, 'text/plain', `At most ${MAX_RECEIPT_BYTES} bytes.`),
    );
    return;
  }

  if (method === 'GET') {
    const id = url.searchParams.get('id');
    if (id !== null && !CONSENT_ID.test(id)) {
      return send(res, 400, 'text/plain', 'id: a consent id, 8 to 64 of A-Z, a-z, 0-9, "_", "-".');
    }
    stores.list(store, id).then((list) => {
      send(res, 200, 'application/json', JSON.stringify(list));
    }, failed);
    return;
  }

  if (method === 'DELETE') {
    stores.clear(store).then(() => noContent(res), failed);
    return;
  }

  notAllowed(res, 'GET, POST, DELETE');
}

/**
 * The demo's tiny back end:
 * - `GET /` → redirect to `/demo/`;
 * - `POST /collect` → 204, remembers the page view (in memory, until the server stops);
 * - `GET /collect/hits` → the page views so far, as a JSON array (`DELETE` empties it);
 * - `POST /receipts?store=<name>` → a consent receipt (docs/reference/receipt.md), at most
 *   MAX_RECEIPT_BYTES (413) and valid for `readReceipt` (400): 201 `{"duplicate":false}` when
 *   stored as one line of `demo/.data/receipts-<name>.jsonl`, 200 `{"duplicate":true}` when
 *   that store holds its consent id already; 503 while the store has an outage. `store` is
 *   1–40 of [a-z0-9-] (400 otherwise), `demo` when left out, on every receipts route;
 * - `GET /receipts?store=<name>&id=<consent id>` → the stored receipts with that id, as a JSON
 *   array (400 for a malformed id); without `id`, all of the store's; `DELETE` empties it;
 * - `PUT /receipts/outage?store=<name>` → 204, and POSTs to that store answer 503 until
 *   `DELETE /receipts/outage?store=<name>` (for tests of the banner's retry);
 * - `GET /consent-banner.iife.js`, `/consent-banner.js` → the files in dist/ (404 until built).
 */
export function demoBackend(): Plugin {
  const hits: Hit[] = [];
  const stores = receiptStores();

  const handle: Connect.NextHandleFunction = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path === '/' && method === 'GET') {
      res.statusCode = 302;
      res.setHeader('Location', '/demo/');
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
      return handleReceipts(stores, req, res, url);
    }

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

  return {
    name: 'consent-banner-demo-backend',
    // Registered directly (not returned), so it runs before Vite's own middlewares.
    configureServer(server) {
      server.middlewares.use(handle);
    },
    configurePreviewServer(server) {
      server.middlewares.use(handle);
    },
  };
}
