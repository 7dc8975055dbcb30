import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { Card } from "../../shared/content/card-schema.ts";
import type { ClassStatus, CreateClassSettings, StudentStatus } from "../../shared/protocol/class-messages.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";

/**
 * Classes in the same SQLite file as the tables (server/storage/store.ts), through a second
 * connection (WAL lets both write). A class is its settings, the hash of its instructor token,
 * its roster (with each student's rejoin-token hash and seat) and its tables; everything the
 * class room needs to come back after a restart.
 */

/** The class's settings as stored: the request without the uploaded file (its cards are in `deck`). */
export type ClassSettings = Omit<CreateClassSettings, "deck"> & { deckName: string | null };

export interface StoredClass {
  code: string;
  title: string;
  settings: ClassSettings;
  /** The uploaded deck's cards; null = the server's built-in deck. */
  deck: Card[] | null;
  instructorHash: string;
  seed: number;
  status: ClassStatus;
  spectators: boolean;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export interface StoredStudent {
  id: string;
  name: string;
  /** The name folded for comparisons (see server/classes/names.ts). */
  nameKey: string;
  tokenHash: string;
  preference: Nation | null;
  status: StudentStatus;
  readmitted: boolean;
  table: string | null;
  nation: Nation | null;
  joinedAt: number;
}

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

type Row = Record<string, unknown>;

export class ClassStore {
  private db: DatabaseSync;
  private s: Record<string, StatementSync>;

  /** `file` is the table store's SQLite file (Store.file). */
  constructor(file: string) {
    this.db = new DatabaseSync(file);
    this.db.exec("PRAGMA journal_mode = WAL");
    this.db.exec("PRAGMA busy_timeout = 5000");
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
      live: p("SELECT code FROM classes WHERE status != 'ended' ORDER BY created_at"),
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
      tables: p("SELECT table_code FROM class_tables WHERE class_code = ? ORDER BY idx"),
      classOfTable: p("SELECT class_code FROM class_tables WHERE table_code = ?"),
    };
  }

  has(code: string): boolean {
    return this.s.has!.get(code) !== undefined;
  }

  create(c: Omit<StoredClass, "status" | "spectators" | "startedAt" | "endedAt">): void {
    this.s.insert!.run(c.code, c.title, JSON.stringify(c.settings), c.deck ? JSON.stringify(c.deck) : null, c.instructorHash, c.seed, c.createdAt);
  }

  get(code: string): StoredClass | null {
    const r = this.s.get!.get(code) as Row | undefined;
    if (!r) return null;
    return {
      code: r.code as string,
      title: r.title as string,
      settings: JSON.parse(r.settings as string) as ClassSettings,
      deck: r.deck ? (JSON.parse(r.deck as string) as Card[]) : null,
      instructorHash: r.instructor_hash as string,
      seed: Number(r.seed),
      status: r.status as ClassStatus,
      spectators: r.spectators === 1,
      createdAt: Number(r.created_at),
      startedAt: r.started_at === null ? null : Number(r.started_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
    };
  }

  /** Classes to bring back at start (lobby or running). */
  liveCodes(): string[] {
    return (this.s.live!.all() as Row[]).map((r) => r.code as string);
  }

  setStarted(code: string, at: number): void {
    this.s.started!.run(at, code);
  }

  setEnded(code: string, at: number): void {
    this.s.ended!.run(at, code);
  }

  setSpectators(code: string, allowed: boolean): void {
    this.s.spectators!.run(allowed ? 1 : 0, code);
  }

  addStudent(code: string, st: StoredStudent): void {
    this.s.addStudent!.run(code, st.id, st.name, st.nameKey, st.tokenHash, st.preference, st.status, st.joinedAt);
  }

  saveStudent(code: string, st: StoredStudent): void {
    this.s.setStudent!.run(st.name, st.nameKey, st.tokenHash, st.status, st.readmitted ? 1 : 0, st.table, st.nation, code, st.id);
  }

  students(code: string): StoredStudent[] {
    return (this.s.students!.all(code) as Row[]).map((r) => ({
      id: r.id as string,
      name: r.name as string,
      nameKey: r.name_key as string,
      tokenHash: r.token_hash as string,
      preference: (r.preference as Nation | null) ?? null,
      status: r.status as StudentStatus,
      readmitted: r.readmitted === 1,
      table: (r.table_code as string | null) ?? null,
      nation: (r.nation as Nation | null) ?? null,
      joinedAt: Number(r.joined_at),
    }));
  }

  addTable(code: string, tableCode: string, index: number): void {
    this.s.addTable!.run(code, tableCode, index);
  }

  tables(code: string): string[] {
    return (this.s.tables!.all(code) as Row[]).map((r) => r.table_code as string);
  }

  classOfTable(tableCode: string): string | null {
    const r = this.s.classOfTable!.get(tableCode) as Row | undefined;
    return r ? (r.class_code as string) : null;
  }

  /** Several writes as one (seating a whole class). */
  transaction<T>(work: () => T): T {
    this.db.exec("BEGIN IMMEDIATE");
    try {
      const out = work();
      this.db.exec("COMMIT");
      return out;
    } catch (e) {
      this.db.exec("ROLLBACK");
      throw e;
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
