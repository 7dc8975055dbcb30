import type { DebriefSettingsStore } from "./debrief-settings.ts";
import type { PgDatabase } from "./pg-database.ts";

/** Debrief settings per table in PostgreSQL (DATABASE_URL): the behaviour of sqlite-debrief-settings.ts. */
export class PgDebriefSettings implements DebriefSettingsStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  private async row(code: string): Promise<{ w: number; pc: string | null; ps: number | null } | undefined> {
    const rows = await this.db.rows<{ w: number; pc: string | null; ps: number | null }>({
      name: "d_get",
      text: "SELECT withhold_private AS w, parent_code AS pc, parent_step AS ps FROM debrief_settings WHERE code = $1",
      values: [code],
    });
    return rows[0];
  }

  async withholdPrivate(code: string): Promise<boolean> {
    return (await this.row(code))?.w === 1;
  }

  setWithholdPrivate(code: string, withhold: boolean): Promise<void> {
    return this.db.inOrder(`debrief:${code}`, async () => {
      await this.db.run({
        name: "d_withhold",
        text: "INSERT INTO debrief_settings (code, withhold_private) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET withhold_private = excluded.withhold_private",
        values: [code, withhold ? 1 : 0],
      });
    });
  }

  async parentOf(code: string): Promise<{ code: string; step: number } | null> {
    const r = await this.row(code);
    return r?.pc ? { code: r.pc, step: r.ps ?? 0 } : null;
  }

  setParent(code: string, parent: { code: string; step: number }): Promise<void> {
    return this.db.inOrder(`debrief:${code}`, async () => {
      await this.db.run({
        name: "d_parent",
        text: "INSERT INTO debrief_settings (code, parent_code, parent_step) VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET parent_code = excluded.parent_code, parent_step = excluded.parent_step",
        values: [code, parent.code, parent.step],
      });
    });
  }

  async close(): Promise<void> {}
}
