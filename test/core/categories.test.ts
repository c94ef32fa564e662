import { expect } from '@open-wc/testing';
import {
  ANALYTICS_COOKIES,
  BUILT_IN,
  isCategoryId,
  resolveCategories,
  type CategoryOptions,
} from '../../src/core/categories.js';
import type { Category } from '../../src/core/types.js';

const resolve = (over: Partial<CategoryOptions> = {}) =>
  resolveCategories({ logs: 'required', offered: null, config: {}, ...over });

/** `id:required` pairs, e.g. `['necessary:true', …]`, for compact expectations. */
const summary = (categories: readonly Category[]) =>
  categories.map((c) => `${c.id}:${c.required ? 'required' : 'optional'}`);

describe('categories', () => {
  describe('BUILT_IN', () => {
    it('is necessary, logs, preferences, analytics in display order', () => {
      expect(summary(BUILT_IN)).to.deep.equal([
        'necessary:required',
        'logs:required',
        'preferences:optional',
        'analytics:optional',
      ]);
    });

    it('clears the usual analytics cookies on revoke', () => {
      expect(ANALYTICS_COOKIES).to.deep.equal(['_ga', '_ga_*', '_gid', '_gat*', '_pk_*']);
      expect(BUILT_IN.find((c) => c.id === 'analytics')?.clear).to.deep.equal(ANALYTICS_COOKIES);
    });
  });

  describe('resolveCategories', () => {
    const cases: { name: string; options: Partial<CategoryOptions>; expected: string[] }[] = [
      {
        name: 'defaults: necessary and logs required, preferences and analytics optional',
        options: {},
        expected: [
          'necessary:required',
          'logs:required',
          'preferences:optional',
          'analytics:optional',
        ],
      },
      {
        name: 'logs="optional"',
        options: { logs: 'optional' },
        expected: [
          'necessary:required',
          'logs:optional',
          'preferences:optional',
          'analytics:optional',
        ],
      },
      {
        name: 'offered analytics only',
        options: { offered: ['analytics'] },
        expected: ['necessary:required', 'logs:required', 'analytics:optional'],
      },
      {
        name: 'logs="optional" offers logs whatever `categories` lists',
        options: { logs: 'optional', offered: ['analytics'] },
        expected: ['necessary:required', 'logs:optional', 'analytics:optional'],
      },
      {
        name: 'offered nothing: required ones stay',
        options: { offered: [] },
        expected: ['necessary:required', 'logs:required'],
      },
      {
        name: 'offered names only a required one: required ones stay',
        options: { offered: ['necessary'] },
        expected: ['necessary:required', 'logs:required'],
      },
      {
        name: 'offered an unknown id: not added',
        options: { offered: ['marketing', 'preferences'] },
        expected: ['necessary:required', 'logs:required', 'preferences:optional'],
      },
      {
        name: 'config adds categories after the built-ins, in config order',
        options: { config: { marketing: {}, chat: { required: true } } },
        expected: [
          'necessary:required',
          'logs:required',
          'preferences:optional',
          'analytics:optional',
          'marketing:optional',
          'chat:required',
        ],
      },
      {
        name: 'offered filters custom optional categories, never custom required ones',
        options: {
          config: { marketing: {}, chat: { required: true } },
          offered: ['analytics'],
        },
        expected: ['necessary:required', 'logs:required', 'analytics:optional', 'chat:required'],
      },
      {
        name: 'config naming a built-in keeps its place',
        options: { config: { analytics: { clear: [] }, marketing: {}, necessary: {} } },
        expected: [
          'necessary:required',
          'logs:required',
          'preferences:optional',
          'analytics:optional',
          'marketing:optional',
        ],
      },
      {
        name: 'config cannot make necessary optional',
        options: { config: { necessary: { required: false } } },
        expected: [
          'necessary:required',
          'logs:required',
          'preferences:optional',
          'analytics:optional',
        ],
      },
      {
        name: 'config cannot make logs optional (only the logs attribute can)',
        options: { config: { logs: { required: false } } },
        expected: [
          'necessary:required',
          'logs:required',
          'preferences:optional',
          'analytics:optional',
        ],
      },
      {
        name: 'config cannot make logs required when logs="optional"',
        options: { logs: 'optional', config: { logs: { required: true } } },
        expected: [
          'necessary:required',
          'logs:optional',
          'preferences:optional',
          'analytics:optional',
        ],
      },
      {
        name: 'config can make preferences required',
        options: { config: { preferences: { required: true } }, offered: [] },
        expected: ['necessary:required', 'logs:required', 'preferences:required'],
      },
    ];
    for (const { name, options, expected } of cases) {
      it(name, () => {
        expect(summary(resolve(options))).to.deep.equal(expected);
      });
    }

    it('gives analytics the default clear list: _ga, _ga_*, _gid, _gat*, _pk_*', () => {
      const analytics = resolve().find((c) => c.id === 'analytics');
      expect(analytics?.clear).to.deep.equal(['_ga', '_ga_*', '_gid', '_gat*', '_pk_*']);
    });

    it('lets config replace the clear list', () => {
      const [analytics] = resolve({
        config: { analytics: { clear: ['_custom*'] } },
        offered: ['analytics'],
      }).filter((c) => c.id === 'analytics');
      expect(analytics?.clear).to.deep.equal(['_custom*']);
      const none = resolve({ config: { analytics: { clear: [] } } }).find(
        (c) => c.id === 'analytics',
      );
      expect(none?.clear).to.deep.equal([]);
    });

    it('clears what a category declares, unless its own clear list says otherwise', () => {
      const entry = (name: string) => ({
        name,
        purpose: { th: 'สถิติ', en: 'Statistics' },
        duration: { th: '1 ปี', en: '1 year' },
      });
      const declared = resolve({
        config: {
          analytics: { cookies: [entry('_ga'), entry('_ga_*')] },
          video: { cookies: [entry('VISITOR_INFO1_LIVE')] },
        },
      });
      expect(declared.find((c) => c.id === 'analytics')?.clear).to.deep.equal(['_ga', '_ga_*']);
      expect(declared.find((c) => c.id === 'video')?.clear).to.deep.equal(['VISITOR_INFO1_LIVE']);
      const own = resolve({ config: { analytics: { cookies: [entry('_ga')], clear: ['_x*'] } } });
      expect(own.find((c) => c.id === 'analytics')?.clear).to.deep.equal(['_x*']);
    });

    it('gives other categories an empty clear list, and no texts unless configured', () => {
      for (const c of resolve({ config: { marketing: {} } })) {
        if (c.id === 'analytics') continue;
        expect(c, c.id).to.deep.equal({ id: c.id, required: c.required, clear: [] });
      }
    });

    it('carries the host’s label and description', () => {
      const label = { th: 'การตลาด', en: 'Marketing' };
      const description = { en: 'Ads on other sites' };
      const marketing = resolve({
        config: { marketing: { label, description, clear: ['_fbp'] } },
      }).find((c) => c.id === 'marketing');
      expect(marketing).to.deep.equal({
        id: 'marketing',
        required: false,
        label,
        description,
        clear: ['_fbp'],
      });
    });

    it('does not change BUILT_IN', () => {
      resolve({ logs: 'optional', config: { analytics: { clear: [] } } });
      expect(summary(BUILT_IN)).to.deep.equal([
        'necessary:required',
        'logs:required',
        'preferences:optional',
        'analytics:optional',
      ]);
      expect(BUILT_IN[3]?.clear).to.deep.equal(['_ga', '_ga_*', '_gid', '_gat*', '_pk_*']);
    });
  });

  describe('isCategoryId', () => {
    const cases: [unknown, boolean][] = [
      ['analytics', true],
      ['a', true],
      ['ads-1', true],
      ['chat_widget', true],
      ['a'.repeat(40), true],
      ['a'.repeat(41), false],
      ['Analytics', false],
      ['1abc', false],
      ['-a', false],
      ['_ga', false],
      ['', false],
      ['a b', false],
      ['a.b', false],
      ['a~b', false],
      ['a,b', false],
      ['การตลาด', false],
      ['analytics\n', false],
      [undefined, false],
      [null, false],
      [42, false],
      [['analytics'], false],
    ];
    for (const [value, expected] of cases) {
      it(`${JSON.stringify(value) ?? String(value)} → ${expected}`, () => {
        expect(isCategoryId(value)).to.equal(expected);
      });
    }
  });
});
