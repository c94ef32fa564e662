// What the bench measures inside the page. `probe` is installed with page.addInitScript, so it
// runs in the browser before any script of the page: it is serialised on its own and may use
// nothing from this module.

/**
 * Sets up window.__bench for the page of `system` ('ours', 'theirs', 'empty'):
 * - `visibleAt`: performance.now() (ms since navigation start) of the first animation frame in
 *   which the banner's first layer is on screen: laid out with a size, inside the viewport, and
 *   neither `visibility: hidden` nor transparent (vanilla-cookieconsent's bar is in the DOM
 *   hidden and below the viewport before it slides in, so "exists with a box" is not enough);
 *   `presentAt`: the first frame in which it merely exists with a non-zero box;
 * - `consentAt`: when the consent signal came (ours: `consent-ready` on document; theirs:
 *   `cc:onConsent` on window);
 * - `tbt`, `longTasks`, `cls`: from PerformanceObserver (`longtask`, `layout-shift`);
 * - `until(names)`: a promise for the moment all the named times are set;
 * - `settle(ms)`: a promise for the first stretch of `ms` without DOM change, long task or
 *   running animation.
 */
export function probe(system) {
  const selectors = {
    ours: () =>
      document
        .querySelector('consent-banner')
        ?.shadowRoot?.querySelector('section[part~="banner"]'),
    theirs: () => document.querySelector('#cc-main .cm'),
  };
  // The empty page looks for ours, so that its frames cost what the others' do.
  const find = selectors[system] ?? selectors.ours;
  const bench = {
    presentAt: null,
    visibleAt: null,
    consentAt: null,
    loadedAt: null,
    tbt: 0,
    longTasks: 0,
    cls: 0,
    lastBusy: 0,
  };
  window.__bench = bench;

  const waiters = new Set();
  const notify = () => {
    for (const waiter of waiters) {
      if (waiter.names.every((name) => bench[name] !== null)) {
        waiters.delete(waiter);
        waiter.resolve();
      }
    }
  };
  bench.until = (names) =>
    new Promise((resolve) => {
      waiters.add({ names, resolve });
      notify();
    });

  const onScreen = (el) => {
    const box = el.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.height > 0 &&
      box.top < innerHeight &&
      box.bottom > 0 &&
      box.left < innerWidth &&
      box.right > 0 &&
      el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
    );
  };
  // rAF runs once per frame, just before the frame is rendered: what it sees is what the frame
  // paints. Once the banner has been seen, the frames stop looking (they cost nothing more).
  // The frame's time is taken first: measuring the box forces a layout, which takes a while.
  const frame = () => {
    const now = performance.now();
    if (bench.visibleAt === null) {
      const el = find();
      const box = el?.getBoundingClientRect();
      if (box && box.width > 0 && box.height > 0) bench.presentAt ??= now;
      if (el && onScreen(el)) {
        bench.visibleAt = now;
        notify();
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  const signal = () => {
    bench.consentAt ??= performance.now();
    notify();
  };
  document.addEventListener('consent-ready', signal, { once: true });
  window.addEventListener('cc:onConsent', signal, { once: true });
  addEventListener('load', () => {
    bench.loadedAt = performance.now();
    notify();
  });

  const onLongTasks = (entries) => {
    for (const entry of entries) {
      bench.longTasks += 1;
      bench.tbt += Math.max(0, entry.duration - 50);
      bench.lastBusy = Math.max(bench.lastBusy, entry.startTime + entry.duration);
    }
  };
  const onShifts = (entries) => {
    for (const entry of entries) if (!entry.hadRecentInput) bench.cls += entry.value;
  };
  const longTasks = new PerformanceObserver((list) => onLongTasks(list.getEntries()));
  longTasks.observe({ type: 'longtask', buffered: true });
  const shifts = new PerformanceObserver((list) => onShifts(list.getEntries()));
  shifts.observe({ type: 'layout-shift', buffered: true });

  // The mutation observer starts only here, after what is measured: watching the page build
  // itself would cost script time, more for the system that touches more light DOM.
  bench.settle = (quiet) =>
    new Promise((resolve) => {
      let last = performance.now();
      const changes = new MutationObserver(() => {
        last = performance.now();
      });
      changes.observe(document, { subtree: true, childList: true, attributes: true });
      const check = () => {
        if (document.getAnimations().some((a) => a.playState === 'running')) {
          last = performance.now();
        }
        if (performance.now() - Math.max(last, bench.lastBusy) >= quiet) {
          changes.disconnect();
          resolve();
        } else setTimeout(check, 100);
      };
      check();
    });

  /** Everything measured so far, as plain data; pending observer entries included. */
  bench.read = () => {
    onLongTasks(longTasks.takeRecords());
    onShifts(shifts.takeRecords());
    const { presentAt, visibleAt, consentAt, loadedAt, tbt, longTasks: count, cls } = bench;
    const elements = document.getElementsByTagName('*').length;
    return { presentAt, visibleAt, consentAt, loadedAt, tbt, longTasks: count, cls, elements };
  };
}
