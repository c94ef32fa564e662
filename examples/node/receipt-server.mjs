// A node:http receiver for the banner's receipt-url: each receipt kept once, in a receipt store
// (openReceiptStore: a directory on this server's disk, or PostgreSQL). And GET /refresh
// answers with the consent cookie sent back by the server (Safari keeps that one past 7 days),
// for nginx to pass on with its pages (auth_request).
// After `npm run build`: node examples/node/receipt-server.mjs (PORT=…, default 3001;
// STORE=…, default file:consent-records, or postgres://…; ORIGINS=…, the site's origins when a
// proxy passes this server another Host, comma-separated; COOKIE_DAYS=…, the banner's
// cookie-days, default 182)
import { createServer } from 'node:http';
import { openReceiptStore, refreshCookie, toNodeListener } from 'consent-banner/server';

const cookieDays = Number(process.env.COOKIE_DAYS ?? 182);
const store = await openReceiptStore(process.env.STORE ?? 'file:consent-records', {
  origins: process.env.ORIGINS?.split(',') ?? [],
  cookieDays,
});
const receipts = toNodeListener(store.handle); // 201 stored, 200 sent again, 4xx refused

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/refresh') {
    // Sets the consent cookie the request carries again, if it is a valid choice that lasts.
    const cookie = refreshCookie(req.headers.cookie, {
      cookieDays,
      secure: req.headers['x-forwarded-proto'] !== 'http', // https, unless the proxy says not
    });
    if (cookie) res.setHeader('Set-Cookie', cookie);
    return res.writeHead(204).end();
  }
  receipts(req, res);
});

server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
// Stopped (Ctrl-C, a service manager): the store is closed cleanly.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () => server.close(() => store.close().then(() => process.exit(0))));
