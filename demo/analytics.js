// A stand-in for a real analytics tag (gtag.js, Matomo…). The pages include it as
//   <script type="text/plain" data-consent="analytics" src="/demo/analytics.js"></script>
// so the banner runs it only once "analytics" is granted. It reports one page view to the demo
// server and sets a `_ga`-style cookie, which the banner deletes when analytics is revoked.
(() => {
  'use strict';

  const at = new Date().toISOString();
  const visitor = `${Math.floor(Math.random() * 1e9)}.${Math.floor(Date.now() / 1000)}`;
  document.cookie = `_ga=GA1.1.${visitor}; path=/; max-age=${60 * 60 * 24 * 30}; samesite=lax`;

  window.demoAnalyticsRuns = (window.demoAnalyticsRuns || 0) + 1;
  document.dispatchEvent(new CustomEvent('demo-analytics', { detail: { at } }));

  fetch('/collect', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ page: location.pathname, at }),
    keepalive: true,
  }).catch(() => {
    // A lost page view is not worth an error on the visitor's console.
  });
})();
