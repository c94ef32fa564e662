// Runs only once the co-operative's own "marketing" category is granted
// (<script type="text/plain" data-consent="marketing" src="/demo/offers.js">).
(() => {
  'use strict';
  for (const box of document.querySelectorAll('[data-offers]')) box.hidden = false;
})();
