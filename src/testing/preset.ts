import type { BrowserContext } from '@playwright/test';

export interface PresetOptions {
  /** The site the cookie is for, e.g. `http://127.0.0.1:4321/` or `page.url()`'s origin. */
  readonly url: string;
  /** The banner's `cookie-name` (default `consent`). */
  readonly cookieName?: string;
  /** The banner's `revision` (default 0). */
  readonly revision?: number;
}

/** Placeholder until the entry is written: see README "Testing your site with Playwright". */
export async function presetConsent(
  _context: BrowserContext,
  _choices: Readonly<Record<string, boolean>>,
  _options: PresetOptions,
): Promise<void> {
  throw new Error('not yet');
}
