import type { Client as ColyseusClient } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { viewFor } from "../../shared/rules/view.ts";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { AutoPlayer, bootTestServer, createTable, fullTable, joinTable, playToEnd, sleep, waitFor, type TestSeat, type TestServer } from "./support/harness.ts";

let t: TestServer;
const WINDOW_SECONDS = 2;

beforeAll(async () => {
  t = await bootTestServer(25673, { RECONNECT_SECONDS: String(WINDOW_SECONDS) });
});
afterAll(async () => {
  await t.shutdown();
});

const roomOf = (code: string) => t.colyseus.getRoomById(code) as unknown as TableRoom;

/** Cuts the TCP connection from the server side, with no close frame (colyseus.md §6). */
function terminate(seat: TestSeat): void {
  const room = roomOf(seat.code);
  const client = room.clients.find((c: ColyseusClient) => c.sessionId === seat.room.sessionId);
  if (!client) throw new Error("no such client on the server");
  (client.ref as unknown as { terminate(): void }).terminate();
}

/** The browser tab is gone: its SDK room will not reconnect by itself. */
function closeTab(seat: TestSeat): void {
  seat.room.reconnection.enabled = false;
  terminate(seat);
}

describe("reconnection", () => {
  it("a dropped client reconnects mid-phase with its view intact", { timeout: 30_000 }, async () => {
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { deckOrder: "chronological" });
    for (const s of [seoul, tokyo, washington]) s.room.reconnection.minUptime = 0;
    await waitFor("negotiation", () => tokyo.view.phase === "negotiation" && tokyo.room.state.started);
    expect(await tokyo.act({ type: "say", channel: "seoul-tokyo", text: "before the drop" })).toEqual({ ok: true });
    expect(
      await tokyo.act({ type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: "ours" }),
    ).toEqual({ ok: true });
    const sessionId = tokyo.room.sessionId;
    let dropped = 0;
    let reconnected = 0;
    tokyo.room.onDrop(() => (dropped += 1));
    tokyo.room.onReconnect(() => (reconnected += 1));

    terminate(tokyo);
    await waitFor("the table sees Tokyo disconnected", () => seoul.room.state.seats.get("tokyo")?.connected === false, 5000);
    // the table goes on while Tokyo is away
    expect(await seoul.act({ type: "say", channel: "seoul-tokyo", text: "while you were away" })).toEqual({ ok: true });
    const viewsBefore = tokyo.views.length;

    await waitFor("Tokyo reconnects", () => reconnected === 1, 10_000);
    expect(dropped).toBe(1);
    expect(tokyo.room.sessionId).toBe(sessionId);
    await waitFor("a fresh view after the reconnection", () => tokyo.views.length > viewsBefore);
    await waitFor("the table sees Tokyo back", () => seoul.room.state.seats.get("tokyo")?.connected === true);
    const room = roomOf(code);
    expect(tokyo.view).toEqual(viewFor(room.gameState, { kind: "seat", nation: "tokyo" }));
    expect(tokyo.view.phase).toBe("negotiation");
    expect(tokyo.view.messages.map((m) => m.text)).toEqual(["before the drop", "while you were away"]);
    expect(tokyo.view.proposals).toHaveLength(1);
    expect(Object.keys(tokyo.view.agendas)).toEqual(["tokyo"]);
    expect(room.gameState.stances).toEqual(tokyo.view.stances);
    // and it can act again, through the same SDK room
    expect(await tokyo.act({ type: "say", channel: "table", text: "back" })).toEqual({ ok: true });
    expect(seoul.room.state.seats.get("tokyo")!.bot).toBe(false);
    for (const s of [seoul, tokyo, washington]) await s.leave();
  });

  it("a refresh rejoins with the seat token at once, even inside the old connection's window", { timeout: 30_000 }, async () => {
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { deckOrder: "chronological" });
    await waitFor("started", () => seoul.room.state.started);
    expect(await seoul.act({ type: "say", channel: "seoul-washington", text: "remember this" })).toEqual({ ok: true });
    const token = washington.seat!.seatToken!;
    await waitFor("Washington hears Seoul", () => washington.view.messages.length === 1);
    const before = washington.view;

    closeTab(washington); // the old connection is now inside its reconnection window
    const again = await joinTable(t.sdk(), code, { seatToken: token });
    expect(again.seat).toMatchObject({ code, role: "player", nation: "washington", seatToken: token });
    expect(again.view.messages).toEqual(before.messages);
    expect(again.view.agendas).toEqual(before.agendas);
    // (the presence patch may carry the drop and the return, or only their sum)
    await waitFor("Seoul sees Washington connected", () => seoul.room.state.seats.get("washington")!.connected);

    // the old window passes: no bot takes the seat, since its human is back
    await sleep(WINDOW_SECONDS * 1000 + 700);
    expect(seoul.room.state.seats.get("washington")!.bot).toBe(false);
    expect(seoul.room.state.seats.get("washington")!.connected).toBe(true);
    expect(await again.act({ type: "say", channel: "table", text: "refreshed" })).toEqual({ ok: true });

    // a second window with the same token takes over the seat; the first one is closed with a notice
    const third = await joinTable(t.sdk(), code, { seatToken: token });
    await waitFor("the older window is told", () => again.notices.some((n) => n.text.includes("another window")));
    await waitFor("the older window is closed", () => !again.room.connection.isOpen);
    expect(await third.act({ type: "say", channel: "table", text: "third window" })).toEqual({ ok: true });
    for (const s of [seoul, tokyo, third]) await s.leave();
  });

  it("a player who leaves before the game starts frees the seat", { timeout: 20_000 }, async () => {
    const sdk = t.sdk();
    const host = await createTable(sdk, { name: "Host", nation: "seoul" });
    const guest = await joinTable(sdk, host.code, { name: "Guest", nation: "tokyo" });
    const token = guest.seat!.seatToken!;
    await waitFor("Tokyo taken", () => host.room.state.seats.get("tokyo")?.occupied === true);
    await guest.leave();
    await waitFor("Tokyo free again", () => host.room.state.seats.get("tokyo")?.occupied === false);
    expect(host.room.state.started).toBe(false);
    await expect(sdk.joinById(host.code, { seatToken: token })).rejects.toMatchObject({ code: 403 });
    const other = await joinTable(sdk, host.code, { name: "Other", nation: "tokyo" });
    expect(other.seat!.nation).toBe("tokyo");
    await waitFor("the new name", () => host.room.state.seats.get("tokyo")?.name === "Other");
    for (const s of [host, other]) await s.leave();
  });

  it("when the window passes a bot plays the seat, until the human reclaims it with the token", { timeout: 45_000 }, async () => {
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { rounds: 4, deckOrder: "chronological" });
    await waitFor("started", () => seoul.room.state.started);
    const token = washington.seat!.seatToken!;
    const room = roomOf(code);
    const stance = room.gameState.stances.washington;

    closeTab(washington);
    await waitFor("a bot takes Washington", () => seoul.room.state.seats.get("washington")?.bot === true, WINDOW_SECONDS * 1000 + 3000);
    expect(seoul.notices.some((n) => n.text.includes("bot is playing Washington"))).toBe(true);
    expect(seoul.room.state.seats.get("washington")!.stance).toBe(stance);
    const takeoverAt = room.commandCount;

    // Seoul and Tokyo play on; the bot answers for Washington
    const players = [new AutoPlayer(seoul, "bot-s"), new AutoPlayer(tokyo, "bot-t")];
    for (const p of players) p.kick();
    await waitFor("round 2", () => seoul.view.round >= 2, 15_000);
    for (const p of players) p.stop();
    const log = (await t.server.trilateral.store.commands(code)).slice(takeoverAt);
    expect(log.some((c) => c.actor.kind === "seat" && c.actor.nation === "washington")).toBe(true);

    // the human comes back with the token: the bot steps aside
    const back = await joinTable(t.sdk(), code, { seatToken: token });
    expect(back.seat!.nation).toBe("washington");
    await waitFor("the seat is human again", () => seoul.room.state.seats.get("washington")?.bot === false);
    expect(seoul.room.state.seats.get("washington")!.connected).toBe(true);
    expect(back.view).toEqual(viewFor(room.gameState, { kind: "seat", nation: "washington" }));
    await sleep(300);
    const reclaimedAt = room.commandCount;
    // …and the game goes on with three humans to the end, the bot no longer acting for Washington
    const everyone = [new AutoPlayer(seoul, "end-s"), new AutoPlayer(tokyo, "end-t"), new AutoPlayer(back, "end-w")];
    await playToEnd(everyone, 30_000);
    const washingtonAfter = (await t.server.trilateral.store.commands(code))
      .slice(reclaimedAt)
      .filter((c) => c.actor.kind === "seat" && c.actor.nation === "washington").length;
    expect(washingtonAfter).toBe(everyone[2]!.replies.filter((r) => r.ok).length);
    for (const s of [seoul, tokyo, back]) await s.leave();
  });
});
