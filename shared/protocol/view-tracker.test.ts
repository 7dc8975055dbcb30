import { describe, expect, it } from "vitest";
import { applyCommand, newGame } from "../rules/apply.ts";
import { viewFor } from "../rules/view.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { applyViewPatch, viewHash, wireView } from "./view-delta.ts";
import { advanceView, snapshot, toWire, trackedHash, trackView } from "./view-tracker.ts";

describe("view tracker: the wire form", () => {
  it("is exactly the JSON form, sharing the state's own objects where they are plain already", () => {
    const state = newGame(9, { rounds: 2 }, mixedDeck()).state;
    const view = viewFor(state, { kind: "instructor" });
    const odd = { ...view, extra: undefined, threat: Number.NaN, list: [1, undefined, () => 0], when: new Date(0) } as never;
    expect(toWire(view)).toEqual(wireView(view));
    expect(JSON.stringify(toWire(odd))).toBe(JSON.stringify(odd));
    expect(toWire(odd)).toEqual(JSON.parse(JSON.stringify(odd)));
    expect((toWire(view) as typeof view).card).toBe(view.card); // no copy of what is already JSON
  });
});

describe("view tracker: a delta costs what changed", () => {
  const apply = (state: ReturnType<typeof newGame>["state"], nation: "seoul" | "tokyo" | "washington", command: Parameters<typeof applyCommand>[1]["command"]) => {
    const r = applyCommand(state, { actor: { kind: "seat", nation }, at: 1, command });
    if (!r.ok) throw new Error(r.error.message);
    return r.state;
  };

  it("sends new chat as adds at new indices only, never a message already sent, and keeps the hash equal to viewHash", () => {
    let state = newGame(11, { rounds: 2 }, mixedDeck()).state;
    const viewer = { kind: "seat", nation: "seoul" } as const;
    const tracked = trackView(viewFor(state, viewer));
    expect(tracked.wire).toEqual(wireView(viewFor(state, viewer)));
    expect(trackedHash(tracked)).toBe(viewHash(viewFor(state, viewer)));
    for (let i = 0; i < 30; i++) {
      const [nation, channel] = i % 3 === 0 ? (["tokyo", "tokyo-washington"] as const) : (["tokyo", "table"] as const);
      state = apply(state, nation, { type: "say", channel, text: `line ${i}` });
      const before = snapshot(tracked);
      const agendas = tracked.wire.agendas;
      const ops = advanceView(tracked, viewFor(state, viewer));
      const expected = wireView(viewFor(state, viewer));
      expect(applyViewPatch(before, ops)).toEqual(expected);
      expect(tracked.wire).toEqual(expected); // brought up to date in place
      expect(before.messages.length).toBe(expected.messages.length - (channel === "table" ? 1 : 0)); // the snapshot did not move
      if (channel === "table") expect(ops).toEqual([{ op: "add", path: `/messages/${before.messages.length}`, value: expected.messages.at(-1) }]);
      else expect(ops).toEqual([]); // a channel Seoul cannot read: nothing at all
      if (i % 4 === 0) expect(trackedHash(tracked)).toBe(viewHash(viewFor(state, viewer))); // hashed now and then, as the server does
      expect(tracked.wire.agendas).toBe(agendas); // built afresh by viewFor, equal: the same wire object
    }
  });

  it("replaces a new card in one operation instead of patching one card into another", () => {
    let state = newGame(12, { rounds: 3 }, mixedDeck()).state;
    const viewer = { kind: "instructor" } as const;
    const tracked = trackView(viewFor(state, viewer));
    const firstCard = state.current.cardId;
    let replaced = 0;
    for (let guard = 0; guard < 40 && state.current.cardId === firstCard; guard++) {
      const r = applyCommand(state, { actor: { kind: "system" }, at: 1, command: { type: "phaseTimeout", round: state.round, phase: state.phase } });
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
      const before = snapshot(tracked);
      const ops = advanceView(tracked, viewFor(state, viewer));
      expect(applyViewPatch(before, ops)).toEqual(wireView(viewFor(state, viewer)));
      if (state.current.cardId !== firstCard && state.current.cardId && firstCard) {
        expect(ops.filter((op) => op.path.startsWith("/card"))).toEqual([{ op: "replace", path: "/card", value: wireView(viewFor(state, viewer)).card }]);
        replaced += 1;
      }
    }
    expect(replaced).toBe(1);
  });
});
