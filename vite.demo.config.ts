// Dev server for the demo pages (`npm start`) and the Playwright suite (see playwright.config.ts).
// Root is the project root, so the pages live at /demo/… and load the element from /src/define.ts;
// the built files from dist/ are served at the site root, the way a web team would host them.
// The back-end (page views, receipts) is demo/backend.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { demoBackend } from './demo/backend.js';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const E2E = !!process.env.CONSENT_BANNER_E2E;

/**
 * Under the Playwright suite, the demo pages load the npm build (`consent-banner/define`, from
 * dist/) instead of the source: the suite tests what is shipped, and a page loads a handful of
 * files instead of every source module, each compiled on request. And a page is served as a site
 * would serve it, without the 220 kB dev client that Vite writes into every page (live reload is
 * off there anyway): every fresh context would load and compile it again.
 */
const builtElement = (): Plugin => ({
  name: 'built-element',
  transformIndexHtml: {
    order: 'post',
    handler(html) {
      return html
        .replaceAll('src="/src/define.ts"', 'src="/dist/define.js"')
        .replace('<script type="module" src="/@vite/client"></script>', '');
    },
  },
});

export default defineConfig({
  root: ROOT,
  appType: 'mpa',
  clearScreen: false,
  plugins: [demoBackend(), ...(E2E ? [builtElement()] : [])],
  server: {
    port: 5173,
    // The Playwright suite turns live reload off: an edit to src/ in the middle of a run must
    // not reload a page under test (the edited modules are still served fresh).
    hmr: !E2E,
    // test/e2e/clear.spec.ts maps www.consent.test to 127.0.0.1, to have a parent domain.
    allowedHosts: ['.consent.test'],
    // Build output, test artefacts and receipt stores change while the server runs; none of
    // them is a source.
    watch: {
      ignored: ['**/dist/**', '**/test-results/**', '**/playwright-report/**', '**/demo/.data/**'],
    },
  },
  // Discover Lit & co. from the demo pages up front: a dependency found later makes Vite
  // re-optimise and reload the page in the middle of a test.
  optimizeDeps: { entries: ['demo/**/*.html'] },
});
