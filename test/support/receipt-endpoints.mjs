// @ts-check
// The web-test-runner back-end of the receipt tests (web-test-runner.config.mjs only registers it).
/**
 * Receipt endpoints for the receipt tests, one per name: `POST /__receipts/<name>` keeps the
 * body and its Content-Type (so a test sees every send, the same receipt sent again included),
 * and is answered by the package's receipt store (the built dist/server.js, in memory,
 * docs/server/records.md), until a `PUT` whose body is a status code makes the endpoint answer
 * that status instead (an outage, a refusal), without asking the store; `PUT 201` gives it back
 * to the store. `GET` → what was posted so far, as a JSON array of `{type, body}`.
 */
/** @type {Map<string, { status: number, posts: { type: string, body: string }[] }>} */
const endpoints = new Map();

/** @typedef {{ handle(request: Request): Promise<Response> }} Store */
/** @type {Promise<Store> | undefined} */
let opening;
/** The one store behind every endpoint, opened on the first receipt (`npm run build` first). */
const store = () =>
  (opening ??= import(new URL('../../dist/server.js', import.meta.url).href).then(
    (server) =>
      /** @type {Promise<Store>} */ (server.openReceiptStore('memory:', { perMinute: 0 })),
  ));

/**
 * @param {import('koa').Context} ctx
 * @param {import('koa').Next} next
 */
export async function receiptEndpoints(ctx, next) {
  const name = /^\/__receipts\/([\w-]{1,80})$/.exec(ctx.path)?.[1];
  if (!name) return next();
  const endpoint = endpoints.get(name) ?? { status: 201, posts: [] };
  endpoints.set(name, endpoint);
  let body = '';
  for await (const chunk of ctx.req) body += chunk;
  if (ctx.method === 'GET') ctx.body = endpoint.posts;
  else if (ctx.method === 'PUT') {
    endpoint.status = Number(body);
    ctx.status = 204;
  } else if (ctx.method === 'POST') {
    endpoint.posts.push({ type: ctx.get('content-type'), body });
    if (endpoint.status !== 201) {
      ctx.status = endpoint.status;
      return;
    }
    const headers = new Headers();
    for (const [key, value] of Object.entries(ctx.req.headers))
      if (typeof value === 'string') headers.set(key, value);
    const answer = await (
      await store()
    ).handle(new Request(ctx.href, { method: 'POST', headers, body }));
    ctx.status = answer.status;
    // (`Consent-Wording: send` among them: the store asks for a wording it does not hold.)
    for (const [key, value] of answer.headers) if (key !== 'content-length') ctx.set(key, value);
    ctx.body = await answer.text();
  } else ctx.status = 405;
}
