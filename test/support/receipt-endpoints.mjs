// @ts-check
// The web-test-runner back-end of the receipt tests (web-test-runner.config.mjs only registers it).
/**
 * Receipt endpoints for the receipt tests, one per name: `POST /__receipts/<name>` keeps the
 * body and its Content-Type and answers the endpoint's status (201 until a `PUT` whose body is
 * another status code); `GET` → what was posted so far, as a JSON array of `{type, body}`.
 */
/** @type {Map<string, { status: number, posts: { type: string, body: string }[] }>} */
const endpoints = new Map();
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
    ctx.status = endpoint.status;
  } else ctx.status = 405;
}
