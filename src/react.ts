/**
 * `consent-banner/react`: the package entry, plus `<consent-banner>` in React 19 JSX (docs/guide/frameworks.md "In React"). At run time it is the package entry itself, which registers nothing. Only this
 * entry names React, so that the others never need React's types (docs/explanation/design-decisions.md).
 */
export * from './index.js';
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type {
  BannerConfig,
  ConsentBanner,
  ConsentBannerAttributes,
  ConsentChangeEvent,
  ConsentReadyEvent,
} from './index.js';

/**
 * What React 19 takes on `<consent-banner>`: the attributes; `config`, which React sets as the
 * property (docs/guide/configuration.md); the two events, as `on` and the event's
 * name, which React adds as listeners (docs/reference/events.md); and the props of any HTML element
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
