// What assistive technology is told (docs/explanation/accessibility.md), read from the browser's accessibility tree
// through Playwright's ARIA engine, on the demo pages: Thai (the npm build, logs optional)
// and English (the built IIFE, logs required). Also: forced colours, the themed demo's contrast,
// and that every visible piece's `part` is documented in custom-elements.json.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { en } from '../../src/i18n/en.js';
import type { Strings } from '../../src/i18n/strings.js';
import { th } from '../../src/i18n/th.js';
import {
  EN,
  PAGES,
  TH,
  bannerUi,
  expect,
  test,
  waitForRecord,
  type BannerTexts,
} from './fixtures.js';

interface Case {
  lang: 'th' | 'en';
  path: string;
  texts: BannerTexts;
  strings: Strings;
  /** The page's skip link: any control of the page behind the banner. */
  skipLink: string;
  /** Category ids shown as switches / as "always active", in order. */
  optional: ('logs' | 'preferences' | 'analytics')[];
  required: ('necessary' | 'logs')[];
}

const CASES: Case[] = [
  {
    lang: 'th',
    path: PAGES.sso,
    texts: TH,
    strings: th,
    skipLink: 'ข้ามไปยังเนื้อหาหลัก',
    optional: ['logs', 'preferences', 'analytics'],
    required: ['necessary'],
  },
  {
    lang: 'en',
    path: PAGES.scriptTag,
    texts: EN,
    strings: en,
    skipLink: 'Skip to main content',
    optional: ['preferences', 'analytics'],
    required: ['necessary', 'logs'],
  },
];

/** A category's visible explanation (with the note the logs switch adds when it is optional). */
function explanation(strings: Strings, id: string, optional: boolean): string {
  const base = strings[`${id}Description` as keyof Strings];
  return id === 'logs' && optional ? `${base} ${strings.logsOptionalNote}` : base;
}

for (const c of CASES) {
  test.describe(`${c.lang}: ${c.path}`, () => {
    test('the first layer is a region named by its title, and the page stays usable', async ({
      page,
    }) => {
      const ui = bannerUi(page, c.texts);
      await page.goto(c.path);
      await expect(ui.region).toHaveAccessibleName(c.texts.title);
      await expect(ui.region).toHaveAttribute('lang', c.lang);
      await expect(ui.region).not.toHaveAttribute('aria-modal', /.*/);
      await expect(ui.dialog, 'no dialog is open').toHaveCount(0);
      for (const b of [ui.acceptAll, ui.rejectAll, ui.choose]) await expect(b).toBeVisible();
      await expect(ui.choose).toHaveAttribute('aria-haspopup', 'dialog');

      // Non-modal: the page behind stays usable, by keyboard too, while the banner shows.
      await page.keyboard.press('Tab');
      await expect(page.getByRole('link', { name: c.skipLink, exact: true })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/#main$/);
      await expect(ui.region).toBeVisible();
    });

    test('the dialog is named by its heading, described by its intro, and takes focus', async ({
      page,
    }) => {
      const ui = bannerUi(page, c.texts);
      await page.goto(c.path);
      await ui.choose.click();
      await expect(ui.dialog).toBeVisible();
      await expect(ui.dialog).toHaveAccessibleName(c.strings.dialogTitle);
      await expect(ui.dialog).toHaveAccessibleDescription(
        `${c.strings.dialogIntro} ${c.strings.policyLink}`,
      );
      expect(await ui.dialog.evaluate((d) => d.matches(':modal'))).toBe(true);
      await expect(ui.dialog.locator(':focus'), 'focus is inside the dialog').toHaveCount(1);
      await expect(ui.close).toHaveAccessibleName(c.strings.close);
    });

    test('switches: a visible label as name, the explanation as description, off by default', async ({
      page,
    }) => {
      const ui = bannerUi(page, c.texts);
      await page.goto(c.path);
      await ui.choose.click();
      await expect(ui.dialog.getByRole('switch')).toHaveCount(c.optional.length);
      for (const id of c.optional) {
        const label = c.strings[`${id}Label` as keyof Strings];
        const control = ui.switchFor(label);
        await expect(ui.dialog.getByText(label, { exact: true })).toBeVisible();
        await expect(control).toHaveAccessibleDescription(explanation(c.strings, id, true));
        await expect(control).not.toBeChecked();
      }
    });

    test('required categories read as "always active", with no control to change', async ({
      page,
    }) => {
      const ui = bannerUi(page, c.texts);
      await page.goto(c.path);
      await ui.choose.click();
      for (const id of c.required) {
        const label = c.strings[`${id}Label` as keyof Strings];
        const item = ui.dialog.getByRole('listitem').filter({ hasText: label });
        await expect(item).toMatchAriaSnapshot(`
          - listitem:
            - text: ${JSON.stringify(`${label} ${c.strings.alwaysActive}`)}
            - paragraph: ${JSON.stringify(explanation(c.strings, id, false))}
        `);
        await expect(item.getByRole('switch')).toHaveCount(0);
        await expect(item.getByRole('checkbox')).toHaveCount(0);
      }
    });

    test('after a choice, a live region that was there before says so; it can be hidden', async ({
      page,
      context,
    }) => {
      const ui = bannerUi(page, c.texts);
      await page.goto(c.path);
      const status = ui.element.getByRole('status');
      // A live region must exist, empty, before its message arrives, or it is not announced.
      await expect(status).toHaveCount(1);
      await expect(status).toHaveText('');
      await ui.rejectAll.click();
      await waitForRecord(context);
      await expect(status).toHaveText(c.strings.savedMessage);
      // The message and its buttons (Hide included) are in the banner's language.
      const confirmation = ui.element.locator('[part~="confirmation"]');
      await expect(confirmation).toHaveAttribute('lang', c.lang);
      await expect(confirmation.getByRole('button', { name: c.strings.dismiss })).toBeVisible();
      await expect(ui.settingsButton).toHaveAttribute('aria-haspopup', 'dialog');

      await ui.element.getByRole('button', { name: c.strings.dismiss, exact: true }).click();
      await expect(status).toHaveText('');
      await expect(ui.settingsButton).toBeVisible();
      await expect(ui.settingsButton).toHaveAccessibleName(c.strings.settingsButton);
    });
  });
}

test.describe('forced colours (Windows high contrast)', () => {
  test.use({ colorScheme: 'dark' });

  test('a switch that is on looks different from one that is off', async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active' });
    const ui = bannerUi(page, EN);
    await page.goto(PAGES.scriptTag);
    await ui.choose.click();
    // The dialog is complete (the extras file has come): nothing moves between the pictures.
    await expect(ui.declarations.first()).toBeVisible();
    const control = ui.switchFor(EN.analytics);
    await expect(control).not.toBeChecked();
    // The same switch, in place, on and off: the state set from script, so that hover and focus
    // are alike in every picture.
    const set = (on: boolean) =>
      control.evaluate((input, on) => {
        (input as HTMLInputElement).checked = on;
      }, on);
    const off = await control.screenshot();
    await set(true);
    await expect(control).toBeChecked();
    const on = await control.screenshot();
    await set(false);
    const offAgain = await control.screenshot();
    expect(offAgain.equals(off), 'the picture depends on the state only').toBe(true);
    expect(on.equals(off), 'on and off look different').toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// The themed demo (demo/themed.html): a host's own palette through the custom properties. The
// WCAG 2.2 formula, as in test/element/a11y.test.ts (which checks the default palettes).

type Rgb = [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const linear = (v: number) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** Computed colours of the pieces that carry contrast requirements (all opaque). */
async function themedColors(page: Page) {
  return page.evaluate(() => {
    const root = document.querySelector('consent-banner')!.shadowRoot!;
    const rgb = (css: string) => {
      const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(css);
      if (!m) throw new Error(`not an opaque rgb(): ${css}`);
      return [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number];
    };
    const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
    const banner = style('[part~="banner"]');
    const accept = style('[part~="banner"] [part~="accept"]');
    const muted = style('li p');
    const off = style('[part~="switch"]');
    return {
      bg: rgb(banner.backgroundColor),
      text: rgb(banner.color),
      buttonBg: rgb(accept.backgroundColor),
      buttonText: rgb(accept.color),
      muted: rgb(muted.color),
      switchBorder: rgb(off.borderTopColor),
      // The knob of an off switch: the first colour of its radial gradient.
      knob: rgb(/rgb\([^)]*\)/.exec(off.backgroundImage)?.[0] ?? ''),
    };
  });
}

test.describe('the themed demo', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`keeps WCAG AA contrast (${scheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto('/demo/themed.html');
      const ui = bannerUi(page, TH);
      await expect(ui.region).toBeVisible();
      // The muted text and the switches are in the dialog, which is rendered once opened.
      await ui.choose.click();
      await expect(ui.dialog).toBeVisible();
      const c = await themedColors(page);
      // The demo really is restyled: not the default blue.
      expect(c.buttonBg).not.toEqual([11, 74, 139]);
      const pairs: [string, Rgb, Rgb, number][] = [
        ['text on background', c.text, c.bg, 4.5],
        ['button text on button', c.buttonText, c.buttonBg, 4.5],
        ['button on background', c.buttonBg, c.bg, 3],
        ['muted text on background', c.muted, c.bg, 4.5],
        ['switch border on background', c.switchBorder, c.bg, 3],
        ['switch knob on background', c.knob, c.bg, 3],
      ];
      for (const [what, a, b, min] of pairs) {
        expect(contrast(a, b), `${what}: ${contrast(a, b).toFixed(2)}:1`).toBeGreaterThanOrEqual(
          min,
        );
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Theming contract: the `part` names in the page are the ones custom-elements.json documents
// (made by `npm run build`, which `npm test` runs before the end-to-end tests).

interface Manifest {
  modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[];
}

function documentedParts(): string[] {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8')) as Manifest;
  const element = manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .find((d) => d.tagName === 'consent-banner');
  return (element?.cssParts ?? []).map((p) => p.name).sort();
}

/** Every part name in the shadow root now. */
const renderedParts = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('consent-banner')!.shadowRoot!;
    return [...root.querySelectorAll('[part]')].flatMap((e) =>
      (e.getAttribute('part') ?? '').split(/\s+/).filter(Boolean),
    );
  });

test('every part in the page is documented, and every documented part is in the page', async ({
  page,
  context,
}) => {
  const ui = bannerUi(page, TH);
  await page.goto(PAGES.sso);
  await expect(ui.region).toBeVisible();
  const seen = new Set(await renderedParts(page));
  await ui.choose.click();
  await expect(ui.dialog).toBeVisible();
  await ui.save.click();
  await waitForRecord(context);
  for (const name of await renderedParts(page)) seen.add(name);
  expect([...seen].sort()).toEqual(documentedParts());
});
