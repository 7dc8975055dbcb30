import { afterAll, beforeAll } from "vitest";
import { startPostgres, type RunningPostgres } from "../support/postgres.ts";
import { storeSuite } from "./store-suite.ts";

/** The same contract against a real PostgreSQL (started for this file, one database per test). */
let pg: RunningPostgres;
beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  await pg?.stop();
});

let n = 0;
storeSuite("PostgreSQL (DATABASE_URL)", async () => ({ dataDir: "/nonexistent-no-sqlite-here", sqliteSync: "NORMAL", databaseUrl: await pg.database(`suite_${++n}`) }));
