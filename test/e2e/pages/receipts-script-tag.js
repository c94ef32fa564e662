// receipts-script-tag.html?store=<name>: adds the script-tag install of the built IIFE,
//   <script src="/consent-banner.iife.js" data-lang="en" … data-receipt-url="/receipts?store=…">,
// right after this script, so each test sends its receipts to a store of its own.
const store = new URLSearchParams(location.search).get('store') ?? '';
const tag = document.createElement('script');
tag.src = '/consent-banner.iife.js';
tag.async = false; // in order, like the tag written in the markup
tag.dataset.lang = 'en';
tag.dataset.policyUrl = '#privacy';
tag.dataset.revision = '1';
tag.dataset.receiptUrl = `/receipts?store=${encodeURIComponent(store)}`;
document.currentScript.after(tag);
