import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableSummary } from "../../shared/protocol/messages.ts";
import { parseRecord, replay } from "../../shared/rules/record.ts";
import { viewFor } from "../../shared/rules/view.ts";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { AutoPlayer, bootTestServer, createTable, fullTable, INSTRUCTOR_KEY, joinTable, playToEnd, waitFor, type TestServer } from "./support/harness.ts";

let t: TestServer;

beforeAll(async () => {
  t = await bootTestServer(25670);
});
afterAll(async () => {
  await t.shutdown();
});

describe("a whole game over the network", () => {
  it("GET /health answers", async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it("three SDK clients play a game to the end; the record replays to the same final state", { timeout: 60_000 }, async () => {
    const sdk = t.sdk();
    const { seoul, tokyo, washington, code } = await fullTable(sdk, { rounds: 4 });
    expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ]{5}$/);
    expect(seoul.seat).toMatchObject({ code, role: "player", nation: "seoul" });
    expect(seoul.seat!.seatToken).toMatch(/^[\w-]{16,}$/);
    expect(tokyo.seat!.nation).toBe("tokyo");
    expect(washington.seat!.nation).toBe("washington");

    // presence in the schema state
    await waitFor("presence", () => seoul.room.state.started === true);
    const presence = seoul.room.state;
    expect(presence.code).toBe(code);
    expect(presence.seats.get("tokyo")!.name).toBe("Taro");
    expect(presence.seats.get("tokyo")!.occupied).toBe(true);

    // the public summary
    const summary = (await (await fetch(`${t.url}/api/tables/${code.toLowerCase()}`)).json()) as TableSummary;
    expect(summary).toMatchObject({ code, rounds: 4, ended: false });
    expect(summary.seats.map((s) => s.name)).toEqual(["Sora", "Taro", "Wes"]);
    const missing = await fetch(`${t.url}/api/tables/ZZZZZ`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toHaveProperty("error");

    // an instructor observer sees everything while the game runs
    const observer = await joinTable(t.sdk(), code, { instructorKey: INSTRUCTOR_KEY });
    expect(observer.seat).toMatchObject({ role: "instructor", nation: null, seatToken: null });
    expect(Object.keys(observer.view.agendas).sort()).toEqual(["seoul", "tokyo", "washington"]);
    expect(Object.keys(seoul.view.agendas)).toEqual(["seoul"]);

    // the record is closed without the key while the game runs
    expect((await fetch(`${t.url}/api/tables/${code}/record`)).status).toBe(401);
    expect((await fetch(`${t.url}/api/tables/${code}/record?key=wrong-key`)).status).toBe(403);
    expect((await fetch(`${t.url}/api/tables/${code}/record?seatToken=${seoul.seat!.seatToken}`)).status).toBe(403);
    expect((await fetch(`${t.url}/api/tables/${code}/record`, { headers: { "x-instructor-key": INSTRUCTOR_KEY } })).status).toBe(200);

    const players = [seoul, tokyo, washington].map((s, i) => new AutoPlayer(s, `game-${i}`));
    await playToEnd(players);

    for (const s of [seoul, tokyo, washington]) {
      const final = s.views[s.views.length - 1]!;
      expect(final.view.phase).toBe("ended");
      expect(final.view.ended).not.toBeNull();
      // everything is revealed to the table at the end
      expect(Object.keys(final.view.agendas).sort()).toEqual(["seoul", "tokyo", "washington"]);
      // seq grows by one per accepted command, never goes back
      const seqs = s.views.map((v) => v.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    const room = t.colyseus.getRoomById(code) as unknown as TableRoom;
    const finalState = room.gameState;
    expect(seoul.views[seoul.views.length - 1]!.seq).toBe(room.commandCount);

    // after the end, a seat token opens the record; the record replays to the same final state
    const res = await fetch(`${t.url}/api/tables/${code}/record?seatToken=${encodeURIComponent(tokyo.seat!.seatToken!)}`);
    expect(res.status).toBe(200);
    const record = parseRecord(await res.text());
    expect(record.commands.length).toBe(room.commandCount);
    expect(record.commands.map((c) => c.seq)).toEqual(record.commands.map((_, i) => i + 1));
    const replayed = replay(record);
    expect(replayed).toEqual(finalState);
    expect(viewFor(replayed, { kind: "seat", nation: "seoul" })).toEqual(seoul.views[seoul.views.length - 1]!.view);

    const ended = (await (await fetch(`${t.url}/api/tables/${code}`)).json()) as TableSummary;
    expect(ended.ended).toBe(true);
    expect(ended.phase).toBe("ended");
    expect((await t.server.trilateral.store.getTable(code))!.status).toBe("ended");

    // a new player cannot join a finished game
    await expect(joinTable(t.sdk(), code, { name: "Late" })).rejects.toThrow(/over/);
    for (const s of [seoul, tokyo, washington, observer]) await s.leave();
  });

  it("solo play: one human and two bot seats, untimed, reaches the end", { timeout: 60_000 }, async () => {
    const solo = await createTable(t.sdk(), {
      name: "Solo",
      nation: "tokyo",
      rounds: 3,
      bots: { seoul: "progressive", washington: "burden-shifter" },
      botDifficulty: "hard",
      botThinkMs: 0,
    });
    expect(solo.seat!.nation).toBe("tokyo");
    expect((await t.server.trilateral.store.getTable(solo.code))!.settings.botDifficulty).toBe("hard");
    await waitFor("started", () => solo.room.state.started === true);
    expect(solo.room.state.seats.get("seoul")!.bot).toBe(true);
    // the bot seats' stances are the game's starting stances (a first card may already change a government)
    expect((await t.server.trilateral.store.getTable(solo.code))!.options.stances).toEqual({ seoul: "progressive", washington: "burden-shifter" });
    expect(solo.room.state.seats.get("seoul")!.stance).toBe(solo.view.stances.seoul);

    // the human only ever says "ready"/commits; the bots must carry every phase to its end
    const me = new AutoPlayer(solo, "solo", 1);
    await playToEnd([me]);
    const record = await t.server.trilateral.store.commands(solo.code);
    const botCommands = record.filter((c) => c.actor.kind === "seat" && c.actor.nation !== "tokyo");
    expect(botCommands.length).toBeGreaterThan(0);
    expect(record.some((c) => c.actor.kind === "system")).toBe(false); // untimed: no timeouts
    await solo.leave();
  });
});
