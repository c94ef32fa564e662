/**
 * `consent-banner/react`: the package entry, plus `<consent-banner>` in React 19 JSX (README
 * "In React"). At run time it is the package entry itself, which registers nothing.
 */
export * from './index.js';
export type { ConsentBannerAttributes, ConsentBannerReactProps } from './element/react-jsx.js';
