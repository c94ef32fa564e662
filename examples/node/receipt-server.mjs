// A node:http receiver for the banner's receipt-url: each receipt once, as one JSON line. And
// GET /refresh answers with the consent cookie sent back by the server (Safari keeps that one
// past 7 days), for nginx to pass on with its pages (auth_request).
// After `npm run build`: node examples/node/receipt-server.mjs (PORT=…, default 3001; FILE=…, default
// receipts.jsonl; COOKIE_DAYS=…, the banner's cookie-days, default 182)
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { MAX_RECEIPT_BYTES, readReceipt, refreshCookie } from 'consent-banner/server';

const file = process.env.FILE ?? 'receipts.jsonl';
const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
const stored = new Set(lines.map((line) => JSON.parse(line).id)); // the consent ids kept so far

/** Sets the consent cookie the request carries again, if it is a valid choice that lasts. */
function keepCookie(req, res) {
  const cookie = refreshCookie(req.headers.cookie, {
    cookieDays: Number(process.env.COOKIE_DAYS ?? 182),
    secure: req.headers['x-forwarded-proto'] !== 'http', // https, unless the proxy says not
  });
  if (cookie) res.setHeader('Set-Cookie', cookie);
}

async function receive(req, res) {
  if (req.method === 'GET' && req.url === '/refresh') {
    keepCookie(req, res);
    return res.writeHead(204).end();
  }
  if (req.method !== 'POST') return res.writeHead(405, { Allow: 'POST' }).end();
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_RECEIPT_BYTES) chunks.push(chunk); // past the limit: read on, keep nothing
  }
  if (size > MAX_RECEIPT_BYTES) return res.writeHead(413).end();
  const receipt = readReceipt(Buffer.concat(chunks).toString('utf8')); // a Receipt, or null
  if (!receipt) return res.writeHead(400).end('not a consent receipt\n');
  if (stored.has(receipt.id)) return res.writeHead(200).end(); // sent again: it is confirmed
  appendFileSync(file, JSON.stringify({ ...receipt, receivedAt: new Date().toISOString() }) + '\n');
  stored.add(receipt.id);
  res.writeHead(201).end();
}

// A request cut off half-way rejects: drop that connection, keep serving.
const server = createServer((req, res) => receive(req, res).catch(() => res.destroy()));

server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
