import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { matchMaker } from "@colyseus/core";
import type { ClassRoom } from "../../server/rooms/ClassRoom.ts";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import type { CreateClassAnswer } from "../../shared/protocol/class-messages.ts";
import { replay } from "../../shared/rules/record.ts";
import { NATIONS } from "../../shared/rules/vocabulary.ts";
import { recordFromStore } from "../../server/rooms/TableRoom.ts";
import { bootTestServer, tempDataDir, waitFor, type TestServer } from "./support/harness.ts";
import { ClassInstructor, ClassStudent, openClass } from "./support/class-harness.ts";

/**
 * A class of 91 through the real SDK and HTTP: join, start, seating, every control on one table
 * and on all, removal and readmission, a restart mid-class, the end.
 */
const PORT = 25691;
const dataDir = tempDataDir();
let t: TestServer;
let answer: CreateClassAnswer;
let teacher: ClassInstructor;
const students: ClassStudent[] = [];

const classRoom = () => matchMaker.getLocalRoomById(answer.code) as ClassRoom;
const tableRoom = (code: string) => matchMaker.getLocalRoomById(code) as TableRoom;
const instructorCommands = async (code: string) => (await t.server.trilateral.store.commands(code)).filter((c) => c.actor.kind === "instructor").map((c) => c.command.type);
const atTable = (code: string) => students.filter((s) => s.seats.at(-1)?.table === code);

beforeAll(async () => {
  t = await bootTestServer(PORT, {}, dataDir);
  answer = await openClass(t.url, { title: "Security in Northeast Asia", rounds: 4, botThinkMs: 0, botStances: { tokyo: "hawkish" }, botDifficulty: "easy" });
  teacher = await ClassInstructor.join(t.sdk(), answer.code, answer.instructorToken);
});

afterAll(async () => {
  await Promise.all([...students.map((s) => s.leave()), teacher?.leave()]);
  await t.colyseus.shutdown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("a class of 91", () => {
  test("91 students join by code; the roster and the public count show them all", async () => {
    for (let i = 0; i < 91; i += 13) {
      const batch = Array.from({ length: Math.min(13, 91 - i) }, (_, k) => ClassStudent.join(t.sdk(), answer.code.toLowerCase(), { name: `Student ${i + k + 1}`, ...(k % 4 === 0 ? { preference: NATIONS[k % 3] } : {}) }));
      students.push(...(await Promise.all(batch)));
    }
    await waitFor("91 on the roster", () => teacher.roster?.students.length === 91);
    expect(new Set(students.map((s) => s.you!.studentId)).size).toBe(91);
    expect(teacher.lobby).toMatchObject({ status: "lobby", students: 91, tables: 0 });
    const info = await (await fetch(`${t.url}/api/classes/${answer.code}`)).json();
    expect(info).toMatchObject({ students: 91, status: "lobby", full: false });
    await expect(ClassStudent.join(t.sdk(), answer.code, { name: "student 1" })).rejects.toThrow(/already uses the name/);
    await expect(ClassStudent.join(t.sdk(), answer.code, { name: "Hawkish bot" })).rejects.toThrow(/look like a bot/);
    await expect(ClassStudent.join(t.sdk(), answer.code, { name: "Kim\u202E" })).rejects.toThrow(/invisible or text-direction/);
  });

  test("a student cannot act as the instructor, with their own connection or their token", async () => {
    const s = students[0]!;
    expect(await s.instructorRequest({ action: "start" })).toMatchObject({ ok: false, code: "NOT_INSTRUCTOR" });
    expect(await s.instructorRequest({ action: "control", tables: "all", control: { kind: "end" } })).toMatchObject({ ok: false, code: "NOT_INSTRUCTOR" });
    await expect(t.sdk().joinById(answer.code, { role: "instructor", token: s.you!.rejoinToken })).rejects.toThrow(/instructor token does not open/);
    expect(classRoom().cls.status).toBe("lobby");
  });

  test("Start seats everyone: 31 tables, every student a seat and a first view, every empty seat a bot", async () => {
    expect(await teacher.request({ action: "start" })).toEqual({ ok: true });
    const tables = await Promise.all(students.map((s) => s.waitForTable(30_000)));
    expect(classRoom().tables).toHaveLength(31);
    expect(new Set(students.map((s) => s.seats[0]!.table)).size).toBe(31);
    tables.forEach((table, i) => expect(table.view.seat).toBe(students[i]!.seats[0]!.nation));
    let bots = 0;
    for (const code of classRoom().tables) {
      const room = tableRoom(code);
      expect(room.seats.full()).toBe(true);
      expect(room.state.started).toBe(true);
      for (const seat of room.seats.all()) if (seat.designBot) bots += 1;
      for (const seat of room.seats.all()) if (seat.designBot && seat.nation === "tokyo") expect(room.gameState.stances.tokyo).toBe("hawkish");
    }
    expect(bots).toBe(31 * 3 - 91);
    await waitFor("the console shows 31 tables", () => teacher.tables.size === 31, 5000);
    expect([...teacher.tables.values()].every((c) => c.seats.filter((s) => !s.bot).every((s) => s.studentId !== null))).toBe(true);
  });

  test("every control on one table: each is answered, seen by its students, and in its record", async () => {
    const code = classRoom().tables[0]!;
    const other = classRoom().tables[1]!;
    const mine = atTable(code);
    const room = tableRoom(code);
    const card = room.gameState.drawPile.at(-1)!;
    const one = async (control: Parameters<ClassInstructor["request"]>[0] & { action: "control" }) => expect(await teacher.request(control)).toMatchObject({ ok: true, results: [{ table: code, ok: true }] });
    await one({ action: "control", tables: [code], control: { kind: "pause" } });
    await waitFor("students see the pause", () => mine.every((s) => s.table!.view.paused !== null));
    expect(room.state.paused).toBe(true);
    await waitFor("the console flags it", () => teacher.tables.get(code)?.flags.includes("paused"), 3000);
    await one({ action: "control", tables: [code], control: { kind: "extend", seconds: 30 } });
    await one({ action: "control", tables: [code], control: { kind: "inject", cardId: card } });
    await one({ action: "control", tables: [code], control: { kind: "broadcast", text: "Look at the threat track" } });
    await waitFor("students see the broadcast", () => mine.every((s) => s.table!.view.broadcasts.some((b) => b.text === "Look at the threat track")));
    const phase = room.gameState.phase;
    await one({ action: "control", tables: [code], control: { kind: "advance" } });
    expect(room.gameState.phase).not.toBe(phase);
    await one({ action: "control", tables: [code], control: { kind: "resume" } });
    await waitFor("students see the resume", () => mine.every((s) => s.table!.view.paused === null));
    expect(await teacher.request({ action: "control", tables: [code], control: { kind: "resume" } })).toMatchObject({ ok: false, code: "PARTIAL", results: [{ ok: false, code: "NOT_PAUSED" }] });
    expect(await teacher.request({ action: "control", tables: ["QQQQQ"], control: { kind: "pause" } })).toMatchObject({ ok: false, code: "UNKNOWN_TABLE" });
    await one({ action: "control", tables: [code], control: { kind: "end" } });
    await waitFor("students see the end", () => mine.every((s) => s.table!.view.ended?.reason === "ended-by-instructor"));
    expect(await instructorCommands(code)).toEqual(["pause", "extendPhase", "injectCard", "broadcast", "advancePhase", "resume", "endTable"]);
    expect(await instructorCommands(other)).toEqual([]);
    expect(JSON.stringify(replay((await recordFromStore(t.server.trilateral.store, code))!))).toBe(JSON.stringify(room.gameState));
    await waitFor("the console shows it ended", () => teacher.tables.get(code)?.flags.includes("ended"), 3000);
  });

  test("every control on all tables at once, in every record; the ended table is skipped", async () => {
    const all = async (control: Parameters<ClassInstructor["request"]>[0] & { action: "control" }) => {
      const reply = await teacher.request(control);
      expect(reply).toMatchObject({ ok: true });
      return reply;
    };
    await all({ action: "control", tables: "all", control: { kind: "pause" } });
    await waitFor("every console table paused or ended", () => [...teacher.tables.values()].every((c) => c.paused || c.ended), 3000);
    await all({ action: "control", tables: "all", control: { kind: "extend", seconds: 60 } });
    await all({ action: "control", tables: "all", control: { kind: "broadcast", text: "Ten minutes left" } });
    await all({ action: "control", tables: "all", control: { kind: "inject", cardId: tableRoom(classRoom().tables[1]!).gameState.drawPile.at(-1)! } });
    await all({ action: "control", tables: "all", control: { kind: "advance" } });
    await all({ action: "control", tables: "all", control: { kind: "resume" } });
    const live = classRoom().tables.slice(1);
    for (const code of live) expect(await instructorCommands(code)).toEqual(["pause", "extendPhase", "broadcast", "injectCard", "advancePhase", "resume"]);
    await waitFor("every student sees the broadcast", () => students.filter((s) => live.includes(s.seats.at(-1)!.table)).every((s) => s.table!.view.broadcasts.some((b) => b.text === "Ten minutes left")));
  });

  test("a removed student cannot come back without the instructor; readmitted, they get their seat back", async () => {
    const s = students[10]!;
    const { table, nation } = s.seats[0]!;
    const token = s.you!.rejoinToken;
    expect(await teacher.request({ action: "remove", studentId: s.you!.studentId })).toEqual({ ok: true });
    await waitFor("the notice", () => s.notices.some((n) => /removed you/.test(n.text)));
    await waitFor("the seat goes to a bot", () => tableRoom(table).seats.botActive(tableRoom(table).seats.get(nation)));
    await expect(t.sdk().joinById(answer.code, { role: "student", rejoinToken: token })).rejects.toThrow(/removed you/);
    await expect(t.sdk().joinById(answer.code, { role: "student", name: "Student 11" })).rejects.toThrow(/removed this name/);
    await expect(t.sdk().joinById(table, { seatToken: s.table!.seat!.seatToken! })).rejects.toThrow(/does not belong/);
    expect(await teacher.request({ action: "readmit", studentId: s.you!.studentId })).toEqual({ ok: true });
    const back = await ClassStudent.join(t.sdk(), answer.code, { name: "Student 11" });
    students[10] = back;
    expect(back.you!.studentId).toBe(s.you!.studentId);
    await back.waitForTable();
    expect(back.seats[0]).toMatchObject({ table, nation });
    await waitFor("a human again", () => !tableRoom(table).seats.botActive(tableRoom(table).seats.get(nation)));
  });

  test("a restart mid-class brings back the class, its tables and console; students rejoin their seats", async () => {
    const tablesBefore = classRoom().tables.slice();
    const seatsBefore = students.map((s) => s.seats.at(-1)!);
    const tokens = students.map((s) => s.you!.rejoinToken);
    await Promise.all([...students.map((s) => s.leave()), teacher.leave()]);
    await t.colyseus.shutdown();
    t = await bootTestServer(PORT, {}, dataDir);
    expect(classRoom().tables).toEqual(tablesBefore);
    expect(classRoom().cls.status).toBe("running");
    expect(classRoom().roster.present).toHaveLength(91);
    teacher = await ClassInstructor.join(t.sdk(), answer.code, "test-instructor-key"); // the server-wide key opens every class
    await waitFor("the console of the 30 live tables", () => teacher.tables.size === 30, 5000);
    students.length = 0;
    for (let i = 0; i < tokens.length; i += 13) {
      students.push(...(await Promise.all(tokens.slice(i, i + 13).map((rejoinToken) => ClassStudent.join(t.sdk(), answer.code, { rejoinToken })))));
    }
    const live = students.filter((_, i) => seatsBefore[i]!.table !== tablesBefore[0]);
    await Promise.all(live.map((s) => s.waitForTable(30_000)));
    students.forEach((s, i) => {
      if (seatsBefore[i]!.table === tablesBefore[0]) return;
      expect(s.seats.at(-1)).toMatchObject({ table: seatsBefore[i]!.table, nation: seatsBefore[i]!.nation });
      expect(s.table!.view.seat).toBe(seatsBefore[i]!.nation);
    });
  });

  test("end class: every table ends, the lobby says so, nobody new can join", async () => {
    expect(await teacher.request({ action: "endClass" })).toMatchObject({ ok: true });
    await waitFor("students see the end of the class", () => students.every((s) => s.lobby?.status === "ended"));
    for (const code of classRoom().tables.slice(1)) expect((await t.server.trilateral.store.getTable(code))!.status).toBe("ended");
    await expect(t.sdk().joinById(answer.code, { role: "student", name: "Latecomer" })).rejects.toThrow(/has ended/);
    expect(await teacher.request({ action: "start" })).toMatchObject({ ok: false, code: "CLASS_ENDED" });
  });
});
