// The whole flow by keyboard alone (docs/explanation/accessibility.md), and the host page's own
// `data-consent-open` control (docs/reference/methods.md).
import {
  EN,
  HOST_OPENER,
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  expectRecord,
  tabTo,
  test,
  waitForRecord,
} from './fixtures.js';

test.describe('keyboard only', () => {
  test('Tab to Choose, Enter opens, Escape closes back to Choose, Space toggles, Enter saves', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await expect(ui.region).toBeVisible();

    // The first layer's three buttons are reachable with Tab, in this order.
    await tabTo(page, ui.acceptAll);
    await page.keyboard.press('Tab');
    await expect(ui.rejectAll).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(ui.choose).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(ui.dialog).toBeHidden();
    await expect(ui.choose, 'focus returns to the opener').toBeFocused();
    await expect(ui.region, 'Escape is not a decision').toBeVisible();

    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    const analytics = ui.switchFor(TH.analytics);
    await tabTo(page, analytics);
    await page.keyboard.press('Space');
    await expect(analytics).toBeChecked();
    await tabTo(page, ui.save);
    await page.keyboard.press('Enter');

    await expect(ui.dialog).toBeHidden();
    await expect(ui.region).toBeHidden();
    const record = await waitForRecord(context);
    expectRecord(record, {
      granted: ['necessary', 'analytics'],
      denied: ['logs', 'preferences'],
      method: 'c',
    });
  });

  test('a returning visitor reaches the settings button; Escape returns focus to it', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await tabTo(page, ui.rejectAll);
    await page.keyboard.press('Enter');
    await waitForRecord(context);
    await page.reload();
    await expect(ui.settingsButton).toBeVisible();
    await expect(ui.region).toHaveCount(0);

    await tabTo(page, ui.settingsButton);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    await expect(ui.switchFor(TH.analytics)).not.toBeChecked();

    await page.keyboard.press('Escape');
    await expect(ui.dialog).toBeHidden();
    await expect(ui.settingsButton).toBeFocused();
    expect((await consentOf(page))?.method).toBe('reject-all');
  });

  test('focus stays inside the open dialog', async ({ page }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.choose.focus();
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();

    // Tab through the dialog more than once around: focus may rest on the browser itself
    // (nothing focused) between rounds, but never on the page behind the modal dialog.
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      const where = await ui.dialog.evaluate((dialog) => {
        const active = document.activeElement;
        if (active === null || active === document.body) return 'nothing';
        const root = dialog.getRootNode() as ShadowRoot;
        if (active === root.host && root.activeElement && dialog.contains(root.activeElement)) {
          return 'dialog';
        }
        return `outside: ${active.localName}`;
      });
      expect(['dialog', 'nothing'], `focus after ${i + 1} Tab presses`).toContain(where);
    }
  });
});

test.describe('keyboard only, the built script tag (English)', () => {
  test('Reject all on the first layer; the confirmation says so; Hide; the settings reopen', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, EN);
    const status = ui.element.getByRole('status');
    const hide = ui.element.getByRole('button', { name: 'Hide this message', exact: true });
    await page.goto(PAGES.scriptTag);
    await tabTo(page, ui.rejectAll);
    await page.keyboard.press('Enter');
    expectRecord(await waitForRecord(context), {
      granted: ['necessary', 'logs'],
      denied: ['preferences', 'analytics'],
      method: 'r',
    });
    await expect(ui.region).toBeHidden();
    await expect(status).toHaveText('Your choice is saved. Change it any time in Cookie settings.');

    await tabTo(page, hide);
    await page.keyboard.press('Enter');
    await expect(status).toHaveText('');
    await expect(hide).toBeHidden();

    await tabTo(page, ui.settingsButton);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    await expect(ui.switchFor(EN.analytics)).not.toBeChecked();
    await page.keyboard.press('Escape');
    await expect(ui.dialog).toBeHidden();
    await expect(ui.settingsButton, 'focus returns to the settings button').toBeFocused();
  });

  test('Reject all, then Accept all, in the dialog; focus lands on the settings button', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, EN);
    await page.goto(PAGES.scriptTag);
    await tabTo(page, ui.choose);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    await tabTo(page, ui.dialogRejectAll);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeHidden();
    expect((await waitForRecord(context)).method).toBe('r');
    // The opener (Choose) is gone with the first layer: focus goes to the settings button.
    await expect(ui.settingsButton).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeVisible();
    await tabTo(page, ui.dialogAcceptAll);
    await page.keyboard.press('Enter');
    await expect(ui.dialog).toBeHidden();
    await expect.poll(async () => (await consentOf(page))?.method).toBe('accept-all');
    expectRecord(await waitForRecord(context), {
      granted: ['necessary', 'logs', 'preferences', 'analytics'],
      denied: [],
      method: 'a',
    });
    await expect(ui.settingsButton).toBeFocused();
  });
});

test.describe('data-consent-open', () => {
  test('a host page button opens the dialog, before and after a decision', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, TH);
    const opener = page.getByRole('button', { name: HOST_OPENER.th, exact: true });
    await page.goto(PAGES.sso);

    await opener.click();
    await expect(ui.dialog).toBeVisible();
    await ui.dialogAcceptAll.click();
    await expect(ui.dialog).toBeHidden();
    await waitForRecord(context);

    await opener.click();
    await expect(ui.dialog).toBeVisible();
    await expect(ui.switchFor(TH.analytics)).toBeChecked();
    await ui.close.click();
    await expect(ui.dialog).toBeHidden();
    await expect(opener, 'focus returns to the host control').toBeFocused();
  });
});
