// receipts.html?store=<name>: the banner's receipt-url is the demo server's receipt store of
// that name (set before the element is defined, as if it were written in the markup).
const store = new URLSearchParams(location.search).get('store') ?? '';
document
  .querySelector('consent-banner')
  .setAttribute('receipt-url', `/receipts?store=${encodeURIComponent(store)}`);
await import('/src/define.ts');
