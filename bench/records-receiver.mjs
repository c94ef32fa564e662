// The receiver `npm run bench:records` loads: a node:http server around openReceiptStore (the
// built dist/server.js), in a process of its own so that the bench can kill it. STORE=… the
// store's address; PORT=… (0: any free one); BODY_TIMEOUT_MS=…. No rate limit: the load comes
// from one loopback address. Prints "listening on <port>" once it takes requests.
import { createServer } from 'node:http';
import { openReceiptStore, toNodeListener } from 'consent-banner/server';

const store = await openReceiptStore(process.env.STORE, {
  perMinute: 0,
  bodyTimeoutMs: Number(process.env.BODY_TIMEOUT_MS ?? 10_000),
});
const server = createServer(toNodeListener(store.handle));
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on ${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => store.close().then(() => process.exit(0))));
