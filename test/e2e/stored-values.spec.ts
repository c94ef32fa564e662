// Whatever is in the cookie, a value that is not a valid record of the current format counts as
// no choice (docs/reference/cookie.md): the banner asks, nothing is granted, nothing throws.
import {
  PAGES,
  TH,
  bannerUi,
  consentOf,
  expect,
  presetCookie,
  recordEvents,
  recordValue,
  test,
  waitForReady,
  watchCollect,
} from './fixtures.js';

const valid = recordValue({
  granted: ['necessary', 'logs', 'analytics'],
  denied: ['preferences'],
});

const padded = (prefix: string, suffix: string, length: number) =>
  prefix + 'A'.repeat(length - prefix.length - suffix.length) + suffix;

const BAD_VALUES: { name: string; value: string }[] = [
  { name: 'random garbage', value: 'x7Kq!ZmV*9p(wR)_~~..--qq' },
  { name: 'a broken percent-escape', value: '%E0%B8garbage%' },
  { name: 'an empty JSON object', value: '{}' },
  {
    name: 'a 4,000-character value',
    value: padded('1.1.necessary~logs~analytics.preferences.', '.1763800000.c', 4000),
  },
  { name: 'format version 2', value: `2${valid.slice(1)}` },
  { name: 'a truncated real value', value: valid.slice(0, valid.lastIndexOf('.') - 3) },
  {
    name: 'the required category in denied',
    value: recordValue({ granted: ['logs', 'analytics'], denied: ['necessary'] }),
  },
  {
    name: 'an unknown category',
    value: recordValue({
      granted: ['necessary', 'logs', 'analytics', 'tracking'],
      denied: ['preferences'],
    }),
  },
];

test.describe('a bad stored value counts as no choice', () => {
  for (const { name, value } of BAD_VALUES) {
    test(`${name}: banner shown, nothing granted, no error`, async ({ page, context }) => {
      await presetCookie(context, value);
      const collect = watchCollect(page);
      await recordEvents(page);
      await page.goto(PAGES.sso);
      await waitForReady(page);

      await expect(bannerUi(page, TH).region).toBeVisible();
      const state = await consentOf(page);
      expect(state?.decided).toBe(false);
      expect(state?.granted).toEqual(['necessary']);
      expect(state?.method).toBeNull();
      await page.waitForLoadState('load');
      expect(collect).toHaveLength(0);
      expect(await page.evaluate(() => 'demoAnalyticsRuns' in window)).toBe(false);
    });
  }

  test('the control: the same record, valid, is a choice', async ({ page, context }) => {
    await presetCookie(context, valid);
    await recordEvents(page);
    await page.goto(PAGES.sso);
    await waitForReady(page);

    expect((await consentOf(page))?.decided).toBe(true);
    await expect(bannerUi(page, TH).region).toBeHidden();
  });
});
