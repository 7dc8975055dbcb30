import { DatabaseSync, type StatementSync } from "node:sqlite";

/**
 * Debrief settings per table, in the server's SQLite file (its own table, its own connection).
 * Today one setting: keep bilateral channels private in students' debriefs. The class helper
 * sets it for every table of a class (`setWithholdPrivate(code, true)`).
 */
export class DebriefSettingsStore {
  private db: DatabaseSync;
  private get: StatementSync;
  private put: StatementSync;

  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec("PRAGMA busy_timeout = 5000");
    this.db.exec(`CREATE TABLE IF NOT EXISTS debrief_settings (
      code             TEXT PRIMARY KEY,
      withhold_private INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID`);
    this.get = this.db.prepare("SELECT withhold_private AS w FROM debrief_settings WHERE code = ?");
    this.put = this.db.prepare(
      "INSERT INTO debrief_settings (code, withhold_private) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET withhold_private = excluded.withhold_private",
    );
  }

  withholdPrivate(code: string): boolean {
    const row = this.get.get(code) as { w: number } | undefined;
    return row?.w === 1;
  }

  setWithholdPrivate(code: string, withhold: boolean): void {
    this.put.run(code, withhold ? 1 : 0);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
