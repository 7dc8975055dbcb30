import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { matchMaker } from "@colyseus/core";
import type { ClassRoom } from "../../server/rooms/ClassRoom.ts";
import { bootTestServer, waitFor, type TestServer } from "./support/harness.ts";
import { ClassInstructor, ClassStudent, openClass } from "./support/class-harness.ts";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { finishingCommand } from "../../shared/rules/finish.ts";
import type { PlayerView } from "../../shared/rules/view.ts";
import { NATION_NAMES } from "../../shared/rules/vocabulary.ts";

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
    const tableRoom = matchMaker.getLocalRoomById(seat.table) as TableRoom;
    const held = tableRoom.seats.get(seat.nation);
    expect(tableRoom.seats.botActive(held)).toBe(true);
    const finish = finishingCommand(tableRoom.gameState, seat.nation);
    if (finish) expect(await table.act(finish)).toMatchObject({ ok: false, code: "HANDOVER" });
    expect(await teacher.request({ action: "control", tables: [seat.table], control: { kind: "advance" } })).toMatchObject({ ok: true });
    await waitFor("the late joiner plays from the next phase", () => !tableRoom.seats.botActive(held));
    await waitFor("a notice of the handover", () => table.notices.some((n) => n.text === `Eve now plays ${NATION_NAMES[seat.nation]}.`));
    const mine = finishingCommand(tableRoom.gameState, seat.nation);
    if (mine) expect(await table.act(mine)).toEqual({ ok: true });

    // Spectators at a class table need the instructor's permission.
    await expect(t.sdk().joinById(seat.table, { spectate: true })).rejects.toThrow(/does not admit spectators/);
    expect(await teacher.request({ action: "spectators", allowed: true })).toEqual({ ok: true });
    const watcher = await t.sdk().joinById(seat.table, { spectate: true });
    await watcher.leave();
    // The instructor opens the omniscient view of a table from the console.
    const open = await teacher.request({ action: "openTable", table: seat.table });
    expect(open).toMatchObject({ ok: true, reservation: { roomId: seat.table } });
    const view = await t.sdk().consumeSeatReservation((open as unknown as { reservation: never }).reservation);
    const omniscient = await new Promise<PlayerView>((resolve) => view.onMessage("view", (m: { view: PlayerView }) => resolve(m.view)));
    expect(omniscient.viewer).toEqual({ kind: "instructor" });
    expect(Object.keys(omniscient.agendas)).toHaveLength(3);
    await view.leave();
    for (const s of [...students, late]) await s.leave();
    await teacher.leave();
  });

  test("an instructor's deck is checked like content:check; problems come back as file: field: message", async () => {
    const post = (path: string, body: unknown) => fetch(`${t.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const bad = { cards: [{ id: "x", title: "" }] };
    const check = await (await post("/api/classes/deck-check", { fileName: "my-deck.json", data: bad })).json();
    expect(check.ok).toBe(false);
    expect(check.problems.every((p: string) => p.startsWith("my-deck.json: cards.0."))).toBe(true);
    const refused = await post("/api/classes", { title: "Own deck", deck: { kind: "upload", fileName: "my-deck.json", data: bad } });
    expect(refused.status).toBe(400);
    expect((await refused.json()).problems).toEqual(check.problems);
    const good = { cards: loadBuiltInDeck().slice(0, 8) };
    expect(await (await post("/api/classes/deck-check", { fileName: "eight.json", data: good })).json()).toEqual({ ok: true, cards: 8 });
    const created = await post("/api/classes", { title: "Own deck", rounds: 8, deck: { kind: "upload", fileName: "eight.json", data: good } });
    expect(created.status).toBe(201);
    const tooShort = await post("/api/classes", { title: "Own deck", rounds: 9, deck: { kind: "upload", fileName: "eight.json", data: good } });
    expect((await tooShort.json()).problems).toEqual(["eight.json: cards: the deck has 8 card(s) but a game of 9 rounds needs one per round"]);
    expect((await post("/api/classes", { title: "" })).status).toBe(400);
    expect((await fetch(`${t.url}/api/classes/QQQQQQ`)).status).toBe(404);
    await expect(t.sdk().joinById("QQQQQQ", { role: "student", name: "A" })).rejects.toThrow(/no class with the code QQQQQQ/);
  });

  test("opening classes is rate-limited per address with a clear 429", async () => {
    let status = 0;
    let body: { error?: string } = {};
    for (let i = 0; i < 12 && status !== 429; i++) {
      const res = await fetch(`${t.url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: `Class ${i}` }) });
      status = res.status;
      body = await res.json();
    }
    expect(status).toBe(429);
    expect(body.error).toMatch(/Too many new classes from your address; try again in \d+ s/);
  });
});
