// auditConsent (docs/guide/audit.md) against a page that breaks its declaration every way there
// is, and against the demo sites, which declare what they set: each kind of violation is found on
// the first, none on the second.
import { auditConsent, expectNoConsentViolations } from '../../src/testing/index.js';
import { expect, test } from './fixtures.js';

test('the leaky page: before-choice, refused, undeclared and not-cleared, each found and named', async ({
  browser,
  baseURL,
}) => {
  const report = await auditConsent(browser, {
    urls: [`${baseURL}/test/e2e/pages/leaky.html`],
    settleMs: 400,
  });
  const seen = report.violations.map((v) => `${v.kind} ${v.choice} ${v.what} ${v.name}`);
  expect(seen).toEqual(
    expect.arrayContaining([
      'before-choice none cookie tracker_id',
      'before-choice none request localhost',
      'refused reject-all cookie _ga',
      'refused only preferences cookie _ga',
      'undeclared accept-all cookie undeclared_pixel',
      'not-cleared accept-all cookie _ga_leak',
    ]),
  );
  // What a refused category declares is not reported when it is granted.
  expect(seen).not.toContain('refused accept-all cookie _ga');
  expect(seen).not.toContain('refused only analytics cookie _ga');
  expect(() => expectNoConsentViolations(report)).toThrow(
    /before-choice \(none, .*leaky\.html\): cookie tracker_id/,
  );
  const markdown = report.toMarkdown();
  expect(markdown).toContain('| before-choice | none | cookie | `tracker_id` |');
  expect(markdown).toContain('## What each choice stored and sent');
  const draft = report.draftDeclaration();
  expect(draft.necessary?.cookies.map((c) => c.name)).toEqual(
    expect.arrayContaining(['tracker_id', 'localhost']),
  );
  expect(draft.analytics?.cookies.map((c) => c.name)).toEqual(
    expect.arrayContaining(['undeclared_pixel', '_ga_leak']),
  );
  // The banner's own cookie is the banner's to declare.
  const drafted = Object.values(draft).flatMap((c) => c.cookies.map((e) => e.name));
  expect(drafted).not.toContain('consent');
});

// The demo pages declare what they set: no violation for any choice. Each site on its own (a
// site's pages share one configuration), one test each. The Matomo page is left out: installed by
// one tag, it has no configuration in which to declare mtm_cookie_consent.
const SITES: { pages: string[]; analytics: RegExp[] }[] = [
  // The analytics stand-ins' cookies show, and only where analytics is granted: on the SSO demo a
  // _ga-style cookie, on the co-op's GA4's and Matomo's (declared in its configuration).
  { pages: ['/demo/index.html', '/demo/media.html'], analytics: [/^_ga$/] },
  {
    pages: ['/demo/coop.html'],
    analytics: [/^_ga$/, /^_ga_COOPDEMO1$/, /^_pk_id\.3\./, /^_pk_ses\.3\./],
  },
  { pages: ['/demo/script-tag.html', '/demo/script-tag-twice.html'], analytics: [] },
  { pages: ['/demo/module.html'], analytics: [] },
  { pages: ['/demo/themed.html'], analytics: [] },
];

for (const { pages, analytics } of SITES)
  test(`${pages.join(' and ')}: what they set is declared, no violation for any choice`, async ({
    browser,
    baseURL,
  }) => {
    test.setTimeout(60_000);
    const report = await auditConsent(browser, {
      urls: pages.map((path) => `${baseURL}${path}`),
      settleMs: 400,
    });
    expect(report.pages.map((p) => p.choice)).toEqual(
      expect.arrayContaining(['none', 'reject-all', 'accept-all', 'only analytics']),
    );
    expectNoConsentViolations(report);
    for (const name of analytics) {
      const where = report.pages
        .filter((p) => p.cookies.some((c) => name.test(c.name)))
        .map((p) => p.choice);
      expect([...new Set(where)].sort(), String(name)).toEqual(['accept-all', 'only analytics']);
    }
  });

test('a page without a banner is said at once', async ({ browser, baseURL }) => {
  await expect(
    auditConsent(browser, { urls: [`${baseURL}/demo/records/`], settleMs: 200 }),
  ).rejects.toThrow(/no <consent-banner> on .*\/demo\/records\//);
});

test('a concurrency that is not a whole number from 1 is said, before any page is visited', async ({
  browser,
  baseURL,
}) => {
  await expect(
    auditConsent(browser, { urls: [`${baseURL}/demo/index.html`], concurrency: 0 }),
  ).rejects.toThrow('auditConsent: `concurrency` is 0; expected a whole number from 1');
});
