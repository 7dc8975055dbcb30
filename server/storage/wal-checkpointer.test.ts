import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, expect, test } from "vitest";
import { WalCheckpointer } from "./wal-checkpointer.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("the worker copies the WAL into the file while commits go on, and the WAL starts afresh", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-wal-"));
  dirs.push(dir);
  const file = path.join(dir, "t.sqlite");
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE log (k INTEGER PRIMARY KEY, v TEXT)");
  const checkpointer = new WalCheckpointer(file, db, { everyMs: 20, restartFrames: 200 });
  expect((db.prepare("PRAGMA wal_autocheckpoint").get() as { wal_autocheckpoint: number }).wal_autocheckpoint).toBe(0);
  const insert = db.prepare("INSERT INTO log (k, v) VALUES (?, ?)");
  let most = 0;
  for (let i = 0; i < 6000; i++) {
    insert.run(i, "x".repeat(500));
    if (i % 50 === 49) {
      await sleep(5);
      most = Math.max(most, fs.statSync(`${file}-wal`).size);
    }
  }
  await sleep(200);
  insert.run(6000, "last"); // after a complete copy, this commit writes the WAL from its start
  const frames = (db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get() as { log: number }).log;
  await checkpointer.close();
  // Without checkpoints the WAL would hold every commit (6,001 frames or more): it was restarted
  // during the writes (its file never grew that long) and after them.
  expect(frames).toBeLessThan(200);
  expect(most).toBeLessThan(5000 * 4096);
  // Another connection reads every row from the file.
  const other = new DatabaseSync(file);
  expect((other.prepare("SELECT COUNT(*) AS n FROM log").get() as { n: number }).n).toBe(6001);
  other.close();
  db.close();
});
