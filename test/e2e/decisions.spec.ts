// The three ways to decide on the first layer and in the dialog, on the Thai SSO demo page
// (logs="optional", so every built-in category but `necessary` is a choice).
import {
  PAGES,
  TH,
  bannerUi,
  callBanner,
  consentOf,
  expect,
  expectDecided,
  expectRecord,
  hostOpener,
  nextCollect,
  recordEvents,
  seenChanges,
  seenEvents,
  storedRecord,
  test,
  waitForReady,
  waitForRecord,
  watchCollect,
} from './fixtures.js';

const OPTIONAL = ['logs', 'preferences', 'analytics'];

test.describe('deciding on the SSO demo page', () => {
  test.beforeEach(async ({ page }) => {
    await recordEvents(page);
  });

  test('accept all: banner goes, everything granted, analytics runs once', async ({
    page,
    context,
  }) => {
    const collect = watchCollect(page);
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await expect(ui.region).toBeVisible();

    const pageView = nextCollect(page);
    await ui.acceptAll.click();

    await expect(ui.region).toBeHidden();
    const record = await waitForRecord(context);
    expectRecord(record, { granted: ['necessary', ...OPTIONAL], denied: [], method: 'a' });
    await expectDecided(page, record, {
      granted: ['necessary', ...OPTIONAL],
      denied: [],
      method: 'accept-all',
    });
    expect(await pageView).toEqual({ page: PAGES.sso, at: expect.any(String) as unknown });
    expect(collect).toHaveLength(1);
  });

  test('reject all: banner goes, only necessary granted, analytics never runs', async ({
    page,
    context,
  }) => {
    const collect = watchCollect(page);
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.rejectAll.click();

    await expect(ui.region).toBeHidden();
    const record = await waitForRecord(context);
    expectRecord(record, { granted: ['necessary'], denied: OPTIONAL, method: 'r' });
    await expectDecided(page, record, {
      granted: ['necessary'],
      denied: OPTIONAL,
      method: 'reject-all',
    });
    expect(await page.evaluate(() => 'demoAnalyticsRuns' in window)).toBe(false);
    expect(collect).toHaveLength(0);
  });

  test('choose, turn on visitor statistics, save: only analytics is added', async ({
    page,
    context,
  }) => {
    const collect = watchCollect(page);
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.choose.click();

    await expect(ui.dialog).toBeVisible();
    for (const label of [TH.logs, TH.preferences, TH.analytics]) {
      await expect(ui.switchFor(label), `${label} starts off`).not.toBeChecked();
    }
    await expect(ui.dialog.getByText(TH.alwaysActive, { exact: true })).toHaveCount(1);

    await ui.switchFor(TH.analytics).check();
    const pageView = nextCollect(page);
    await ui.save.click();

    await expect(ui.dialog).toBeHidden();
    await expect(ui.region).toBeHidden();
    const record = await waitForRecord(context);
    expectRecord(record, {
      granted: ['necessary', 'analytics'],
      denied: ['logs', 'preferences'],
      method: 'c',
    });
    await expectDecided(page, record, {
      granted: ['necessary', 'analytics'],
      denied: ['logs', 'preferences'],
      method: 'custom',
    });
    await pageView;
    expect(collect).toHaveLength(1);
  });

  test('the dialog opens on the current choice and can withdraw it', async ({ page, context }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.acceptAll.click();
    await waitForRecord(context);

    await hostOpener(page).click();
    await expect(ui.dialog).toBeVisible();
    for (const label of [TH.logs, TH.preferences, TH.analytics]) {
      await expect(ui.switchFor(label), `${label} shows the current choice`).toBeChecked();
    }
    await ui.dialogRejectAll.click();

    await expect(ui.dialog).toBeHidden();
    await expect(ui.region).toBeHidden();
    await expect.poll(async () => (await storedRecord(context))?.method).toBe('r');
    expect((await consentOf(page))?.granted).toEqual(['necessary']);
  });

  test('right after a decision, the settings button is there and reopens the dialog', async ({
    page,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.rejectAll.click();
    await expect(ui.region).toBeHidden();

    await expect(ui.settingsButton).toBeVisible();
    await ui.settingsButton.click();
    await expect(ui.dialog).toBeVisible();
  });

  test('withdrawing analytics deletes the analytics cookies it set', async ({ page, context }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.acceptAll.click();
    const hasGa = async () => (await context.cookies()).some((c) => c.name === '_ga');
    await expect.poll(hasGa, { message: 'analytics.js set _ga' }).toBe(true);

    await hostOpener(page).click();
    await ui.switchFor(TH.analytics).uncheck();
    await ui.save.click();

    await expect.poll(hasGa, { message: '_ga is deleted on revoke' }).toBe(false);
    expect((await consentOf(page))?.categories.analytics).toBe(false);
  });

  test('events: consent-ready once, then consent-change with source and changed', async ({
    page,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await waitForReady(page);
    await ui.choose.click();
    await ui.switchFor(TH.analytics).check();
    await ui.save.click();
    await expect(ui.dialog).toBeHidden();

    await expect.poll(async () => (await seenEvents(page)).length).toBe(2);
    const [ready, change] = await seenEvents(page);
    expect(ready?.type).toBe('consent-ready');
    expect(ready?.detail.decided).toBe(false);
    expect(ready?.detail.granted).toEqual(['necessary']);
    expect(change?.type).toBe('consent-change');
    expect(change?.detail).toMatchObject({
      decided: true,
      method: 'custom',
      changed: ['analytics'],
      source: 'preferences',
    });
  });

  test('events: accept all from the banner reports every optional category as changed', async ({
    page,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.acceptAll.click();

    await expect.poll(async () => (await seenEvents(page)).length).toBe(2);
    const change = (await seenEvents(page))[1];
    expect(change?.type).toBe('consent-change');
    expect(change?.detail).toMatchObject({ decided: true, method: 'accept-all', source: 'banner' });
    const [detail] = await seenChanges(page);
    expect([...(detail?.changed ?? [])].sort()).toEqual([...OPTIONAL].sort());
  });

  test('API: setConsent() decides without the banner and runs analytics', async ({
    page,
    context,
  }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await expect(ui.region).toBeVisible();

    const pageView = nextCollect(page);
    await callBanner(page, 'setConsent', { analytics: true });

    await expect(ui.region).toBeHidden();
    await pageView;
    const record = await waitForRecord(context);
    expectRecord(record, {
      granted: ['necessary', 'analytics'],
      denied: ['logs', 'preferences'],
      method: 'p',
    });
    const [change] = await seenChanges(page);
    expect(change).toMatchObject({ method: 'api', source: 'api', changed: ['analytics'] });
  });

  test('API: reset() forgets the choice and asks again', async ({ page, context }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    await ui.rejectAll.click();
    await waitForRecord(context);

    await callBanner(page, 'reset');

    await expect(ui.region).toBeVisible();
    expect((await consentOf(page))?.decided).toBe(false);
    await expect
      .poll(async () => (await context.cookies()).some((c) => c.name === 'consent'))
      .toBe(false);
  });

  test('the demo panel shows the live state and the event log', async ({ page }) => {
    const ui = bannerUi(page, TH);
    await page.goto(PAGES.sso);
    const panel = page.getByRole('complementary', { name: 'แผงสาธิตสำหรับนักพัฒนา' });
    await expect(panel.locator('[data-panel="state"]')).toContainText('"decided": false');
    await expect(panel.locator('li[data-event="consent-ready"]')).toHaveCount(1);

    await ui.acceptAll.click();

    await expect(panel.locator('[data-panel="state"]')).toContainText('"decided": true');
    await expect(panel.locator('li[data-event="consent-change"]')).toContainText('source=banner');
    await expect(panel.locator('[data-panel="analytics"]')).toContainText('ทำงานแล้ว');
  });
});
