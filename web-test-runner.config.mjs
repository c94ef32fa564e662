// Component tests in a real Chromium (see scripts/find-browser.mjs for which one).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-browser.mjs';

let executablePath;
try {
  executablePath = findChromium();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

/**
 * Receipt endpoints for the receipt tests, one per name: `POST /__receipts/<name>` keeps the
 * body and its Content-Type and answers the endpoint's status (201 until a `PUT` whose body is
 * another status code); `GET` → what was posted so far, as a JSON array of `{type, body}`.
 */
const endpoints = new Map();
async function receiptEndpoints(ctx, next) {
  const name = /^\/__receipts\/([\w-]{1,80})$/.exec(ctx.path)?.[1];
  if (!name) return next();
  if (!endpoints.has(name)) endpoints.set(name, { status: 201, posts: [] });
  const endpoint = endpoints.get(name);
  let body = '';
  for await (const chunk of ctx.req) body += chunk;
  if (ctx.method === 'GET') ctx.body = endpoint.posts;
  else if (ctx.method === 'PUT') {
    endpoint.status = Number(body);
    ctx.status = 204;
  } else if (ctx.method === 'POST') {
    endpoint.posts.push({ type: ctx.get('content-type'), body });
    ctx.status = endpoint.status;
  } else ctx.status = 405;
}

export default {
  files: ['test/core/**/*.test.ts', 'test/effects/**/*.test.ts', 'test/element/**/*.test.ts'],
  nodeResolve: true,
  middleware: [receiptEndpoints],
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2021' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      // Pin the environment: the tests assert Thai/English resolution and dates.
      createBrowserContext: ({ browser }) =>
        browser.newContext({ locale: 'en-US', timezoneId: 'Asia/Bangkok' }),
    }),
  ],
  testFramework: { config: { timeout: 10000 } },
};
