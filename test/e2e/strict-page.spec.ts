// The banner on a page with a strict Content-Security-Policy and Trusted Types, sent as the HTTP
// response header (docs/explanation/security.md): both built files, the first layer, the
// dialog, decisions, gated scripts (external, and inline with a nonce), receipts and the
// settings button, with no `securitypolicyviolation` at all. A page whose policy leaves out the
// `consent-banner` Trusted Types policy shows that the check can fail.
import type { BrowserContext, Page, Request } from '@playwright/test';
import type { Receipt } from '../../src/core/receipt.js';
import {
  EN,
  bannerUi,
  expect,
  storedRecord,
  test,
  waitForRecord,
  waitForRecorded,
} from './fixtures.js';

/** The nonce of the pages' inline gated script (a real server makes a new one per response). */
const NONCE = 'c3RyaWN0LXBhZ2UtMDE';

/** The policy of docs/explanation/security.md, with the nonce of the inline gated script. */
const policy = (trustedTypes = 'consent-banner lit-html', nonce = true) =>
  [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${NONCE}'` : "script-src 'self'",
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${trustedTypes}`,
  ].join('; ');

/** The pages, each sending receipts to the demo server's store (`receipt-url="/receipts"`). */
const PAGES = {
  iife: '/test/e2e/pages/strict/iife.html',
  module: '/test/e2e/pages/strict/module.html',
} as const;

/** Serves `path` from the demo server with `Content-Security-Policy: <csp>` as a response header. */
async function serveWithPolicy(context: BrowserContext, path: string, csp: string) {
  await context.route(
    (url) => url.pathname === path,
    async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': csp },
      });
    },
  );
}

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
}

/** Records every `securitypolicyviolation` of the page, from document start. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    Object.defineProperty(window, '__violations', { value: seen });
    document.addEventListener(
      'securitypolicyviolation',
      (event) =>
        seen.push({
          directive: event.effectiveDirective,
          blockedURI: event.blockedURI,
          sample: event.sample,
        }),
      true,
    );
  });
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);

/** How often each gated script ran (`undefined`: never). */
const runs = (page: Page) =>
  page.evaluate(() => {
    const w = window as { strictInlineRuns?: number; strictExternalRuns?: number };
    return { inline: w.strictInlineRuns, external: w.strictExternalRuns };
  });

/** Every POST /receipts the page makes from now on, as the receipts it sends. */
function watchReceipts(page: Page): Receipt[] {
  const sent: Receipt[] = [];
  page.on('request', (request: Request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/receipts')
      sent.push(request.postDataJSON() as Receipt);
  });
  return sent;
}

/** Whether the banner's styles are in place: constructable stylesheets, no `<style>`. */
const bannerStyles = (page: Page) =>
  page.locator('consent-banner').evaluate((el) => {
    const root = el.shadowRoot as ShadowRoot;
    const section = root.querySelector('section');
    return {
      adopted: root.adoptedStyleSheets.length,
      styleElements: root.querySelectorAll('style, link').length,
      position: section ? getComputedStyle(section).position : null,
    };
  });

test.describe('a page with a strict CSP and Trusted Types', () => {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`the ${name} build: banner, dialog, decisions, gated scripts, receipts, no violation`, async ({
      page,
      context,
      pageErrors,
    }) => {
      await recordViolations(page);
      await serveWithPolicy(context, path, policy());
      const ui = bannerUi(page, EN);

      const sent = watchReceipts(page);
      const response = await page.goto(path);
      expect(response?.headers()['content-security-policy']).toBe(policy());
      await expect(ui.region).toBeVisible();
      // style-src 'self' holds: the styles are constructable stylesheets, and they apply.
      expect(await bannerStyles(page)).toEqual({ adopted: 1, styleElements: 0, position: 'fixed' });
      expect(await runs(page), 'nothing gated runs before consent').toEqual({
        inline: undefined,
        external: undefined,
      });

      await ui.choose.click();
      await expect(ui.dialog).toBeVisible();
      await ui.switchFor(EN.analytics).check();
      await ui.save.click();
      await expect(ui.dialog).toBeHidden();
      const record = await waitForRecord(context);
      expect(record.granted).toContain('analytics');
      expect(record.method).toBe('c');
      await expect.poll(() => runs(page)).toEqual({ inline: 1, external: 1 });
      // The store's record of this decision, as its audit page shows it.
      expect(await waitForRecorded(context, record.id)).toMatchObject({
        id: record.id,
        method: 'Chosen',
      });

      // The settings button reopens the dialog; Accept all there is a second decision.
      await ui.settingsButton.click();
      await expect(ui.dialog).toBeVisible();
      await ui.dialogAcceptAll.click();
      await expect(ui.dialog).toBeHidden();
      await expect
        .poll(async () => (await storedRecord(context))?.id, { message: 'a new consent id' })
        .not.toBe(record.id);
      const accepted = (await storedRecord(context))!;
      expect(await waitForRecorded(context, accepted.id)).toMatchObject({
        id: accepted.id,
        method: 'Accept all',
      });
      expect(
        sent.map((r) => [r.id, r.method]),
        'one receipt per decision',
      ).toEqual([
        [record.id, 'custom'],
        [accepted.id, 'accept-all'],
      ]);
      expect(await runs(page), 'each gated script ran once').toEqual({ inline: 1, external: 1 });

      expect(await violations(page), 'no securitypolicyviolation').toEqual([]);
      expect(pageErrors, 'no console error').toEqual([]);
    });
  }

  test('the script tag loads the embeds file under the same policy: the placeholder, then the embed, no violation', async ({
    page,
    context,
    pageErrors,
  }) => {
    const path = '/test/e2e/pages/strict/embeds.html';
    await recordViolations(page);
    await serveWithPolicy(context, path, policy());
    const ui = bannerUi(page, EN);
    await page.goto(path);
    const placeholder = page.locator('[data-consent-placeholder]');
    await expect(placeholder.getByRole('button', { name: 'Load this one' })).toBeVisible();
    // The thumbnail (the site's own) and the styles (constructable) apply under the policy.
    await expect(placeholder.locator('img')).toHaveJSProperty('complete', true);
    expect(await placeholder.evaluate((el) => el.shadowRoot?.adoptedStyleSheets.length)).toBe(1);
    await ui.acceptAll.click();
    await expect(page.locator('iframe')).toHaveAttribute('src', /embed-content\.html\?n=strict/);
    await expect(placeholder).toHaveCount(0);
    expect(await violations(page), 'no securitypolicyviolation').toEqual([]);
    expect(pageErrors, 'no console error').toEqual([]);
  });

  test('without `consent-banner` in trusted-types: violations, and the gated scripts do not run', async ({
    page,
    context,
    pageErrors,
  }) => {
    const path = PAGES.iife;
    await recordViolations(page);
    await serveWithPolicy(context, path, policy('lit-html'));
    const ui = bannerUi(page, EN);

    await page.goto(path);
    await expect(ui.region).toBeVisible();
    await ui.acceptAll.click();
    await waitForRecord(context);
    await expect
      .poll(async () => (await violations(page)).map((v) => v.directive))
      .toEqual(expect.arrayContaining(['trusted-types', 'require-trusted-types-for']));
    expect(await runs(page)).toEqual({ inline: undefined, external: undefined });

    // Chromium reports each refusal on the console; here they are the expected outcome.
    expect(pageErrors.length).toBeGreaterThan(0);
    for (const error of pageErrors) expect(error).toMatch(/Trusted(Type|Script)/);
    pageErrors.length = 0;
  });

  test('without the nonce in script-src: the inline gated script is refused, the external one runs', async ({
    page,
    context,
    pageErrors,
  }) => {
    const path = PAGES.iife;
    await recordViolations(page);
    await serveWithPolicy(context, path, policy(undefined, false));
    const ui = bannerUi(page, EN);

    await page.goto(path);
    await ui.acceptAll.click();
    await expect.poll(() => runs(page)).toEqual({ inline: undefined, external: 1 });
    await expect
      .poll(async () => (await violations(page)).map((v) => [v.directive, v.blockedURI]))
      .toEqual([['script-src-elem', 'inline']]);

    expect(pageErrors).toEqual([
      expect.stringMatching(/^console\.error: Executing inline script violates .*script-src/),
    ]);
    pageErrors.length = 0;
  });
});
