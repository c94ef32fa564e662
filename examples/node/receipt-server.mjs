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
/** The store, opened on the first receipt (making a new one takes a few seconds). */
let opening;
const store = () =>
  (opening ??= openReceiptStore(process.env.STORE ?? 'file:consent-records', {
    origins: process.env.ORIGINS?.split(',') ?? [],
    cookieDays,
  }));

// The rate limit counts each visitor by the address the proxy saw, the last one it added to
// X-Forwarded-For: this server listens on 127.0.0.1, so only the proxy (or this machine) reaches it.
const client = (req) =>
  String(req.headers['x-forwarded-for'] ?? req.socket.remoteAddress)
    .split(',')
    .pop()
    .trim();

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
  store().then(
    (opened) => toNodeListener(opened.handle, { address: client })(req, res), // 201, 200 or 4xx
    (error) => {
      console.error(error.message); // the store cannot be opened: say why, keep serving
      opening = undefined;
      res.writeHead(503).end();
    },
  );
});

server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
// Stopped (Ctrl-C, a service manager): the store is closed cleanly.
for (const signal of ['SIGINT', 'SIGTERM'])
  process.once(signal, () =>
    server.close(async () => {
      await (await opening?.catch(() => null))?.close();
      process.exit(0);
    }),
  );
