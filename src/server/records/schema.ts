/**
 * The receipt store's tables (docs/server/records.md "The tables"), made and brought up to date
 * when a store is opened. Each migration runs once, in order, in one transaction with the
 * others still to run; PostgreSQL servers that start together wait for one another on an
 * advisory lock. A migration, once released, is never edited: a change is a new one.
 */
import type { Db } from './db.js';

/** An arbitrary number that names the store's migration lock (PostgreSQL advisory locks). */
const LOCK = 7_042_617;

/** Each migration: its statements, in order. */
export const MIGRATIONS: readonly (readonly string[])[] = [
  // 1: receipts, each consent id once; the wordings visitors saw, each once.
  [
    `create table consent_wordings (
       hash text primary key,
       lang text not null,
       texts jsonb not null,
       first_seen timestamptz not null default now()
     )`,
    `create table consent_receipts (
       id text primary key,
       schema smallint not null,
       decided_at timestamptz not null,
       received_at timestamptz not null default now(),
       revision integer not null,
       method text not null,
       lang text not null,
       url text not null,
       granted text[] not null,
       denied text[] not null,
       wording text
     )`,
    'create index consent_receipts_by_time on consent_receipts (decided_at, id)',
    // Append-only: a record is stored once and never changed; only retention deletes it.
    `create function consent_receipts_unchanged() returns trigger language plpgsql as $$
       begin raise exception 'consent receipts are append-only'; end $$`,
    `create trigger consent_receipts_append_only before update on consent_receipts
       for each row execute function consent_receipts_unchanged()`,
  ],
];

/** Brings the tables of `db` to the newest migration; returns the version it now has. */
export async function migrate(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(${LOCK})`);
    await tx.query(`create table if not exists consent_migrations (
       version integer primary key,
       applied_at timestamptz not null default now()
     )`);
    const [row] = await tx.query<{ version: number | null }>(
      'select max(version) as version from consent_migrations',
    );
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length)
      throw new Error(
        `openReceiptStore: the store has migration ${current}; this version of consent-banner knows ${MIGRATIONS.length}. Update the package.`,
      );
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
      for (const statement of MIGRATIONS[version - 1] ?? []) await tx.query(statement);
      await tx.query('insert into consent_migrations (version) values ($1)', [version]);
    }
    return MIGRATIONS.length;
  });
}
