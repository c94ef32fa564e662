// The mistakes a web team makes, each named (docs/messages.md): what the page writes → the one
// console line it gets → the banner still works and nothing is granted by mistake. The lines
// are the development build's (the tests run the source); the builds for pages print the same
// subject with the code (test/flows/iife.test.ts).
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { ConsentBanner } from '../../src/index.js';
import {
  NOW,
  clearAllCookies,
  getCookie,
  part,
  setConsentCookie,
  storedValue,
  until,
} from './helpers.js';

/** Every console.info, .warn and .error line while `action` runs, as the console prints them. */
async function consoleLines(action: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const { info, warn, error } = console;
  console.info =
    console.warn =
    console.error =
      (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    await action();
  } finally {
    Object.assign(console, { info, warn, error });
  }
  return lines;
}

interface Row {
  /** What the web team writes. */
  mistake: string;
  /** The page and what it does; resolves with the banner. */
  run: () => Promise<ConsentBanner>;
  /** The line the console shows, exactly, once (given the banner, when it depends on it). */
  line: string | ((el: ConsentBanner) => string);
  /** What else shows: the banner works, nothing granted by mistake. */
  check: (el: ConsentBanner) => Promise<void> | void;
}

/** What this engine's JSON parser says of `text`. */
function parserMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('valid JSON');
}

/** A config child as a web team writes it, with a trailing comma on its second line. */
const BROKEN_JSON = '\n  { "texts": { "en": { "acceptAll": "OK" } }, }\n';
/** The parser's message for the JSON child of `el`, and where, as the banner says it. */
function where(el: Element): string {
  const message = parserMessage(el.querySelector('script')!.textContent!);
  return /line \d/.test(message) ? message : `${message} at line 2 column 47`;
}

const OPTIONAL = 'preferences, analytics';
/** A stored record with these categories granted and denied (`~` between ids), decided a minute ago. */
const record = (granted: string, denied: string) =>
  [1, 0, granted, denied, 'AbCdEfGh1234', NOW() - 60, 'c'].join('.');
const ALL = `necessary, logs, ${OPTIONAL}`;
const fresh = (
  template = html`<consent-banner lang="en" policy-url="/privacy"></consent-banner>`,
) => fixture<ConsentBanner>(template);
/** Nothing beyond the required categories is granted, and nothing was decided. */
const nothingDecided = (el: ConsentBanner) => {
  expect(el.consent.decided, 'nothing decided').to.equal(false);
  expect(el.consent.granted).to.deep.equal(['necessary', 'logs']);
  expect(getCookie(), 'nothing stored').to.equal(undefined);
};
/** The first layer is there: the visitor is asked. */
const asked = async (el: ConsentBanner) => {
  await el.updateComplete;
  expect(part(el, 'banner'), 'the first layer shows').to.not.equal(null);
};

const ROWS: Row[] = [
  {
    mistake: 'categories="analytics marketing statistics" (no such categories)',
    run: () =>
      fresh(
        html`<consent-banner
          lang="en"
          policy-url="/privacy"
          categories="analytics marketing statistics"
        ></consent-banner>`,
      ),
    line: `[consent-banner] categories="marketing statistics": no such category here; expected one of ${OPTIONAL}`,
    async check(el) {
      expect(Object.keys(el.consent.categories)).to.deep.equal(['necessary', 'logs', 'analytics']);
      await asked(el);
    },
  },
  {
    mistake: 'two gated scripts with data-consent="analytcs" (a typo)',
    async run() {
      const wrapper = await fixture(
        html`<div>
          <script type="text/plain" data-consent="analytcs">
            window.typoRan = true;
          </script>
          <script type="text/plain" data-consent="analytcs">
            window.typoRan = true;
          </script>
          <consent-banner lang="en" policy-url="/privacy"></consent-banner>
        </div>`,
      );
      const el = wrapper.querySelector('consent-banner')!;
      el.acceptAll();
      await el.updateComplete;
      return el;
    },
    line: `[consent-banner] data-consent="analytcs": no such category here; expected one of ${ALL}`,
    check() {
      expect((window as { typoRan?: boolean }).typoRan, 'never runs').to.equal(undefined);
    },
  },
  {
    mistake: 'no policy-url',
    run: () => fixture<ConsentBanner>(html`<consent-banner lang="en"></consent-banner>`),
    line: '[consent-banner] policy-url: missing; the banner must link to the privacy policy',
    async check(el) {
      await asked(el);
      expect(part(el, 'link'), 'no link').to.equal(null);
    },
  },
  {
    mistake: 'el.whenGranted("nope")',
    async run() {
      const el = await fresh();
      void el.whenGranted('nope');
      return el;
    },
    line: `[consent-banner] whenGranted("nope"): no such category here; expected one of ${ALL}`,
    check: asked,
  },
  {
    mistake: 'el.isGranted("analytic")',
    async run() {
      const el = await fresh();
      expect(el.isGranted('analytic')).to.equal(false);
      return el;
    },
    line: `[consent-banner] isGranted("analytic"): no such category here; expected one of ${ALL}`,
    check: nothingDecided,
  },
  {
    mistake: 'google-consent-mode="no"',
    run: () =>
      fresh(
        html`<consent-banner
          lang="en"
          policy-url="/privacy"
          google-consent-mode="no"
        ></consent-banner>`,
      ),
    line: '[consent-banner] google-consent-mode="no": the attribute is there, so it is on; remove it to turn it off',
    async check(el) {
      expect(el.googleConsentMode, 'on, as the attribute is there').to.equal(true);
      await asked(el);
    },
  },
  {
    mistake: 'no-settings-button="false"',
    async run() {
      setConsentCookie(storedValue({}));
      return fresh(
        html`<consent-banner
          lang="en"
          policy-url="/privacy"
          no-settings-button="false"
        ></consent-banner>`,
      );
    },
    line: '[consent-banner] no-settings-button="false": the attribute is there, so it is on; remove it to turn it off',
    check(el) {
      expect(el.noSettingsButton).to.equal(true);
      expect(part(el, 'settings-button')).to.equal(null);
    },
  },
  {
    mistake: 'a JSON config child with a trailing comma',
    async run() {
      const box = await fixture(html`<div></div>`);
      const el = document.createElement('consent-banner');
      el.lang = 'en';
      el.policyUrl = '/privacy';
      const child = document.createElement('script');
      child.type = 'application/json';
      child.textContent = BROKEN_JSON;
      el.append(child);
      box.append(el);
      return el;
    },
    // The parser's own message, as this engine words it: Chromium's and Firefox's say the line
    // and column; WebKit's does not, and the banner adds them.
    line: (el) => `[consent-banner] JSON config (${where(el)}) ignored: expected valid JSON`,
    async check(el) {
      await asked(el);
      // Where, in every engine: the } after the trailing comma, on line 2 of the child's text
      // (which starts with a newline).
      expect(where(el)).to.match(/line 2 column 47\b/);
    },
  },
  {
    mistake: 'acceptAll: "" in texts',
    async run() {
      const el = await fresh();
      el.config = { texts: { en: { acceptAll: '' } } };
      await el.updateComplete;
      return el;
    },
    line: '[consent-banner] texts.en.acceptAll ignored: expected a text that is not empty; the built-in text is shown',
    async check(el) {
      await asked(el);
      expect(part(el, 'accept')?.textContent?.trim()).to.equal('Accept all');
    },
  },
  {
    mistake: "a category of the site's own without a label",
    async run() {
      const el = await fresh();
      el.config = { categories: { video: { description: { en: 'Videos from YouTube' } } } };
      await el.updateComplete;
      return el;
    },
    line: '[consent-banner] categories.video: no label; visitors see a generic one until it has {"label": {"th": "…", "en": "…"}}',
    async check(el) {
      el.showPreferences();
      await until(() => el.shadowRoot!.querySelector('dialog[open]'), 'the dialog opens');
      const label = el.shadowRoot!.querySelector('label[for="cb-switch-video"]');
      expect(label?.textContent?.trim(), 'a generic name, not the id').to.equal('Other cookies');
    },
  },
  ...(
    [
      [{ analytics: true, marketing: true }, 'setConsent marketing'],
      [{}, 'setConsent'],
      [{ necessary: false }, 'setConsent necessary'],
      [{ logs: false }, 'setConsent logs'],
      [{ analytics: 'yes' }, 'setConsent analytics=yes'],
    ] as const
  ).map(([choice, subject]): Row => ({
    mistake: `setConsent(${JSON.stringify(choice)})`,
    async run() {
      const el = await fresh();
      el.setConsent(choice as unknown as Record<string, boolean>);
      return el;
    },
    line: `[consent-banner] ${subject}: nothing changed; expected true or false for one or more of ${OPTIONAL}`,
    async check(el) {
      nothingDecided(el);
      await asked(el);
    },
  })),
  // A stored choice the page does not count (a test's preset, an old cookie): said at info level.
  ...(
    [
      [
        "a preset that leaves out a category of the site's own",
        storedValue({ analytics: true }),
        html`<consent-banner lang="en" policy-url="/privacy">
          <script type="application/json">
            { "categories": { "video": { "label": { "th": "วิดีโอ", "en": "Videos" } } } }
          </script>
        </consent-banner>`,
        'missing video',
      ],
      [
        'a preset with logs refused, on a site where logs are required',
        record('necessary~preferences~analytics', 'logs'),
        undefined,
        'refused logs',
      ],
      [
        'a preset that names a category the page does not have',
        record('necessary~logs~marketing', 'preferences~analytics'),
        undefined,
        'unknown marketing',
      ],
      [
        "a preset for an older revision of the site's policy",
        storedValue({ analytics: true, revision: 1 }),
        html`<consent-banner lang="en" policy-url="/privacy" revision="2"></consent-banner>`,
        'revision 1, page has 2',
      ],
      ['a consent cookie the banner did not write', 'yes', undefined, 'malformed'],
    ] as const
  ).map(([mistake, value, template, why]): Row => ({
    mistake,
    run() {
      setConsentCookie(value);
      return fresh(template);
    },
    line: `[consent-banner] stored choice ignored: ${why}; the banner asks for a choice again`,
    async check(el) {
      expect(el.consent.decided, 'not counted as a choice').to.equal(false);
      expect(el.consent.granted).to.deep.equal(['necessary', 'logs']);
      await asked(el);
    },
  })),
];

describe('every mistake is named, once, and changes nothing it should not', () => {
  beforeEach(() => clearAllCookies());
  afterEach(() => {
    clearAllCookies();
    delete window.dataLayer;
  });

  for (const row of ROWS) {
    it(row.mistake, async () => {
      let el: ConsentBanner | undefined;
      const lines = await consoleLines(async () => {
        el = await row.run();
        await el.updateComplete;
      });
      expect(lines).to.deep.equal([typeof row.line === 'string' ? row.line : row.line(el!)]);
      await row.check(el!);
    });
  }

  it('an unknown id is said once a page, however often it is asked about', async () => {
    const el = await fresh();
    const lines = await consoleLines(async () => {
      for (let i = 0; i < 3; i++) el.isGranted('statistic');
      await until(() => true);
    });
    expect(lines).to.have.length(1);
  });
});

declare global {
  interface Window {
    dataLayer?: unknown[];
  }
}
