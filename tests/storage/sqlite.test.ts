import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { storeSuite } from "./store-suite.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

storeSuite("SQLite (the embedded default)", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-store-"));
  dirs.push(dataDir);
  return { dataDir, sqliteSync: "NORMAL", databaseUrl: null };
});
