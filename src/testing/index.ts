/**
 * `consent-banner/testing`: helpers for a site's own Playwright suite (docs/guide/testing.md): pre-answer the banner with the cookie it writes, or drive it as a
 * visitor does. `@playwright/test` is a peer dependency; nothing of it is bundled.
 */
export {
  presetConsent,
  type ConsentChoices,
  type PresetCookie,
  type PresetOptions,
} from './preset.js';
export { consentBanner, type ConsentBannerOptions, type ConsentBannerPage } from './page.js';
export {
  auditConsent,
  expectNoConsentViolations,
  type AuditChoice,
  type AuditOptions,
  type AuditPage,
  type ConsentAudit,
  type DraftEntry,
  type FoundCookie,
  type FoundRequest,
  type FoundStorage,
  type Violation,
  type ViolationKind,
  type When,
} from './audit.js';
export type { ConsentState } from '../core/types.js';
