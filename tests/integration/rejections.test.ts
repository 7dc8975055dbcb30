import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandReply } from "../../shared/protocol/messages.ts";
import type { TableRoom } from "../../server/rooms/TableRoom.ts";
import { bootTestServer, createTable, fullTable, INSTRUCTOR_KEY, joinTable, sleep, waitFor, type TestSeat, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25672);
});
afterAll(async () => {
  await t.shutdown();
});

const roomOf = (code: string) => t.colyseus.getRoomById(code) as unknown as TableRoom;

/** Runs `fn` and checks that the table did not change at all and the connection stayed open. */
async function unchanged(seat: TestSeat, fn: () => Promise<void>): Promise<void> {
  const room = roomOf(seat.code);
  const before = structuredClone(room.gameState);
  const count = room.commandCount;
  const views = seat.views.length;
  const lastView = seat.views[views - 1];
  await fn();
  await sleep(50);
  expect(room.gameState).toEqual(before);
  expect(room.commandCount).toBe(count);
  expect(seat.views.length).toBe(views);
  expect(seat.views[views - 1]).toEqual(lastView);
  expect(seat.room.connection.isOpen).toBe(true);
}

const refused = (reply: CommandReply, code: string) => {
  expect(reply.ok).toBe(false);
  if (!reply.ok) {
    expect(reply.code).toBe(code);
    expect(reply.message.length).toBeGreaterThan(5);
  }
};

describe("bad input gets an answer, changes nothing, and keeps the connection", () => {
  it("malformed, forged, out-of-phase, other-seat and oversized commands are refused", { timeout: 30_000 }, async () => {
    // chronological order with the test deck: the first card asks no response, so play starts in negotiation
    const { seoul, tokyo, washington } = await fullTable(t.sdk(), { deckOrder: "chronological" });
    await waitFor("negotiation", () => seoul.view.phase === "negotiation" && seoul.room.state.started);

    await unchanged(seoul, async () => {
      refused(await seoul.raw("garbage"), "INVALID_MESSAGE");
      refused(await seoul.raw(undefined), "INVALID_MESSAGE");
      refused(await seoul.raw({ actionId: 7, command: { type: "ready" } }), "INVALID_MESSAGE");
      refused(await seoul.raw({ actionId: "x1", command: { type: "launchMissiles" } }), "INVALID_MESSAGE");
      // a forged actor is not part of the protocol
      refused(await seoul.raw({ actionId: "x2", command: { type: "ready" }, actor: { kind: "seat", nation: "tokyo" } }), "INVALID_MESSAGE");
      refused(await seoul.raw({ actionId: "x3", command: { type: "ready", nation: "tokyo" } }), "INVALID_MESSAGE");
    });

    await unchanged(seoul, async () => {
      // out of phase
      refused(await seoul.act({ type: "commitPolicy", policy: "hold-steady" }), "WRONG_PHASE");
      refused(await seoul.act({ type: "respond", optionId: "soft" }), "WRONG_PHASE");
      // only the clock ends a phase
      refused(await seoul.act({ type: "phaseTimeout", round: 1, phase: "negotiation" }), "SYSTEM_ONLY");
      // another pair's channel
      refused(await seoul.act({ type: "say", channel: "tokyo-washington", text: "let me in" }), "NOT_IN_CHANNEL");
      // a proposal that does not name Seoul
      refused(
        await seoul.act({ type: "tableProposal", parties: ["tokyo", "washington"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: "" }),
        "BAD_PARTIES",
      );
      // chat over the length limit, and a 30 KB note (bigger than Colyseus's default 4 KiB frame limit)
      refused(await seoul.act({ type: "say", channel: "table", text: "x".repeat(501) }), "INVALID_MESSAGE");
      refused(
        await seoul.act({ type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: "n".repeat(30_000) }),
        "INVALID_MESSAGE",
      );
    });

    // answering a proposal Seoul is not a party to
    const tabled = await tokyo.act({ type: "tableProposal", parties: ["tokyo", "washington"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: "just us" });
    expect(tabled).toEqual({ ok: true });
    await waitFor("the proposal reaches Washington", () => washington.view.proposals.length === 1);
    expect(seoul.view.proposals).toEqual([]);
    const id = washington.view.proposals[0]!.id;
    await unchanged(seoul, async () => {
      refused(await seoul.act({ type: "acceptProposal", proposalId: id }), "NOT_A_PARTY");
      refused(await seoul.act({ type: "withdrawProposal", proposalId: id }), "NOT_A_PARTY");
    });
    for (const s of [seoul, tokyo, washington]) await s.leave();
  });

  it("chat is limited to 5 messages per 10 s per seat, all actions to 20 per second", { timeout: 30_000 }, async () => {
    const { seoul, tokyo, washington } = await fullTable(t.sdk(), { deckOrder: "chronological" });
    await waitFor("started", () => seoul.room.state.started);
    for (let i = 1; i <= 5; i++) expect(await seoul.act({ type: "say", channel: "table", text: `hello ${i}` })).toEqual({ ok: true });
    await waitFor("five messages", () => tokyo.view.messages.length === 5);
    await unchanged(seoul, async () => {
      refused(await seoul.act({ type: "say", channel: "table", text: "hello 6" }), "RATE_LIMITED");
      refused(await seoul.act({ type: "say", channel: "seoul-tokyo", text: "psst" }), "RATE_LIMITED");
    });
    // other seats are not limited by Seoul's chat
    expect(await tokyo.act({ type: "say", channel: "table", text: "hi Seoul" })).toEqual({ ok: true });

    await sleep(1100);
    await unchanged(washington, async () => {
      const replies = await Promise.all(Array.from({ length: 30 }, (_, i) => washington.raw({ actionId: `flood-${i}`, command: { type: "nope" } })));
      const limited = replies.filter((r) => !r.ok && r.code === "RATE_LIMITED").length;
      expect(limited).toBeGreaterThanOrEqual(10);
      expect(replies.filter((r) => !r.ok && r.code === "INVALID_MESSAGE").length).toBeLessThanOrEqual(20);
    });
    await sleep(1100);
    expect(await washington.act({ type: "say", channel: "table", text: "still here" })).toEqual({ ok: true });
    for (const s of [seoul, tokyo, washington]) await s.leave();
  });

  it("a retried actionId gets the original reply and is applied once", { timeout: 20_000 }, async () => {
    const { seoul, tokyo, washington } = await fullTable(t.sdk(), { deckOrder: "chronological" });
    await waitFor("started", () => seoul.room.state.started);
    const room = roomOf(seoul.code);
    const before = room.commandCount;
    const first = await seoul.act({ type: "say", channel: "seoul-tokyo", text: "once" }, "retry-1");
    const again = await seoul.act({ type: "say", channel: "seoul-tokyo", text: "once" }, "retry-1");
    expect(first).toEqual({ ok: true });
    expect(again).toEqual({ ok: true });
    expect(room.commandCount).toBe(before + 1);
    const badFirst = await seoul.act({ type: "commitPolicy", policy: "hold-steady" }, "retry-2");
    refused(badFirst, "WRONG_PHASE");
    expect(await seoul.act({ type: "ready" }, "retry-2")).toEqual(badFirst);
    await waitFor("the message", () => tokyo.view.messages.length === 1);
    expect(tokyo.view.messages.filter((m) => m.text === "once")).toHaveLength(1);
    for (const s of [seoul, tokyo, washington]) await s.leave();
  });

  it("unknown message types get a notice or an error, not a kick; spectators and early actions are refused", { timeout: 20_000 }, async () => {
    const host = await createTable(t.sdk(), { name: "Host", nation: "seoul" });
    // the table waits for its other seats: game actions wait too, chat does not
    refused(await host.act({ type: "ready" }), "NOT_STARTED");
    expect(await host.act({ type: "say", channel: "table", text: "anyone?" })).toEqual({ ok: true });

    host.room.send("dance", { fast: true });
    await waitFor("a notice", () => host.notices.find((n) => n.text.includes("dance")));
    await expect(host.room.request("dance", {}, { timeout: 5000 })).rejects.toThrow();
    expect(host.room.connection.isOpen).toBe(true);

    const spectator = await joinTable(t.sdk(), host.code, { spectate: true });
    expect(spectator.seat).toMatchObject({ role: "spectator", nation: null, seatToken: null });
    refused(await spectator.act({ type: "say", channel: "table", text: "hi" }), "NOT_SEATED");
    // a spectator sees no agenda
    expect(spectator.view.agendas).toEqual({});
    await spectator.leave();
    await host.leave();
  });

  it("joining and creating fail with clear messages", { timeout: 20_000 }, async () => {
    const sdk = t.sdk();
    await expect(sdk.joinById("QQQQQ", { name: "Nobody" })).rejects.toMatchObject({ code: 404, message: expect.stringMatching(/no table with the code QQQQQ/) });
    await expect(sdk.joinById("not-a-code", { name: "Nobody" })).rejects.toMatchObject({ code: 404 });
    await expect(sdk.create("table", { name: "", rounds: 3 })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/name/) });
    await expect(sdk.create("table", { name: "Ann", rounds: 99 })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/rounds/) });
    await expect(sdk.create("table", { name: "Ann", botDifficulty: "impossible" })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/botDifficulty/) });
    await expect(sdk.create("table", { name: "Ann", nation: "tokyo", bots: { tokyo: "hawkish" } })).rejects.toMatchObject({ code: 400 });
    await expect(sdk.create("table", { name: "Ann", bots: { seoul: "hawkish" } })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/stance/) });
    await expect(sdk.joinOrCreate("table", { name: "Ann" })).rejects.toMatchObject({ code: 400 });

    const host = await createTable(sdk, { name: "Host", nation: "tokyo", bots: { washington: "alliance-builder" } });
    const code = host.code;
    await expect(sdk.joinById(code, { name: "Copy", nation: "tokyo" })).rejects.toMatchObject({ code: 409, message: "Tokyo is taken." });
    await expect(sdk.joinById(code, { name: "Bot fan", nation: "washington" })).rejects.toMatchObject({ code: 409, message: expect.stringMatching(/bot/) });
    await expect(sdk.joinById(code, { instructorKey: "wrong-key" })).rejects.toMatchObject({ code: 403 });
    await expect(sdk.joinById(code, { seatToken: "x".repeat(32) })).rejects.toMatchObject({ code: 403 });
    await expect(sdk.joinById(code, { name: "Who", unknownOption: 1 } as never)).rejects.toMatchObject({ code: 400 });
    await expect(sdk.joinById(code, {})).rejects.toMatchObject({ code: 400, message: "Please type a name." });
    await expect(sdk.joinById(code, { name: "Nul\u0000Byte" })).rejects.toMatchObject({ code: 400, message: expect.stringMatching(/Names cannot contain control characters/) });
    // lower case codes work; any free seat is taken when no nation is asked for
    const third = await joinTable(sdk, code.toLowerCase(), { name: "Third" });
    expect(third.seat!.nation).toBe("seoul");
    await expect(sdk.joinById(code, { name: "Fourth" })).rejects.toMatchObject({ code: 409, message: expect.stringMatching(/full/) });
    const teacher = await joinTable(sdk, code, { instructorKey: INSTRUCTOR_KEY });
    expect(teacher.seat!.role).toBe("instructor");
    for (const s of [host, third, teacher]) await s.leave();
  });
});
