import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { ClassStart, ClassStore, NewClass, StoredClass, StoredStudent } from "./class-store.ts";
import { classFromRow, studentFromRow, type Row } from "./class-rows.ts";

/**
 * Classes in the same SQLite file as the tables (sqlite-table-store.ts), through a second
 * connection (WAL lets both write). Synchronous underneath: every promise is settled on return.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS classes (
  code            TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  settings        TEXT NOT NULL,
  deck            TEXT,
  instructor_hash TEXT NOT NULL,
  seed            INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'lobby',
  spectators      INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  started_at      INTEGER,
  ended_at        INTEGER
);
CREATE INDEX IF NOT EXISTS classes_status ON classes (status);
CREATE TABLE IF NOT EXISTS class_students (
  class_code TEXT NOT NULL REFERENCES classes (code),
  id         TEXT NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  preference TEXT,
  status     TEXT NOT NULL,
  readmitted INTEGER NOT NULL DEFAULT 0,
  table_code TEXT,
  nation     TEXT,
  joined_at  INTEGER NOT NULL,
  PRIMARY KEY (class_code, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS class_tables (
  class_code TEXT NOT NULL REFERENCES classes (code),
  table_code TEXT NOT NULL,
  idx        INTEGER NOT NULL,
  PRIMARY KEY (class_code, table_code)
) WITHOUT ROWID;
`;


export class SqliteClassStore implements ClassStore {
  private db: DatabaseSync;
  private s: Record<string, StatementSync>;

  /** `file` is the table store's SQLite file (Store.file). */
  /** `sharesTableStoreFile`: the file is the table store's, whose worker checkpoints it (wal-checkpointer.ts). */
  constructor(file: string, o: { sharesTableStoreFile?: boolean } = {}) {
    this.db = new DatabaseSync(file);
    this.db.exec("PRAGMA journal_mode = WAL");
    this.db.exec("PRAGMA busy_timeout = 5000");
    if (o.sharesTableStoreFile) this.db.exec("PRAGMA wal_autocheckpoint = 0");
    this.db.exec("PRAGMA foreign_keys = ON");
    this.db.exec(SCHEMA);
    const p = (sql: string) => this.db.prepare(sql);
    this.s = {
      has: p("SELECT 1 AS x FROM classes WHERE code = ?"),
      insert: p(
        `INSERT INTO classes (code, title, settings, deck, instructor_hash, seed, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'lobby', ?)`,
      ),
      get: p("SELECT * FROM classes WHERE code = ?"),
      live: p("SELECT code FROM classes WHERE status != 'ended' ORDER BY created_at, code"),
      started: p("UPDATE classes SET status = 'running', started_at = ? WHERE code = ?"),
      ended: p("UPDATE classes SET status = 'ended', ended_at = ? WHERE code = ?"),
      spectators: p("UPDATE classes SET spectators = ? WHERE code = ?"),
      addStudent: p(
        `INSERT INTO class_students (class_code, id, name, name_key, token_hash, preference, status, readmitted, table_code, nation, joined_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?)`,
      ),
      students: p("SELECT * FROM class_students WHERE class_code = ? ORDER BY joined_at, id"),
      setStudent: p(
        `UPDATE class_students SET name = ?, name_key = ?, token_hash = ?, status = ?, readmitted = ?, table_code = ?, nation = ?
         WHERE class_code = ? AND id = ?`,
      ),
      addTable: p("INSERT OR IGNORE INTO class_tables (class_code, table_code, idx) VALUES (?, ?, ?)"),
      tables: p("SELECT table_code FROM class_tables WHERE class_code = ? ORDER BY idx, table_code"),
      classOfTable: p("SELECT class_code FROM class_tables WHERE table_code = ? ORDER BY class_code LIMIT 1"),
    };
  }

  async has(code: string): Promise<boolean> {
    return this.s.has!.get(code) !== undefined;
  }

  async create(c: NewClass): Promise<void> {
    this.s.insert!.run(c.code, c.title, JSON.stringify(c.settings), c.deck ? JSON.stringify(c.deck) : null, c.instructorHash, c.seed, c.createdAt);
  }

  async get(code: string): Promise<StoredClass | null> {
    const r = this.s.get!.get(code) as Row | undefined;
    return r ? classFromRow(r) : null;
  }

  async liveCodes(): Promise<string[]> {
    return (this.s.live!.all() as Row[]).map((r) => r.code as string);
  }

  async setEnded(code: string, at: number): Promise<void> {
    this.s.ended!.run(at, code);
  }

  async setSpectators(code: string, allowed: boolean): Promise<void> {
    this.s.spectators!.run(allowed ? 1 : 0, code);
  }

  async addStudent(code: string, st: StoredStudent): Promise<void> {
    this.s.addStudent!.run(code, st.id, st.name, st.nameKey, st.tokenHash, st.preference, st.status, st.joinedAt);
  }

  async saveStudent(code: string, st: StoredStudent): Promise<void> {
    this.saveStudentNow(code, st);
  }

  private saveStudentNow(code: string, st: StoredStudent): void {
    this.s.setStudent!.run(st.name, st.nameKey, st.tokenHash, st.status, st.readmitted ? 1 : 0, st.table, st.nation, code, st.id);
  }

  async students(code: string): Promise<StoredStudent[]> {
    return (this.s.students!.all(code) as Row[]).map(studentFromRow);
  }

  async addTable(code: string, tableCode: string, index: number): Promise<void> {
    this.s.addTable!.run(code, tableCode, index);
  }

  async tables(code: string): Promise<string[]> {
    return (this.s.tables!.all(code) as Row[]).map((r) => r.table_code as string);
  }

  async classOfTable(tableCode: string): Promise<string | null> {
    const r = this.s.classOfTable!.get(tableCode) as Row | undefined;
    return r ? (r.class_code as string) : null;
  }

  async start(code: string, start: ClassStart): Promise<void> {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      for (const t of start.tables) this.s.addTable!.run(code, t.code, t.index);
      for (const st of start.seated) this.saveStudentNow(code, st);
      this.s.started!.run(start.at, code);
      this.db.exec("COMMIT");
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close();
  }
}
