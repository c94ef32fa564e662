import { expect } from '@open-wc/testing';
import { resolveCategories } from '../../src/core/categories.js';
import {
  CONSENT_TYPES,
  consentModeParams,
  defaultConsentTypes,
  isConsentType,
} from '../../src/core/consent-mode.js';
import { makeRecord, stateFromRecord, undecidedState } from '../../src/core/rules.js';
import type { Category, CategoryId } from '../../src/core/types.js';

// Google Consent Mode (docs/guide/consent-mode.md): what each state tells Google's tags.
const categories = (config = {}) => resolveCategories({ logs: 'required', offered: null, config });

/** The state after a decision granting `choice`. */
const decided = (cats: readonly Category[], choice: Record<CategoryId, boolean>) =>
  stateFromRecord(
    makeRecord({ categories: cats, choice, method: 'custom', revision: 0, id: 'x', now: 1 }),
    cats,
  );

/** The types `params` grants, sorted. */
const granted = (params: Record<string, string>) =>
  Object.keys(params)
    .filter((k) => params[k] === 'granted')
    .sort();

const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

describe('consent mode', () => {
  it("knows Google's six consent types, and nothing else", () => {
    expect([...CONSENT_TYPES].sort()).to.deep.equal(
      Object.keys(DENIED)
        .filter((k) => k !== 'security_storage')
        .sort(),
    );
    expect(
      ['ad_storage', 'security_storage', 'analytics', '', 'AD_STORAGE'].map(isConsentType),
    ).to.deep.equal([true, false, false, false, false]);
  });

  it('the default: every type denied, security_storage granted', () => {
    expect(consentModeParams(categories(), null)).to.deep.equal(DENIED);
  });

  it('before a choice (and after a reset) nothing is granted, though required categories are on', () => {
    const cats = categories({ necessary: { consentMode: ['functionality_storage'] } });
    expect(consentModeParams(cats, undecidedState(cats, 0))).to.deep.equal(DENIED);
  });

  it('analytics → analytics_storage; preferences → functionality and personalization', () => {
    const cats = categories();
    expect(granted(consentModeParams(cats, decided(cats, { analytics: true })))).to.deep.equal([
      'analytics_storage',
      'security_storage',
    ]);
    expect(granted(consentModeParams(cats, decided(cats, { preferences: true })))).to.deep.equal([
      'functionality_storage',
      'personalization_storage',
      'security_storage',
    ]);
  });

  it('Accept all without a marketing category: the ad types stay denied', () => {
    const cats = categories();
    const params = consentModeParams(cats, decided(cats, { analytics: true, preferences: true }));
    expect(params.ad_storage).to.equal('denied');
    expect(params.ad_user_data).to.equal('denied');
    expect(params.ad_personalization).to.equal('denied');
  });

  it('a marketing-like category of the site stands for the three ad types', () => {
    for (const id of ['marketing', 'advertising', 'ads', 'ad'])
      expect(defaultConsentTypes(id), id).to.deep.equal([
        'ad_storage',
        'ad_user_data',
        'ad_personalization',
      ]);
    expect(defaultConsentTypes('marketing-emails')).to.deep.equal([]);
    expect(defaultConsentTypes('necessary')).to.deep.equal([]);
    const cats = categories({ marketing: {} });
    expect(granted(consentModeParams(cats, decided(cats, { marketing: true })))).to.deep.equal([
      'ad_personalization',
      'ad_storage',
      'ad_user_data',
      'security_storage',
    ]);
  });

  it('config.categories.<id>.consentMode overrides the mapping', () => {
    const cats = categories({
      analytics: { consentMode: [] },
      video: { consentMode: ['analytics_storage', 'ad_storage'] },
    });
    // analytics no longer stands for analytics_storage: video alone decides it.
    expect(granted(consentModeParams(cats, decided(cats, { analytics: true })))).to.deep.equal([
      'security_storage',
    ]);
    expect(granted(consentModeParams(cats, decided(cats, { video: true })))).to.deep.equal([
      'ad_storage',
      'analytics_storage',
      'security_storage',
    ]);
  });

  it('a type two categories stand for is granted only when both are', () => {
    const cats = categories({ stats: { consentMode: ['analytics_storage'] } });
    const one = consentModeParams(cats, decided(cats, { analytics: true }));
    const both = consentModeParams(cats, decided(cats, { analytics: true, stats: true }));
    expect([one.analytics_storage, both.analytics_storage]).to.deep.equal(['denied', 'granted']);
  });
});
