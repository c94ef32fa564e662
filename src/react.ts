/**
 * `consent-banner/react`: the package entry, plus `<consent-banner>` in React 19 JSX (README
 * "In React"). At run time it is the package entry itself, which registers nothing. Only this
 * entry names React, so that the others never need React's types (README "Design decisions").
 */
export * from './index.js';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  BannerConfig,
  ConsentBanner,
  ConsentChangeEvent,
  ConsentReadyEvent,
} from './index.js';

/** The element's attributes, as markup and JSX write them (README "Attributes"). */
export interface ConsentBannerAttributes {
  /** `th` or `en` (`th-TH` counts as `th`). */
  lang?: string;
  'policy-url'?: string;
  /** A whole number. */
  revision?: number | string;
  'cookie-name'?: string;
  'cookie-domain'?: string;
  /** 1 to 3650. */
  'cookie-days'?: number | string;
  logs?: ConsentBanner['logs'];
  /** Ids separated by spaces, e.g. `"analytics preferences"`. */
  categories?: string;
  /** A boolean attribute (README "Google Consent Mode"). */
  'google-consent-mode'?: boolean;
  gpc?: ConsentBanner['gpc'];
  'receipt-url'?: string;
  /** A boolean attribute. */
  'no-settings-button'?: boolean;
  theme?: ConsentBanner['theme'];
}

/**
 * What React 19 takes on `<consent-banner>`: the attributes; `config`, which React sets as the
 * property (README "Configuration beyond attributes"); the two events, as `on` and the event's
 * name, which React adds as listeners (README "Events"); and the props of any HTML element
 * (`ref`, `key`, `id`, `class` or `className`, `style`, `children`, …).
 */
export interface ConsentBannerReactProps
  extends ConsentBannerAttributes, DetailedHTMLProps<HTMLAttributes<ConsentBanner>, ConsentBanner> {
  class?: string;
  config?: BannerConfig;
  'onconsent-ready'?: (event: ConsentReadyEvent) => void;
  'onconsent-change'?: (event: ConsentChangeEvent) => void;
}

declare module 'react' {
  // React's own JSX namespace, which `react/jsx-runtime` re-exports (React 19 has no global one).
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'consent-banner': ConsentBannerReactProps;
    }
  }
}
