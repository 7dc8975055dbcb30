import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { matchMaker } from "@colyseus/core";
import type { ClassRoom } from "../../server/rooms/ClassRoom.ts";
import { bootTestServer, waitFor, type TestServer } from "./support/harness.ts";
import { ClassInstructor, ClassStudent, openClass } from "./support/class-harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25690);
});
afterAll(async () => {
  await t.shutdown();
});

describe("a small class", () => {
  test("four students join, start, play two tables; a late joiner takes a bot's seat at the next phase", async () => {
    const answer = await openClass(t.url, { title: "IR 101", rounds: 3, botThinkMs: 0, botStances: { washington: "burden-shifter" } });
    expect(answer.code).toMatch(/^[A-Z]{6}$/);
    const info = await (await fetch(`${t.url}/api/classes/${answer.code.toLowerCase()}`)).json();
    expect(info).toMatchObject({ code: answer.code, title: "IR 101", status: "lobby", students: 0, limit: 300, full: false });
    const teacher = await ClassInstructor.join(t.sdk(), answer.code, answer.instructorToken);
    const students = [];
    for (const name of ["Ana", "Ben", "Chi", "Dae"]) students.push(await ClassStudent.join(t.sdk(), answer.code, { name }));
    await waitFor("the roster", () => teacher.roster?.students.length === 4);
    expect(students[0]!.you).toMatchObject({ classCode: answer.code, name: "Ana", status: "waiting" });
    expect(await teacher.request({ action: "start" })).toEqual({ ok: true });
    for (const s of students) await s.waitForTable();
    const room = matchMaker.getLocalRoomById(answer.code) as ClassRoom;
    expect(room.tables).toHaveLength(2);
    await waitFor("console for two tables", () => teacher.tables.size === 2);
    const late = await ClassStudent.join(t.sdk(), answer.code, { name: "Eve" });
    const seat = await waitFor("a late seat", () => late.seats[0]);
    expect(seat.handover).toBe(true);
    const table = await late.waitForTable();
    expect(room.tables).toContain(seat.table);
    const reply = await table.act({ type: "say", channel: "table", text: "hello" });
    expect(reply).toEqual({ ok: true });
    for (const s of [...students, late]) await s.leave();
    await teacher.leave();
  });
});
