import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { RESYNC_REQUEST, type ViewMessage } from "../../shared/protocol/messages.ts";
import { wireView } from "../../shared/protocol/view-delta.ts";
import { viewFor, type Viewer } from "../../shared/rules/view.ts";
import { AutoPlayer, bootTestServer, fullTable, INSTRUCTOR_KEY, joinTable, playToEnd, waitFor, type TestSeat, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25678);
});
afterAll(async () => {
  await t.shutdown();
});

const roomOf = (code: string) => matchMaker.getLocalRoomById(code) as TableRoom;
const serverView = (room: TableRoom, viewer: Viewer) => wireView(viewFor(room.gameState, viewer));

describe("views as deltas over the wire", () => {
  it("after one full view every client follows by deltas, seats, instructor and spectator alike, and holds exactly its viewFor", { timeout: 60_000 }, async () => {
    const table = await fullTable(t.sdk(), { rounds: 2 });
    const teacher = await joinTable(t.sdk(), table.code, { instructorKey: INSTRUCTOR_KEY });
    const watcher = await joinTable(t.sdk(), table.code, { spectate: true });
    const seats = [table.seoul, table.tokyo, table.washington];
    await playToEnd(seats.map((s, i) => new AutoPlayer(s, `delta-${i}`)));
    const room = roomOf(table.code);
    await waitFor("everyone holds the last command", () => [...seats, teacher, watcher].every((s) => s.seq === room.commandCount));
    const viewers: [TestSeat, Viewer][] = [
      ...seats.map((s) => [s, { kind: "seat", nation: s.nation }] as [TestSeat, Viewer]),
      [teacher, { kind: "instructor" }],
      [watcher, { kind: "spectator" }],
    ];
    for (const [client, viewer] of viewers) {
      expect(client.gaps).toEqual([]);
      expect(client.views.filter((v) => v.via === "view")).toHaveLength(1);
      expect(client.deltas.length).toBeGreaterThan(10);
      expect(client.deltas.some((d) => d.hash !== undefined)).toBe(true);
      expect(client.view).toEqual(serverView(room, viewer));
    }
    for (const s of [...seats, teacher, watcher]) await s.leave();
  });

  it("a dropped delta is noticed at the next one and healed by a resync; resync answers with the full view", { timeout: 30_000 }, async () => {
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { rounds: 2 });
    const room = roomOf(code);
    tokyo.dropDeltas = 1;
    expect(await seoul.act({ type: "say", channel: "table", text: "lost on the way to Tokyo" })).toEqual({ ok: true });
    await waitFor("Tokyo got (and dropped) the delta", () => tokyo.deltas.length === 1 && tokyo.dropDeltas === 0);
    expect(tokyo.view.messages.some((m) => m.text === "lost on the way to Tokyo")).toBe(false);
    expect(await seoul.act({ type: "say", channel: "table", text: "and this one arrives" })).toEqual({ ok: true });
    await waitFor("Tokyo resynced", () => tokyo.views.at(-1)!.via === "view" && tokyo.seq === room.commandCount);
    expect(tokyo.gaps).toHaveLength(1);
    expect(tokyo.view).toEqual(serverView(room, { kind: "seat", nation: "tokyo" }));
    // after the resync Tokyo follows by deltas again
    expect(await washington.act({ type: "say", channel: "table", text: "back in step" })).toEqual({ ok: true });
    await waitFor("the next delta", () => tokyo.views.at(-1)!.via === "delta" && tokyo.seq === room.commandCount);
    expect(tokyo.view).toEqual(serverView(room, { kind: "seat", nation: "tokyo" }));
    // the request itself answers with the full view too
    const answer = (await seoul.room.request(RESYNC_REQUEST, {})) as ViewMessage;
    expect(answer.seq).toBe(room.commandCount);
    expect(answer.view).toEqual(serverView(room, { kind: "seat", nation: "seoul" }));
    for (const s of [seoul, tokyo, washington]) await s.leave();
  });

  it("with VIEW_DELTAS=off every command sends full views", { timeout: 30_000 }, async () => {
    const off = await bootTestServer(25679, { VIEW_DELTAS: "off" });
    try {
      const { seoul, tokyo, washington } = await fullTable(off.sdk(), { rounds: 2 });
      expect(await seoul.act({ type: "say", channel: "table", text: "full views" })).toEqual({ ok: true });
      await waitFor("Tokyo's view", () => tokyo.view.messages.length === 1);
      expect(tokyo.deltas).toEqual([]);
      expect(tokyo.views.every((v) => v.via === "view")).toBe(true);
      for (const s of [seoul, tokyo, washington]) await s.leave();
    } finally {
      await off.shutdown();
    }
  });
});
