// consent-banner/testing (docs/guide/testing.md): presetConsent writes the
// cookie the banner writes, so the page takes it as the visitor's choice; consentBanner(page)
// drives the banner by roles and parts, whatever its language or texts.
import { consentBanner, presetConsent } from '../../src/testing/index.js';
import {
  EN,
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  expectRecord,
  nextCollect,
  parseRecord,
  recordEvents,
  seenEvents,
  storedRecord,
  test,
  waitForReady,
  waitForRecord,
  watchCollect,
} from './fixtures.js';

const OWN_TEXTS = '/test/e2e/pages/own-texts.html';
const FRAMED = '/test/e2e/pages/framed.html';
const DAY = 86_400;

test.describe('presetConsent', () => {
  test('writes the cookie the banner writes: same name, attributes and format', async ({
    page,
    context,
    baseURL,
  }) => {
    // The banner's own cookie, from a decision on the page.
    await page.goto(PAGES.sso);
    await bannerUi(page, TH).acceptAll.click();
    await waitForRecord(context);
    const written = (await context.cookies()).find((c) => c.name === 'consent')!;
    await context.clearCookies();

    const preset = await presetConsent(
      context,
      { analytics: true },
      { url: `${baseURL!}/demo/index.html`, revision: 1 },
    );
    const stored = (await context.cookies()).find((c) => c.name === 'consent')!;
    expect(stored.value).toBe(preset.value);
    const attributes = (c: typeof stored) => ({
      domain: c.domain,
      path: c.path,
      sameSite: c.sameSite,
      secure: c.secure,
      httpOnly: c.httpOnly,
    });
    expect(attributes(stored)).toEqual(attributes(written));
    expect(attributes(stored)).toEqual({
      domain: '127.0.0.1',
      path: '/',
      sameSite: 'Lax',
      secure: false,
      httpOnly: false,
    });
    // Max-Age of 182 days (the banner's) and the preset's expiry agree, to a minute.
    expect(Math.abs(stored.expires - written.expires)).toBeLessThan(60);
    expect(Math.abs(stored.expires - (Date.now() / 1000 + 182 * DAY))).toBeLessThan(60);
    expect(stored.expires).toBe(preset.expires);

    const record = parseRecord(stored.value);
    expectRecord(record, {
      granted: ['necessary', 'logs', 'analytics'],
      denied: ['preferences'],
      method: 'p',
    });
    expect(record.id).toHaveLength(22);
    expect(record.id).not.toBe(parseRecord(written.value).id);
  });

  test('the page takes it as the choice: no banner, gated script runs, el.consent reports it', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, { analytics: true }, { url: baseURL!, revision: 1 });
    await recordEvents(page);
    const pageView = nextCollect(page);
    await page.goto(PAGES.sso);

    expect(await pageView).toEqual({ page: PAGES.sso, at: expect.any(String) as unknown });
    await waitForReady(page);
    const banner = consentBanner(page);
    expect(await banner.isVisible()).toBe(false);
    await expect(bannerUi(page, TH).settingsButton).toBeVisible();
    const state = await banner.state();
    expect(state).toMatchObject({
      decided: true,
      method: 'api',
      revision: 1,
      categories: { necessary: true, logs: true, preferences: false, analytics: true },
    });
    expect(state).toEqual(await consentOf(page));
    expect((await seenEvents(page)).map((e) => e.type)).toEqual(['consent-ready']);
  });

  test('all optional refused: decided, nothing gated runs', async ({ page, context, baseURL }) => {
    const collect = watchCollect(page);
    await presetConsent(context, {}, { url: baseURL!, revision: 1 });
    await page.goto(PAGES.sso);
    await page.waitForLoadState('load');

    expect(await consentBanner(page).state()).toMatchObject({
      decided: true,
      granted: ['necessary', 'logs'],
      denied: ['preferences', 'analytics'],
    });
    await expect(bannerUi(page, TH).region).toBeHidden();
    expect(collect).toHaveLength(0);
  });

  test('logs: false refuses detailed logs on a logs="optional" site', async ({
    page,
    context,
    baseURL,
  }) => {
    const preset = await presetConsent(context, { logs: false }, { url: baseURL!, revision: 1 });
    expect(parseRecord(preset.value)).toMatchObject({
      granted: ['necessary'],
      denied: ['analytics', 'logs', 'preferences'],
    });
    await page.goto(PAGES.sso);
    expect((await consentBanner(page).state()).categories).toEqual({
      necessary: true,
      logs: false,
      preferences: false,
      analytics: false,
    });
    await expect(bannerUi(page, TH).region).toBeHidden();
  });

  test("a site's own category, its cookie name and revision: the co-operative demo", async ({
    page,
    context,
    baseURL,
  }) => {
    const offers = page.getByRole('region', { name: 'ข้อเสนอพิเศษสำหรับท่าน' });
    await presetConsent(
      context,
      { marketing: true },
      { url: baseURL!, cookieName: 'coop_consent', revision: 1 },
    );
    await page.goto(PAGES.coop);

    await expect(offers).toBeVisible();
    expect(await consentBanner(page).state()).toMatchObject({
      decided: true,
      categories: { marketing: true, analytics: false, preferences: false },
    });
    expect(await storedRecord(context, 'consent')).toBeNull();
  });

  test('a record without the page’s own category is no choice (why choices must name it)', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, {}, { url: baseURL!, cookieName: 'coop_consent', revision: 1 });
    await page.goto(PAGES.coop);
    await expect(bannerUi(page, TH).region).toBeVisible();
    expect((await consentBanner(page).state()).decided).toBe(false);
    // The failing test's message says why, as the banner's console line does.
    await expect(consentBanner(page).decided()).rejects.toThrow(
      'consentBanner: the page counts no choice: [consent-banner] stored choice ignored: missing marketing',
    );
  });

  test('logs refused on a site where logs are required: decided() says why', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(
      context,
      { logs: false, marketing: true },
      { url: baseURL!, cookieName: 'coop_consent', revision: 1 },
    );
    await page.goto(PAGES.coop);
    await expect(consentBanner(page).decided()).rejects.toThrow(
      'stored choice ignored: refused logs',
    );
    await expect(bannerUi(page, TH).region).toBeVisible();
  });

  test('decided() returns the choice the page counts, and says so when no cookie reached it', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, { analytics: true }, { url: baseURL!, revision: 1 });
    await page.goto(PAGES.sso);
    expect((await consentBanner(page).decided()).categories).toMatchObject({ analytics: true });
    // The co-operative page reads another cookie name: none of its own was preset.
    await page.goto(PAGES.coop);
    await expect(consentBanner(page).decided()).rejects.toThrow(
      'consentBanner: the page counts no choice and said of no stored one',
    );
  });

  test('options.categories: a site that offers only some optional categories', async ({
    page,
    context,
    baseURL,
  }) => {
    const collect = watchCollect(page);
    const preset = await presetConsent(
      context,
      { analytics: true },
      { url: baseURL!, cookieName: 'site_consent', revision: 2, categories: ['analytics'] },
    );
    expect(parseRecord(preset.value)).toMatchObject({
      revision: 2,
      granted: ['analytics', 'logs', 'necessary'],
      denied: [],
    });
    await page.goto(OWN_TEXTS);
    await expect.poll(() => collect.length).toBe(1);
    expect(await consentBanner(page).isVisible()).toBe(false);
    expect((await consentBanner(page).state()).categories).toEqual({
      necessary: true,
      logs: true,
      analytics: true,
    });
  });

  test('an older revision than the page’s is asked again, as the banner does', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, { analytics: true }, { url: baseURL! });
    await page.goto(PAGES.sso);
    expect(await consentBanner(page).isVisible()).toBe(true);
    expect((await consentBanner(page).state()).decided).toBe(false);
    await expect(consentBanner(page).decided()).rejects.toThrow(
      'stored choice ignored: revision 0, page has 1',
    );
  });

  test('https: the cookie is Secure, on that host only', async ({ context }) => {
    await presetConsent(context, { preferences: true }, { url: 'https://www.example.go.th/a/b' });
    const [cookie] = await context.cookies('https://www.example.go.th/');
    expect(cookie).toMatchObject({
      name: 'consent',
      domain: 'www.example.go.th',
      path: '/',
      secure: true,
      sameSite: 'Lax',
    });
    expect(parseRecord(cookie!.value).granted).toEqual(['logs', 'necessary', 'preferences']);
    expect(await context.cookies('https://example.go.th/')).toEqual([]);
  });

  test('cookieDays sets the expiry', async ({ context, baseURL }) => {
    const preset = await presetConsent(context, {}, { url: baseURL!, cookieDays: 30 });
    expect(Math.abs(preset.expires - (Date.now() / 1000 + 30 * DAY))).toBeLessThan(5);
    expect((await context.cookies())[0]?.expires).toBe(preset.expires);
  });

  test('bad input throws a clear Error and writes nothing', async ({ context, baseURL }) => {
    const url = baseURL!;
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      ['bad id', () => presetConsent(context, { Analytics: true }, { url }), /"Analytics" is not/],
      [
        'not a boolean',
        // @ts-expect-error: a string where a boolean belongs, as plain JavaScript could pass
        () => presetConsent(context, { analytics: 'yes' }, { url }),
        /choices\.analytics must be true or false, not "yes"/,
      ],
      [
        'necessary refused',
        () => presetConsent(context, { necessary: false }, { url }),
        /necessary cannot be refused/,
      ],
      // @ts-expect-error: null where the choices belong
      ['no choices', () => presetConsent(context, null, { url }), /choices must be an object/],
      [
        'relative url',
        () => presetConsent(context, {}, { url: '/demo/' }),
        /options\.url must be an absolute http\(s\) URL/,
      ],
      [
        'bad cookie name',
        () => presetConsent(context, {}, { url, cookieName: 'my consent' }),
        /options\.cookieName must be a cookie name/,
      ],
      [
        'bad revision',
        () => presetConsent(context, {}, { url, revision: 1.5 }),
        /options\.revision must be a whole number/,
      ],
      [
        'revision as text',
        // @ts-expect-error: a string where a number belongs
        () => presetConsent(context, {}, { url, revision: '1' }),
        /options\.revision must be a whole number/,
      ],
      [
        'cookieDays out of range',
        () => presetConsent(context, {}, { url, cookieDays: 0 }),
        /options\.cookieDays must be a whole number/,
      ],
      [
        'a category the page does not offer',
        () => presetConsent(context, { preferences: true }, { url, categories: ['analytics'] }),
        /choices\.preferences: not among options\.categories \(analytics\)/,
      ],
      [
        'logs in categories',
        () => presetConsent(context, {}, { url, categories: ['logs'] }),
        /options\.categories lists optional categories only/,
      ],
    ];
    for (const [name, call, message] of cases) {
      await expect(call(), name).rejects.toThrow(message);
      await expect(call(), name).rejects.toThrow(/^presetConsent: /);
    }
    expect(await context.cookies()).toEqual([]);
  });
});

test.describe('consentBanner(page)', () => {
  test('acceptAll on a Thai page: the banner goes, everything granted', async ({
    page,
    context,
  }) => {
    await page.goto(PAGES.sso);
    const banner = consentBanner(page);
    expect(await banner.isVisible()).toBe(true);
    const pageView = nextCollect(page);
    await banner.acceptAll();

    expect(await banner.isVisible()).toBe(false);
    await pageView;
    expect(await banner.state()).toMatchObject({
      decided: true,
      method: 'accept-all',
      denied: [],
    });
    expectRecord(await waitForRecord(context), {
      granted: ['necessary', 'logs', 'preferences', 'analytics'],
      denied: [],
      method: 'a',
    });
  });

  test('rejectAll on the English script-tag page (built IIFE)', async ({ page }) => {
    const collect = watchCollect(page);
    await page.goto(PAGES.scriptTag);
    const banner = consentBanner(page);
    await banner.rejectAll();

    await expect(bannerUi(page, EN).region).toBeHidden();
    expect(await banner.state()).toMatchObject({
      decided: true,
      method: 'reject-all',
      granted: ['necessary', 'logs'],
    });
    expect(collect).toHaveLength(0);
  });

  test('choose sets the switches named and saves; the others stay off', async ({
    page,
    context,
  }) => {
    await page.goto(PAGES.sso);
    const banner = consentBanner(page);
    const pageView = nextCollect(page);
    await banner.choose({ analytics: true, logs: false });

    await pageView;
    expect(await banner.state()).toMatchObject({
      method: 'custom',
      categories: { necessary: true, logs: false, preferences: false, analytics: true },
    });
    expectRecord(await waitForRecord(context), {
      granted: ['necessary', 'analytics'],
      denied: ['logs', 'preferences'],
      method: 'c',
    });
    await expect(banner.dialog).toBeHidden();
  });

  test('after a decision, choose and acceptAll go through the settings button', async ({
    page,
    context,
    baseURL,
  }) => {
    await presetConsent(context, { analytics: true }, { url: baseURL!, revision: 1 });
    await page.goto(PAGES.sso);
    const banner = consentBanner(page);
    await expect(banner.settingsButton).toBeVisible();

    await banner.choose({ preferences: true });
    expect((await banner.state()).categories).toEqual({
      necessary: true,
      logs: true,
      preferences: true,
      analytics: true,
    });
    await banner.rejectAll();
    expect(await banner.state()).toMatchObject({
      method: 'reject-all',
      denied: ['logs', 'preferences', 'analytics'],
    });
    await banner.acceptAll();
    expect((await banner.state()).method).toBe('accept-all');
  });

  test('openSettings opens the dialog; acceptAll then uses the dialog', async ({ page }) => {
    await page.goto(PAGES.sso);
    const banner = consentBanner(page);
    await banner.openSettings();
    await expect(bannerUi(page, TH).dialog).toBeVisible();
    await expect(banner.switchFor('analytics')).not.toBeChecked();
    await banner.openSettings(); // already open: nothing changes

    await banner.acceptAll();
    await expect(banner.dialog).toBeHidden();
    expect((await banner.state()).method).toBe('accept-all');
  });

  test('works with a site’s own texts and only the categories it offers', async ({ page }) => {
    await page.goto(OWN_TEXTS);
    const banner = consentBanner(page);
    const element = page.locator('consent-banner');
    // None of the built-in texts is on the page: the page object finds them without.
    await expect(element.getByRole('button', { name: 'ตกลง ใช้ได้ทุกอย่าง' })).toBeVisible();
    await expect(element.getByRole('button', { name: TH.acceptAll })).toHaveCount(0);

    await banner.choose({ analytics: true });
    expect((await banner.state()).categories).toEqual({
      necessary: true,
      logs: true,
      analytics: true,
    });
    await expect(banner.settingsButton).toHaveText('ความเป็นส่วนตัว');
  });

  test('choose with a category the dialog has no switch for throws, naming the switches', async ({
    page,
  }) => {
    await page.goto(PAGES.coop);
    const banner = consentBanner(page);
    await expect(banner.choose({ tracking: true })).rejects.toThrow(
      'consentBanner: the dialog has no switch for "tracking" (required, or not offered); ' +
        'its switches: preferences, analytics, marketing',
    );
    await expect(banner.choose({ necessary: true })).rejects.toThrow(/no switch for "necessary"/);
    // @ts-expect-error: a string where a boolean belongs
    await expect(banner.choose({ analytics: 'on' })).rejects.toThrow(/must be true or false/);
    expect((await banner.state()).decided).toBe(false);
  });

  test('options.element drives another element: here, the banner in an iframe', async ({
    page,
    context,
  }) => {
    await page.goto(FRAMED);
    const frame = page.frameLocator('#shop');
    const banner = consentBanner(page, { element: frame.locator('consent-banner') });
    expect(await banner.isVisible()).toBe(true);
    await banner.choose({ analytics: true });

    // The framed page is the SSO demo: logs="optional", so its switch stays off.
    expect(await banner.state()).toMatchObject({
      method: 'custom',
      granted: ['necessary', 'analytics'],
    });
    await expect(frame.getByRole('region', { name: TH.title })).toBeHidden();
    expect((await storedRecord(context))?.method).toBe('c');
  });
});
