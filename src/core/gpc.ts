/**
 * Global Privacy Control (docs/guide/configuration.md "Global Privacy Control"): a visitor whose browser sends the
 * signal, and who has no stored choice, has refused every optional category. That is recorded
 * as a choice like any other (`method: 'gpc'`), without the banner; the settings button still
 * lets them opt in. `gpc="ignore"` turns it off.
 */

export const GPC_SETTINGS = ['honor', 'ignore'] as const;
export type GpcSetting = (typeof GPC_SETTINGS)[number];

/**
 * Whether the signal decides for the visitor: only `navigator.globalPrivacyControl === true`
 * counts, only without a stored choice, and only unless the site set `ignore` (a setting that
 * is neither counts as the default, `honor`).
 */
export const gpcDecides = (setting: unknown, signal: unknown, decided: boolean): boolean =>
  signal === true && !decided && setting !== 'ignore';
