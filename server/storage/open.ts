import type { Config } from "../config.ts";
import type { ClassStore } from "./class-store.ts";
import type { DebriefSettingsStore } from "./debrief-settings.ts";
import { PgDatabase } from "./pg-database.ts";
import { PgClassStore } from "./pg-class-store.ts";
import { PgDebriefSettings } from "./pg-debrief-settings.ts";
import { PgStore } from "./pg-table-store.ts";
import { SqliteClassStore } from "./sqlite-class-store.ts";
import { SqliteDebriefSettings } from "./sqlite-debrief-settings.ts";
import { SqliteStore } from "./sqlite-table-store.ts";
import type { StorageKind, Store } from "./store.ts";

/** The server's three stores, on one database: SQLite in DATA_DIR, or PostgreSQL at DATABASE_URL. */
export interface Storage {
  readonly kind: StorageKind;
  tables: Store;
  classes: ClassStore;
  debrief: DebriefSettingsStore;
  /** Resolves once the schema is in place; rejects with the reason if the database cannot be reached. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export type StorageOptions = Pick<Config, "dataDir" | "sqliteSync" | "databaseUrl">;

/** Where the storage is, for the start-up line (a PostgreSQL URL without its password). */
export function storageLabel(o: StorageOptions): string {
  if (!o.databaseUrl) return `SQLite in ${o.dataDir}`;
  const url = new URL(o.databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`;
}

/** Opens the configured storage (nothing is awaited here: `ready()` reports a PostgreSQL that is not there). */
export function openStorage(o: StorageOptions): Storage {
  if (o.databaseUrl) {
    const db = new PgDatabase(o.databaseUrl);
    const tables = new PgStore(db);
    const classes = new PgClassStore(db);
    const debrief = new PgDebriefSettings(db);
    return { kind: "postgres", tables, classes, debrief, ready: () => db.ready(), close: () => db.close() };
  }
  const tables = new SqliteStore(o.dataDir, { sync: o.sqliteSync });
  const classes = new SqliteClassStore(tables.file, { sharesTableStoreFile: true });
  const debrief = new SqliteDebriefSettings(tables.file, { sharesTableStoreFile: true });
  return {
    kind: "sqlite",
    tables,
    classes,
    debrief,
    ready: async () => {},
    close: async () => {
      await classes.close();
      await debrief.close();
      await tables.close();
    },
  };
}
