// receipts.html?tag=<tag>: the banner's receipt-url is the demo server's /receipts, with the
// page's tag, if any (set before the element is defined, as if it were written in the markup).
// The store ignores the tag; the demo server's outage switch names it (demo/backend.ts).
const tag = new URLSearchParams(location.search).get('tag');
document
  .querySelector('consent-banner')
  .setAttribute(
    'receipt-url',
    tag === null ? '/receipts' : `/receipts?tag=${encodeURIComponent(tag)}`,
  );
await import('/src/define.ts');
