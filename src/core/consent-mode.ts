/**
 * Google Consent Mode v2 (docs/guide/consent-mode.md): which of Google's consent types each
 * category stands for, and the `default` and `update` parameters a state makes. Pure rules.
 */
import type { Category, CategoryId, ConsentState } from './types.js';

const AD = ['ad_storage', 'ad_user_data', 'ad_personalization'];
const FUNCTIONALITY = ['functionality_storage', 'personalization_storage'];
const ANALYTICS = ['analytics_storage'];

/** The consent types a category can grant (`security_storage` is always granted). */
export const CONSENT_TYPES: readonly string[] = [...AD, ...ANALYTICS, ...FUNCTIONALITY];

export type ConsentModeParams = Record<string, 'granted' | 'denied'>;

export const isConsentType = (value: string): boolean => CONSENT_TYPES.includes(value);

/**
 * The types a category stands for unless `config.categories.<id>.consentMode` says otherwise:
 * analytics, preferences, and a marketing-like category of the site's own.
 */
export const defaultConsentTypes = (id: CategoryId): readonly string[] =>
  id === 'analytics'
    ? ANALYTICS
    : id === 'preferences'
      ? FUNCTIONALITY
      : /^(marketing|advertising|ads?)$/.test(id)
        ? AD
        : [];

/**
 * Each type is granted only when the visitor has chosen and every category that stands for it
 * is granted; a type no category stands for stays denied. Without a state: the `default`, every
 * type denied.
 */
export function consentModeParams(
  categories: readonly Category[],
  state: ConsentState | null,
): ConsentModeParams {
  const params: ConsentModeParams = { security_storage: 'granted' };
  for (const type of CONSENT_TYPES) {
    const mapped = categories.filter((c) =>
      (c.consentMode ?? defaultConsentTypes(c.id)).includes(type),
    );
    params[type] =
      state?.decided && mapped.length && mapped.every((c) => state.categories[c.id])
        ? 'granted'
        : 'denied';
  }
  return params;
}
