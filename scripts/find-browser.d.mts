/** Flags for a headless Chromium on a locked-down, offline machine. */
export declare const CHROMIUM_ARGS: string[];
/** A Chromium binary: $CONSENT_BANNER_CHROMIUM, Playwright's own, or the system one. Throws with an install hint. */
export declare function findChromium(): string;

export type Found =
  | { engine: 'firefox'; via: 'playwright' | 'bidi'; executablePath: string }
  | { engine: 'webkit'; via: 'playwright'; executablePath: string }
  | { engine: 'webkit'; via: 'webdriver'; executablePath: string; driver: string }
  | { engine: 'firefox' | 'webkit'; via: null; hint: string };
/** Firefox: $CONSENT_BANNER_FIREFOX, Playwright's own, or the system one (firefox-esr). */
export declare function findFirefox(): Found;
/** WebKit: Playwright's own, else $CONSENT_BANNER_WEBKIT or the system MiniBrowser, with WebKitWebDriver. */
export declare function findWebKit(): Found;
