/**
 * `npx consent-banner records export|counts|purge` (docs/server/records.md "From the command
 * line"): the receipt store for cron jobs and auditors. Exit code: 0 done, 2 when it could not
 * run (its one line says why).
 */
import { parseArgs } from 'node:util';
import { openReceiptStore, type Range, type ReceiptStore } from '../server/records/store.js';
import { whole } from './options.js';

const USAGE = `usage: npx consent-banner records <command> [--db file:consent-records | postgres://…]
  export [--from 2026-03-01] [--to 2026-04-01] [--format csv|jsonl]   the records, to stdout
  counts [--from …] [--to …] [--format csv|json]                       decisions per day
  purge [--before 2025-01-01] [--cookie-days 182] [--retain-days 365]  delete past retention
  dates: YYYY-MM-DD (midnight in --time-zone, default Asia/Bangkok) or an ISO 8601 time`;

/** A date option as given, or `undefined`; throws with the option's name. */
function date(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (
    !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ||
    Number.isNaN(Date.parse(value))
  )
    throw new Error(`--${name}=${value}: expected a date, 2026-03-01, or an ISO 8601 time`);
  return value;
}

/** Writes `text` to stdout, waiting when the pipe is full (an export may be large). */
async function out(text: string): Promise<void> {
  if (!process.stdout.write(text))
    await new Promise<void>((drained) => process.stdout.once('drain', () => drained()));
}

async function counts(store: ReceiptStore, range: Range, format: string): Promise<void> {
  const days = await store.counts(range);
  if (format === 'json') return out(`${JSON.stringify(days, null, 2)}\n`);
  const ids = [...new Set(days.flatMap((d) => Object.keys(d.granted)))];
  await out(
    `day,total,acceptAll,rejectAll,custom,gpc,api${ids.map((id) => `,granted.${id}`).join('')}\n`,
  );
  for (const d of days) {
    const cells = [d.day, d.total, d.acceptAll, d.rejectAll, d.custom, d.gpc, d.api];
    await out(`${[...cells, ...ids.map((id) => d.granted[id] ?? 0)].join(',')}\n`);
  }
}

/** Runs `records …` (the arguments after `records`); resolves with the exit code. */
export async function runRecords(argv: readonly string[]): Promise<number> {
  let command: string | undefined;
  let options: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        db: { type: 'string', default: 'file:consent-records' },
        from: { type: 'string' },
        to: { type: 'string' },
        before: { type: 'string' },
        format: { type: 'string' },
        'cookie-days': { type: 'string' },
        'retain-days': { type: 'string' },
        'time-zone': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  try {
    options = parse();
    if (options.values.help) {
      console.log(USAGE);
      return 0;
    }
    [command] = options.positionals;
    if (command !== 'export' && command !== 'counts' && command !== 'purge')
      throw new Error(command ? `records ${command}: no such command` : 'name a command');
    const formats =
      command === 'export' ? ['csv', 'jsonl'] : command === 'counts' ? ['csv', 'json'] : [];
    const format = options.values.format;
    if (format !== undefined && !formats.includes(format))
      throw new Error(
        `--format=${format}: expected ${formats.join(' or ') || 'no format for purge'}`,
      );
  } catch (error) {
    console.error(`consent-banner: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values } = options;
  let store: ReceiptStore | undefined;
  try {
    const range: Range = {};
    const from = date('from', values.from);
    const to = date('to', values.to);
    if (from) range.from = from;
    if (to) range.to = to;
    const before = date('before', values.before);
    const cookieDays = whole('cookie-days', values['cookie-days'], 6);
    const retainDays = whole('retain-days', values['retain-days'], 6);
    store = await openReceiptStore(values.db, {
      ...(cookieDays === undefined ? {} : { cookieDays }),
      ...(retainDays === undefined ? {} : { retainDays }),
      ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
    });
    if (command === 'export') {
      const format = values.format === 'csv' ? 'csv' : 'jsonl';
      const reader = store.export({ ...range, format }).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read())
        await out(next.value);
    } else if (command === 'counts') await counts(store, range, values.format ?? 'csv');
    else {
      const deleted = await store.purge(before ? { before } : {});
      console.error(`consent-banner records purge: ${deleted} records deleted`);
    }
    return 0;
  } catch (error) {
    console.error(`consent-banner records ${command}: ${(error as Error).message.split('\n')[0]}`);
    return 2;
  } finally {
    await store?.close();
  }
}
