// Dev-server middleware for test/flows/cookie-agreement.test.ts: a page with the built IIFE
// under /__cookies/ (so that cookies with Path=/__cookies reach it too), which keeps the Cookie
// header of its own request, and an endpoint that reads that header with consent-banner/server.
//
//   GET /__cookies/page.html?_id=…&<attribute>=<value>…  the IIFE, its data-* from the query
//   GET /__cookies/read?_id=…&cookieName=…&revision=…&categories=a,b
//        → { header, consent: readConsent(header, options) } for that page's request
const ATTRIBUTE = /^[a-z][a-z-]{0,30}$/;
/** The Cookie header of each page request, by its `_id`. */
const headers = new Map();
const escape = (text) => text.replace(/[&"<>]/g, (c) => `&#${c.charCodeAt(0)};`);

export async function cookieAgreement(ctx, next) {
  if (ctx.path === '/__cookies/page.html') {
    headers.set(String(ctx.query._id), ctx.get('cookie'));
    const data = Object.entries(ctx.query)
      .filter(([name, value]) => ATTRIBUTE.test(name) && typeof value === 'string')
      .map(([name, value]) => ` data-${name}="${escape(value)}"`)
      .join('');
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cookies</title>
<link rel="icon" href="data:,"><script src="/dist/consent-banner.iife.js"${data}></script>
</head><body><main><h1>cookies</h1></main></body></html>`;
    return;
  }
  if (ctx.path === '/__cookies/read') {
    // Loaded when first asked: web-test-runner.config.mjs says so when dist/ is not built.
    const { readConsent } = await import('../../dist/server.js');
    const header = headers.get(String(ctx.query._id)) ?? '';
    const { cookieName, revision, categories } = ctx.query;
    const options = {
      ...(cookieName ? { cookieName } : {}),
      ...(revision ? { revision: Number(revision) } : {}),
      ...(categories ? { siteCategories: String(categories).split(',') } : {}),
    };
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { header, consent: readConsent(header, options) };
    return;
  }
  return next();
}
