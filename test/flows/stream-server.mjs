// Dev-server middleware for test/flows/streaming.test.ts: a page that arrives in two pieces, cut
// inside the text of a gated script, the way a long page comes over a slow network.
//
//   GET  /__stream/<id>.html?layout=head|body  sends the page up to the cut, then waits for
//                                              the release of <id> and sends the rest
//   POST /__stream/<id>/release                releases it
//
// `layout=head`: the IIFE in <head> without defer and the element in the markup (docs/guide/install.md "Known before the first paint" setup). `layout=body`: the IIFE at the end of <body>, which
// mounts the element there. Each page records in `window.ran` the gated scripts that ran, and
// in `window.errors` every error.
import { PassThrough } from 'node:stream';

/** The gated scripts, in document order; the cut falls inside the first one's text. */
const GATED = `<script type="text/plain" data-consent="analytics">
  ran.push(['first', 'script', 'whole'].join(' ') /* a long line, as a real tag has */);
</script>
<script type="text/plain" data-consent="analytics">ran.push('second');</script>
<script type="text/plain" data-consent="analytics" src="/test/flows/fixtures/ran.js?name=third"></script>
<script type="text/plain" data-consent="preferences">ran.push('preferences');</script>`;
const CUT = GATED.indexOf("'script'") + 4;

const HEAD = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A page that arrives in pieces</title>
<link rel="icon" href="data:,">
<script>
  window.ran = [];
  window.errors = [];
  addEventListener('error', (event) => errors.push(String(event.message)));
</script>`;

function page(layout) {
  const iife = '<script src="/dist/consent-banner.iife.js" data-lang="en"></script>';
  // Long enough that no browser holds the first piece back to sniff it (WebKitGTK waits for
  // 512 bytes).
  const text = 'A paragraph of the page, as a long page has many. '.repeat(12);
  const main = `<main><h1>A page that arrives in pieces</h1>${`<p>${text}</p>`.repeat(3)}</main>`;
  const body =
    layout === 'head'
      ? `${iife}\n</head>\n<body>\n<consent-banner lang="en"></consent-banner>\n${main}\n${GATED}`
      : `</head>\n<body>\n${main}\n${iife}\n${GATED}`;
  const whole = `${HEAD}\n${body}\n<p>The end of the page.</p>\n</body>\n</html>\n`;
  const at = whole.indexOf(GATED) + CUT;
  return [whole.slice(0, at), whole.slice(at)];
}

const releases = new Map();
function release(id) {
  if (!releases.has(id)) {
    let resolve;
    const promise = new Promise((r) => (resolve = r));
    releases.set(id, { promise, resolve });
  }
  return releases.get(id);
}

export async function streamedPages(ctx, next) {
  const match = /^\/__stream\/([\w-]{1,80})(\.html|\/release)$/.exec(ctx.path);
  if (!match) return next();
  const [, id, what] = match;
  if (what === '/release') {
    release(id).resolve();
    ctx.status = 204;
    return;
  }
  const [first, rest] = page(ctx.query.layout === 'body' ? 'body' : 'head');
  const stream = new PassThrough();
  ctx.type = 'text/html; charset=utf-8';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = stream;
  stream.write(first);
  // The test releases the rest once it has seen the first piece; never wait forever.
  const gone = new Promise((resolve) => setTimeout(resolve, 20_000).unref());
  void Promise.race([release(id).promise, gone]).then(() => {
    releases.delete(id);
    stream.end(rest);
  });
}
