// Dev server for the demo pages (`npm start`) and the Playwright suite (see playwright.config.ts).
// Root is the project root, so the pages live at /demo/… and load the element from /src/define.ts;
// the built files from dist/ are served at the site root, the way a web team would host them.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Connect, type Plugin } from 'vite';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Built files a page may load from the site root, e.g. `<script src="/consent-banner.iife.js">`. */
const DIST_FILES = /^\/(consent-banner(?:\.iife)?\.js(?:\.map)?)$/;

/** A POST to /collect bigger than this is not a page view. */
const MAX_BODY_BYTES = 4096;

/** One page view reported by demo/analytics.js. */
interface Hit {
  page: string;
  at: string;
  receivedAt: string;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      if (body.length > MAX_BODY_BYTES) return;
      body += chunk;
      if (body.length > MAX_BODY_BYTES) reject(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
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
 * The demo's tiny back end:
 * - `GET /` → redirect to `/demo/`;
 * - `POST /collect` → 204, remembers the page view (in memory, until the server stops);
 * - `GET /collect/hits` → the page views so far, as a JSON array (`DELETE` empties it);
 * - `GET /consent-banner.iife.js`, `/consent-banner.js` → the files in dist/ (404 until built).
 */
function demoBackend(): Plugin {
  const hits: Hit[] = [];

  const handle: Connect.NextHandleFunction = (req, res, next) => {
    const path = new URL(req.url ?? '/', 'http://demo.invalid').pathname;
    const method = req.method ?? 'GET';

    if (path === '/' && method === 'GET') {
      res.statusCode = 302;
      res.setHeader('Location', '/demo/');
      res.end();
      return;
    }

    if (path === '/collect' && method === 'POST') {
      readBody(req).then(
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

export default defineConfig({
  root: ROOT,
  appType: 'mpa',
  clearScreen: false,
  plugins: [demoBackend()],
  server: {
    port: 5173,
    // The Playwright suite turns live reload off: an edit to src/ in the middle of a run must
    // not reload a page under test (the edited modules are still served fresh).
    hmr: !process.env.CONSENT_BANNER_E2E,
    // Build output and test artefacts change while the server runs; none of them is a source.
    watch: { ignored: ['**/dist/**', '**/test-results/**', '**/playwright-report/**'] },
  },
  // Discover Lit & co. from the demo pages up front: a dependency found later makes Vite
  // re-optimise and reload the page in the middle of a test.
  optimizeDeps: { entries: ['demo/**/*.html'] },
});
