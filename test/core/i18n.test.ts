import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { resolveLang, toLang } from '../../src/core/lang.js';
import { TEXT_KEYS as STRING_KEYS } from '../../src/core/text-keys.js';
import { SETTINGS_LABEL } from '../../src/element/settings-label.js';
import {
  BUILT_IN_STRINGS,
  LANGS,
  stringsFor,
  type StringKey,
  type Strings,
} from '../../src/i18n/strings.js';
import { th } from '../../src/i18n/th.js';
import type { Lang } from '../../src/core/types.js';

/**
 * Every key of the `Strings` interface. `satisfies` makes this list fail to compile when the
 * interface gains or loses a key, so the runtime checks below always cover all of them.
 */
const INTERFACE_KEYS = Object.keys({
  bannerTitle: true,
  bannerText: true,
  policyLink: true,
  acceptAll: true,
  rejectAll: true,
  choose: true,
  dialogTitle: true,
  dialogIntro: true,
  save: true,
  close: true,
  alwaysActive: true,
  settingsButton: true,
  savedMessage: true,
  dismiss: true,
  cookiesBlocked: true,
  necessaryLabel: true,
  necessaryDescription: true,
  logsLabel: true,
  logsDescription: true,
  logsOptionalNote: true,
  preferencesLabel: true,
  preferencesDescription: true,
  analyticsLabel: true,
  analyticsDescription: true,
  otherLabel: true,
} satisfies Record<StringKey, true>).sort();

const THAI = /[\u0E01-\u0E5B]/;

describe('i18n', () => {
  describe('built-in strings', () => {
    it('STRING_KEYS lists every key of the Strings interface', () => {
      expect([...STRING_KEYS].sort()).to.deep.equal(INTERFACE_KEYS);
    });

    it('Thai and English have the same key set', () => {
      expect(Object.keys(th).sort()).to.deep.equal(Object.keys(en).sort());
    });

    const languages: [Lang, Strings][] = [
      ['th', th],
      ['en', en],
    ];
    for (const [lang, strings] of languages) {
      it(`${lang} has every key, each a non-empty text`, () => {
        expect(Object.keys(strings).sort()).to.deep.equal(INTERFACE_KEYS);
        for (const key of INTERFACE_KEYS) {
          const text: unknown = strings[key as StringKey];
          expect(typeof text, `${lang}.${key}`).to.equal('string');
          expect((text as string).trim(), `${lang}.${key}`).to.not.equal('');
        }
      });

      it(`${lang} texts have no stray markup or placeholders`, () => {
        for (const key of INTERFACE_KEYS)
          expect(strings[key as StringKey], `${lang}.${key}`).to.not.match(
            /<[a-z/]|\{\{|\}\}|\bTODO\b|\bundefined\b/i,
          );
      });
    }

    it('every Thai text is written in Thai script', () => {
      for (const key of INTERFACE_KEYS) expect(th[key as StringKey], key).to.match(THAI);
    });

    it('no English text contains Thai script', () => {
      for (const key of INTERFACE_KEYS) expect(en[key as StringKey], key).to.not.match(THAI);
    });

    it('the English banner text names cookies, log files, IP address and access time', () => {
      for (const word of [/cookie/i, /log file/i, /IP address/i, /time/i])
        expect(en.bannerText).to.match(word);
    });

    it('the Thai banner text names cookies, log files, IP address and access time', () => {
      for (const word of ['คุกกี้', 'บันทึกการเข้าใช้งาน', 'ไอพี', 'เวลา'])
        expect(th.bannerText).to.include(word);
    });

    it('the logs description in both languages names the IP address and the 90 days', () => {
      expect(en.logsDescription)
        .to.match(/IP address/i)
        .and.to.include('90');
      expect(th.logsDescription).to.include('ไอพี').and.to.include('90');
    });

    it('BUILT_IN_STRINGS holds both languages, and LANGS is Thai first', () => {
      expect(BUILT_IN_STRINGS.th).to.equal(th);
      expect(BUILT_IN_STRINGS.en).to.equal(en);
      expect(LANGS).to.deep.equal(['th', 'en']);
    });

    it("the settings button's text, which every page has without the others, is the same in both places", () => {
      expect(SETTINGS_LABEL).to.deep.equal({ th: th.settingsButton, en: en.settingsButton });
    });
  });

  describe('toLang', () => {
    const cases: [string | null | undefined, Lang | null][] = [
      ['th', 'th'],
      ['th-TH', 'th'],
      ['TH', 'th'],
      ['th_TH', 'th'],
      ['en', 'en'],
      ['en-US', 'en'],
      ['en-GB', 'en'],
      [' en ', 'en'],
      ['fr', null],
      ['fr-TH', null],
      ['eng', null],
      ['thai', null],
      ['', null],
      [null, null],
      [undefined, null],
    ];
    for (const [tag, expected] of cases) {
      it(`${JSON.stringify(tag) ?? 'undefined'} → ${expected}`, () => {
        expect(toLang(tag)).to.equal(expected);
      });
    }
  });

  describe('resolveLang', () => {
    const cases: {
      name: string;
      own: string | null;
      inherited: string | null;
      browser: string[];
      expected: Lang;
    }[] = [
      { name: 'own lang first', own: 'en', inherited: 'th', browser: ['th'], expected: 'en' },
      { name: 'own th-TH → th', own: 'th-TH', inherited: 'en', browser: ['en'], expected: 'th' },
      { name: 'then inherited', own: null, inherited: 'en', browser: ['th'], expected: 'en' },
      { name: 'empty own is skipped', own: '', inherited: 'en', browser: [], expected: 'en' },
      { name: 'unknown own is skipped', own: 'fr', inherited: 'en', browser: [], expected: 'en' },
      {
        name: 'then the browser list in order',
        own: null,
        inherited: null,
        browser: ['en-US', 'th'],
        expected: 'en',
      },
      {
        name: 'fr in the browser list is skipped',
        own: null,
        inherited: null,
        browser: ['fr', 'en-US', 'th'],
        expected: 'en',
      },
      {
        name: 'unknown inherited and browser languages are skipped',
        own: null,
        inherited: 'de',
        browser: ['fr', 'ja', 'th-TH'],
        expected: 'th',
      },
      {
        name: 'Thai by default',
        own: null,
        inherited: null,
        browser: ['fr', 'de'],
        expected: 'th',
      },
      { name: 'Thai with nothing known', own: null, inherited: null, browser: [], expected: 'th' },
    ];
    for (const { name, own, inherited, browser, expected } of cases) {
      it(`${name} → ${expected}`, () => {
        expect(resolveLang(own, inherited, () => browser)).to.equal(expected);
      });
    }
  });

  describe('stringsFor', () => {
    it('gives the built-in strings of a language', () => {
      expect(stringsFor('th')).to.deep.equal(th);
      expect(stringsFor('en')).to.deep.equal(en);
    });

    it('merges overrides over the built-in strings', () => {
      const strings = stringsFor('en', { acceptAll: 'OK', bannerTitle: 'Your privacy' });
      expect(strings).to.deep.equal({ ...en, acceptAll: 'OK', bannerTitle: 'Your privacy' });
    });

    it('does not change the built-in strings', () => {
      stringsFor('th', { acceptAll: 'ตกลง' });
      expect(stringsFor('th').acceptAll).to.equal('ยอมรับทั้งหมด');
      expect(th.acceptAll).to.equal('ยอมรับทั้งหมด');
    });
  });
});
