/**
 * The database under the receipt store (docs/server/records.md "Where the records live"): one
 * dialect, PostgreSQL's, spoken by two drivers.
 * - `file:<directory>` and `memory:`: PGlite, PostgreSQL compiled to WebAssembly, on the web
 *   server's own disk; nothing to install but the npm package.
 * - `postgres://…`: a PostgreSQL server through node-postgres (`pg`), for many web servers and
 *   one database.
 * Both drivers are optional peer dependencies, imported only when a store is opened: the rest of
 * `consent-banner/server` stays free of imports (docs/explanation/design-decisions.md).
 */

/** A row as the drivers give it: column name → value. */
export type Row = Record<string, unknown>;

/** What the store asks of a connection, or of a transaction. */
export interface Queryable {
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Db extends Queryable {
  /** Runs `work` in one transaction on one connection: committed if it resolves. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  /** The time zone in which a day starts and ends (`counts`, a date given as `YYYY-MM-DD`). */
  timeZone: string;
  /** At most this many connections to a PostgreSQL server. */
  poolSize: number;
}

// The drivers' shapes, as far as the store uses them (their own types stay out of ours).
interface PgResult {
  rows: Row[];
}
interface PgClient {
  query(sql: string, params?: readonly unknown[]): Promise<PgResult>;
  release(error?: Error | boolean): void;
}
interface PgPool {
  query(sql: string, params?: readonly unknown[]): Promise<PgResult>;
  connect(): Promise<PgClient>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
interface PgModule {
  Pool: new (config: Record<string, unknown>) => PgPool;
}
interface PGliteDb {
  query(sql: string, params?: readonly unknown[]): Promise<PgResult>;
  transaction<T>(work: (tx: { query: PGliteDb['query'] }) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
interface PGliteModule {
  PGlite: { create(dataDir: string): Promise<PGliteDb> };
}

/** A time zone name as the tz database writes them (`Asia/Bangkok`, `UTC`, `Etc/GMT-7`). */
const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/** The rows of a driver's query results: what the store asks of a connection or a transaction. */
const queryable = (target: {
  query(sql: string, params?: readonly unknown[]): Promise<PgResult>;
}): Queryable => ({
  query: async <R extends Row>(sql: string, params?: readonly unknown[]) =>
    (await target.query(sql, params)).rows as R[],
});

/** Imports an optional driver, or says in one line how to install it. */
async function driver<T>(name: string, what: string): Promise<T> {
  try {
    return (await import(/* @vite-ignore */ name)) as T;
  } catch (error) {
    const missing = (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
    if (!missing) throw error;
    throw new Error(`openReceiptStore: ${what} needs the package ${name}: npm install ${name}`, {
      cause: error,
    });
  }
}

/** Opens the database at `url`. */
export async function openDb(url: string, options: DbOptions): Promise<Db> {
  if (!TIME_ZONE.test(options.timeZone))
    throw new RangeError(
      `openReceiptStore: timeZone "${options.timeZone}" is not a time zone name`,
    );
  if (/^postgres(ql)?:\/\//.test(url)) return postgres(url, options);
  const dir = url === 'memory:' ? 'memory://' : /^file:(.+)$/.exec(url)?.[1];
  if (!dir)
    throw new TypeError(
      `openReceiptStore: "${url}" is not a store address; expected file:<directory>, memory: or postgres://…`,
    );
  return embedded(dir, options);
}

async function embedded(dir: string, { timeZone }: DbOptions): Promise<Db> {
  const { PGlite } = await driver<PGliteModule>('@electric-sql/pglite', 'the embedded store');
  const db = await PGlite.create(dir);
  await db.query(`select set_config('TimeZone', $1, false)`, [timeZone]);
  return {
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: () => db.close(),
  };
}

async function postgres(url: string, { timeZone, poolSize }: DbOptions): Promise<Db> {
  const pg = await driver<{ default?: PgModule } & Partial<PgModule>>('pg', 'a PostgreSQL store');
  const Pool = pg.default?.Pool ?? pg.Pool;
  if (!Pool) throw new Error('openReceiptStore: the package pg has no Pool');
  const pool = new Pool({
    connectionString: url,
    max: poolSize,
    options: `-c TimeZone=${timeZone}`,
  });
  // An idle connection that breaks (the server restarted) is dropped and opened again on the
  // next query; the query that fails tells its caller (docs/server/records.md "Faults").
  pool.on('error', () => {});
  return {
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('begin');
        const result = await work(queryable(client));
        await client.query('commit');
        return result;
      } catch (error) {
        broken = error as Error;
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
