import { describe, expect, it } from "vitest";
import type { DeltaMessage } from "../../../shared/protocol/messages.ts";
import { diffViews, viewHash, wireView } from "../../../shared/protocol/view-delta.ts";
import { applyCommand, newGame } from "../../../shared/rules/apply.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { viewFor } from "../../../shared/rules/view.ts";
import type { Nation } from "../../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../../../tests/support/cards.ts";
import { initialState, receiveView, Store, type AppState } from "./store.ts";
import { receiveDelta } from "./view-sync.ts";

/** A small fake server: the engine, viewFor for Tokyo's seat, and the delta it would send. */
function fakeServer() {
  let state: GameState = newGame(11, { rounds: 2 }, mixedDeck()).state;
  const viewer = { kind: "seat", nation: "tokyo" } as const;
  let seq = 0;
  let last = wireView(viewFor(state, viewer));
  return {
    full: () => ({ view: last, events: [], seq, hash: viewHash(last) }),
    act(nation: Nation, command: Command, withHash = true): DeltaMessage {
      const r = applyCommand(state, { actor: { kind: "seat", nation }, at: seq + 1, command });
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
      const next = wireView(viewFor(state, viewer));
      const delta: DeltaMessage = { base: seq, seq: seq + 1, ops: diffViews(last, next), events: [] };
      if (withHash) delta.hash = viewHash(next);
      seq += 1;
      last = next;
      return delta;
    },
    current: () => last,
  };
}

const say = (text: string): Command => ({ type: "say", channel: "table", text });

function joined(server: ReturnType<typeof fakeServer>) {
  const store = new Store<AppState>(initialState);
  const m = server.full();
  receiveView(store, m.view, m.events, m.seq);
  return store;
}

describe("the client's copy of its view", () => {
  it("applies deltas in order and ends with exactly the server's view", () => {
    const server = fakeServer();
    const store = joined(server);
    for (let i = 0; i < 5; i++) {
      const d = server.act(i % 2 ? "seoul" : "washington", say(`message ${i}`), i % 2 === 0);
      expect(receiveDelta(store, d)).toBe("applied");
      expect(store.get().seq).toBe(d.seq);
    }
    expect(store.get().view).toEqual(server.current());
    expect(store.get().view!.messages.map((m) => m.text)).toEqual(["message 0", "message 1", "message 2", "message 3", "message 4"]);
    expect(store.get().sync).toEqual({ deltas: 5, resyncs: 0 });
  });

  it("a dropped delta is a gap: it asks for the full view, waits for it, and the full view heals the copy", () => {
    const server = fakeServer();
    const store = joined(server);
    server.act("seoul", say("lost on the way"));
    const after = server.act("seoul", say("arrives"));
    expect(receiveDelta(store, after)).toBe("resync");
    expect(store.get().resyncing).toBe(true);
    expect(store.get().sync.resyncs).toBe(1);
    expect(store.get().view!.messages).toHaveLength(0);
    // Deltas that arrive while the full view is on its way are dropped: the full view covers them.
    expect(receiveDelta(store, server.act("seoul", say("meanwhile")))).toBe("ignored");
    const full = server.full();
    receiveView(store, full.view, full.events, full.seq);
    expect(store.get().resyncing).toBe(false);
    expect(store.get().view).toEqual(server.current());
    expect(receiveDelta(store, server.act("washington", say("then on")))).toBe("applied");
    expect(store.get().view).toEqual(server.current());
  });

  it("a delta whose result does not hash to the server's hash asks for the full view", () => {
    const server = fakeServer();
    const store = joined(server);
    const d = server.act("seoul", say("hello"));
    const tampered = { ...d, hash: viewHash({ ...server.current(), round: 99 }) };
    expect(receiveDelta(store, tampered)).toBe("resync");
    expect(store.get().view!.messages).toHaveLength(0);
  });

  it("a patch that does not fit the copy asks for the full view and leaves the copy as it was", () => {
    const server = fakeServer();
    const store = joined(server);
    const before = store.get().view;
    const d: DeltaMessage = { base: 0, seq: 1, ops: [{ op: "replace", path: "/nothing/here", value: 1 }], events: [] };
    expect(receiveDelta(store, d)).toBe("resync");
    expect(store.get().view).toBe(before);
    expect(store.get().seq).toBe(0);
  });

  it("a delta already seen is ignored, and a full view always replaces the copy", () => {
    const server = fakeServer();
    const store = joined(server);
    const d = server.act("seoul", say("once"));
    expect(receiveDelta(store, d)).toBe("applied");
    expect(receiveDelta(store, d)).toBe("ignored");
    expect(store.get().view!.messages).toHaveLength(1);
    server.act("seoul", say("twice"));
    const full = server.full();
    receiveView(store, full.view, [], full.seq);
    expect(store.get().seq).toBe(2);
    expect(store.get().view!.messages).toHaveLength(2);
  });

  it("a delta before any full view asks for one", () => {
    const store = new Store<AppState>(initialState);
    const server = fakeServer();
    expect(receiveDelta(store, server.act("seoul", say("early")))).toBe("resync");
  });
});
