import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "../rules/apply.ts";
import { viewFor } from "../rules/view.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { applyViewPatch, diffViews, viewHash, WireCache, wireView } from "./view-delta.ts";

describe("view deltas", () => {
  it("a patch from one view to the next rebuilds the next view exactly, and the hashes agree", () => {
    const first = newGame(7, { rounds: 2 }, mixedDeck()).state;
    const said = applyCommand(first, { actor: { kind: "seat", nation: "seoul" }, at: 1, command: { type: "say", channel: "table", text: "hello" } });
    if (!said.ok) throw new Error(said.error.message);
    const viewer = { kind: "seat", nation: "tokyo" } as const;
    const a = wireView(viewFor(first, viewer));
    const b = wireView(viewFor(said.state, viewer));
    const ops = diffViews(a, b);
    expect(ops.length).toBeGreaterThan(0);
    expect(ops.some((op) => op.op === "add" && op.path.startsWith("/messages/"))).toBe(true);
    const patched = applyViewPatch(a, ops);
    expect(patched).toEqual(b);
    expect(viewHash(patched)).toBe(viewHash(b));
    expect(viewHash(a)).not.toBe(viewHash(b));
  });
});

describe("the server's wire cache", () => {
  it("gives exactly wireView and viewHash, and reuses the wire form of what did not change", () => {
    const first = newGame(9, { rounds: 2 }, mixedDeck()).state;
    const said = applyCommand(first, { actor: { kind: "seat", nation: "seoul" }, at: 1, command: { type: "say", channel: "table", text: "hello" } });
    if (!said.ok) throw new Error(said.error.message);
    const again = applyCommand(said.state, { actor: { kind: "seat", nation: "tokyo" }, at: 2, command: { type: "say", channel: "table", text: "hi" } });
    if (!again.ok) throw new Error(again.error.message);
    const cache = new WireCache();
    const viewer = { kind: "seat", nation: "washington" } as const;
    const a = cache.wire(viewFor(said.state, viewer));
    const b = cache.wire(viewFor(again.state, viewer));
    expect(a).toEqual(wireView(viewFor(said.state, viewer)));
    expect(b).toEqual(wireView(viewFor(again.state, viewer)));
    expect(cache.hash(b)).toBe(viewHash(viewFor(again.state, viewer)));
    expect(cache.hash(a)).not.toBe(cache.hash(b));
    expect(b.messages[0]).toBe(a.messages[0]); // the same message, the same wire object
    expect(b.card).toBe(a.card);
    expect(JSON.stringify(cache.wire({ ...viewFor(again.state, viewer), extra: undefined } as never))).toBe(JSON.stringify(b));
  });
});
