import { Client as SDKClient } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { replay } from "../../shared/rules/record.ts";
import { createTable, joinTable, testPort, waitFor, type TestSeat } from "../integration/support/harness.ts";
import { ClassInstructor, ClassStudent, openClass } from "../integration/support/class-harness.ts";
import { startCluster, type Cluster } from "./support.ts";

/**
 * Two real server processes (`server/start.ts`) sharing Redis (Colyseus's presence and driver)
 * and the store: tables and classes created through either one are reached through the other,
 * and the console's controls reach every table of a class wherever it lives.
 */
const PORTS = [testPort(25801), testPort(25802)];
let c: Cluster;

beforeAll(async () => {
  c = await startCluster({ ports: PORTS });
}, 60_000);

afterAll(async () => {
  await c?.stop();
});

describe("two processes, one Redis, one store", () => {
  test("tables created through either process live on both and are joined through the other", async () => {
    const [a, b] = c.processes.map((p) => new SDKClient(p.url));
    const created: TestSeat[] = [];
    for (let i = 0; i < 4; i++) created.push(await createTable(i % 2 === 0 ? a! : b!, { name: `Host ${i}`, nation: "seoul", rounds: 3 }));
    const where = await c.where();
    const homes = created.map((s) => where.get(s.code)?.index);
    expect(homes.every((h) => h === 0 || h === 1), `listed: ${JSON.stringify([...where])}`).toBe(true);
    expect(new Set(homes).size, "the tables are spread over both processes").toBe(2);

    for (const [i, host] of created.entries()) {
      const other = i % 2 === 0 ? b! : a!;
      const guest = await joinTable(other, host.code.toLowerCase(), { name: `Guest ${i}`, nation: "tokyo" });
      expect(guest.seat).toMatchObject({ code: host.code, nation: "tokyo", role: "player" });
      await waitFor("the host sees the guest", () => host.room.state.seats.get("tokyo")?.name === `Guest ${i}`);
      // The table's own refusals come back across processes in words.
      await expect(joinTable(other, host.code, { name: "Late", nation: "tokyo" })).rejects.toThrow(/Tokyo is taken/);
      await guest.leave();
    }
    await expect(joinTable(b!, "ZZZZZ", { name: "Nobody", nation: "tokyo" })).rejects.toThrow(/There is no table with the code ZZZZZ/);
    await Promise.all(created.map((s) => s.leave()));
  });

  test("a class spread over both processes: students join through either, every console control reaches every table", async () => {
    const answer = await openClass(c.processes[0]!.url, { title: "Two processes", rounds: 4, botThinkMs: 0, botDifficulty: "easy" });
    const teacher = await ClassInstructor.join(new SDKClient(c.processes[1]!.url), answer.code, answer.instructorToken);
    const students: ClassStudent[] = [];
    for (let i = 0; i < 9; i++) students.push(await ClassStudent.join(new SDKClient(c.processes[i % 2]!.url), answer.code, { name: `Student ${i + 1}` }));
    await waitFor("9 on the roster", () => teacher.roster?.students.length === 9);
    expect(await teacher.request({ action: "start" })).toMatchObject({ ok: true });
    await Promise.all(students.map((s) => s.waitForTable()));
    const tables = [...new Set(students.map((s) => s.seats.at(-1)!.table))];
    expect(tables).toHaveLength(3);
    const where = await c.where();
    expect(new Set(tables.map((t) => where.get(t)?.index)).size, `the class's tables live on both processes: ${JSON.stringify([...where])}`).toBe(2);
    await waitFor("the console lists every table", () => tables.every((t) => teacher.tables.has(t)), 5000);

    const all = async (control: Parameters<ClassInstructor["request"]>[0] & { action: "control" }) => {
      const reply = await teacher.request(control);
      expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
      return reply;
    };
    const card = replay(await c.record(tables[0]!)).drawPile.at(-1)!;
    await all({ action: "control", tables: "all", control: { kind: "pause" } });
    await waitFor("every console table paused", () => tables.every((t) => teacher.tables.get(t)?.paused), 3000);
    await all({ action: "control", tables: "all", control: { kind: "extend", seconds: 60 } });
    await all({ action: "control", tables: "all", control: { kind: "broadcast", text: "Across processes" } });
    await all({ action: "control", tables: "all", control: { kind: "inject", cardId: card } });
    await all({ action: "control", tables: "all", control: { kind: "advance" } });
    await all({ action: "control", tables: "all", control: { kind: "resume" } });
    for (const t of tables) {
      const instructor = (await c.record(t)).commands.filter((x) => x.actor.kind === "instructor").map((x) => x.command.type);
      expect(instructor, `table ${t}`).toEqual(["pause", "extendPhase", "broadcast", "injectCard", "advancePhase", "resume"]);
    }
    await waitFor("every student sees the broadcast", () => students.every((s) => s.table!.view.broadcasts.some((b) => b.text === "Across processes")));
    await all({ action: "control", tables: "all", control: { kind: "end" } });
    for (const t of tables) expect((await c.record(t)).commands.at(-1)!.command.type).toBe("endTable");
    await waitFor("the console shows every table ended", () => tables.every((t) => teacher.tables.get(t)?.ended), 5000);
    await Promise.all([...students.map((s) => s.leave()), teacher.leave()]);
  });
});
