import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { DebriefSettingsStore } from "./debrief-settings.ts";

/**
 * Debrief settings per table (debrief-settings.ts), in the server's SQLite file (its own table, its own connection):
 * whether students' debriefs keep bilateral channels private (the class helper sets it for
 * every table of a class with `setWithholdPrivate(code, true)`), and, for a fork, its parent.
 */
export class SqliteDebriefSettings implements DebriefSettingsStore {
  private db: DatabaseSync;
  private s: Record<"get" | "putWithhold" | "putParent", StatementSync>;

  /** `sharesTableStoreFile`: the file is the table store's, whose worker checkpoints it (wal-checkpointer.ts). */
  constructor(file: string, o: { sharesTableStoreFile?: boolean } = {}) {
    this.db = new DatabaseSync(file);
    this.db.exec("PRAGMA busy_timeout = 5000");
    if (o.sharesTableStoreFile) this.db.exec("PRAGMA wal_autocheckpoint = 0");
    this.db.exec(`CREATE TABLE IF NOT EXISTS debrief_settings (
      code             TEXT PRIMARY KEY,
      withhold_private INTEGER NOT NULL DEFAULT 0,
      parent_code      TEXT,
      parent_step      INTEGER
    ) WITHOUT ROWID`);
    this.s = {
      get: this.db.prepare("SELECT withhold_private AS w, parent_code AS pc, parent_step AS ps FROM debrief_settings WHERE code = ?"),
      putWithhold: this.db.prepare(
        "INSERT INTO debrief_settings (code, withhold_private) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET withhold_private = excluded.withhold_private",
      ),
      putParent: this.db.prepare(
        "INSERT INTO debrief_settings (code, parent_code, parent_step) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, parent_step = excluded.parent_step",
      ),
    };
  }

  private row(code: string): { w: number; pc: string | null; ps: number | null } | undefined {
    return this.s.get.get(code) as { w: number; pc: string | null; ps: number | null } | undefined;
  }

  async withholdPrivate(code: string): Promise<boolean> {
    return this.row(code)?.w === 1;
  }

  async setWithholdPrivate(code: string, withhold: boolean): Promise<void> {
    this.s.putWithhold.run(code, withhold ? 1 : 0);
  }

  async parentOf(code: string): Promise<{ code: string; step: number } | null> {
    const r = this.row(code);
    return r?.pc ? { code: r.pc, step: r.ps ?? 0 } : null;
  }

  async setParent(code: string, parent: { code: string; step: number }): Promise<void> {
    this.s.putParent.run(code, parent.code, parent.step);
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
