import { randomBytes } from "node:crypto";
import type { RosterEntry, StudentStatus } from "../../shared/protocol/class-messages.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { ClassStore, StoredStudent } from "../storage/class-store.ts";
import { checkStudentName } from "./names.ts";
import { hashSecret, matchesHash, newSecret } from "./secrets.ts";

/**
 * The students of one class and what may happen to them: join (name checked, limit), rejoin
 * by token, removal by the instructor, readmission, seating. Every change is written to the
 * class store before it is answered.
 */

export type RosterRefusal = { ok: false; status: 400 | 403 | 409; message: string };
export type Joined = { ok: true; student: StoredStudent; token: string; returning: boolean };

export class Roster {
  private list: StoredStudent[];
  private readonly store: ClassStore;
  private readonly code: string;

  /** `students`: the class's stored roster (see `Roster.load`). */
  constructor(store: ClassStore, code: string, students: StoredStudent[]) {
    this.store = store;
    this.code = code;
    this.list = students;
  }

  static async load(store: ClassStore, code: string): Promise<Roster> {
    return new Roster(store, code, await store.students(code));
  }

  get all(): readonly StoredStudent[] {
    return this.list;
  }

  /** Students who are in the class (not removed). */
  get present(): StoredStudent[] {
    return this.list.filter((s) => s.status !== "removed");
  }

  byId(id: string): StoredStudent | undefined {
    return this.list.find((s) => s.id === id);
  }

  /** Whether a join with this name can succeed (nothing changes). */
  checkJoin(name: unknown, limit: number): RosterRefusal | { ok: true; name: string; key: string; readmit: StoredStudent | null } {
    const others = this.list.filter((s) => !s.readmitted).map((s) => s.nameKey);
    const check = checkStudentName(name, others);
    if (!check.ok) {
      const readmitName = checkStudentName(name, []);
      const readmit = readmitName.ok ? this.list.find((s) => s.readmitted && s.nameKey === readmitName.key) : undefined;
      if (readmit && readmitName.ok) return { ok: true, name: readmitName.name, key: readmitName.key, readmit };
      const removed = readmitName.ok && this.list.some((s) => s.status === "removed" && s.nameKey === readmitName.key);
      if (removed) return { ok: false, status: 403, message: "The instructor removed this name from the class. Ask your instructor to let you back in." };
      return { ok: false, status: check.message.includes("already uses") ? 409 : 400, message: check.message };
    }
    const readmit = this.list.find((s) => s.readmitted && s.nameKey === check.key) ?? null;
    if (!readmit && this.present.length >= limit) return { ok: false, status: 409, message: `This class is full (${limit} students).` };
    return { ok: true, name: check.name, key: check.key, readmit };
  }

  /** A new student, or a readmitted one taking back their place (with a new token). */
  async join(name: unknown, preference: Nation | null, limit: number, now: number): Promise<Joined | RosterRefusal> {
    const check = this.checkJoin(name, limit);
    if (!check.ok) return check;
    const token = newSecret();
    if (check.readmit) {
      const st = check.readmit;
      st.tokenHash = hashSecret(token);
      st.readmitted = false;
      st.status = st.table ? "seated" : "waiting";
      await this.store.saveStudent(this.code, st);
      return { ok: true, student: st, token, returning: true };
    }
    const student: StoredStudent = {
      id: randomBytes(6).toString("base64url"),
      name: check.name,
      nameKey: check.key,
      tokenHash: hashSecret(token),
      preference,
      status: "waiting",
      readmitted: false,
      table: null,
      nation: null,
      joinedAt: now,
    };
    this.list.push(student); // at once, so that a join meanwhile sees the name and the count
    try {
      await this.store.addStudent(this.code, student);
    } catch (e) {
      this.list.splice(this.list.indexOf(student), 1);
      throw e;
    }
    return { ok: true, student, token, returning: false };
  }

  /** A student coming back with their token (refresh, dropped connection, server restart). */
  rejoin(token: string): { ok: true; student: StoredStudent } | RosterRefusal {
    const student = this.list.find((s) => matchesHash(token, s.tokenHash));
    if (!student) return { ok: false, status: 403, message: "That rejoin token does not belong to this class. Join with your name instead." };
    if (student.status === "removed") {
      return { ok: false, status: 403, message: "The instructor removed you from this class. Ask your instructor to let you back in." };
    }
    return { ok: true, student };
  }

  async remove(id: string): Promise<StoredStudent | null> {
    const st = this.byId(id);
    if (!st) return null;
    st.status = "removed";
    st.readmitted = false;
    await this.store.saveStudent(this.code, st);
    return st;
  }

  /** The next join with this student's name takes their place (and their seat, if any). */
  async readmit(id: string): Promise<StoredStudent | null> {
    const st = this.byId(id);
    if (!st) return null;
    st.readmitted = true;
    if (st.status === "removed") st.status = st.table ? "seated" : "waiting";
    await this.store.saveStudent(this.code, st);
    return st;
  }

  async seat(st: StoredStudent, table: string, nation: Nation): Promise<void> {
    await this.store.saveStudent(this.code, this.assign(st, table, nation));
  }

  /** Seats a student in memory only: the caller stores it (a class's start stores every seat at once). */
  assign(st: StoredStudent, table: string, nation: Nation): StoredStudent {
    st.table = table;
    st.nation = nation;
    st.status = "seated";
    return st;
  }

  entries(connected: ReadonlySet<string>): RosterEntry[] {
    return this.list.map((s) => ({
      id: s.id,
      name: s.name,
      connected: connected.has(s.id),
      status: s.status as StudentStatus,
      readmitted: s.readmitted,
      table: s.table,
      nation: s.nation,
      preference: s.preference,
      joinedAt: s.joinedAt,
    }));
  }
}
