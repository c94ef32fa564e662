// A local stand-in for Google's gtag.js (Google Analytics 4), so that the demos work offline and
// the tests can see what the tag is told (docs/guide/recipes.md, "Google Analytics 4"). It
// sends nothing anywhere. Like gtag.js, it works through the commands already in `dataLayer` and
// then takes over its `push`; on `config` it sets the cookies GA4 sets, first-party with
// `path=/`: `_ga` (the client) and `_ga_<measurement id without "G-">` (the session), each for
// two years. It keeps what it saw in `window.gtagStandIn`: how many times it loaded, the
// commands it found at load, and every command it processed.
(() => {
  'use strict';

  const layer = (window.dataLayer = window.dataLayer || []);
  const command = (entry) =>
    Array.from(entry, (argument) => (argument instanceof Date ? 'Date' : argument));
  const record = {
    loads: (window.gtagStandIn?.loads ?? 0) + 1,
    heldAtLoad: layer.map(command),
    commands: [],
  };
  window.gtagStandIn = record;

  const seconds = Math.floor(Date.now() / 1000);
  const twoYears = 60 * 60 * 24 * 730;
  function run(entry) {
    const [name, id] = command(entry);
    record.commands.push(command(entry));
    if (name !== 'config' || typeof id !== 'string') return;
    if (!/(^|; )_ga=/.test(document.cookie)) {
      const client = `${Math.floor(Math.random() * 2 ** 31)}.${seconds}`;
      document.cookie = `_ga=GA1.1.${client}; path=/; max-age=${twoYears}; samesite=lax`;
    }
    const session = `GS1.1.${seconds}.1.0.${seconds}.0.0.0`;
    document.cookie = `_ga_${id.replace(/^G-/, '')}=${session}; path=/; max-age=${twoYears}; samesite=lax`;
  }

  for (const entry of layer) run(entry);
  const push = layer.push.bind(layer);
  layer.push = (...entries) => {
    for (const entry of entries) run(entry);
    return push(...entries);
  };
})();
