import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "../rules/apply.ts";
import { eventsFor, viewFor } from "../rules/view.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { CLASS_MESSAGES, TABLE_MESSAGES } from "./server-messages.ts";
import { diffViews, viewHash, wireView } from "./view-delta.ts";

/** A game two steps in, and what the table sends Tokyo after the second step. */
function sent() {
  const first = newGame(7, { rounds: 2 }, mixedDeck()).state;
  const said = applyCommand(first, { actor: { kind: "seat", nation: "seoul" }, at: 1, command: { type: "say", channel: "table", text: "hello" } });
  if (!said.ok) throw new Error(said.error.message);
  const viewer = { kind: "seat", nation: "tokyo" } as const;
  const before = wireView(viewFor(first, viewer));
  const after = wireView(viewFor(said.state, viewer));
  const events = JSON.parse(JSON.stringify(eventsFor(said.events, viewer, said.state))) as unknown;
  return {
    view: { view: after, events, seq: 1, hash: viewHash(after) },
    delta: { base: 0, seq: 1, ops: JSON.parse(JSON.stringify(diffViews(before, after))) as unknown, events, hash: viewHash(after) },
  };
}

describe("the server-message registry", () => {
  it("reads the view and the delta a table sends, as they come off the wire", () => {
    const { view, delta } = sent();
    const v = TABLE_MESSAGES.view.parse(view);
    expect(v.view.messages.map((m) => m.text)).toEqual(["hello"]);
    expect(v.events.map((e) => e.type)).toContain("messageSent");
    expect(TABLE_MESSAGES.delta.parse(delta).ops.some((op) => op.op === "add" && op.path.startsWith("/messages/"))).toBe(true);
  });

  it("refuses a view that lacks what the screen reads, an event of an unknown type and a patch that is not RFC 6902", () => {
    const { view, delta } = sent();
    const { phase: _phase, ...noPhase } = view.view;
    expect(TABLE_MESSAGES.view.safeParse({ ...view, view: noPhase }).success).toBe(false);
    expect(TABLE_MESSAGES.view.safeParse({ ...view, events: [{ type: "somethingNew" }] }).success).toBe(false);
    expect(TABLE_MESSAGES.view.safeParse({ ...view, seq: -1 }).success).toBe(false);
    expect(TABLE_MESSAGES.delta.safeParse({ ...delta, ops: [{ op: "merge", path: "/round" }] }).success).toBe(false);
  });

  it("brands the codes it reads and refuses a seat message with a code that is not a table's", () => {
    const seat = TABLE_MESSAGES.seat.parse({ code: "kmbtr", role: "player", nation: "seoul", seatToken: null });
    expect(seat.code).toBe("KMBTR");
    expect(TABLE_MESSAGES.seat.safeParse({ code: "KMB", role: "player", nation: "seoul", seatToken: null }).success).toBe(false);
    expect(TABLE_MESSAGES.seat.safeParse({ code: "KMBTR", role: "king", nation: "seoul", seatToken: null }).success).toBe(false);
    expect(CLASS_MESSAGES.lobby.safeParse({ code: "KMBTRW", title: "Seminar", status: "lobby", students: 2, limit: 30, tables: 0, message: "Waiting." }).success).toBe(true);
    expect(CLASS_MESSAGES.lobby.safeParse({ code: "KMBTR", title: "Seminar", status: "lobby", students: 2, limit: 30, tables: 0, message: "Waiting." }).success).toBe(false);
  });

  it("has one schema per message type of each room, and notices alike in both", () => {
    expect(Object.keys(TABLE_MESSAGES).sort()).toEqual(["delta", "notice", "seat", "view"]);
    expect(Object.keys(CLASS_MESSAGES).sort()).toEqual(["console", "lobby", "notice", "roster", "seat", "you"]);
    expect(CLASS_MESSAGES.notice).toBe(TABLE_MESSAGES.notice);
  });
});
