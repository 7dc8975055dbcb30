import pg from "pg";
import { PG_SCHEMA, PG_SCHEMA_LOCK } from "./pg-schema.ts";

/**
 * One PostgreSQL database shared by the table, class and debrief stores of a process: a `pg`
 * connection pool, the schema (created once, idempotently), and per-key ordering so that the
 * writes of one table (or class) reach the database in the order they were called, although
 * the pool runs queries of different tables side by side.
 */

const INT8_OID = 20;
/** BIGINT columns hold epoch milliseconds (far below 2^53): read them as numbers, for this pool only. */
const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === INT8_OID && format !== "binary" ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export type Query = { name?: string; text: string; values?: unknown[] };

export class PgDatabase {
  readonly pool: pg.Pool;
  private schema: Promise<void> | null = null;
  private queues = new Map<string, Promise<void>>();

  constructor(url: string, options: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, types, application_name: "trilateral" });
    // An idle connection that the server closed: the pool drops it and the next query opens another.
    this.pool.on("error", () => {});
  }

  /** Creates the schema on first use; a failure is reported and the next call tries again. */
  ready(): Promise<void> {
    if (!this.schema) {
      this.schema = this.createSchema().catch((e: unknown) => {
        this.schema = null;
        throw new Error(`PostgreSQL (DATABASE_URL) could not be used: ${(e as Error).message}`);
      });
    }
    return this.schema;
  }

  private async createSchema(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [PG_SCHEMA_LOCK]);
      try {
        await client.query(PG_SCHEMA);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [PG_SCHEMA_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async rows<R>(q: Query): Promise<R[]> {
    await this.ready();
    const result = await this.pool.query(q as pg.QueryConfig);
    return result.rows as R[];
  }

  async run(q: Query): Promise<number> {
    await this.ready();
    const result = await this.pool.query(q as pg.QueryConfig);
    return result.rowCount ?? 0;
  }

  /** Several statements as one transaction on one connection. */
  async transaction(work: (query: (q: Query) => Promise<unknown>) => Promise<void>): Promise<void> {
    await this.ready();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await work((q) => client.query(q as pg.QueryConfig));
      await client.query("COMMIT");
    } catch (e) {
      await client.query("ROLLBACK").catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` once every earlier call with the same key has settled (whatever its outcome):
   * the writes of one table are committed in call order even when nobody awaits them.
   */
  inOrder<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key);
    const run = before ? before.then(work) : work();
    const tail = run.then(
      () => {},
      () => {},
    );
    this.queues.set(key, tail);
    void tail.then(() => {
      if (this.queues.get(key) === tail) this.queues.delete(key);
    });
    return run;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()]);
    await this.pool.end();
  }
}
