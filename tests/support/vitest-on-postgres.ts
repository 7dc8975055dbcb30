/**
 * `npm run test:postgres [-- files…]`: the vitest suite (the integration tests by default) with
 * every test server on PostgreSQL: starts a throwaway PostgreSQL (tests/support/postgres.ts)
 * and sets TEST_POSTGRES_URL, so the harness gives each DATA_DIR its own database there.
 */
import { spawnSync } from "node:child_process";
import { startPostgres } from "./postgres.ts";

const files = process.argv.slice(2);
const pg = await startPostgres();
let status: number;
try {
  const run = spawnSync("npx", ["vitest", "run", ...(files.length > 0 ? files : ["tests/integration"])], { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: pg.url } });
  status = run.status ?? 1;
} finally {
  await pg.stop();
}
process.exit(status);
