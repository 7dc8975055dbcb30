import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { AutoPlayer, bootTestServer, createTable, fullTable, playToEnd, sleep, waitFor, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25675, { LOG_LEVEL: "silent" });
});
afterAll(async () => {
  await t.shutdown();
});

const roomOf = (code: string) => t.colyseus.getRoomById(code) as unknown as TableRoom;

describe("isolation", () => {
  it("a table whose handlers and timers throw does not stop another table or the process", { timeout: 60_000 }, async () => {
    const broken = await fullTable(t.sdk(), { deckOrder: "chronological" });
    const healthy = await fullTable(t.sdk(), { rounds: 3 });
    const a = roomOf(broken.code);
    const b = roomOf(healthy.code);
    await waitFor("both started", () => broken.seoul.room.state.started && healthy.seoul.room.state.started);

    // 1. the command path of table A throws: its player gets an answer, the connection stays
    const internals = a.path as unknown as { executeNow: (...args: unknown[]) => unknown };
    const realExecute = internals.executeNow;
    internals.executeNow = () => {
      throw new Error("simulated bug in table A");
    };
    const reply = await broken.seoul.act({ type: "say", channel: "table", text: "hello?" });
    expect(reply).toMatchObject({ ok: false, code: "SERVER_ERROR" });
    expect(broken.seoul.room.connection.isOpen).toBe(true);

    // 2. a clock timer of table A throws; 3. an async handler of table A rejects; 4. a bot-style timer throws
    a.clock.setTimeout(() => {
      throw new Error("simulated timer bug");
    }, 0);
    a.onMessage("explode", async () => {
      await sleep(1);
      throw new Error("simulated async bug");
    });
    broken.tokyo.room.send("explode", {});
    (a as unknown as { later: (fn: () => void, ms: number) => void }).later(() => {
      throw new Error("simulated bot bug");
    }, 0);
    await waitFor("table A caught four errors", () => a.errorCount >= 4, 5000);

    // meanwhile table B plays a whole game
    await playToEnd([healthy.seoul, healthy.tokyo, healthy.washington].map((s, i) => new AutoPlayer(s, `iso-${i}`)));
    expect(b.errorCount).toBe(0);
    expect(healthy.seoul.view.ended).not.toBeNull();

    // table A recovers once its bug is gone, with its connections intact
    internals.executeNow = realExecute;
    expect(await broken.seoul.act({ type: "say", channel: "table", text: "fixed" })).toEqual({ ok: true });
    await waitFor("A's players see it", () => broken.washington.view.messages.some((m) => m.text === "fixed"));

    // and the server still creates tables
    const fresh = await createTable(t.sdk(), { name: "After", bots: { tokyo: "mainstream", washington: "alliance-builder" } });
    expect(fresh.seat!.nation).toBe("seoul");
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
    for (const s of [broken.seoul, broken.tokyo, broken.washington, healthy.seoul, healthy.tokyo, healthy.washington, fresh]) await s.leave();
  });
});
