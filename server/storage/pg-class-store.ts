import type { ClassStart, ClassStore, NewClass, StoredClass, StoredStudent } from "./class-store.ts";
import { classFromRow, studentFromRow, type Row } from "./class-rows.ts";
import type { PgDatabase, Query } from "./pg-database.ts";

/**
 * Classes in PostgreSQL (DATABASE_URL), beside the tables: the schema of pg-schema.ts, the
 * behaviour of sqlite-class-store.ts. The calls about one class go through its queue, so its
 * writes are committed in call order; a class's start is one transaction.
 */

const Q = {
  has: "SELECT 1 AS x FROM classes WHERE code = $1",
  insert: `INSERT INTO classes (code, title, settings, deck, instructor_hash, seed, status, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, 'lobby', $7)`,
  get: "SELECT * FROM classes WHERE code = $1",
  live: `SELECT code FROM classes WHERE status != 'ended' ORDER BY created_at, code COLLATE "C"`,
  started: "UPDATE classes SET status = 'running', started_at = $1 WHERE code = $2",
  ended: "UPDATE classes SET status = 'ended', ended_at = $1 WHERE code = $2",
  spectators: "UPDATE classes SET spectators = $1 WHERE code = $2",
  addStudent: `INSERT INTO class_students (class_code, id, name, name_key, token_hash, preference, status, readmitted, table_code, nation, joined_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, 0, NULL, NULL, $8)`,
  students: `SELECT * FROM class_students WHERE class_code = $1 ORDER BY joined_at, id COLLATE "C"`,
  setStudent: `UPDATE class_students SET name = $1, name_key = $2, token_hash = $3, status = $4, readmitted = $5, table_code = $6, nation = $7
    WHERE class_code = $8 AND id = $9`,
  addTable: "INSERT INTO class_tables (class_code, table_code, idx) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
  tables: `SELECT table_code FROM class_tables WHERE class_code = $1 ORDER BY idx, table_code COLLATE "C"`,
  classOfTable: `SELECT class_code FROM class_tables WHERE table_code = $1 ORDER BY class_code COLLATE "C" LIMIT 1`,
} as const;

const q = (name: keyof typeof Q, values: unknown[]): Query => ({ name: `c_${name}`, text: Q[name], values });
const studentValues = (code: string, st: StoredStudent) => [st.name, st.nameKey, st.tokenHash, st.status, st.readmitted ? 1 : 0, st.table, st.nation, code, st.id];

export class PgClassStore implements ClassStore {
  private readonly db: PgDatabase;

  constructor(db: PgDatabase) {
    this.db = db;
  }

  private cls<T>(code: string, work: () => Promise<T>): Promise<T> {
    return this.db.inOrder(`class:${code}`, work);
  }

  has(code: string): Promise<boolean> {
    return this.cls(code, async () => (await this.db.rows(q("has", [code]))).length > 0);
  }

  create(c: NewClass): Promise<void> {
    const values = [c.code, c.title, JSON.stringify(c.settings), c.deck ? JSON.stringify(c.deck) : null, c.instructorHash, c.seed, c.createdAt];
    return this.cls(c.code, async () => void (await this.db.run(q("insert", values))));
  }

  get(code: string): Promise<StoredClass | null> {
    return this.cls(code, async () => {
      const r = (await this.db.rows<Row>(q("get", [code])))[0];
      return r ? classFromRow(r) : null;
    });
  }

  async liveCodes(): Promise<string[]> {
    return (await this.db.rows<Row>(q("live", []))).map((r) => r.code as string);
  }

  start(code: string, start: ClassStart): Promise<void> {
    return this.cls(code, () =>
      this.db.transaction(async (query) => {
        for (const t of start.tables) await query(q("addTable", [code, t.code, t.index]));
        for (const st of start.seated) await query(q("setStudent", studentValues(code, st)));
        await query(q("started", [start.at, code]));
      }),
    );
  }

  setEnded(code: string, at: number): Promise<void> {
    return this.cls(code, async () => void (await this.db.run(q("ended", [at, code]))));
  }

  setSpectators(code: string, allowed: boolean): Promise<void> {
    return this.cls(code, async () => void (await this.db.run(q("spectators", [allowed ? 1 : 0, code]))));
  }

  addStudent(code: string, st: StoredStudent): Promise<void> {
    const values = [code, st.id, st.name, st.nameKey, st.tokenHash, st.preference, st.status, st.joinedAt];
    return this.cls(code, async () => void (await this.db.run(q("addStudent", values))));
  }

  saveStudent(code: string, st: StoredStudent): Promise<void> {
    const values = studentValues(code, st);
    return this.cls(code, async () => void (await this.db.run(q("setStudent", values))));
  }

  students(code: string): Promise<StoredStudent[]> {
    return this.cls(code, async () => (await this.db.rows<Row>(q("students", [code]))).map(studentFromRow));
  }

  addTable(code: string, tableCode: string, index: number): Promise<void> {
    return this.cls(code, async () => void (await this.db.run(q("addTable", [code, tableCode, index]))));
  }

  tables(code: string): Promise<string[]> {
    return this.cls(code, async () => (await this.db.rows<Row>(q("tables", [code]))).map((r) => r.table_code as string));
  }

  async classOfTable(tableCode: string): Promise<string | null> {
    const r = (await this.db.rows<Row>(q("classOfTable", [tableCode])))[0];
    return r ? (r.class_code as string) : null;
  }

  /** The database is shared with the table store: Storage.close() ends it. */
  async close(): Promise<void> {}
}
