import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { matchMaker } from "@colyseus/core";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { bootTestServer, fullTable, joinTable, tempDataDir, waitFor } from "./support/harness.ts";

const dataDir = tempDataDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const roomOf = (code: string) => matchMaker.getLocalRoomById(code) as TableRoom;

describe("the phase clock of a live table", () => {
  it("pause stops the timer and shows in presence; extend and pause survive a restart; resume runs it again", { timeout: 60_000 }, async () => {
    const timers = { event: 5, negotiation: 10, policy: 5, summary: 3 };
    let t = await bootTestServer(25677, {}, dataDir);
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { deckOrder: "chronological", timers });
    await waitFor("the clock runs", () => seoul.room.state.started && seoul.room.state.deadline > 0);
    const room = roomOf(code);
    const deadline = seoul.room.state.deadline;

    expect(room.extendClock(60_000)).toEqual({ ok: true });
    await waitFor("the extended deadline", () => seoul.room.state.deadline === deadline + 60_000);
    expect((await t.server.trilateral.store.getTable(code))!.clock.deadline).toBe(deadline + 60_000);

    expect(room.pauseClock()).toEqual({ ok: true });
    await waitFor("paused in presence", () => seoul.room.state.paused && seoul.room.state.deadline === 0);
    const remaining = room.phaseClock.remainingMs!;
    expect(remaining).toBeGreaterThan(60_000);
    expect(room.pauseClock().ok).toBe(false);

    // a restart on the same data keeps the table paused with the time that was left
    for (const s of [seoul, tokyo, washington]) await s.leave();
    await t.colyseus.shutdown();
    t = await bootTestServer(25677, {}, dataDir);
    const again = roomOf(code);
    expect(again.phaseClock.paused).toBe(true);
    expect(again.phaseClock.remainingMs).toBe(remaining);
    const back = await joinTable(t.sdk(), code, { spectate: true });
    await waitFor("paused after the restart", () => back.room.state.paused === true);
    expect(back.room.state.deadline).toBe(0);

    expect(again.resumeClock()).toEqual({ ok: true });
    await waitFor("running again", () => !back.room.state.paused && back.room.state.deadline > 0);
    expect(back.room.state.deadline - Date.now()).toBeGreaterThan(remaining - 2000);
    expect(back.room.state.deadline - Date.now()).toBeLessThanOrEqual(remaining);
    await back.leave();
    await t.colyseus.shutdown();
  });
});
