/**
 * `openReceiptStore` (docs/server/records.md): keeps the receipts the banner sends to its
 * `receipt-url`, each consent id once and append-only, and answers an auditor's questions
 * about them: one record, an export by date range, counts per day, and deletion past the
 * retention period. No IP address and no user agent is stored.
 */
import type { ConsentMethod } from '../../core/types.js';
import { DEFAULT_COOKIE_DAYS } from '../../core/settings.js';
import type { Receipt } from '../../core/receipt.js';
import { MAX_RECEIPT_BYTES, MAX_WORDING_BYTES, readReceipt, readWording } from '../receipt.js';
import { openDb, type Db, type Row } from './db.js';
import { auditHandler } from './audit.js';
import { allowedOrigin, rateLimiter, readBody, type Answer } from './http.js';
import { migrate } from './schema.js';

export interface ReceiptStoreOptions {
  /**
   * The origins of the pages that send receipts, when they are not the receiver's own (for
   * example `['https://www.example.go.th']`). A receipt from any other origin is refused (403).
   */
  origins?: readonly string[];
  /** Receipts one client address may send a minute; more are answered 429. 0: no limit. Default 60. */
  perMinute?: number;
  /** Milliseconds a receipt's body may take to arrive; then 408. Default 10,000. */
  bodyTimeoutMs?: number;
  /** The banner's `cookie-days`: how long a choice holds. Default 182. */
  cookieDays?: number;
  /** Days a record is kept after its choice stopped holding (`purge()`). Default 365. */
  retainDays?: number;
  /** The time zone of the days of `counts` and of dates written `YYYY-MM-DD`. Default `Asia/Bangkok`. */
  timeZone?: string;
  /** At most this many connections to a PostgreSQL server. Default 10. */
  poolSize?: number;
}

/** A stored receipt, as `get` and `export` give it. */
export interface StoredReceipt extends Omit<Receipt, 'schema' | 'wording'> {
  schema: number;
  /** When the store took it (ISO 8601, UTC). */
  receivedAt: string;
  /** The hash of the words the visitor saw, when the banner sent one. */
  wording: string | null;
  /** Those words (`get` only), once the banner has sent them: `{ lang, texts }`. */
  wordingTexts?: { lang: string; texts: Record<string, string> } | null;
}

/** One day of `counts`. */
export interface DayCounts {
  /** `YYYY-MM-DD`, in the store's time zone. */
  day: string;
  total: number;
  acceptAll: number;
  rejectAll: number;
  custom: number;
  gpc: number;
  api: number;
  /** Per category id: how many decisions granted it. */
  granted: Record<string, number>;
}

/** A date range: `from` included, `to` excluded. A date or an ISO 8601 text (`2026-03-01`). */
export interface Range {
  from?: Date | string;
  to?: Date | string;
}

export interface ReceiptStore {
  /**
   * The receipt endpoint: POST a receipt → 201 stored, 200 already stored, 4xx refused, 503 try
   * again; with `Consent-Wording: send` when the receipt names a wording the store does not
   * hold. POST that wording (`{ schema: 2, wording, lang, texts }`) → 201 or 200, or 400.
   */
  handle(request: Request, client?: { address?: string }): Promise<Response>;
  /** The record of one consent id, or `null`. */
  get(id: string): Promise<StoredReceipt | null>;
  /** The records decided in `range`, oldest first, as CSV or JSON lines, read page by page. */
  export(options?: Range & { format?: 'csv' | 'jsonl' }): ReadableStream<string>;
  /** Decisions per day in `range`, by method, and how many granted each category. */
  counts(range?: Range): Promise<DayCounts[]>;
  /**
   * Deletes the records decided before `before`; by default, those whose choice stopped holding
   * (`cookieDays`) more than `retainDays` ago. Returns how many were deleted.
   */
  purge(options?: { before?: Date | string }): Promise<number>;
  /**
   * The audit page and its files (docs/server/records.md "The audit page"), for a GET under
   * the path the site mounts it at, behind the site's own authentication.
   */
  audit(request: Request): Promise<Response>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** Rows a page of `export` and a round of `purge` take. */
const PAGE = 1000;

const COLUMNS =
  'id, schema, decided_at, received_at, revision, method, lang, url, granted, denied, wording';

/** A record as stored → as given. */
function toReceipt(row: Row): StoredReceipt {
  const time = (value: unknown) => new Date(value as string | Date).toISOString();
  return {
    schema: Number(row.schema),
    id: String(row.id),
    decidedAt: time(row.decided_at),
    revision: Number(row.revision),
    granted: row.granted as StoredReceipt['granted'],
    denied: row.denied as StoredReceipt['denied'],
    method: row.method as ConsentMethod,
    lang: row.lang as StoredReceipt['lang'],
    url: String(row.url),
    receivedAt: time(row.received_at),
    wording: (row.wording as string | null) ?? null,
  };
}

const CSV_HEADER = 'id,decidedAt,receivedAt,revision,method,lang,url,granted,denied,wording\n';

/** A CSV cell: quoted when it must be (RFC 4180). */
const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function csvLine(r: StoredReceipt): string {
  const values = [
    r.id,
    r.decidedAt,
    r.receivedAt,
    String(r.revision),
    r.method,
    r.lang,
    r.url,
    r.granted.join(' '),
    r.denied.join(' '),
    r.wording ?? '',
  ];
  return `${values.map(cell).join(',')}\n`;
}

/** Receipts one insert takes at most. */
const BATCH = 500;

/**
 * Stores receipts, those that arrive together in one statement (docs/server/records.md "The
 * tables"): while one insert runs, the next receipts wait and then go in together, so a busy
 * store commits (and syncs to disk) once for many. Each caller learns whether its receipt is new;
 * of two with one id in a batch, the first is. A failed insert fails every receipt in it, and
 * none of them is stored.
 */
function writer(db: Db): (receipt: Receipt) => Promise<boolean> {
  type Waiting = {
    receipt: Receipt;
    done: (isNew: boolean) => void;
    fail: (error: unknown) => void;
  };
  let queue: Waiting[] = [];
  let running = false;
  async function flush() {
    running = true;
    while (queue.length) {
      // One turn of the event loop first: the requests already on their way join this batch.
      // (The embedded database works on this thread; without the turn, it would take them one
      // by one, and commit for each.)
      await new Promise((turn) => setTimeout(turn, 0));
      const batch = queue.slice(0, BATCH);
      queue = queue.slice(BATCH);
      const column = <T>(pick: (r: Receipt) => T) => batch.map((w) => pick(w.receipt));
      try {
        const rows = await db.query<{ id: string }>(
          `insert into consent_receipts (id, schema, decided_at, revision, method, lang, url, granted, denied, wording)
           select id, schema, decided_at, revision, method, lang, url,
             string_to_array(granted, ' '), string_to_array(denied, ' '), wording
           from unnest($1::text[], $2::smallint[], $3::timestamptz[], $4::integer[], $5::text[],
             $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
             as r(id, schema, decided_at, revision, method, lang, url, granted, denied, wording)
           on conflict (id) do nothing returning id`,
          [
            column((r) => r.id),
            column((r) => r.schema),
            column((r) => r.decidedAt),
            column((r) => r.revision),
            column((r) => r.method),
            column((r) => r.lang),
            column((r) => r.url),
            // Category ids hold no space (readReceipt checks them).
            column((r) => r.granted.join(' ')),
            column((r) => r.denied.join(' ')),
            column((r) => r.wording ?? null),
          ],
        );
        const stored = new Set(rows.map((row) => row.id));
        for (const w of batch) {
          w.done(stored.delete(w.receipt.id));
        }
      } catch (error) {
        for (const w of batch) w.fail(error);
      }
    }
    running = false;
  }
  return (receipt) =>
    new Promise((done, fail) => {
      queue.push({ receipt, done, fail });
      if (!running) void flush();
    });
}

/** Opens (and creates, or brings up to date) the store at `url` (docs/server/records.md). */
export async function openReceiptStore(
  url = 'file:consent-records',
  options: ReceiptStoreOptions = {},
): Promise<ReceiptStore> {
  const {
    origins = [],
    perMinute = 60,
    bodyTimeoutMs = 10_000,
    cookieDays = DEFAULT_COOKIE_DAYS,
    retainDays = 365,
    timeZone = 'Asia/Bangkok',
    poolSize = 10,
  } = options;
  const db: Db = await openDb(url, { timeZone, poolSize });
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const limit = rateLimiter(perMinute);
  const write = writer(db);

  /** `range` as SQL parameters: unbounded ends are null. */
  const bounds = ({ from, to }: Range = {}) => [from ?? null, to ?? null];
  const inRange = `($1::timestamptz is null or decided_at >= $1) and ($2::timestamptz is null or decided_at < $2)`;

  async function receive(request: Request, client?: { address?: string }): Promise<Answer> {
    const origin = allowedOrigin(request, origins);
    const cors: Record<string, string> = origin
      ? {
          'access-control-allow-origin': origin,
          'access-control-expose-headers': 'consent-wording',
          vary: 'Origin',
        }
      : {};
    const answer = (status: number, text: string, headers: Record<string, string> = {}) => ({
      status,
      text,
      headers: { ...cors, ...headers },
    });
    if (request.method === 'OPTIONS') {
      if (!origin) return answer(403, 'receipts are taken from this site only');
      return answer(204, '', {
        'access-control-allow-methods': 'POST',
        'access-control-allow-headers': 'content-type',
        'access-control-max-age': '86400',
      });
    }
    if (request.method !== 'POST') return answer(405, 'POST a receipt', { allow: 'POST, OPTIONS' });
    if (!origin) return answer(403, 'receipts are taken from this site only');
    const wait = limit(client?.address, Date.now());
    if (wait) return answer(429, 'too many receipts; try later', { 'retry-after': String(wait) });
    // Up to a wording's size; a receipt is held to its own, smaller, limit below.
    const body = await readBody(request, MAX_WORDING_BYTES, bodyTimeoutMs);
    if ('status' in body) return answer(body.status, body.text);
    let data: unknown;
    try {
      data = JSON.parse(body.text);
    } catch {
      // Not JSON: `data` stays undefined, which no JSON text gives.
    }
    if (typeof data === 'object' && data !== null && 'texts' in data)
      return wordingAnswer(data, answer);
    if (body.bytes > MAX_RECEIPT_BYTES)
      return answer(413, `a receipt is at most ${MAX_RECEIPT_BYTES} bytes`);
    const receipt = readReceipt(data);
    if (!receipt) return answer(400, 'not a consent receipt');
    try {
      const isNew = await write(receipt);
      // A wording the store does not hold yet: the banner sends its texts, once.
      const ask: Record<string, string> =
        receipt.wording && !(await knownWording(receipt.wording))
          ? { 'consent-wording': 'send' }
          : {};
      // Sent again (its first answer was lost): it is confirmed, and stored once.
      return isNew ? answer(201, 'stored', ask) : answer(200, 'already stored', ask);
    } catch {
      // The database is away (restarting, unreachable): the banner keeps the receipt and
      // sends it again on the next page (docs/server/receipts.md).
      return answer(503, 'the store is unavailable; send it again later', { 'retry-after': '5' });
    }
  }

  /** The hashes of the wordings the store holds, as far as this process has seen them. */
  const known = new Set<string>();
  async function knownWording(hash: string): Promise<boolean> {
    if (known.has(hash)) return true;
    const rows = await db.query('select 1 from consent_wordings where hash = $1', [hash]);
    if (rows.length) known.add(hash);
    return rows.length > 0;
  }

  /** A wording (docs/reference/receipt.md "The wording"): kept once, if its texts give its hash. */
  async function wordingAnswer(
    data: object,
    answer: (status: number, text: string, headers?: Record<string, string>) => Answer,
  ): Promise<Answer> {
    const words = await readWording(data);
    if (!words) return answer(400, 'not a wording, or its texts do not give its hash');
    try {
      const rows = await db.query(
        `insert into consent_wordings (hash, lang, texts) values ($1, $2, $3::jsonb)
         on conflict (hash) do nothing returning hash`,
        [words.wording, words.lang, JSON.stringify(words.texts)],
      );
      known.add(words.wording);
      return rows.length ? answer(201, 'wording stored') : answer(200, 'wording already stored');
    } catch {
      return answer(503, 'the store is unavailable; send it again later', { 'retry-after': '5' });
    }
  }

  const store: ReceiptStore = {
    async handle(request, client) {
      let result: Answer;
      try {
        result = await receive(request, client);
      } catch {
        // A body cut off half-way, a request that is not one: refused, never thrown.
        result = { status: 400, text: 'not a consent receipt' };
      }
      return new Response(result.status === 204 ? null : result.text, {
        status: result.status,
        headers: { 'content-type': 'text/plain; charset=utf-8', ...result.headers },
      });
    },

    async get(id) {
      const [row] = await db.query(
        `select ${COLUMNS.replace(/(\w+)/g, 'r.$1')}, w.lang as wording_lang, w.texts as wording_texts
         from consent_receipts r left join consent_wordings w on w.hash = r.wording where r.id = $1`,
        [id],
      );
      if (!row) return null;
      const texts = row.wording_texts as Record<string, string> | null;
      return {
        ...toReceipt(row),
        wordingTexts: texts ? { lang: String(row.wording_lang), texts } : null,
      };
    },

    export({ format = 'jsonl', ...range } = {}) {
      if (format !== 'csv' && format !== 'jsonl')
        throw new TypeError(`export: format "${String(format)}" is not csv or jsonl`);
      // Page by page, in (decided_at, id) order, each page after the last one's key: memory stays
      // flat whatever the range holds, and it needs no cursor of its own.
      let after: [string, string] | null = null;
      let header = format === 'csv';
      return new ReadableStream<string>({
        async pull(controller) {
          if (header) {
            header = false;
            controller.enqueue(CSV_HEADER);
            return;
          }
          const rows = await db.query(
            `select ${COLUMNS} from consent_receipts
             where ${inRange} and ($3::timestamptz is null or (decided_at, id) > ($3, $4))
             order by decided_at, id limit ${PAGE}`,
            [...bounds(range), after?.[0] ?? null, after?.[1] ?? null],
          );
          const records = rows.map(toReceipt);
          if (records.length)
            controller.enqueue(
              records
                .map((r) => (format === 'csv' ? csvLine(r) : `${JSON.stringify(r)}\n`))
                .join(''),
            );
          const last = records[records.length - 1];
          if (records.length < PAGE || !last) controller.close();
          else after = [last.decidedAt, last.id];
        },
      });
    },

    async counts(range) {
      const days = await db.query(
        `select to_char(decided_at, 'YYYY-MM-DD') as day, count(*)::int as total,
           count(*) filter (where method = 'accept-all')::int as accept_all,
           count(*) filter (where method = 'reject-all')::int as reject_all,
           count(*) filter (where method = 'custom')::int as custom,
           count(*) filter (where method = 'gpc')::int as gpc,
           count(*) filter (where method = 'api')::int as api
         from consent_receipts where ${inRange} group by 1 order by 1`,
        bounds(range),
      );
      const granted = await db.query(
        `select to_char(decided_at, 'YYYY-MM-DD') as day, category, count(*)::int as n
         from consent_receipts, unnest(granted) as category where ${inRange} group by 1, 2`,
        bounds(range),
      );
      return days.map((row) => ({
        day: String(row.day),
        total: Number(row.total),
        acceptAll: Number(row.accept_all),
        rejectAll: Number(row.reject_all),
        custom: Number(row.custom),
        gpc: Number(row.gpc),
        api: Number(row.api),
        granted: Object.fromEntries(
          granted.filter((g) => g.day === row.day).map((g) => [String(g.category), Number(g.n)]),
        ),
      }));
    },

    async purge({ before } = {}) {
      const cutoff = before ?? new Date(Date.now() - (cookieDays + retainDays) * DAY_MS);
      let deleted = 0;
      // In rounds: no long transaction holds the table, however many records are due.
      for (;;) {
        const rows = await db.query(
          `delete from consent_receipts where id in (
             select id from consent_receipts where decided_at < $1 limit ${PAGE * 10}
           ) returning 1`,
          [cutoff],
        );
        deleted += rows.length;
        if (rows.length < PAGE * 10) return deleted;
      }
    },

    audit: (request) => audit(request),
    close: () => db.close(),
  };
  const audit = auditHandler(store, timeZone);
  return store;
}
