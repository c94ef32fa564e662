/**
 * Tells Google's tags the consent state (docs/guide/consent-mode.md): through the page's
 * `gtag()` when it has one, else on `window.dataLayer` the way `gtag()` does, so gtag.js and
 * Tag Manager read it whether they load before the banner or after.
 */
import { consentModeParams, type ConsentModeParams } from '../core/consent-mode.js';

interface GoogleWindow {
  gtag?: (...args: unknown[]) => void;
  dataLayer?: unknown[];
}

/** The queues that already have our `default`: one per page (a test may start a new one). */
const defaulted = new WeakSet<object>();

/**
 * The `default` (everything denied but `security_storage`, with `wait_for_update`) once per
 * page, then, when given, an `update`.
 */
export function tellGoogle(update?: ConsentModeParams): void {
  const w = window as GoogleWindow;
  const layer = (w.dataLayer ||= []);
  const gtag =
    typeof w.gtag === 'function'
      ? w.gtag
      : function (..._command: unknown[]) {
          // Google's tags read a command from an `arguments` object, not from an array.
          // eslint-disable-next-line prefer-rest-params
          layer.push(arguments);
        };
  if (!defaulted.has(layer)) {
    defaulted.add(layer);
    // No state: every type denied, whatever the categories.
    gtag('consent', 'default', { ...consentModeParams([], null), wait_for_update: 500 });
  }
  if (update) gtag('consent', 'update', update);
}
