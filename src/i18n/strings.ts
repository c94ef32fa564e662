/** Every user-visible string of the banner. `th.ts` and `en.ts` implement it. */
import type { TextKey } from '../core/text-keys.js';
import type { Lang } from '../core/types.js';
import { en } from './en.js';
import { th } from './th.js';

export interface Strings {
  /** Heading of the first layer. */
  bannerTitle: string;
  /** Short explanation on the first layer: names cookies and log files (IP address, access time). */
  bannerText: string;
  /** Link to the full privacy policy. */
  policyLink: string;
  acceptAll: string;
  rejectAll: string;
  /** Opens the second layer. */
  choose: string;
  /** Heading of the preferences dialog. */
  dialogTitle: string;
  /** Introduction in the preferences dialog. */
  dialogIntro: string;
  /** Saves the switches as they are. */
  save: string;
  /** Accessible name of the dialog's close button. */
  close: string;
  /** State of a required category. */
  alwaysActive: string;
  /** The small button that reopens the preferences after a decision. */
  settingsButton: string;
  /** Announced after a decision. */
  savedMessage: string;
  /** Hides the confirmation message. */
  dismiss: string;
  /** Shown when the browser refuses cookies, so the choice lasts only for this page. */
  cookiesBlocked: string;
  necessaryLabel: string;
  necessaryDescription: string;
  logsLabel: string;
  logsDescription: string;
  /** Added to `logsDescription` when the visitor may refuse detailed logs. */
  logsOptionalNote: string;
  preferencesLabel: string;
  preferencesDescription: string;
  analyticsLabel: string;
  analyticsDescription: string;
  /** The name of a category of the site's own that has no label of its own. */
  otherLabel: string;
}

export type StringKey = keyof Strings;

/** The keys core checks configuration against are exactly this interface's (a type error if not). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const KEYS_MATCH: Same<StringKey, TextKey> = true;

export const BUILT_IN_STRINGS: Readonly<Record<Lang, Strings>> = { th, en };

export const LANGS: readonly Lang[] = ['th', 'en'];

/** Built-in strings of `lang` with the host's overrides on top. */
export function stringsFor(lang: Lang, overrides?: Partial<Strings>): Strings {
  return { ...BUILT_IN_STRINGS[lang], ...overrides };
}
