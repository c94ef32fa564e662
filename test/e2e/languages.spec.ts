// Thai first, English second (docs/reference/attributes.md, `lang`): the Thai demo speaks Thai, the IIFE page with
// data-lang="en" speaks English; each shows the categories its configuration offers.
import { EN, PAGES, TH, bannerUi, expect, test, type BannerTexts } from './fixtures.js';

const CASES: { name: string; path: string; texts: BannerTexts; logsOptional: boolean }[] = [
  { name: 'Thai on the SSO demo (lang="th")', path: PAGES.sso, texts: TH, logsOptional: true },
  {
    name: 'English on the IIFE page (data-lang="en")',
    path: PAGES.scriptTag,
    texts: EN,
    logsOptional: false,
  },
];

test.describe('languages', () => {
  for (const { name, path, texts, logsOptional } of CASES) {
    test(`${name}: both layers in that language`, async ({ page }) => {
      const ui = bannerUi(page, texts);
      await page.goto(path);

      await expect(ui.region).toBeVisible();
      await expect(ui.region).toHaveAccessibleName(texts.title);
      await expect(
        ui.region.getByRole('heading', { name: texts.title, exact: true }),
      ).toBeVisible();
      await expect(ui.policyLink).toBeVisible();
      await expect(ui.acceptAll).toBeVisible();
      await expect(ui.rejectAll).toBeVisible();
      await expect(ui.choose).toBeVisible();

      await ui.choose.click();
      await expect(ui.dialog).toBeVisible();
      await expect(ui.dialog).toHaveAccessibleName(texts.dialogTitle);
      await expect(ui.switchFor(texts.preferences)).toBeVisible();
      await expect(ui.switchFor(texts.analytics)).toBeVisible();
      await expect(ui.save).toBeVisible();
      await expect(ui.dialogAcceptAll).toBeVisible();
      await expect(ui.dialogRejectAll).toBeVisible();
      await expect(ui.close).toBeVisible();
      // Required categories say "always active" and are never a switch.
      const alwaysActive = ui.dialog.getByText(texts.alwaysActive, { exact: true });
      if (logsOptional) {
        await expect(ui.switchFor(texts.logs)).toBeVisible();
        await expect(alwaysActive).toHaveCount(1);
      } else {
        await expect(ui.switchFor(texts.logs)).toHaveCount(0);
        await expect(ui.dialog.getByText(texts.logs, { exact: true })).toBeVisible();
        await expect(alwaysActive).toHaveCount(2);
      }
      await expect(ui.dialog.getByRole('switch')).toHaveCount(logsOptional ? 3 : 2);

      await ui.dialogRejectAll.click();
      await expect(ui.dialog).toBeHidden();
      await page.reload();
      await expect(ui.settingsButton).toBeVisible();
    });
  }
});
