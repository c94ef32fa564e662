// The demo's developer panel: the live `el.consent`, the page's cookies, whether the gated
// analytics script ran, a log of every consent-ready / consent-change, and a link that looks the
// current consent id up on the receipt store's audit page (/demo/records/, demo/backend.ts).
//
// A classic script loaded from <head> (a file, not inline: the demo runs under a strict CSP).
// It listens on `document`, so it hears the first consent-ready however early the banner
// fires it, and it never assumes <consent-banner> is defined yet.
(() => {
  'use strict';

  /** Log lines that arrived before the panel's markup was parsed. */
  const pending = [];

  const panel = (name) => document.querySelector(`[data-panel="${name}"]`);
  const banner = () => document.querySelector('consent-banner');

  const clock = () => {
    const now = new Date();
    const pad = (n, width = 2) => String(n).padStart(width, '0');
    return `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}.${pad(now.getMilliseconds(), 3)}`;
  };

  function readState() {
    const el = banner();
    if (!el) return 'no <consent-banner> on the page yet';
    if (!('consent' in el)) return '<consent-banner> is not defined yet';
    try {
      return JSON.stringify(el.consent, null, 2);
    } catch (error) {
      return `el.consent could not be read: ${error}`;
    }
  }

  function refresh() {
    const state = panel('state');
    if (state) state.textContent = readState();
    const cookies = panel('cookies');
    if (cookies) cookies.textContent = document.cookie.split('; ').join('\n') || '(none)';
    // The audit page's look-up, for this visitor's consent id once there is one.
    const receipts = panel('receipts');
    if (receipts) {
      const id = consentId();
      receipts.href = `/demo/records/${id ? `?id=${encodeURIComponent(id)}` : ''}`;
    }
  }

  function consentId() {
    const el = banner();
    try {
      return el && 'consent' in el ? el.consent.id : null;
    } catch {
      return null;
    }
  }

  function write(kind, text) {
    const list = panel('log');
    if (!list) {
      pending.push([kind, text]);
      return;
    }
    const item = document.createElement('li');
    item.dataset.event = kind;
    item.textContent = `${clock()} ${kind} · ${text}`;
    list.append(item);
    list.scrollTop = list.scrollHeight;
  }

  const list = (ids) => `[${(ids || []).join(', ')}]`;

  document.addEventListener('consent-ready', (event) => {
    const state = event.detail || {};
    write('consent-ready', `decided=${state.decided} granted=${list(state.granted)}`);
    refresh();
  });

  document.addEventListener('consent-change', (event) => {
    const change = event.detail || {};
    write(
      'consent-change',
      `source=${change.source} changed=${list(change.changed)} method=${change.method}`,
    );
    refresh();
  });

  document.addEventListener('demo-analytics', (event) => {
    const output = panel('analytics');
    if (output) output.textContent = `${output.dataset.ran || 'ran'} ${event.detail.at}`;
    write(event.detail.source || 'analytics.js', event.detail.what || 'ran: POST /collect');
    refresh();
  });

  // Buttons like <button data-api="setConsent" data-args='{"analytics":true}'> call the API.
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-api]') : null;
    if (!button) return;
    const el = banner();
    const name = button.dataset.api;
    if (!el || typeof el[name] !== 'function') {
      write('api', `${name}() is not available: <consent-banner> is not defined yet`);
      return;
    }
    const args = button.dataset.args ? [JSON.parse(button.dataset.args)] : [];
    write('api', `el.${name}(${button.dataset.args || ''})`);
    Promise.resolve()
      .then(() => el[name](...args))
      .then(refresh, (error) => write('api', `el.${name}() failed: ${error}`));
  });

  function start() {
    for (const [kind, text] of pending.splice(0)) write(kind, text);
    refresh();
    if (window.customElements) customElements.whenDefined('consent-banner').then(refresh);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
