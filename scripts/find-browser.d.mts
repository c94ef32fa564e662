/** Flags for a headless Chromium on a locked-down, offline machine. */
export declare const CHROMIUM_ARGS: string[];
/** A Chromium binary: $CONSENT_BANNER_CHROMIUM, Playwright's own, or the system one. Throws with an install hint. */
export declare function findChromium(): string;
