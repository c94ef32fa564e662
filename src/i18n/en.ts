import type { Strings } from './strings.js';

export const en: Strings = {
  bannerTitle: 'Cookies and log files',
  bannerText:
    'This site uses cookies to work and to remember what helps you next time, and keeps log files of each visit: your IP address and the time of access. Optional cookies stay off until you turn them on.',
  policyLink: 'Read the privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose',
  dialogTitle: 'Cookie and log file settings',
  dialogIntro:
    'Choose what this site may collect. Required items are always on. You can change this at any time.',
  save: 'Save choices',
  close: 'Close',
  alwaysActive: 'Always active',
  settingsButton: 'Cookie settings',
  savedMessage: 'Your choice is saved. Change it any time in Cookie settings.',
  dismiss: 'Hide this message',
  cookiesBlocked: 'Your browser blocks cookies, so this choice lasts only on this page.',
  necessaryLabel: 'Necessary cookies',
  necessaryDescription:
    'Cookies the site cannot work without, such as signing in and storing this choice.',
  logsLabel: 'Server log files',
  logsDescription:
    'The server records the IP address, time and page of each visit, for security and because the Computer-Related Crime Act requires keeping traffic data for at least 90 days.',
  logsOptionalNote:
    'Turned off, your IP address is shortened before it is logged; only what the law requires is kept.',
  preferencesLabel: 'Preferences',
  preferencesDescription: 'Remember your settings, such as language, for your next visit.',
  analyticsLabel: 'Visitor statistics',
  analyticsDescription:
    'Count visitors and the pages they use, to improve the service. Used only as overall figures.',
  otherLabel: 'Other cookies',
};
