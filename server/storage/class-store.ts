import type { Card } from "../../shared/content/card-schema.ts";
import type { ClassStatus, CreateClassSettings, StudentStatus } from "../../shared/protocol/class-messages.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";

/**
 * Classes, beside the tables (server/storage/store.ts) in the same database: a class is its
 * settings, the hash of its instructor token, its roster (with each student's rejoin-token hash
 * and seat) and its tables; everything the class room needs to come back after a restart.
 * Implementations: sqlite-class-store.ts, pg-class-store.ts (one test suite, tests/storage/).
 * Every write resolves once it is durable.
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

export type NewClass = Omit<StoredClass, "status" | "spectators" | "startedAt" | "endedAt">;

/** A class's start, written as one transaction: its tables, every seated student, the status. */
export interface ClassStart {
  tables: { code: string; index: number }[];
  /** Students as seated (table and nation set). */
  seated: StoredStudent[];
  at: number;
}

export interface ClassStore {
  has(code: string): Promise<boolean>;
  create(c: NewClass): Promise<void>;
  get(code: string): Promise<StoredClass | null>;
  /** Classes to bring back at start (lobby or running). */
  liveCodes(): Promise<string[]>;
  /** The tables, the seated students and the status "running", all or nothing. */
  start(code: string, start: ClassStart): Promise<void>;
  setEnded(code: string, at: number): Promise<void>;
  setSpectators(code: string, allowed: boolean): Promise<void>;
  addStudent(code: string, st: StoredStudent): Promise<void>;
  saveStudent(code: string, st: StoredStudent): Promise<void>;
  /** In joining order. */
  students(code: string): Promise<StoredStudent[]>;
  /** Adding a table already there changes nothing. */
  addTable(code: string, tableCode: string, index: number): Promise<void>;
  tables(code: string): Promise<string[]>;
  classOfTable(tableCode: string): Promise<string | null>;
  close(): Promise<void>;
}
