/**
 * The texts of an embed's placeholder (docs/guide/embeds.md) and of the declaration tables on a
 * site's own page (docs/guide/categories.md), in Thai and English. They load with them, on pages
 * that have embeds or such a table. `{provider}` and `{category}` are filled in.
 * The built-in categories' names are the banner's own (test/core/i18n.test.ts checks that they
 * agree with src/i18n/th.ts and en.ts).
 */
import type { Lang } from '../core/types.js';
import type { Strings } from './strings.js';

export interface EmbedStrings extends Pick<
  Strings,
  'logsLabel' | 'preferencesLabel' | 'analyticsLabel' | 'otherLabel'
> {
  /** The placeholder's name when the iframe has no `title`. */
  from: string;
  /** What loading the embed shares, and with whom. */
  shares: string;
  /** Loads this embed, for this page view, and stores nothing. */
  loadOnce: string;
  /** Grants the embed's category: a decision like any other. */
  allow: string;
  /** Opens the content on the provider's own site. */
  open: string;
  /** The columns of a declaration table (docs/guide/categories.md "On your cookie page"). */
  name: string;
  provider: string;
  purpose: string;
  duration: string;
  /** The provider of what the site stores itself. */
  thisSite: string;
  /** In the dialog: the disclosure of what a category stores (its number of entries follows). */
  kept: string;
  /** In the dialog once a choice exists: before the date and time it was made. */
  recordDate: string;
  /** Before the choice's consent id, which the visitor can quote when they ask about it. */
  recordId: string;
}

export const EMBED_STRINGS: Readonly<Record<Lang, EmbedStrings>> = {
  th: {
    from: 'เนื้อหาจาก {provider}',
    shares:
      'เนื้อหานี้มาจาก {provider} เมื่อโหลด เบราว์เซอร์ของท่านจะส่งหมายเลขไอพี (IP Address) ของท่านไปยัง {provider} และ {provider} อาจตั้งคุกกี้ได้',
    loadOnce: 'โหลดเฉพาะรายการนี้',
    allow: 'อนุญาต “{category}” เสมอ',
    open: 'เปิดดูที่ {provider}',
    name: 'ชื่อ',
    provider: 'ผู้ให้บริการ',
    purpose: 'วัตถุประสงค์',
    duration: 'ระยะเวลาที่เก็บ',
    thisSite: 'เว็บไซต์นี้',
    kept: 'ข้อมูลที่จัดเก็บ',
    recordDate: 'คุณเลือกไว้เมื่อ',
    recordId: 'รหัสอ้างอิงความยินยอม:',
    logsLabel: 'บันทึกการเข้าใช้งาน (Log Files)',
    preferencesLabel: 'การตั้งค่าส่วนตัว',
    analyticsLabel: 'สถิติผู้เยี่ยมชม',
    otherLabel: 'คุกกี้อื่น ๆ',
  },
  en: {
    from: 'Content from {provider}',
    shares:
      'This content comes from {provider}. Loading it sends your IP address to {provider}, which may set cookies.',
    loadOnce: 'Load this one',
    allow: 'Always allow “{category}”',
    open: 'Open on {provider}',
    name: 'Name',
    provider: 'Provider',
    purpose: 'Purpose',
    duration: 'Kept for',
    thisSite: 'This site',
    kept: 'What is kept',
    recordDate: 'You chose on',
    recordId: 'Consent ID:',
    logsLabel: 'Server log files',
    preferencesLabel: 'Preferences',
    analyticsLabel: 'Visitor statistics',
    otherLabel: 'Other cookies',
  },
};

/**
 * What the server's log files keep of each request, as the built-in `logs` category declares it
 * in the tables on a site's own page when the site declares nothing of its own for it
 * (docs/guide/categories.md "On your cookie page"): [field, purpose] pairs, and how long.
 */
export const LOG_FILES: Readonly<
  Record<Lang, { fields: readonly (readonly [string, string])[]; kept: string }>
> = {
  th: {
    fields: [
      [
        'หมายเลขไอพี (IP Address)',
        'ระบุเครื่องที่ส่งคำขอแต่ละครั้ง เพื่อความปลอดภัย และตามที่พระราชบัญญัติว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์กำหนด',
      ],
      ['เวลาที่เข้าใช้งาน', 'เวลาของคำขอแต่ละครั้ง'],
      ['หน้าที่เปิด', 'หน้าเว็บหรือไฟล์ที่ขอ'],
      ['เบราว์เซอร์', 'เบราว์เซอร์และระบบที่ใช้ (User Agent)'],
    ],
    kept: 'อย่างน้อย 90 วัน',
  },
  en: {
    fields: [
      [
        'IP address',
        'Identifies the computer behind each request: for security, and as the Computer-Related Crime Act requires',
      ],
      ['Time of access', 'When each request was made'],
      ['Page', 'Which page or file was asked for'],
      ['Browser', 'The browser and system that asked (user agent)'],
    ],
    kept: 'At least 90 days',
  },
};
