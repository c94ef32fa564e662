// The external gated script of the strict pages (docs/guide/script-gating.md):
//   <script type="text/plain" data-consent="analytics" src="/test/e2e/pages/strict/analytics.js">
// Counts its runs and reports one page view to the demo server, as an analytics tag would;
// the banner loads it only once "analytics" is granted.
(() => {
  'use strict';

  window.strictExternalRuns = (window.strictExternalRuns || 0) + 1;
  fetch('/collect', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page: location.pathname, at: new Date().toISOString() }),
    keepalive: true,
  }).catch(() => {
    // A lost page view is not worth an error on the console.
  });
})();
