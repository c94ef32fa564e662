/** What every console line of ours starts with, and the guard around everything we run. */
export const PREFIX = '[consent-banner]';

/** Nothing we do may throw into the host page (docs/explanation/design-decisions.md). */
export function guard(action: () => void): void {
  try {
    action();
  } catch (error) {
    console.error(PREFIX, error);
  }
}

/** What was said once on this page already. */
const said = new Set<string>();

/** `true` the first time `key` is asked about on this page: say it then, and not again. */
export const firstTime = (key: string): boolean => !said.has(key) && !!said.add(key);

/** The page's one working banner: a second one does nothing but say so (docs/explanation/design-decisions.md). */
let active: { readonly isConnected: boolean } | null = null;

/**
 * Whether `banner` may work: it is the page's working banner, or becomes it because there is
 * none (or the last one left the page). `claim` false only asks.
 */
export function isActiveBanner(banner: { readonly isConnected: boolean }, claim = false): boolean {
  if (claim && (!active?.isConnected || active === banner)) active = banner;
  return active === banner;
}

/** `banner` left the page: another one may work. */
export function releaseBanner(banner: object): void {
  if (active === banner) active = null;
}
