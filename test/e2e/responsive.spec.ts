// Mobile first, and zoom (WCAG 2.2 SC 1.4.4 Resize text, 1.4.10 Reflow): on the
// smallest phones and at 200 % zoom, nothing scrolls sideways or sticks out of the screen, every
// button can be reached and pressed, and on a phone the first layer covers at most a third of
// the screen with its title and three buttons in view. Thai (the npm build) and English
// (the built IIFE), every layer.
import type { Locator } from '@playwright/test';
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

interface Screen {
  name: string;
  width: number;
  height: number;
  deviceScaleFactor: number;
  /** A phone held upright: the first layer may cover at most a third of it. */
  phone: boolean;
}

const SCREENS: Screen[] = [
  { name: '320 × 568 phone', width: 320, height: 568, deviceScaleFactor: 1, phone: true },
  { name: '360 × 640 phone', width: 360, height: 640, deviceScaleFactor: 1, phone: true },
  { name: '390 × 844 phone', width: 390, height: 844, deviceScaleFactor: 1, phone: true },
  // Chromium's 200 % zoom of a 1280 × 800 window: the page is laid out in 640 × 400 CSS pixels,
  // each drawn with 2 × 2 device pixels. The same layout, without the browser UI.
  { name: '200 % zoom', width: 640, height: 400, deviceScaleFactor: 2, phone: false },
];

const CASES: { lang: 'th' | 'en'; path: string; texts: BannerTexts; dismiss: string }[] = [
  { lang: 'th', path: PAGES.sso, texts: TH, dismiss: 'ซ่อนข้อความนี้' },
  { lang: 'en', path: PAGES.scriptTag, texts: EN, dismiss: 'Hide this message' },
];

/**
 * What sticks out: the page scrolling sideways, any box of the shadow root reaching past the
 * screen's left or right edge, any box whose content is wider than itself.
 */
function overflow(element: Locator): Promise<string[]> {
  return element.evaluate((host) => {
    const found: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
    for (const e of host.shadowRoot!.querySelectorAll('*')) {
      const box = e.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown
      const name = e.getAttribute('part') || e.getAttribute('class') || e.localName;
      if (box.left < -0.5 || box.right > width + 0.5)
        found.push(`${name} spans ${Math.round(box.left)}…${Math.round(box.right)}px`);
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1)
        found.push(`${name} holds ${e.scrollWidth}px in ${e.clientWidth}px`);
    }
    return found;
  });
}

/**
 * Where `el` (each line box of it, grown by `grow` px on every side) is cut off: by the screen,
 * or by a box around it that clips (a scrolling text, the dialog). Within 1 px: at device
 * scale 2, scrolled positions fall on half pixels.
 */
function cutOff(el: Locator, grow = 0): Promise<string[]> {
  return el.evaluate((target, grow) => {
    const found: string[] = [];
    const boxes = [...target.getClientRects()].map((r) => ({
      left: r.left - grow,
      top: r.top - grow,
      right: r.right + grow,
      bottom: r.bottom + grow,
    }));
    const check = (
      name: string,
      clip: { left: number; top: number; right: number; bottom: number },
    ) => {
      for (const box of boxes) {
        const cut = [
          clip.left - box.left,
          clip.top - box.top,
          box.right - clip.right,
          box.bottom - clip.bottom,
        ];
        if (cut.some((px) => px > 1))
          found.push(`cut off by ${name}: ${cut.map(Math.round).join('/')}px`);
      }
    };
    check('the screen', { left: 0, top: 0, right: innerWidth, bottom: innerHeight });
    const parentOf = (node: Element): Element | null => {
      const root = node.getRootNode();
      return node.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
    };
    for (let node = parentOf(target); node; node = parentOf(node)) {
      if (getComputedStyle(node).overflow === 'visible') continue;
      const r = node.getBoundingClientRect();
      check(node.getAttribute('part') || node.localName, {
        left: r.left + node.clientLeft,
        top: r.top + node.clientTop,
        right: r.left + node.clientLeft + node.clientWidth,
        bottom: r.top + node.clientTop + node.clientHeight,
      });
    }
    return found;
  }, grow);
}

/** Reachable: scrolled into view if need be, then entirely visible, and what a tap would hit. */
async function expectReachable(control: Locator): Promise<void> {
  await control.scrollIntoViewIfNeeded();
  expect(await cutOff(control)).toEqual([]);
  await control.click({ trial: true });
}

/** Height of the first layer (or confirmation) against the screen's. */
const share = (piece: Locator) =>
  piece.evaluate((e) => e.getBoundingClientRect().height / window.innerHeight);

/** The focus ring's reach beyond the element (outline width plus offset), once it shows. */
const ringReach = (el: Locator) =>
  el.evaluate((e) => {
    if (!e.matches(':focus-visible')) throw new Error('no focus ring shows');
    const style = getComputedStyle(e);
    return parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  });

for (const screen of SCREENS) {
  for (const c of CASES) {
    test.describe(`${screen.name}, ${c.lang}`, () => {
      test.use({
        viewport: { width: screen.width, height: screen.height },
        deviceScaleFactor: screen.deviceScaleFactor,
        reducedMotion: 'reduce',
      });

      test('first layer: fits, title and buttons in view, all reachable', async ({ page }) => {
        const ui = bannerUi(page, c.texts);
        await page.goto(c.path);
        await expect(ui.region).toBeVisible();
        expect(await overflow(ui.element)).toEqual([]);
        if (screen.phone) expect(await share(ui.region)).toBeLessThanOrEqual(1 / 3 + 0.001);

        // Without any scrolling: the title and the three equal buttons show in full.
        const buttons = [ui.acceptAll, ui.rejectAll, ui.choose];
        await expect(ui.region.getByRole('heading')).toBeInViewport({ ratio: 1 });
        for (const b of buttons) await expect(b).toBeInViewport({ ratio: 1 });
        const boxes = await Promise.all(buttons.map((b) => b.boundingBox()));
        for (const box of boxes) {
          expect(box!.width).toBeCloseTo(boxes[0]!.width, 0);
          expect(box!.height).toBeCloseTo(boxes[0]!.height, 0);
        }
        for (const b of buttons) await b.click({ trial: true });

        // The text may scroll; its policy link is reachable, its focus ring whole.
        await expectReachable(ui.policyLink);
        await ui.policyLink.focus();
        expect(await ringReach(ui.policyLink)).toBeGreaterThanOrEqual(3);
        expect(await cutOff(ui.policyLink, await ringReach(ui.policyLink))).toEqual([]);
      });

      test('dialog: inside the screen, every control reachable', async ({ page }) => {
        const ui = bannerUi(page, c.texts);
        await page.goto(c.path);
        await ui.choose.click();
        await expect(ui.dialog).toBeVisible();
        // What each category keeps: each disclosure opened, its table inside the screen too.
        await expect(ui.declarations.first()).toBeAttached();
        for (const disclosure of await ui.declarations.all())
          await disclosure.evaluate((details) => ((details as HTMLDetailsElement).open = true));
        expect(await overflow(ui.element)).toEqual([]);
        const controls = [
          ui.close,
          ...(await ui.dialog.getByRole('switch').all()),
          ...(await ui.dialog.locator('summary').all()),
          ui.save,
          ui.dialogAcceptAll,
          ui.dialogRejectAll,
        ];
        expect(controls.length).toBeGreaterThanOrEqual(5);
        for (const control of controls) await expectReachable(control);
        await page.keyboard.press('Escape');
        await expect(ui.dialog).toBeHidden();
      });

      test('confirmation and settings button: fit and reachable', async ({ page, context }) => {
        const ui = bannerUi(page, c.texts);
        await page.goto(c.path);
        await ui.rejectAll.click();
        await waitForRecord(context);
        const status = ui.element.getByRole('status');
        await expect(status).not.toHaveText('');
        const confirmation = ui.element.locator('[part~="confirmation"]');
        expect(await overflow(ui.element)).toEqual([]);
        if (screen.phone) expect(await share(confirmation)).toBeLessThanOrEqual(1 / 3 + 0.001);
        const hide = ui.element.getByRole('button', { name: c.dismiss, exact: true });
        await expectReachable(ui.settingsButton);
        await expectReachable(hide);

        await hide.click();
        await expect(status).toHaveText('');
        expect(await overflow(ui.element)).toEqual([]);
        await expectReachable(ui.settingsButton);
      });
    });
  }
}
