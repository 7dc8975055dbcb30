import { Client as SDKClient } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { CommandReply } from "../../shared/protocol/messages.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import { fullTable, sleep, testPort, waitFor, type TestSeat } from "../integration/support/harness.ts";
import { ClassInstructor, ClassStudent, openClass } from "../integration/support/class-harness.ts";
import { rejoinSeat, startCluster, type Cluster } from "./support.ts";

/**
 * SIGKILL one of two processes in the middle of games, five times: its tables come back on the
 * other one from the shared store (Colyseus's health check drops the dead process's listings;
 * server/scale/recovery.ts restores them), with their clocks, and with every command that was
 * acknowledged; the players sit down again with their seat tokens; the console shows the tables
 * as recovering, then live. The killed process is started again after each round.
 */
const PORTS = [testPort(25811), testPort(25812)];
const TIMERS = { event: 600, negotiation: 900, policy: 600, summary: 120 };
const CHANNEL: Record<Nation, "seoul-tokyo" | "tokyo-washington" | "seoul-washington"> = { seoul: "seoul-tokyo", tokyo: "tokyo-washington", washington: "seoul-washington" };
let c: Cluster;

beforeAll(async () => {
  c = await startCluster({ ports: PORTS });
}, 60_000);

afterAll(async () => {
  await c?.stop();
});

type Table = { code: string; seats: Record<Nation, TestSeat> };

async function openTable(url: string): Promise<Table> {
  const { seoul, tokyo, washington, code } = await fullTable(new SDKClient(url), { rounds: 5, timers: TIMERS });
  const seats = { seoul, tokyo, washington };
  await waitFor("the clock runs", () => seoul.room.state.started && seoul.room.state.deadline > 0);
  for (const s of Object.values(seats)) {
    const option = s.view.phase === "event" && s.view.responsesDue.includes(s.nation) ? s.view.card?.response?.options[0] : undefined;
    if (option) expect(await s.act({ type: "respond", optionId: option.id })).toEqual({ ok: true });
  }
  await waitFor("negotiation", () => seoul.view.phase === "negotiation");
  await sleep(400); // the presence patch with the negotiation deadline (patchRate 200 ms) follows the view
  return { code, seats };
}

const liveUrls = () => c.processes.filter((p) => p.child.exitCode === null && p.child.signalCode === null).map((p) => p.url);

describe("a process dies mid-class", () => {
  test("the console shows a dead process's class tables as recovering, then live again", { timeout: 60_000 }, async () => {
    const answer = await openClass(c.processes[0]!.url, { title: "Failover console", rounds: 4, botThinkMs: 0, botDifficulty: "easy" });
    const where0 = await c.where();
    const classHome = where0.get(answer.code)!.index;
    const teacher = await ClassInstructor.join(new SDKClient(c.processes[classHome]!.url), answer.code, answer.instructorToken);
    const students: ClassStudent[] = [];
    for (let i = 0; i < 9; i++) students.push(await ClassStudent.join(new SDKClient(c.processes[i % 2]!.url), answer.code, { name: `Student ${i + 1}` }));
    await waitFor("9 on the roster", () => teacher.roster?.students.length === 9);
    expect(await teacher.request({ action: "start" })).toMatchObject({ ok: true });
    await Promise.all(students.map((s) => s.waitForTable()));
    const tables = [...new Set(students.map((s) => s.seats.at(-1)!.table))];
    const where = await c.where();
    const victim = 1 - classHome;
    const doomed = tables.filter((t) => where.get(t)?.index === victim);
    expect(doomed.length, `class tables on the process without the class room: ${JSON.stringify([...where])}`).toBeGreaterThan(0);
    await waitFor("the console lists every table", () => tables.every((t) => teacher.tables.get(t) && !teacher.tables.get(t)!.recovering), 5000);
    const seen = teacher.consoleMessages.length;

    await c.processes[victim]!.kill();
    await waitFor("the console shows the dead process's tables recovering", () => doomed.every((t) => teacher.tables.get(t)?.recovering), 10_000, 50);
    const healthy = tables.filter((t) => !doomed.includes(t));
    expect(healthy.every((t) => !teacher.tables.get(t)?.recovering), "the other tables stay live").toBe(true);
    await waitFor("…then live again, restored elsewhere", () => doomed.every((t) => teacher.tables.get(t) && !teacher.tables.get(t)!.recovering), 30_000, 50);
    const after = await c.where();
    expect(doomed.every((t) => after.get(t)?.index === classHome)).toBe(true);
    expect(teacher.consoleMessages.length).toBeGreaterThan(seen);
    // A control reaches a restored table.
    expect(await teacher.request({ action: "control", tables: doomed, control: { kind: "pause" } })).toMatchObject({ ok: true });
    for (const t of doomed) expect((await c.record(t)).commands.at(-1)!.command.type).toBe("pause");
    await Promise.all([...students.map((s) => s.leave()), teacher.leave()]);
    await c.processes[victim]!.restart();
  });

  test("SIGKILL ×5: no acknowledged command lost, every table resumes, players back in their seats, tables timed as before", { timeout: 240_000 }, async () => {
    const tables: Table[] = [];
    for (let i = 0; i < 4; i++) tables.push(await openTable(c.processes[i % 2]!.url));
    const acknowledged = new Map<string, string[]>(tables.map((t) => [t.code, []]));

    for (let round = 0; round < 5; round++) {
      const where = await c.where();
      // Alternate between the processes, but always kill one that holds tables: Colyseus places a new
      // table on the least-loaded process, which after the class test above may be either one.
      const holds = (i: number) => tables.some((t) => where.get(t.code)?.index === i);
      const victim = holds(round % 2) ? round % 2 : 1 - (round % 2);
      const doomed = tables.filter((t) => where.get(t.code)?.index === victim);
      expect(doomed.length, `round ${round}: tables on process ${victim}: ${JSON.stringify([...where])}`).toBeGreaterThan(0);

      // A burst of chat at every table while the process dies: whatever was answered {ok:true} must survive.
      const burst: { code: string; text: string; reply: CommandReply | null }[] = [];
      for (const t of tables) {
        for (let i = 0; i < 3; i++) {
          for (const [nation, seat] of Object.entries(t.seats) as [Nation, TestSeat][]) {
            const entry = { code: t.code, text: `r${round} ${nation} ${i}`, reply: null as CommandReply | null };
            burst.push(entry);
            seat
              .act({ type: "say", channel: CHANNEL[nation], text: entry.text })
              .then((r) => (entry.reply = r))
              .catch(() => {});
          }
        }
      }
      await waitFor("some replies", () => burst.filter((b) => b.reply).length >= 6, 5000, 1);
      const deadlines = new Map(doomed.map((t) => [t.code, t.seats.seoul.room.state.deadline]));
      await c.processes[victim]!.kill();
      await sleep(300); // replies in flight from the survivor land
      for (const b of burst) if (b.reply?.ok) acknowledged.get(b.code)!.push(b.text);

      // Every table is live again, on the survivor.
      for (const until = Date.now() + 30_000; ; ) {
        const now = await c.where();
        if (tables.every((t) => now.get(t.code)?.index === 1 - victim)) break;
        if (Date.now() > until) throw new Error(`not every table came back on the survivor: ${JSON.stringify([...now])}`);
        await sleep(100);
      }
      // Players sit down again (as the browser does once the SDK's reconnection fails).
      for (const t of doomed) {
        for (const nation of Object.keys(t.seats) as Nation[]) {
          const back = await rejoinSeat(liveUrls, t.seats[nation]);
          expect(back.seat).toMatchObject({ code: t.code, nation, role: "player" });
          t.seats[nation] = back;
        }
        await waitFor("presence after the restore", () => t.seats.seoul.room.state.started);
        expect(t.seats.seoul.room.state.deadline, `table ${t.code}: the timer is re-armed from the stored deadline`).toBe(deadlines.get(t.code));
      }

      // No acknowledged command lost, anywhere; every table plays on.
      for (const t of tables) {
        const record = await c.record(t.code);
        expect(record.commands.map((x) => x.seq)).toEqual(record.commands.map((_, i) => i + 1));
        const said = new Set(record.commands.flatMap((x) => (x.command.type === "say" ? [x.command.text] : [])));
        const lost = acknowledged.get(t.code)!.filter((text) => !said.has(text));
        expect(lost, `table ${t.code} lost acknowledged commands`).toEqual([]);
        await sleep(60); // under the chat rate limit
        expect(await t.seats.tokyo.act({ type: "say", channel: "table", text: `back after kill ${round}` })).toEqual({ ok: true });
      }

      await c.processes[victim]!.restart();
    }
    const total = [...acknowledged.values()].reduce((n, l) => n + l.length, 0);
    expect(total).toBeGreaterThanOrEqual(5 * 6);
  });
});
