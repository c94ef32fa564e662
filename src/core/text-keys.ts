/**
 * The keys of the banner's texts (docs/guide/configuration.md): what `config.texts` may override. The texts
 * themselves are part of the user interface (src/i18n, loaded with it); the keys are here, so
 * that configuration is checked on every page, also where the interface never loads.
 */
export const TEXT_KEYS = [
  'bannerTitle',
  'bannerText',
  'policyLink',
  'acceptAll',
  'rejectAll',
  'choose',
  'dialogTitle',
  'dialogIntro',
  'save',
  'close',
  'alwaysActive',
  'settingsButton',
  'savedMessage',
  'dismiss',
  'cookiesBlocked',
  'necessaryLabel',
  'necessaryDescription',
  'logsLabel',
  'logsDescription',
  'logsOptionalNote',
  'preferencesLabel',
  'preferencesDescription',
  'analyticsLabel',
  'analyticsDescription',
  'otherLabel',
] as const;

export type TextKey = (typeof TEXT_KEYS)[number];
