import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "../rules/apply.ts";
import { viewFor } from "../rules/view.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { applyViewPatch, diffViews, viewHash, wireView } from "./view-delta.ts";

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
