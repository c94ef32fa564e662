// The consent cookie sent back by a REAL nginx (docs/server/safari.md): the demo's nginx asks the consent endpoint (examples/node/receipt-server.mjs) for the cookie
// with each page (examples/nginx/consent-refresh.conf). Safari caps a cookie written by the page's
// script at 7 days; here the cap is put on by hand, as Safari would, and the next page from
// nginx gives the cookie back its full lifetime: cookie-days from the decision, never more, and
// the value unchanged.
import { record } from './log-cookies.js';
import { expect, startTestNginx, test } from './nginx-server.js';
import { expectFullLifetimeBack, expectServedWithoutCookie, nowSeconds } from './server-kit.js';

const PAGE = '/demo/nginx/';

test.describe('the consent cookie, sent back by nginx', () => {
  test('a capped cookie gets back its full lifetime, with the same value', async ({
    page,
    context,
    nginx,
  }) => {
    await expectFullLifetimeBack(page, context, nginx.origin, PAGE);
  });

  test('no choice, or a forged one: nginx sends no cookie', async ({ page, context, nginx }) => {
    const first = await page.goto(`${nginx.origin}${PAGE}`);
    expect(await first?.headerValue('set-cookie')).toBeNull();
    const forged = record(nowSeconds(), 'logs.necessary', 'a');
    await context.addCookies([{ name: 'consent', value: forged, url: nginx.origin }]);
    const second = await page.goto(`${nginx.origin}${PAGE}`);
    expect(await second?.headerValue('set-cookie')).toBeNull();
  });

  test('the consent endpoint down: pages are served as ever, without the cookie', async ({
    page,
    context,
  }) => {
    const alone = await startTestNginx({ consentEndpoint: false });
    try {
      await expectServedWithoutCookie(page, context, alone.origin, PAGE);
    } finally {
      await alone.remove();
    }
  });
});
