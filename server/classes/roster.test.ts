import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ClassStore } from "../storage/class-store.ts";
import { Roster } from "./roster.ts";

let dir: string;
let store: ClassStore;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-roster-"));
  store = new ClassStore(path.join(dir, "db.sqlite"));
  store.create({ code: "KMBTRW", title: "IR 101", settings: {} as never, deck: null, instructorHash: "x", seed: 1, createdAt: 1 });
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const joined = (r: ReturnType<Roster["join"]>) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe("class roster", () => {
  test("students join, are stored, and come back with their token after a restart", () => {
    const roster = new Roster(store, "KMBTRW");
    const a = joined(roster.join("Min Park", "seoul", 300, 10));
    joined(roster.join("Aiko", null, 300, 11));
    expect(roster.join("min  park", null, 300, 12)).toMatchObject({ ok: false, status: 409 });
    const again = new Roster(store, "KMBTRW");
    expect(again.all.map((s) => [s.name, s.preference])).toEqual([["Min Park", "seoul"], ["Aiko", null]]);
    expect(again.rejoin(a.token)).toMatchObject({ ok: true, student: { id: a.student.id } });
    expect(again.rejoin("not-a-token-of-this-class")).toMatchObject({ ok: false, status: 403 });
  });

  test("the student limit counts students present; a removed student frees a place", () => {
    const roster = new Roster(store, "KMBTRW");
    const a = joined(roster.join("A", null, 2, 1));
    joined(roster.join("B", null, 2, 2));
    expect(roster.join("C", null, 2, 3)).toEqual({ ok: false, status: 409, message: "This class is full (2 students)." });
    roster.remove(a.student.id);
    expect(roster.join("C", null, 2, 4).ok).toBe(true);
  });

  test("a removed student cannot rejoin by token nor by name until the instructor lets them back in", () => {
    const roster = new Roster(store, "KMBTRW");
    const a = joined(roster.join("Rude Name", null, 300, 1));
    roster.seat(a.student, "ABCDE", "tokyo");
    roster.remove(a.student.id);
    expect(roster.rejoin(a.token)).toMatchObject({ ok: false, status: 403, message: expect.stringContaining("removed you") });
    expect(roster.join("rude name", null, 300, 2)).toMatchObject({ ok: false, status: 403, message: expect.stringContaining("removed this name") });
    roster.readmit(a.student.id);
    const back = joined(roster.join("Rude Name", null, 300, 3));
    expect(back).toMatchObject({ returning: true, student: { id: a.student.id, table: "ABCDE", nation: "tokyo", status: "seated" } });
    expect(roster.rejoin(a.token).ok).toBe(false); // the old token no longer works
    expect(roster.rejoin(back.token).ok).toBe(true);
    expect(new Roster(store, "KMBTRW").byId(a.student.id)).toMatchObject({ readmitted: false, status: "seated" });
  });

  test("a student who lost their browser is let back into their seat under the same name", () => {
    const roster = new Roster(store, "KMBTRW");
    const a = joined(roster.join("Sam", null, 300, 1));
    roster.seat(a.student, "ABCDE", "seoul");
    expect(roster.join("Sam", null, 300, 2)).toMatchObject({ ok: false, status: 409 });
    roster.readmit(a.student.id);
    expect(roster.entries(new Set()).find((e) => e.id === a.student.id)).toMatchObject({ readmitted: true, status: "seated" });
    expect(joined(roster.join("sam", null, 300, 3))).toMatchObject({ returning: true, student: { table: "ABCDE", nation: "seoul" } });
  });
});
