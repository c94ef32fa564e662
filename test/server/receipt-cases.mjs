// The cases both receipt stores must pass (docs/server/records.md): the Node store
// (receipt-store.test.mjs) and the PHP one (php-receipts.test.mjs) run these same receipts and
// expect these same answers.
import { randomBytes } from 'node:crypto';

export const SITE = 'https://www.sso.go.th';

/** A receipt as the banner makes it, with a fresh consent id. */
export const receipt = (changes = {}) => ({
  schema: 1,
  id: randomBytes(16).toString('base64url'),
  decidedAt: '2026-03-02T03:00:00.000Z',
  revision: 3,
  granted: ['necessary', 'logs', 'analytics'],
  denied: ['preferences'],
  method: 'custom',
  lang: 'th',
  url: `${SITE}/wpr/main/privacy`,
  ...changes,
});

const ALL = ['necessary', 'logs', 'preferences', 'analytics'];

/** A decision at `decidedAt`, made by `method`, granting `granted` and refusing the rest. */
const decision = (decidedAt, method, granted) =>
  receipt({ decidedAt, method, granted, denied: ALL.filter((id) => !granted.includes(id)) });

/** Four decisions over two Bangkok days (17:00 UTC is midnight there), and their counts. */
export const COUNTS = {
  receipts: [
    decision('2024-05-01T16:59:59.000Z', 'accept-all', ALL),
    decision('2024-05-01T17:00:00.000Z', 'reject-all', ['necessary']),
    decision('2024-05-02T03:00:00.000Z', 'custom', ['necessary', 'analytics']),
    decision('2024-05-02T04:00:00.000Z', 'gpc', ['necessary']),
  ],
  range: { from: '2024-05-01', to: '2024-05-03' },
  expected: [
    {
      day: '2024-05-01',
      total: 1,
      acceptAll: 1,
      rejectAll: 0,
      custom: 0,
      gpc: 0,
      api: 0,
      granted: { necessary: 1, logs: 1, preferences: 1, analytics: 1 },
    },
    {
      day: '2024-05-02',
      total: 3,
      acceptAll: 0,
      rejectAll: 1,
      custom: 1,
      gpc: 1,
      api: 0,
      granted: { necessary: 3, analytics: 1 },
    },
  ],
};

/**
 * For retention: decided 600 days ago (past 182 + 365: purged by default), 500 days ago (kept),
 * and in 2020 (purged by `before: '2020-06-01'`).
 */
export function purgeCase() {
  const daysAgo = (days) => new Date(Date.now() - days * 86_400_000).toISOString();
  return {
    old: receipt({ decidedAt: daysAgo(600) }),
    kept: receipt({ decidedAt: daysAgo(500) }),
    ancient: receipt({ decidedAt: '2020-01-01T00:00:00.000Z' }),
    before: '2020-06-01',
  };
}

/** March 2025, one decision a minute from its first second: `count` of them, oldest first. */
export const march = (count) =>
  Array.from({ length: count }, (_, i) =>
    receipt({
      decidedAt: new Date(Date.UTC(2025, 2, 1) + i * 60_000).toISOString(),
      method: i % 2 ? 'accept-all' : 'reject-all',
    }),
  );
export const MARCH = { from: '2025-03-01T00:00:00Z', to: '2025-04-01T00:00:00Z' };
export const CSV_HEADER = 'id,decidedAt,receivedAt,revision,method,lang,url,granted,denied,wording';
/** The CSV line of march(…)[0] after its id and up to its receivedAt; and after receivedAt. */
export const MARCH_FIRST_CSV = [
  ',2025-03-01T00:00:00.000Z,',
  /,3,reject-all,th,https:\/\/www\.sso\.go\.th\/wpr\/main\/privacy,necessary logs analytics,preferences,$/,
];

/** Bodies that are not receipts, each with the answer both stores give. */
export const REFUSED = [
  ['wrong JSON', '{"schema": 1,', 400],
  ['another schema', JSON.stringify(receipt({ schema: 9 })), 400],
  [
    'necessary not granted',
    JSON.stringify(receipt({ granted: ['analytics'], denied: ['necessary'] })),
    400,
  ],
  ['over 8,192 bytes', JSON.stringify(receipt({ url: `${SITE}/${'a'.repeat(9000)}` })), 413],
];

/** The texts of a wording: a few of the banner's, in Thai. */
export const WORDING_TEXTS = {
  title: 'เว็บไซต์นี้ใช้คุกกี้',
  acceptAll: 'ยอมรับทั้งหมด',
  rejectAll: 'ปฏิเสธทั้งหมด',
  'category.analytics.label': 'การวิเคราะห์',
};
