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

describe("the wire cache's advance: a delta costs what changed", () => {
  const apply = (state: ReturnType<typeof newGame>["state"], nation: "seoul" | "tokyo" | "washington", command: Parameters<typeof applyCommand>[1]["command"]) => {
    const r = applyCommand(state, { actor: { kind: "seat", nation }, at: 1, command });
    if (!r.ok) throw new Error(r.error.message);
    return r.state;
  };

  it("sends new chat as adds at new indices only, never a message already sent, and keeps the hash equal to viewHash", () => {
    let state = newGame(11, { rounds: 2 }, mixedDeck()).state;
    const cache = new WireCache();
    const viewer = { kind: "seat", nation: "seoul" } as const;
    let tracked = { view: viewFor(state, viewer), wire: cache.wire(viewFor(state, viewer)) };
    cache.hash(tracked.wire);
    for (let i = 0; i < 30; i++) {
      const [nation, channel] = i % 3 === 0 ? (["tokyo", "tokyo-washington"] as const) : (["tokyo", "table"] as const);
      state = apply(state, nation, { type: "say", channel, text: `line ${i}` });
      const before = tracked.wire;
      const { next, ops } = cache.advance(tracked, viewFor(state, viewer));
      const expected = wireView(viewFor(state, viewer));
      expect(applyViewPatch(before, ops)).toEqual(expected);
      if (channel === "table") expect(ops).toEqual([{ op: "add", path: `/messages/${before.messages.length}`, value: expected.messages.at(-1) }]);
      else expect(ops).toEqual([]); // a channel Seoul cannot read: nothing at all
      expect(cache.hash(next.wire)).toBe(viewHash(viewFor(state, viewer)));
      expect(next.wire.agendas).toBe(before.agendas); // built afresh by viewFor, equal: the same wire object
      tracked = next;
    }
  });

  it("replaces a new card in one operation instead of patching one card into another", () => {
    let state = newGame(12, { rounds: 3 }, mixedDeck()).state;
    const cache = new WireCache();
    const viewer = { kind: "instructor" } as const;
    let tracked = { view: viewFor(state, viewer), wire: cache.wire(viewFor(state, viewer)) };
    const firstCard = state.current.cardId;
    let replaced = 0;
    for (let guard = 0; guard < 40 && state.current.cardId === firstCard; guard++) {
      const r = applyCommand(state, { actor: { kind: "system" }, at: 1, command: { type: "phaseTimeout", round: state.round, phase: state.phase } });
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
      const before = tracked.wire;
      const { next, ops } = cache.advance(tracked, viewFor(state, viewer));
      expect(applyViewPatch(before, ops)).toEqual(wireView(viewFor(state, viewer)));
      if (state.current.cardId !== firstCard && state.current.cardId && firstCard) {
        expect(ops.filter((op) => op.path.startsWith("/card"))).toEqual([{ op: "replace", path: "/card", value: wireView(viewFor(state, viewer)).card }]);
        replaced += 1;
      }
      tracked = next;
    }
    expect(replaced).toBe(1);
  });
});
