// Embedded content waits for consent (docs/guide/embeds.md), in every engine: the iframe is out
// of the page and its placeholder stands in its place until its category is granted; Load this
// one, Always allow, iframes added later, withdrawal, the visitor's language and theme, the
// keyboard and axe. The embed is a page of this server (test/element/embed-content.html), so
// the browser's own resource timing tells whether it was asked for.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/define.js';
import { decodeRecord } from '../../src/core/codec.js';
import { EMBED_STRINGS } from '../../src/i18n/embed.js';
import type { ConsentBanner } from '../../src/index.js';
import {
  captureConsole,
  clearAllCookies,
  getCookie,
  recordEvents,
  setConsentCookie,
  storedValue,
  until,
} from './helpers.js';

const CONTENT = '/test/element/embed-content.html';
const CONFIG = {
  categories: { media: { label: { th: 'วิดีโอและแผนที่', en: 'Videos and maps' } } },
};

/** How many times the page asked the server for embed `n`. */
const asked = (n: number) =>
  performance.getEntriesByType('resource').filter((e) => e.name.includes(`${CONTENT}?n=${n}&`))
    .length;

let round = 0;

/** A page with a banner and two embeds of `media`, each at a URL of its own. */
async function page(options: { lang?: string; theme?: string; receiptUrl?: string } = {}) {
  round++;
  const src = (n: number) => `${CONTENT}?n=${n}&round=${round}`;
  const wrapper = await fixture<HTMLDivElement>(html`
    <div lang=${options.lang ?? 'en'}>
      <iframe
        id="one"
        title="How to apply online"
        data-consent="media"
        data-src=${src(1)}
        data-consent-provider="YouTube"
        width="400"
        height="225"
      ></iframe>
      <iframe id="two" data-consent="media" data-src=${src(2)}></iframe>
      <consent-banner
        policy-url="/privacy"
        theme=${options.theme ?? 'light'}
        receipt-url=${ifDefined(options.receiptUrl)}
        .config=${CONFIG}
      ></consent-banner>
    </div>
  `);
  const el = wrapper.querySelector('consent-banner') as ConsentBanner;
  return { wrapper, el };
}

/** The placeholders in the page, in order. */
const boxes = () => [...document.querySelectorAll<HTMLElement>('[data-consent-placeholder]')];
const inBox = (box: HTMLElement, part: string) =>
  box.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`);
const frame = (id: string) => document.getElementById(id) as HTMLIFrameElement | null;
const placeholders = (n: number) => until(() => boxes().length === n, `${n} placeholders`);

beforeEach(() => {
  clearAllCookies();
  // The buffer holds 250 entries, and the test runner's own modules fill it.
  performance.clearResourceTimings();
});
afterEach(() => clearAllCookies());

describe('embeds', () => {
  it('before a choice: placeholders of the iframes\u2019 size in their place, and nothing asked of the provider', async () => {
    await page();
    await placeholders(2);
    const [one, two] = boxes() as [HTMLElement, HTMLElement];
    // The iframes are out of the page.
    expect(frame('one')).to.equal(null);
    expect(frame('two')).to.equal(null);
    const s = EMBED_STRINGS.en;
    expect(inBox(one, 'embed-title')?.textContent).to.equal('How to apply online');
    expect(inBox(one, 'embed-text')?.textContent).to.equal(
      s.shares.replaceAll('{provider}', 'YouTube'),
    );
    expect(inBox(one, 'embed-load')?.textContent).to.equal('Load this one');
    expect(inBox(one, 'embed-allow')?.textContent).to.equal(
      'Always allow \u201cVideos and maps\u201d',
    );
    expect(inBox(one, 'embed')?.getAttribute('aria-label')).to.equal('How to apply online');
    // Named by its host when the page names no provider; the link opens the embed's own address.
    expect(inBox(two, 'embed')?.getAttribute('aria-label')).to.equal(
      `Content from ${location.hostname}`,
    );
    expect((inBox(two, 'embed-link') as HTMLAnchorElement).href).to.contain(`${CONTENT}?n=2`);
    // The iframe's size: its width and height attributes, else an iframe's default.
    expect(one.getBoundingClientRect().width).to.equal(400);
    expect(one.getBoundingClientRect().height).to.equal(225);
    expect(two.getBoundingClientRect().width).to.equal(300);
    expect(two.getBoundingClientRect().height).to.equal(150);
    expect(asked(1) + asked(2)).to.equal(0);
  });

  it('Load this one loads that iframe alone, stores nothing and moves the focus into it', async () => {
    const { el } = await page();
    await placeholders(2);
    const events = recordEvents();
    inBox(boxes()[0]!, 'embed-load')!.click();
    await until(() => frame('one')?.getAttribute('src'), 'the first embed loads');
    await until(() => asked(1) === 1, 'its content is asked for');
    expect(document.activeElement).to.equal(frame('one'));
    expect(boxes()).to.have.length(1);
    expect(frame('two')).to.equal(null);
    expect(getCookie()).to.equal(undefined);
    expect(events.changes).to.have.length(0);
    expect(el.consent.decided).to.equal(false);
    expect(asked(2)).to.equal(0);
  });

  it('Always allow is a decision: the cookie, consent-change from "embed", the receipt, every embed of the category', async () => {
    // The test server's receiver (web-test-runner.config.mjs), one of its own.
    const receipts = `/__receipts/embeds-${crypto.randomUUID()}`;
    await page({ receiptUrl: receipts });
    await placeholders(2);
    const events = recordEvents();
    inBox(boxes()[1]!, 'embed-allow')!.click();
    await until(() => asked(1) === 1 && asked(2) === 1, 'both embeds load');
    expect(boxes()).to.have.length(0);
    expect(events.changes.map((c) => [c.source, c.changed])).to.deep.equal([['embed', ['media']]]);
    const record = decodeRecord(getCookie());
    expect(record?.granted).to.include('media');
    expect(record?.denied).to.include('analytics');
    expect(record?.method).to.equal('custom');
    expect(document.activeElement).to.equal(frame('two'));
    // The receipt, as for any decision.
    let sent: { granted: string[]; method: string }[] = [];
    await until(async () => {
      const posts = (await (await fetch(receipts)).json()) as { body: string }[];
      sent = posts.map((p) => JSON.parse(p.body) as { granted: string[]; method: string });
      return sent.length === 1;
    }, 'the receipt arrives');
    expect(sent[0]!.granted).to.include('media');
    expect(sent[0]!.method).to.equal('custom');
  });

  it('a granted category loads its embeds at once, with no placeholder', async () => {
    const value = storedValue({}).split('.');
    value[2] = 'necessary~logs~media';
    setConsentCookie(value.join('.'));
    await page();
    await until(() => asked(1) === 1 && asked(2) === 1, 'both embeds load');
    expect(boxes()).to.have.length(0);
  });

  it('an iframe added later waits too, and loads at the moment of grant', async () => {
    const { wrapper, el } = await page();
    await placeholders(2);
    const late = document.createElement('iframe');
    late.id = 'late';
    late.dataset.consent = 'media';
    late.dataset.src = `${CONTENT}?n=3&round=${round}`;
    wrapper.append(late);
    await placeholders(3);
    expect(frame('late')).to.equal(null);
    el.setConsent({ media: true });
    await until(() => asked(3) === 1, 'the late embed loads');
    expect(boxes()).to.have.length(0);
  });

  it('withdrawing the category puts every placeholder back, and no provider frame remains', async () => {
    const { el } = await page();
    await placeholders(2);
    inBox(boxes()[0]!, 'embed-load')!.click();
    await until(() => frame('one'), 'the first embed loads');
    el.setConsent({ media: true });
    await until(() => frame('two'), 'the second embed loads');
    el.setConsent({ media: false });
    await placeholders(2);
    expect(document.querySelectorAll('iframe[data-consent]')).to.have.length(0);
  });

  it('reads in the visitor\u2019s language, and follows a change of it', async () => {
    const { el } = await page({ lang: 'th' });
    await placeholders(2);
    const s = EMBED_STRINGS.th;
    expect(inBox(boxes()[0]!, 'embed-load')?.textContent).to.equal(s.loadOnce);
    expect(inBox(boxes()[0]!, 'embed-allow')?.textContent).to.equal('อนุญาต “วิดีโอและแผนที่” เสมอ');
    expect(boxes()[0]!.lang).to.equal('th');
    el.setAttribute('lang', 'en');
    await until(() => inBox(boxes()[0]!, 'embed-load')?.textContent === 'Load this one');
    expect(boxes()[0]!.lang).to.equal('en');
  });

  it('the keyboard reaches Load this one, Always allow and the link, and Enter loads', async () => {
    await page();
    await placeholders(2);
    const first = boxes()[0]!;
    inBox(first, 'embed-load')!.focus();
    const focused = () => first.shadowRoot!.activeElement?.getAttribute('part');
    expect(focused()).to.equal('embed-load button');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('embed-allow button');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal('embed-link');
    // (Shift+Tab is not a key every engine's driver sends: back to the first control directly.)
    inBox(first, 'embed-load')!.focus();
    await sendKeys({ press: 'Enter' });
    await until(() => asked(1) === 1, 'the first embed loads');
  });

  for (const lang of ['th', 'en'] as const)
    for (const theme of ['light', 'dark'] as const)
      it(`axe finds no violation in a placeholder (${lang}, ${theme})`, async () => {
        await page({ lang, theme });
        await placeholders(2);
        expect(boxes()[0]!.getAttribute('theme')).to.equal(theme);
        for (const box of boxes()) await expect(box).to.be.accessible();
      });

  it('readable at 320 px: in a column that narrow, nothing sticks out and every control is whole', async () => {
    const { wrapper } = await page({ lang: 'th' });
    wrapper.style.width = '320px';
    await placeholders(2);
    for (const box of boxes()) {
      const outer = box.getBoundingClientRect();
      expect(outer.width, 'no wider than its column').to.be.at.most(320);
      const inner = inBox(box, 'embed')!;
      expect(inner.scrollWidth, 'no sideways scrolling').to.be.at.most(inner.clientWidth);
      for (const control of box.shadowRoot!.querySelectorAll('button, a')) {
        const r = control.getBoundingClientRect();
        expect(r.left).to.be.at.least(outer.left);
        expect(r.right).to.be.at.most(outer.right);
      }
    }
  });

  it('the page styles it through ::part and the banner\u2019s custom properties; the thumbnail is the site\u2019s own', async () => {
    const style = document.createElement('style');
    style.textContent = `
      :root { --consent-banner-accent: rgb(0, 102, 51); }
      [data-consent-placeholder]::part(embed-text) { font-style: italic; }`;
    document.head.append(style);
    try {
      const { wrapper } = await page();
      const thumbnailed = document.createElement('iframe');
      thumbnailed.dataset.consent = 'media';
      thumbnailed.dataset.src = `${CONTENT}?n=6&round=${round}`;
      thumbnailed.dataset.consentThumbnail = '/test/element/embed-thumbnail.svg';
      wrapper.prepend(thumbnailed);
      await placeholders(3);
      const [first] = boxes() as [HTMLElement];
      expect(getComputedStyle(inBox(first, 'embed-text')!).fontStyle).to.equal('italic');
      expect(getComputedStyle(inBox(first, 'embed-load')!).backgroundColor).to.equal(
        'rgb(0, 102, 51)',
      );
      const images = boxes().flatMap((b) => [...b.shadowRoot!.querySelectorAll('img')]);
      expect(images.map((img) => new URL(img.src).pathname)).to.deep.equal([
        '/test/element/embed-thumbnail.svg',
      ]);
      expect(images[0]!.alt).to.equal('');
    } finally {
      style.remove();
    }
  });

  it('an iframe of a category the banner lacks is said once, never loads, and offers no Always allow', async () => {
    const messages = await captureConsole('warn', async () => {
      await page();
      const odd = document.createElement('iframe');
      odd.dataset.consent = 'videos';
      odd.dataset.src = `${CONTENT}?n=4&round=${round}`;
      document.querySelector('consent-banner')!.before(odd);
      await placeholders(3);
    });
    expect(messages.filter((m) => m.includes('data-consent="videos"'))).to.have.length(1);
    expect(messages.join('\n')).to.contain('no such category here');
    const odd = boxes().find((b) => !inBox(b, 'embed-allow'));
    expect(odd, 'a placeholder without Always allow').to.not.equal(undefined);
    expect(inBox(odd!, 'embed-load')).to.not.equal(null);
  });

  it('an iframe whose markup has src too is said once, and its placeholder takes its place', async () => {
    const messages = await captureConsole('warn', async () => {
      await page();
      await placeholders(2);
      const early = document.createElement('iframe');
      early.dataset.consent = 'media';
      early.dataset.src = `${CONTENT}?n=5&round=${round}`;
      early.src = early.dataset.src;
      document.querySelector('consent-banner')!.before(early);
      await placeholders(3);
    });
    expect(messages.filter((m) => m.includes('has src too'))).to.deep.equal([
      `[consent-banner] <iframe data-src="${CONTENT}?n=5&round=${round}">: has src too, so it loaded before any consent; give it data-src alone`,
    ]);
    expect(document.querySelectorAll('iframe[data-consent]')).to.have.length(0);
  });

  it('a banner that left the page leaves the embeds to the one that is there now', async () => {
    const { wrapper: first, el: gone } = await page();
    await placeholders(2);
    first.remove();
    await page();
    await placeholders(2);
    inBox(boxes()[0]!, 'embed-load')!.click();
    await until(() => frame('one')?.getAttribute('src'), 'the embed loads');
    // The removed banner draws again (a setting changed): it must not touch this page's embeds.
    gone.setAttribute('lang', 'th');
    await gone.updateComplete;
    await gone.updateComplete;
    expect(frame('one')?.getAttribute('src')).to.contain(`${CONTENT}?n=1`);
    expect(boxes()).to.have.length(1);
  });
});
