// The declaration on the site's own page (docs/guide/categories.md "On your cookie page"), in
// every engine: an element with data-consent-declaration gets one plain table per declaring
// category, in the light DOM, in the visitor's language, written again when the language or the
// configuration changes; headers and captions for assistive technology, and axe. The built-in
// `logs` category declares the log files' fields unless the site declares its own.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { BannerConfig } from '../../src/core/config.js';
import type { ConsentBanner } from '../../src/index.js';
import { clearAllCookies, part, setConsentCookie, storedValue, until } from './helpers.js';

const entry = (name: string, provider: string | undefined, en: string, th: string) => ({
  name,
  ...(provider ? { provider } : {}),
  purpose: { th, en },
  duration: { th: '1 ปี', en: '1 year' },
});

const CONFIG: BannerConfig = {
  categories: {
    analytics: {
      cookies: [entry('_ga', 'Google Analytics', 'Tells visitors apart', 'แยกผู้เยี่ยมชม')],
    },
    media: {
      label: { th: 'สื่อภายนอก', en: 'External media' },
      cookies: [
        entry('VISITOR_INFO1_LIVE', 'youtube-nocookie.com', 'Plays the video', 'เล่นวิดีโอ'),
        entry('media_seen', undefined, 'Remembers the last video', 'จำวิดีโอล่าสุด'),
      ],
    },
    marketing: { label: { th: 'การตลาด', en: 'Marketing' } },
  },
};

async function page(lang: 'th' | 'en') {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div lang=${lang}>
      <h2>Cookies on this site</h2>
      <div data-consent-declaration></div>
      <consent-banner policy-url="/privacy" .config=${CONFIG}></consent-banner>
    </div>
  `);
  const host = wrapper.querySelector('[data-consent-declaration]') as HTMLElement;
  const el = wrapper.querySelector('consent-banner') as ConsentBanner;
  await until(() => host.querySelector('table'), 'the tables are written');
  return { host, el };
}

/** The log files' table as the page shows it: a row per [field, purpose], by this site, kept as long. */
const logsTable = (
  caption: string,
  header: string[],
  [site, kept]: [string, string],
  fields: [string, string][],
) => ({ caption, rows: [header, ...fields.map(([field, why]) => [field, site, why, kept])] });

const LOGS_EN = logsTable(
  'Server log files',
  ['Name', 'Provider', 'Purpose', 'Kept for'],
  ['This site', 'At least 90 days'],
  [
    [
      'IP address',
      'Identifies the computer behind each request: for security, and as the Computer-Related Crime Act requires',
    ],
    ['Time of access', 'When each request was made'],
    ['Page', 'Which page or file was asked for'],
    ['Browser', 'The browser and system that asked (user agent)'],
  ],
);

const LOGS_TH = logsTable(
  'บันทึกการเข้าใช้งาน (Log Files)',
  ['ชื่อ', 'ผู้ให้บริการ', 'วัตถุประสงค์', 'ระยะเวลาที่เก็บ'],
  ['เว็บไซต์นี้', 'อย่างน้อย 90 วัน'],
  [
    [
      'หมายเลขไอพี (IP Address)',
      'ระบุเครื่องที่ส่งคำขอแต่ละครั้ง เพื่อความปลอดภัย และตามที่พระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์กำหนด',
    ],
    ['เวลาที่เข้าใช้งาน', 'เวลาของคำขอแต่ละครั้ง'],
    ['หน้าที่เปิด', 'หน้าเว็บหรือไฟล์ที่ขอ'],
    ['เบราว์เซอร์', 'เบราว์เซอร์และระบบที่ใช้ (User Agent)'],
  ],
);

/** Each table as text: caption, then the rows' cells. */
const read = (host: HTMLElement) =>
  [...host.querySelectorAll('table')].map((table) => ({
    caption: table.caption?.textContent,
    rows: [...table.rows].map((row) => [...row.cells].map((cell) => cell.textContent)),
  }));

afterEach(() => clearAllCookies());

describe('declaration tables on the site\u2019s page', () => {
  it('one table per declaring category, in the light DOM, in English', async () => {
    const { host } = await page('en');
    expect(host.shadowRoot).to.equal(null);
    expect(read(host)).to.deep.equal([
      LOGS_EN,
      {
        caption: 'Visitor statistics',
        rows: [
          ['Name', 'Provider', 'Purpose', 'Kept for'],
          ['_ga', 'Google Analytics', 'Tells visitors apart', '1 year'],
        ],
      },
      {
        caption: 'External media',
        rows: [
          ['Name', 'Provider', 'Purpose', 'Kept for'],
          ['VISITOR_INFO1_LIVE', 'youtube-nocookie.com', 'Plays the video', '1 year'],
          ['media_seen', 'This site', 'Remembers the last video', '1 year'],
        ],
      },
    ]);
    // Column headers a screen reader announces with each cell.
    for (const th of host.querySelectorAll('th')) expect(th.getAttribute('scope')).to.equal('col');
    await expect(host).to.be.accessible();
  });

  it('in Thai, and again in English when the language changes', async () => {
    const { host, el } = await page('th');
    expect(read(host)[0]).to.deep.equal(LOGS_TH);
    expect(read(host)[2]).to.deep.equal({
      caption: 'สื่อภายนอก',
      rows: [
        ['ชื่อ', 'ผู้ให้บริการ', 'วัตถุประสงค์', 'ระยะเวลาที่เก็บ'],
        ['VISITOR_INFO1_LIVE', 'youtube-nocookie.com', 'เล่นวิดีโอ', '1 ปี'],
        ['media_seen', 'เว็บไซต์นี้', 'จำวิดีโอล่าสุด', '1 ปี'],
      ],
    });
    expect(host.querySelector('table')!.lang).to.equal('th');
    await expect(host).to.be.accessible();
    el.setAttribute('lang', 'en');
    await until(() => read(host)[1]?.caption === 'Visitor statistics', 'English tables');
    expect(read(host)[0]).to.deep.equal(LOGS_EN);
    expect(host.querySelector('table')!.lang).to.equal('en');
  });

  it('written again when the configuration changes; a category with nothing declared has no table', async () => {
    const { host, el } = await page('en');
    el.config = {
      categories: {
        marketing: {
          label: { th: 'การตลาด', en: 'Marketing' },
          cookies: [entry('_fbp', 'Meta', 'Measures adverts', 'วัดผลโฆษณา')],
        },
      },
    };
    await until(() => read(host).length === 2, 'the log files and one table');
    expect(read(host)[0]).to.deep.equal(LOGS_EN);
    expect(read(host)[1]).to.deep.equal({
      caption: 'Marketing',
      rows: [
        ['Name', 'Provider', 'Purpose', 'Kept for'],
        ['_fbp', 'Meta', 'Measures adverts', '1 year'],
      ],
    });
  });

  it('named again when the site renames a category through its texts', async () => {
    const { host, el } = await page('en');
    el.texts = { en: { analyticsLabel: 'Audience measurement' } };
    await until(
      () => read(host).some(({ caption }) => caption === 'Audience measurement'),
      "the analytics table's new caption",
    );
    expect(read(host).map(({ caption }) => caption)).to.deep.equal([
      'Server log files',
      'Audience measurement',
      'External media',
    ]);
  });

  it('the log files: what the site declares for `logs` (its log files, by name) replaces the built-in fields', async () => {
    const { host, el } = await page('en');
    el.config = {
      categories: {
        logs: {
          cookies: [
            entry(
              'access.log',
              undefined,
              'Address, time and page of each request',
              'ที่อยู่ เวลา และหน้าของแต่ละคำขอ',
            ),
          ],
        },
      },
    };
    await until(() => read(host).length === 1, 'one table');
    expect(read(host)[0]).to.deep.equal({
      caption: 'Server log files',
      rows: [
        ['Name', 'Provider', 'Purpose', 'Kept for'],
        ['access.log', 'This site', 'Address, time and page of each request', '1 year'],
      ],
    });
  });
});

describe('the same declaration in the preferences dialog', () => {
  /** The dialog, once what it declares has come (the embeds' code, loaded when it opens). */
  async function dialog(lang: 'th' | 'en', tables = 3) {
    const { el } = await page(lang);
    el.showPreferences();
    const shown = () => el.shadowRoot!.querySelector('dialog');
    await until(() => shown()?.querySelectorAll('table').length === tables, 'the tables');
    return { el, shown: shown()! };
  }
  /** Each category's name, and its disclosure's summary (null: none). */
  const summaries = (shown: HTMLDialogElement) =>
    [...shown.querySelectorAll('[part~=category]')].map((item) => [
      item.querySelector('[part~=label]')!.textContent!.trim(),
      item.querySelector('[part~=declaration] summary')?.textContent ?? null,
    ]);

  it('under each declaring category, a closed disclosure with its table; none under the others', async () => {
    const { el, shown } = await dialog('en');
    expect(summaries(shown)).to.deep.equal([
      ['Necessary cookies', null],
      ['Server log files', 'What is kept (4)'],
      ['Preferences', null],
      ['Visitor statistics', 'What is kept (1)'],
      ['External media', 'What is kept (2)'],
      ['Marketing', null],
    ]);
    // The same tables as on the site's page, named by a label instead of a caption.
    const onPage = read(document.querySelector('[data-consent-declaration]') as HTMLElement);
    expect(read(shown as unknown as HTMLElement)).to.deep.equal(
      onPage.map(({ rows }) => ({ caption: undefined, rows })),
    );
    expect(
      [...shown.querySelectorAll('table')].map((t) => t.getAttribute('aria-label')),
    ).to.deep.equal(onPage.map(({ caption }) => caption));
    const details = [...shown.querySelectorAll('details')];
    expect(details.every((d) => !d.open)).to.equal(true);
    // Opened, each table is shown, inside the dialog's width.
    for (const d of details) d.open = true;
    const table = details[1]!.querySelector('table')!;
    expect(table.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(table.getBoundingClientRect().right).to.be.at.most(shown.getBoundingClientRect().right);
    await expect(el).shadowDom.to.be.accessible();
  });

  it('named again when the site renames a category through its texts', async () => {
    const { el, shown } = await dialog('en');
    el.texts = { en: { analyticsLabel: 'Audience measurement' } };
    await until(() => summaries(shown)[3]?.[0] === 'Audience measurement', 'the new name');
    const label = () =>
      shown.querySelector('table[data-category=analytics]')?.getAttribute('aria-label');
    await until(() => label() === 'Audience measurement', "the analytics table's new label");
  });

  it('in Thai, and again in English when the language changes', async () => {
    const { el, shown } = await dialog('th');
    expect(read(shown as unknown as HTMLElement)[0]!.rows).to.deep.equal(LOGS_TH.rows);
    for (const details of shown.querySelectorAll('details')) details.open = true;
    await expect(el).shadowDom.to.be.accessible();
    expect(summaries(shown)[1]).to.deep.equal(['บันทึกการเข้าใช้งาน (Log Files)', 'ข้อมูลที่จัดเก็บ (4)']);
    el.setAttribute('lang', 'en');
    await until(() => summaries(shown)[1]?.[1] === 'What is kept (4)', 'English');
    expect(read(shown as unknown as HTMLElement)[0]!.rows).to.deep.equal(LOGS_EN.rows);
  });
});

describe("the visitor's own record in the dialog", () => {
  it('once a choice exists: when, in their language (Thai: the Buddhist calendar), and the consent id', async () => {
    // 7 December 2026, 16:52 UTC.
    setConsentCookie(storedValue({ decidedAt: 1796662320 }));
    for (const [lang, date, label] of [
      ['en', /You chose on December 7, 2026/, 'Consent ID:'],
      ['th', /คุณเลือกไว้เมื่อ 7 ธันวาคม 2569/, 'รหัสอ้างอิงความยินยอม:'],
    ] as const) {
      const el = await fixture<ConsentBanner>(
        html`<consent-banner lang=${lang} policy-url="/privacy"></consent-banner>`,
      );
      el.showPreferences();
      await until(() => part(el, 'record'), 'the record');
      const record = part(el, 'record')!;
      expect(record.textContent).to.match(date);
      expect(record.textContent).to.contain(label);
      const id = part(el, 'consent-id')!;
      expect(id.textContent).to.equal(el.consent.id);
      // One click or tap selects it whole.
      const style = getComputedStyle(id);
      expect(
        style.getPropertyValue('user-select') || style.getPropertyValue('-webkit-user-select'),
      ).to.equal('all');
      await expect(el).shadowDom.to.be.accessible();
      el.remove();
    }
  });

  it('none before a choice; after one, the new record', async () => {
    const el = await fixture<ConsentBanner>(
      html`<consent-banner lang="en" policy-url="/privacy"></consent-banner>`,
    );
    el.showPreferences();
    // The embeds' code has come (the log files' table) and added no record.
    await until(() => el.shadowRoot!.querySelector('dialog table'), 'the log files table');
    expect(part(el, 'record')).to.equal(null);
    el.rejectAll();
    el.showPreferences();
    await until(() => part(el, 'consent-id'), 'the record');
    expect(part(el, 'consent-id')!.textContent).to.equal(el.consent.id);
  });
});
