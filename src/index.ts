/** Package entry: the element class, event classes and types. Importing it registers nothing. */
export { ConsentBanner } from './element/consent-banner.js';
export { ConsentChangeEvent, ConsentReadyEvent } from './element/events.js';
export type {
  Category,
  CategoryId,
  ChangeSource,
  ConsentChange,
  ConsentMethod,
  ConsentRecord,
  ConsentState,
  Lang,
  LocalizedText,
} from './core/types.js';
export type { BannerConfig } from './core/config.js';
export type { ConsentBannerAttributes } from './core/configure.js';
export type { CategoryConfig } from './core/categories.js';
export type { Strings } from './i18n/strings.js';
