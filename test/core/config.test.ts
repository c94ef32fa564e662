import { expect } from '@open-wc/testing';
import {
  mergeConfig,
  parseConfig,
  jsonErrorAt,
  parseConfigJson,
  parseCookieDays,
  parseCookieDomain,
  parseCookieName,
  parseOffered,
  oneOf,
  parseRevision,
  safeUrl,
  type BannerConfig,
  type Parsed,
} from '../../src/core/config.js';
import { TEXT_KEYS as STRING_KEYS } from '../../src/core/text-keys.js';

/** Runs a parser, failing the test (not crashing the suite) if it throws. */
function parsed<T>(parse: () => Parsed<T>): Parsed<T> {
  let result: Parsed<T> | undefined;
  expect(() => {
    result = parse();
  }).to.not.throw();
  return result!;
}

describe('config', () => {
  describe('parseConfig: bad input gives a problem and a safe value', () => {
    const cases: { name: string; input: unknown; expected: BannerConfig; where: string }[] = [
      { name: 'a string', input: 'texts', expected: {}, where: 'config' },
      { name: 'a number', input: 42, expected: {}, where: 'config' },
      { name: 'true', input: true, expected: {}, where: 'config' },
      { name: 'an array', input: [{ texts: {} }], expected: {}, where: 'config' },
      { name: 'an unknown key', input: { colour: 'red' }, expected: {}, where: 'colour' },
      {
        name: 'an unknown key beside good ones',
        input: { texts: { en: { acceptAll: 'OK' } }, theme: 'dark' },
        expected: { texts: { en: { acceptAll: 'OK' } } },
        where: 'theme',
      },
      { name: 'texts not an object', input: { texts: 'hello' }, expected: {}, where: 'texts' },
      { name: 'texts a list', input: { texts: ['hello'] }, expected: {}, where: 'texts' },
      {
        name: 'texts for an unknown language',
        input: { texts: { fr: { acceptAll: 'Tout accepter' }, en: { acceptAll: 'OK' } } },
        expected: { texts: { en: { acceptAll: 'OK' } } },
        where: 'texts.fr',
      },
      {
        name: 'texts of a language not an object',
        input: { texts: { en: 'Accept all' } },
        expected: { texts: {} },
        where: 'texts.en',
      },
      {
        name: 'an empty or blank text (a button would have no name)',
        input: { texts: { en: { acceptAll: '', rejectAll: '   ', choose: 'Pick' } } },
        expected: { texts: { en: { choose: 'Pick' } } },
        where: 'texts.en.acceptAll',
      },
      {
        name: 'a bare * in clear (it would delete every cookie of the site)',
        input: { categories: { analytics: { clear: ['*', '_ga', '**', '_ga**'] } } },
        expected: { categories: { analytics: { clear: ['_ga'] } } },
        where: 'categories.analytics.clear',
      },
      {
        name: 'an unknown text key',
        input: { texts: { th: { acceptAll: 'ตกลง', acceptEverything: 'x' } } },
        expected: { texts: { th: { acceptAll: 'ตกลง' } } },
        where: 'texts.th.acceptEverything',
      },
      {
        name: 'a non-string text',
        input: { texts: { en: { acceptAll: 42, rejectAll: 'No' } } },
        expected: { texts: { en: { rejectAll: 'No' } } },
        where: 'texts.en.acceptAll',
      },
      {
        name: 'a text given as HTML-ish object',
        input: { texts: { en: { bannerText: { html: '<b>hi</b>' } } } },
        expected: { texts: { en: {} } },
        where: 'texts.en.bannerText',
      },
      {
        name: 'a __proto__ text key',
        input: JSON.parse('{"texts":{"en":{"__proto__":{"acceptAll":"x"}}}}'),
        expected: { texts: { en: {} } },
        where: 'texts.en.__proto__',
      },
      {
        name: 'categories not an object',
        input: { categories: ['marketing'] },
        expected: {},
        where: 'categories',
      },
      {
        name: 'an upper-case category id',
        input: { categories: { Analytics: {} } },
        expected: { categories: {} },
        where: 'categories.Analytics',
      },
      {
        name: 'a category id starting with a digit',
        input: { categories: { '1abc': {}, marketing: {} } },
        expected: { categories: { marketing: {} } },
        where: 'categories.1abc',
      },
      {
        name: 'a category id with a space',
        input: { categories: { 'my ads': {} } },
        expected: { categories: {} },
        where: 'categories.my ads',
      },
      {
        name: 'a __proto__ category',
        input: JSON.parse('{"categories":{"__proto__":{"required":true}}}'),
        expected: { categories: {} },
        where: 'categories.__proto__',
      },
      {
        name: 'a category that is not an object',
        input: { categories: { marketing: true } },
        expected: { categories: {} },
        where: 'categories.marketing',
      },
      {
        name: 'a category that is null',
        input: { categories: { marketing: null } },
        expected: { categories: {} },
        where: 'categories.marketing',
      },
      {
        name: 'a category that is a list',
        input: { categories: { marketing: ['_fbp'] } },
        expected: { categories: {} },
        where: 'categories.marketing',
      },
      {
        name: 'required not a boolean',
        input: { categories: { marketing: { required: 'true' } } },
        expected: { categories: { marketing: {} } },
        where: 'categories.marketing.required',
      },
      {
        name: 'required 1',
        input: { categories: { marketing: { required: 1 } } },
        expected: { categories: { marketing: {} } },
        where: 'categories.marketing.required',
      },
      {
        name: 'clear not a list',
        input: { categories: { marketing: { clear: '_fbp' } } },
        expected: { categories: { marketing: { clear: [] } } },
        where: 'categories.marketing.clear',
      },
      {
        name: 'clear with bad patterns',
        input: {
          categories: {
            marketing: { clear: ['_fbp', 'bad name', 42, 'a;b', 'a=b', '', '_gcl_*', null] },
          },
        },
        expected: { categories: { marketing: { clear: ['_fbp', '_gcl_*'] } } },
        where: 'categories.marketing.clear',
      },
      {
        name: 'consentMode not a list',
        input: { categories: { marketing: { consentMode: 'ad_storage' } } },
        expected: { categories: { marketing: { consentMode: [] } } },
        where: 'categories.marketing.consentMode',
      },
      {
        name: 'consentMode with a type Google does not have (and security_storage, always granted)',
        input: {
          categories: {
            marketing: { consentMode: ['ad_storage', 'ads_storage', 'security_storage', 7] },
          },
        },
        expected: { categories: { marketing: { consentMode: ['ad_storage'] } } },
        where: 'categories.marketing.consentMode',
      },
      {
        name: 'a label in an unknown language',
        input: { categories: { marketing: { label: { fr: 'Publicité', en: 'Ads' } } } },
        expected: { categories: { marketing: { label: { en: 'Ads' } } } },
        where: 'categories.marketing.label',
      },
      {
        name: 'a non-string description',
        input: { categories: { marketing: { description: { th: 'โฆษณา', en: 5 } } } },
        expected: { categories: { marketing: { description: { th: 'โฆษณา' } } } },
        where: 'categories.marketing.description',
      },
    ];

    for (const { name, input, expected, where } of cases) {
      it(name, () => {
        const { value, problems } = parsed(() => parseConfig(input, STRING_KEYS));
        expect(value).to.deep.equal(expected);
        expect(problems, problems.join('\n')).to.have.length.greaterThan(0);
        expect(
          problems.some((p) => p.startsWith(`${where} ignored: expected `)),
          problems.join('\n'),
        ).to.equal(true);
      });
    }

    it('a label that is a plain string carries no text', () => {
      const { value, problems } = parsed(() =>
        parseConfig({ categories: { marketing: { label: 'Marketing' } } }, STRING_KEYS),
      );
      const label: unknown = value.categories?.marketing?.label;
      const empty =
        label === undefined || (typeof label === 'object' && Object.keys(label!).length === 0);
      expect(empty, JSON.stringify(label)).to.equal(true);
      expect(problems).to.deep.equal([
        'categories.marketing.label ignored: expected {"th": "…", "en": "…"}',
      ]);
    });

    it('a declaration keeps its good entries and names each bad one', () => {
      const good = {
        name: '_ga',
        provider: 'Google Analytics',
        purpose: { th: 'แยกผู้เยี่ยมชม', en: 'Tells visitors apart' },
        duration: { th: '2 ปี', en: '2 years' },
      };
      const { value, problems } = parsed(() =>
        parseConfig(
          {
            categories: {
              analytics: {
                cookies: [
                  good,
                  { ...good, name: '*' },
                  { name: '_gid' },
                  'x',
                  { ...good, name: '_ga_*' },
                ],
              },
            },
          },
          STRING_KEYS,
        ),
      );
      expect(value.categories?.analytics?.cookies?.map((c) => c.name)).to.deep.equal([
        '_ga',
        '_ga_*',
      ]);
      const expected =
        ': expected {"name": "…", "purpose": {"th": "…", "en": "…"}, "duration": {"th": "…", "en": "…"}}';
      expect(problems).to.deep.equal(
        [1, 2, 3].map((i) => `categories.analytics.cookies[${i}] ignored${expected}`),
      );
    });

    it('does not pollute Object.prototype', () => {
      parseConfig(
        JSON.parse('{"categories":{"__proto__":{"required":true}},"__proto__":{"polluted":1}}'),
        STRING_KEYS,
      );
      parseConfigJson('{"texts":{"__proto__":{"polluted":1}}}', STRING_KEYS);
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect(({} as Record<string, unknown>).required).to.equal(undefined);
    });

    it('reports each problem once, in one phrasing', () => {
      const { problems } = parseConfig({ colour: 'red' }, STRING_KEYS);
      expect(problems).to.deep.equal(['colour ignored: expected texts or categories']);
    });
  });

  describe('parseConfig: good input', () => {
    const cases: { name: string; input: unknown; expected: BannerConfig }[] = [
      { name: 'undefined', input: undefined, expected: {} },
      { name: 'null', input: null, expected: {} },
      { name: 'an empty object', input: {}, expected: {} },
      {
        name: 'texts and categories',
        input: {
          texts: {
            th: { bannerTitle: 'คุกกี้', acceptAll: 'ยอมรับ' },
            en: { bannerTitle: 'Cookies' },
          },
          categories: {
            analytics: { clear: ['_ga', '_ga_*', '_hj*'] },
            necessary: { label: { th: 'จำเป็น', en: 'Needed' } },
            marketing: {
              required: false,
              label: { th: 'การตลาด', en: 'Marketing' },
              description: { th: 'โฆษณา', en: 'Ads' },
              clear: ['_fbp', '_gcl_*'],
            },
            chat: { required: true },
          },
        },
        expected: {
          texts: {
            th: { bannerTitle: 'คุกกี้', acceptAll: 'ยอมรับ' },
            en: { bannerTitle: 'Cookies' },
          },
          categories: {
            analytics: { clear: ['_ga', '_ga_*', '_hj*'] },
            necessary: { label: { th: 'จำเป็น', en: 'Needed' } },
            marketing: {
              required: false,
              label: { th: 'การตลาด', en: 'Marketing' },
              description: { th: 'โฆษณา', en: 'Ads' },
              clear: ['_fbp', '_gcl_*'],
            },
            chat: { required: true },
          },
        },
      },
      {
        name: 'every text key',
        input: { texts: { en: Object.fromEntries(STRING_KEYS.map((k) => [k, `x ${k}`])) } },
        expected: { texts: { en: Object.fromEntries(STRING_KEYS.map((k) => [k, `x ${k}`])) } },
      },
    ];
    for (const { name, input, expected } of cases) {
      it(`${name} passes through without problems`, () => {
        const { value, problems } = parsed(() => parseConfig(input, STRING_KEYS));
        expect(problems).to.deep.equal([]);
        expect(value).to.deep.equal(expected);
      });
    }
  });

  describe('jsonErrorAt', () => {
    // The mistakes people make in a JSON config, and where each one is: the first character
    // that cannot be there, or the end of a text that stops too soon.
    const cases: [string, string, number][] = [
      ['a trailing comma', '{"a": 1,\n}', 9],
      ['single quotes', "{'a': 1}", 1],
      ['a comment', '{"a": 1 // one\n}', 8],
      ['a key without quotes', '{\n  a: 1}', 4],
      ['a missing comma', '{"a": 1\n "b": 2}', 9],
      ['a missing colon', '{"a" 1}', 5],
      ['a missing }', '{"a": {"b": 1}', 14],
      ['one } too many', '{"a": 1}}', 8],
      ['a ] for a {', '{"a": [1}', 8],
      ['True for true', '{"a": True}', 6],
      ['a no-break space', '{"a":\u00a01}', 5],
      ['a bad escape', '{"a": "x\\q"}', 6],
      ['a line break in a string', '{"a": "x\ny"}', 6],
      ['a leading zero', '{"a": 01}', 7],
      ['nothing', '', 0],
      ['two values', '{} {}', 3],
    ];
    for (const [name, text, at] of cases)
      it(`${name}: at ${at}`, () => {
        expect(() => JSON.parse(text), 'not JSON').to.throw(SyntaxError);
        expect(jsonErrorAt(text)).to.equal(at);
      });

    it('finds what this engine finds, where its message says where', () => {
      for (const [, text, at] of cases) {
        let message = '';
        try {
          JSON.parse(text);
        } catch (error) {
          message = (error as Error).message;
        }
        // Chromium: "… at position 9 (line 2 column 1)"; Firefox: "… at line 2 column 1 …";
        // WebKit: no position.
        const [, line, column] = /line (\d+) column (\d+)/.exec(message) ?? [];
        if (!line) continue;
        // The same line; the same column, or (inside a string) the string's start before it.
        const before = text.slice(0, at).split('\n');
        expect(before.length, `${text}: ${message}`).to.equal(Number(line));
        expect(before.at(-1)!.length + 1, `${text}: ${message}`).to.be.at.most(Number(column));
      }
    });

    it('says the line and column in the message, in every engine', () => {
      const { problems } = parsed(() => parseConfigJson('{\n  "texts": {},\n}', STRING_KEYS));
      expect(problems).to.have.length(1);
      expect(problems[0]).to.match(/line 3 column 1\b/);
    });
  });

  describe('parseConfigJson', () => {
    const cases: { name: string; text: string; expected: BannerConfig; problems: number }[] = [
      { name: 'invalid JSON', text: '{texts: {}}', expected: {}, problems: 1 },
      { name: 'empty text', text: '', expected: {}, problems: 1 },
      { name: 'truncated JSON', text: '{"texts": {"en": {', expected: {}, problems: 1 },
      { name: 'a JSON string', text: '"hello"', expected: {}, problems: 1 },
      { name: 'a JSON list', text: '[1, 2]', expected: {}, problems: 1 },
      { name: 'JSON null', text: 'null', expected: {}, problems: 0 },
      {
        name: 'a good config',
        text: '{"texts": {"en": {"acceptAll": "OK"}}, "categories": {"marketing": {}}}',
        expected: { texts: { en: { acceptAll: 'OK' } }, categories: { marketing: {} } },
        problems: 0,
      },
      {
        name: 'a config with one bad key',
        text: '{"texts": {"en": {"acceptAll": "OK", "nope": "x"}}}',
        expected: { texts: { en: { acceptAll: 'OK' } } },
        problems: 1,
      },
    ];
    for (const { name, text, expected, problems: count } of cases) {
      it(name, () => {
        const { value, problems } = parsed(() => parseConfigJson(text, STRING_KEYS));
        expect(value).to.deep.equal(expected);
        expect(problems, problems.join('\n')).to.have.length(count);
      });
    }

    it('says the JSON was not valid', () => {
      let parser = '';
      try {
        JSON.parse('{');
      } catch (error) {
        parser = (error as Error).message;
      }
      // Where, when the parser does not say it (WebKit): the end, as the text stops too soon.
      const where = /line \d/.test(parser) ? '' : ' at line 1 column 2';
      expect(parseConfigJson('{', STRING_KEYS).problems).to.deep.equal([
        `JSON config (${parser}${where}) ignored: expected valid JSON`,
      ]);
    });
  });

  describe('mergeConfig', () => {
    const base: BannerConfig = {
      texts: { en: { acceptAll: 'Accept', rejectAll: 'Reject' }, th: { save: 'บันทึก' } },
      categories: {
        marketing: { required: false, clear: ['_fbp'] },
        chat: { required: true },
      },
    };
    const over: BannerConfig = {
      texts: { en: { acceptAll: 'OK' } },
      categories: { marketing: { required: true } },
    };

    it('lets the second config win per text key', () => {
      expect(mergeConfig(base, over).texts).to.deep.equal({
        en: { acceptAll: 'OK', rejectAll: 'Reject' },
        th: { save: 'บันทึก' },
      });
    });

    it('lets the second config win per category, whole', () => {
      expect(mergeConfig(base, over).categories).to.deep.equal({
        marketing: { required: true },
        chat: { required: true },
      });
    });

    it('keeps the first config where the second says nothing', () => {
      expect(mergeConfig(base, {})).to.deep.equal({
        texts: base.texts,
        categories: base.categories,
      });
      expect(mergeConfig({}, base)).to.deep.equal({
        texts: base.texts,
        categories: base.categories,
      });
    });

    it('merges two empty configs to empty ones', () => {
      expect(mergeConfig({}, {})).to.deep.equal({ texts: {}, categories: {} });
    });

    it('changes neither input', () => {
      const before = JSON.stringify([base, over]);
      mergeConfig(base, over);
      expect(JSON.stringify([base, over])).to.equal(before);
    });
  });

  describe('parseRevision', () => {
    const cases: [unknown, number, boolean][] = [
      [undefined, 0, false],
      [null, 0, false],
      ['', 0, false],
      ['0', 0, false],
      ['3', 3, false],
      [3, 3, false],
      ['999999999', 999_999_999, false],
      ['-1', 0, true],
      ['1.5', 0, true],
      ['abc', 0, true],
      ['1000000000', 0, true],
      ['Infinity', 0, true],
      ['NaN', 0, true],
      [{}, 0, true],
      // Number() would read these as numbers; an attribute must be plain digits.
      ['0x10', 0, true],
      ['1e3', 0, true],
      [' 7 ', 0, true],
      [true, 0, true],
    ];
    for (const [input, expected, problem] of cases) {
      it(`${JSON.stringify(input) ?? 'undefined'} → ${expected}${problem ? ', with a problem' : ''}`, () => {
        const problems: string[] = [];
        expect(parseRevision(input, problems)).to.equal(expected);
        expect(problems).to.have.length(problem ? 1 : 0);
        if (problem) expect(problems[0]).to.match(/^revision=".*" ignored: expected /);
      });
    }
  });

  describe('parseCookieDays', () => {
    const cases: [unknown, number, boolean][] = [
      [undefined, 182, false],
      [null, 182, false],
      ['', 182, false],
      ['1', 1, false],
      ['30', 30, false],
      [90, 90, false],
      ['30.7', 182, true],
      ['3650', 3650, false],
      ['0', 182, true],
      ['0.5', 182, true],
      ['3651', 182, true],
      ['-5', 182, true],
      ['abc', 182, true],
      ['Infinity', 182, true],
      [{}, 182, true],
    ];
    for (const [input, expected, problem] of cases) {
      it(`${JSON.stringify(input) ?? 'undefined'} → ${expected}${problem ? ', with a problem' : ''}`, () => {
        const problems: string[] = [];
        expect(parseCookieDays(input, problems)).to.equal(expected);
        expect(problems).to.have.length(problem ? 1 : 0);
        if (problem) expect(problems[0]).to.match(/^cookie-days=".*" ignored: expected /);
      });
    }
  });

  describe('parseCookieName', () => {
    const cases: [unknown, string, boolean][] = [
      [undefined, 'consent', false],
      [null, 'consent', false],
      ['', 'consent', false],
      ['consent', 'consent', false],
      ['my_consent', 'my_consent', false],
      ['sso-consent.v1', 'sso-consent.v1', false],
      ['c'.repeat(64), 'c'.repeat(64), false],
      ['c'.repeat(65), 'consent', true],
      ['my consent', 'consent', true],
      ['a;b', 'consent', true],
      ['a=b', 'consent', true],
      ['a,b', 'consent', true],
      ['"quoted"', 'consent', true],
      ['คุกกี้', 'consent', true],
      [42, 'consent', true],
    ];
    for (const [input, expected, problem] of cases) {
      it(`${JSON.stringify(input) ?? 'undefined'} → ${expected}${problem ? ', with a problem' : ''}`, () => {
        const problems: string[] = [];
        expect(parseCookieName(input, problems)).to.equal(expected);
        expect(problems).to.have.length(problem ? 1 : 0);
        if (problem) expect(problems[0]).to.match(/^cookie-name=".*" ignored: expected /);
      });
    }
  });

  describe('parseCookieDomain', () => {
    const host = 'www.example.go.th';
    const cases: [unknown, string | undefined, boolean][] = [
      [undefined, undefined, false],
      ['', undefined, false],
      ['www.example.go.th', 'www.example.go.th', false],
      ['example.go.th', 'example.go.th', false],
      ['.example.go.th', '.example.go.th', false],
      ['Example.GO.th', 'Example.GO.th', false],
      ['other.go.th', undefined, true],
      ['ample.go.th', undefined, true],
      ['example.go.th.evil.com', undefined, true],
      ['sub.www.example.go.th', undefined, true],
      ['.', undefined, true],
      [42, undefined, true],
    ];
    for (const [input, expected, problem] of cases) {
      it(`${JSON.stringify(input) ?? 'undefined'} on ${host} → ${String(expected)}`, () => {
        const problems: string[] = [];
        expect(parseCookieDomain(input, () => host, problems)).to.equal(expected);
        expect(problems).to.have.length(problem ? 1 : 0);
        if (problem)
          expect(problems[0]).to.equal(
            `cookie-domain="${String(input)}" ignored: expected ${host} or a domain above it`,
          );
      });
    }
  });

  describe('oneOf', () => {
    it('names the attribute, the value and what it takes', () => {
      const problems: string[] = [];
      oneOf('theme', 'auto', ['auto', 'light', 'dark'], problems);
      oneOf('theme', 'blue', ['auto', 'light', 'dark'], problems);
      oneOf('logs', undefined, ['required', 'optional'], problems);
      expect(problems).to.deep.equal([
        'theme="blue" ignored: expected auto or light or dark',
        'logs="undefined" ignored: expected required or optional',
      ]);
    });
  });

  describe('parseOffered', () => {
    const cases: [unknown, string[] | null, boolean][] = [
      [undefined, null, false],
      [null, null, false],
      ['', [], false],
      ['analytics', ['analytics'], false],
      ['analytics preferences', ['analytics', 'preferences'], false],
      ['analytics,preferences', ['analytics', 'preferences'], false],
      ['  analytics ,\n preferences  ', ['analytics', 'preferences'], false],
      ['Analytics analytics', ['analytics'], true],
      ['1abc', [], true],
      ['analytics; preferences', ['preferences'], true],
    ];
    for (const [input, expected, problem] of cases) {
      it(`${JSON.stringify(input) ?? 'undefined'} → ${JSON.stringify(expected)}${problem ? ', with a problem' : ''}`, () => {
        const problems: string[] = [];
        expect(parseOffered(input, problems)).to.deep.equal(expected);
        expect(problems).to.have.length(problem ? 1 : 0);
        if (problem) expect(problems[0]).to.match(/^categories=".*" ignored: expected /);
      });
    }
  });

  describe('safeUrl', () => {
    const allowed: [string, string][] = [
      ['https://www.sso.go.th/privacy', 'https://www.sso.go.th/privacy'],
      ['http://example.com/policy', 'http://example.com/policy'],
      ['HTTPS://EXAMPLE.COM/', 'HTTPS://EXAMPLE.COM/'],
      ['/privacy', '/privacy'],
      ['privacy.html', 'privacy.html'],
      ['../policy/privacy.html', '../policy/privacy.html'],
      ['#privacy', '#privacy'],
      ['?a=1', '?a=1'],
      ['  /privacy  ', '/privacy'],
      ['/a:b', '/a:b'],
    ];
    for (const [input, expected] of allowed) {
      it(`allows ${JSON.stringify(input)}`, () => {
        expect(safeUrl(input)).to.equal(expected);
      });
    }

    const refused: [string, unknown][] = [
      ['javascript:', 'javascript:alert(1)'],
      ['JAVASCRIPT:', 'JAVASCRIPT:alert(1)'],
      ['mixed-case javascript:', 'JaVaScRiPt:alert(1)'],
      ['java\\nscript:', 'java\nscript:alert(1)'],
      ['java\\tscript:', 'java\tscript:alert(1)'],
      ['java\\rscript:', 'java\rscript:alert(1)'],
      ['leading space', ' javascript:alert(1)'],
      ['leading tab', '\tjavascript:alert(1)'],
      ['leading \\u0001', '\u0001javascript:alert(1)'],
      ['leading NUL', '\u0000javascript:alert(1)'],
      ['leading control characters and space', '\u0008\u001F javascript:alert(1)'],
      ['data:', 'data:text/html,<script>alert(1)</script>'],
      ['data: base64', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
      ['vbscript:', 'vbscript:msgbox(1)'],
      ['file:', 'file:///etc/passwd'],
      ['mailto:', 'mailto:dpo@example.go.th'],
      ['protocol-relative', '//evil.example'],
      ['protocol-relative after a space', ' //evil.example'],
      ['backslashes', '\\\\evil.example'],
      ['slash backslash', '/\\evil.example'],
      ['backslash slash', '\\/evil.example'],
      ['slash tab slash', '/\t/evil.example'],
      ['undefined', undefined],
      ['null', null],
      ['a number', 42],
      ['an object', { href: 'https://example.com' }],
      ['a list', ['https://example.com']],
      ['a URL object', new URL('https://example.com')],
      ['the empty string', ''],
      ['only spaces', '   '],
      ['only control characters', '\u0000\t\n'],
    ];
    for (const [name, input] of refused) {
      it(`refuses ${name}`, () => {
        expect(safeUrl(input)).to.equal(null);
      });
    }

    it('only ever returns what a browser opens as http(s) on this site or another', () => {
      const base = 'https://site.example/dir/page.html';
      const inputs = [
        ...allowed.map(([input]) => input),
        ...refused.map(([, input]) => input),
        '\u00A0javascript:alert(1)',
        'javascript&colon;alert(1)',
        'jav&#x09;ascript:alert(1)',
        'https:evil.example',
        '%6Aavascript:alert(1)',
      ];
      for (const input of inputs) {
        const out = safeUrl(input);
        if (out === null) continue;
        const url = new URL(out, base);
        expect(url.protocol, JSON.stringify(input)).to.match(/^https?:$/);
        // Without a scheme of its own, a link stays on the site.
        if (!/^[a-z][a-z0-9+.-]*:/i.test(out)) expect(url.host, out).to.equal('site.example');
      }
    });
  });
});
