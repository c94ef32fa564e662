import type { Page } from '@playwright/test';

export interface ConsentBannerPage {
  acceptAll(): Promise<void>;
}

/** Placeholder until the entry is written: see README "Testing your site with Playwright". */
export function consentBanner(_page: Page): ConsentBannerPage {
  throw new Error('not yet');
}
