/**
 * The banner's own console lines (they start with `[consent-banner]`) of each page of a browser
 * context that `presetConsent` wrote into, kept from the page's first line on, so that
 * `consentBanner(page).decided()` can say why a page does not count a preset (docs/guide/testing.md).
 */
import type { BrowserContext, Page } from '@playwright/test';
import { PREFIX } from '../core/report.js';

const byPage = new WeakMap<Page, string[]>();
const listening = new WeakSet<BrowserContext>();

export const bannerLines = {
  /** Keeps the banner's lines of every page of `context` from now on (once per context). */
  listen(context: BrowserContext): void {
    if (listening.has(context)) return;
    listening.add(context);
    context.on('console', (message) => {
      const page = message.page();
      const text = message.text();
      if (!page || !text.startsWith(PREFIX)) return;
      const lines = byPage.get(page) ?? [];
      lines.push(text);
      byPage.set(page, lines);
    });
  },
  /** The lines `page` has printed so far (none when its context is not listened to). */
  of(page: Page): readonly string[] {
    return byPage.get(page) ?? [];
  },
};
