// The co-operative's visitor statistics, set up as its site would set up Google Analytics 4 and
// Matomo. The page gates this file and both tags on "analytics"
// (<script type="text/plain" data-consent="analytics" …>, in this order), so none of it runs
// before the visitor allows it. The tags are local stand-ins (demo/stand-ins/) that send nothing
// and set the cookies the real ones set; the page's configuration declares those cookies, so the
// banner lists them and removes them when analytics is turned off again.
(() => {
  'use strict';

  window.dataLayer = window.dataLayer || [];
  window.gtag = function gtag() {
    // gtag.js reads the arguments object itself, as Google's snippet passes it.
    window.dataLayer.push(arguments);
  };
  window.gtag('js', new Date());
  window.gtag('config', 'G-COOPDEMO1');

  window._paq = window._paq || [];
  window._paq.push(['setSiteId', '3'], ['trackPageView']);

  document.dispatchEvent(
    new CustomEvent('demo-analytics', {
      detail: {
        at: new Date().toISOString(),
        source: 'coop-analytics.js',
        what: 'ran: GA4 and Matomo stand-ins, one page view each (no request)',
      },
    }),
  );
})();
