// A local stand-in for Matomo's matomo.js, so that /demo/matomo.html works offline and the e2e
// test can see what the tracker is told (docs/guide/recipes.md, "Matomo"). It sends nothing anywhere:
// it records every `_paq` call in order, in `window.matomoStandIn.calls`, and every page view in
// `window.matomoStandIn.hits`, with whether it would have used cookies; and it shows both in a
// `[data-matomo-log]` list when the page has one.
//
// The cookie consent calls do what Matomo documents for them (developer.matomo.org, "Tracking &
// Cookie Consent"): `requireCookieConsent` turns cookies off unless consent was remembered (the
// `mtm_cookie_consent` cookie); `rememberCookieConsentGiven` turns them on and remembers it;
// `forgetCookieConsentGiven` forgets it and turns them off, deleting the visitor cookies
// (`_pk_id.*`, `_pk_ses.*`).
(() => {
  'use strict';

  const CONSENT_COOKIE = 'mtm_cookie_consent';
  const DAY = 60 * 60 * 24;
  const YEAR = 365 * DAY;
  const queued = Array.isArray(window._paq) ? window._paq : [];

  const record = { calls: [], hits: [] };
  Object.defineProperty(window, 'matomoStandIn', { value: record });

  let siteId = '';
  let cookies = true;
  let visitor = null;

  const hasCookie = (name) =>
    document.cookie.split('; ').some((pair) => pair.split('=')[0] === name);
  const setCookie = (name, value, maxAge) => {
    document.cookie = `${name}=${value}; path=/; max-age=${maxAge}; samesite=lax`;
  };
  /** Matomo names its cookies after the site id and a short hash of the host. */
  const suffix = () => {
    let hash = 0;
    for (const char of location.hostname) hash = (hash * 31 + char.charCodeAt(0)) % 0x10000;
    return `${siteId || '1'}.${hash.toString(16).padStart(4, '0')}`;
  };

  /** The visitor cookies Matomo sets on a tracked page view, once cookies are allowed. */
  function setVisitorCookies() {
    visitor ??= Math.floor(Math.random() * 0xffffffff).toString(16);
    // Matomo keeps its visitor id for 13 months, its session for 30 minutes.
    setCookie(`_pk_id.${suffix()}`, `${visitor}.${Math.floor(Date.now() / 1000)}.`, 393 * DAY);
    setCookie(`_pk_ses.${suffix()}`, '1', 30 * 60);
  }

  function deleteVisitorCookies() {
    for (const pair of document.cookie.split('; ')) {
      const name = pair.split('=')[0];
      if (name.startsWith('_pk_id.') || name.startsWith('_pk_ses.')) setCookie(name, '', 0);
    }
  }

  const methods = {
    setSiteId(id) {
      siteId = String(id);
    },
    requireCookieConsent() {
      if (!hasCookie(CONSENT_COOKIE)) cookies = false;
    },
    disableCookies() {
      cookies = false;
      deleteVisitorCookies();
    },
    setCookieConsentGiven() {
      cookies = true;
      if (record.hits.length) setVisitorCookies();
    },
    rememberCookieConsentGiven() {
      methods.setCookieConsentGiven();
      setCookie(CONSENT_COOKIE, String(Date.now()), 30 * YEAR);
    },
    forgetCookieConsentGiven() {
      setCookie(CONSENT_COOKIE, '', 0);
      methods.disableCookies();
    },
    trackPageView() {
      record.hits.push({ page: location.pathname, cookies });
      if (cookies) setVisitorCookies();
    },
  };

  /** Shows the calls not shown yet in the page's `[data-matomo-log]` list, if it has one. */
  let shown = 0;
  function show() {
    const list = document.querySelector('[data-matomo-log]');
    if (!list) return;
    for (; shown < record.calls.length; shown += 1) {
      const item = document.createElement('li');
      item.textContent = JSON.stringify(record.calls[shown]);
      list.append(item);
    }
  }

  function apply(call) {
    if (!Array.isArray(call) || typeof call[0] !== 'string') return;
    const [name, ...args] = call;
    const entry = [name, ...args.map((arg) => (typeof arg === 'function' ? 'function' : arg))];
    record.calls.push(entry);
    methods[name]?.(...args);
    show();
    document.dispatchEvent(new CustomEvent('matomo-stand-in', { detail: entry }));
  }

  // The page's queue first, in order; from then on `_paq.push` is applied at once, as Matomo
  // replaces the array with an object of its own.
  for (const call of queued) apply(call);
  window._paq = {
    push(...calls) {
      for (const call of calls) apply(call);
      return record.calls.length;
    },
  };

  // Calls recorded before the list was parsed are shown once it is.
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
})();
