// A node:http server whose access log honours the visitor's "Server log files" choice.
// After `npm run build`: node examples/node/node-server.mjs (PORT=… to change the port, default 3000)
import { createServer } from 'node:http';
import { consentLog, isGranted, readConsent, refreshCookie } from 'consent-banner/server';

const site = { revision: 1 }; // what the page's banner says: revision="1"
// The cookie as the banner wrote it, sent back so that Safari keeps it past 7 days. This demo
// runs on plain http; on an https site leave `secure` out (it is true by default).
const refresh = { ...site, cookieDays: 182, secure: false }; // cookie-days="182"
const log = consentLog(site); // one line per response, on stdout:
// 203.0.113.7 [2025-11-22T03:04:05Z] "GET /" 200 logs=1   (logs granted)
// 203.0.113.0 [2025-11-22] "GET /" 200 logs=0             (refused, or no choice yet)

const server = createServer((req, res) => {
  log(req, res);
  const consent = readConsent(req.headers.cookie, site); // the page's el.consent, or null
  const analytics = isGranted(req.headers.cookie, 'analytics', site);
  const keep = refreshCookie(req.headers.cookie, refresh); // a Set-Cookie value, or null
  if (keep) res.setHeader('Set-Cookie', keep);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(
    consent
      ? `granted: ${consent.granted.join(', ')}; statistics ${analytics ? 'on' : 'off'}\n`
      : 'no valid choice yet: only what is necessary\n',
  );
});

server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}/`);
});
