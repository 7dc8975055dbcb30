import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { ClassStore } from "../storage/class-store.ts";
import { SqliteClassStore } from "../storage/sqlite-class-store.ts";
import { Roster } from "./roster.ts";

let dir: string;
let store: ClassStore;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-roster-"));
  store = new SqliteClassStore(path.join(dir, "db.sqlite"));
  await store.create({ code: "KMBTRW", title: "IR 101", settings: {} as never, deck: null, instructorHash: "x", seed: 1, createdAt: 1 });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const joined = async (pending: ReturnType<Roster["join"]>) => {
  const r = await pending;
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe("class roster", async () => {
  test("students join, are stored, and come back with their token after a restart", async () => {
    const roster = (await Roster.load(store, "KMBTRW"));
    const a = await joined(roster.join("Min Park", "seoul", 300, 10));
    await joined(roster.join("Aiko", null, 300, 11));
    expect(await roster.join("min  park", null, 300, 12)).toMatchObject({ ok: false, status: 409 });
    const again = (await Roster.load(store, "KMBTRW"));
    expect(again.all.map((s) => [s.name, s.preference])).toEqual([["Min Park", "seoul"], ["Aiko", null]]);
    expect(again.rejoin(a.token)).toMatchObject({ ok: true, student: { id: a.student.id } });
    expect(again.rejoin("not-a-token-of-this-class")).toMatchObject({ ok: false, status: 403 });
  });

  test("the student limit counts students present; a removed student frees a place", async () => {
    const roster = (await Roster.load(store, "KMBTRW"));
    const a = await joined(roster.join("A", null, 2, 1));
    await joined(roster.join("B", null, 2, 2));
    expect(await roster.join("C", null, 2, 3)).toEqual({ ok: false, status: 409, message: "This class is full (2 students)." });
    await roster.remove(a.student.id);
    expect((await roster.join("C", null, 2, 4)).ok).toBe(true);
  });

  test("a removed student cannot rejoin by token nor by name until the instructor lets them back in", async () => {
    const roster = (await Roster.load(store, "KMBTRW"));
    const a = await joined(roster.join("Rude Name", null, 300, 1));
    await roster.seat(a.student, "ABCDE", "tokyo");
    await roster.remove(a.student.id);
    expect(roster.rejoin(a.token)).toMatchObject({ ok: false, status: 403, message: expect.stringContaining("removed you") });
    expect(await roster.join("rude name", null, 300, 2)).toMatchObject({ ok: false, status: 403, message: expect.stringContaining("removed this name") });
    await roster.readmit(a.student.id);
    const back = await joined(roster.join("Rude Name", null, 300, 3));
    expect(back).toMatchObject({ returning: true, student: { id: a.student.id, table: "ABCDE", nation: "tokyo", status: "seated" } });
    expect(roster.rejoin(a.token).ok).toBe(false); // the old token no longer works
    expect(roster.rejoin(back.token).ok).toBe(true);
    expect((await Roster.load(store, "KMBTRW")).byId(a.student.id)).toMatchObject({ readmitted: false, status: "seated" });
  });

  test("a student who lost their browser is let back into their seat under the same name", async () => {
    const roster = (await Roster.load(store, "KMBTRW"));
    const a = await joined(roster.join("Sam", null, 300, 1));
    await roster.seat(a.student, "ABCDE", "seoul");
    expect(await roster.join("Sam", null, 300, 2)).toMatchObject({ ok: false, status: 409 });
    await roster.readmit(a.student.id);
    expect(roster.entries(new Set()).find((e) => e.id === a.student.id)).toMatchObject({ readmitted: true, status: "seated" });
    expect(await joined(roster.join("sam", null, 300, 3))).toMatchObject({ returning: true, student: { table: "ABCDE", nation: "seoul" } });
  });
});
