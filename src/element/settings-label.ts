/**
 * The settings button's text, the one text every page needs: a returning visitor sees the
 * button and nothing else, so it is not loaded with the other texts (docs/explanation/size-and-speed.md "Speed"). The
 * interface's texts say the same (src/i18n; test/core/i18n.test.ts checks that they agree).
 */
import type { Lang } from '../core/types.js';

export const SETTINGS_LABEL: Readonly<Record<Lang, string>> = {
  th: 'ตั้งค่าคุกกี้',
  en: 'Cookie settings',
};

/** The label in `lang`: the site's own text (`config.texts`), else the built-in one. */
export const settingsLabel = (
  lang: Lang,
  texts: Partial<Record<Lang, Record<string, string>>>,
): string => texts[lang]?.settingsButton ?? SETTINGS_LABEL[lang];
