// The declaration on the site's own page (docs/guide/categories.md "On your cookie page"), in
// every engine: an element with data-consent-declaration gets one plain table per declaring
// category, in the light DOM, in the visitor's language, written again when the language or the
// configuration changes; headers and captions for assistive technology, and axe. The built-in
// `logs` category declares the log files' fields unless the site declares its own.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { BannerConfig } from '../../src/core/config.js';
import type { ConsentBanner } from '../../src/index.js';
import { clearAllCookies } from './helpers.js';

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
  await waitUntil(() => host.querySelector('table'), 'the tables are written');
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
    await waitUntil(() => read(host)[1]?.caption === 'Visitor statistics', 'English tables');
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
    await waitUntil(() => read(host).length === 2, 'the log files and one table');
    expect(read(host)[0]).to.deep.equal(LOGS_EN);
    expect(read(host)[1]).to.deep.equal({
      caption: 'Marketing',
      rows: [
        ['Name', 'Provider', 'Purpose', 'Kept for'],
        ['_fbp', 'Meta', 'Measures adverts', '1 year'],
      ],
    });
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
    await waitUntil(() => read(host).length === 1, 'one table');
    expect(read(host)[0]).to.deep.equal({
      caption: 'Server log files',
      rows: [
        ['Name', 'Provider', 'Purpose', 'Kept for'],
        ['access.log', 'This site', 'Address, time and page of each request', '1 year'],
      ],
    });
  });
});
