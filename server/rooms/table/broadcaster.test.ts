import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeltaMessage, ViewMessage } from "../../../shared/protocol/messages.ts";
import { applyViewPatch, wireHash, wireView } from "../../../shared/protocol/view-delta.ts";
import { applyCommand, newGame } from "../../../shared/rules/apply.ts";
import { seat } from "../../../shared/rules/commands.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { viewFor, type PlayerView, type Viewer } from "../../../shared/rules/view.ts";
import { NATIONS } from "../../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../../../tests/support/cards.ts";
import { scriptedMove } from "../../../tests/support/scripted.ts";
import { Broadcaster, type Recipient } from "./broadcaster.ts";

const deck = mixedDeck();
const VIEWERS: Viewer[] = [...NATIONS.map((nation) => ({ kind: "seat", nation }) as const), { kind: "instructor" }, { kind: "spectator" }];

/** A random game: each choice becomes a legal command of some seat, a chat line, or a deadline. */
function* randomGame(seed: number, script: number[]): Generator<{ state: GameState; events: GameEvent[]; phaseChanged: boolean }> {
  let state = newGame(seed, { rounds: 2 }, deck).state;
  let at = 0;
  for (const choice of script) {
    if (state.phase === "ended") return;
    const { actor, command } = scriptedMove(state, choice, 9);
    const result = applyCommand(state, { actor, at: (at += 1000), command });
    if (!result.ok) throw new Error(`refused: ${result.error.code}`);
    const phaseChanged = result.state.phase !== state.phase || result.state.round !== state.round;
    state = result.state;
    yield { state, events: result.events, phaseChanged };
  }
}

describe("broadcaster: views as deltas", () => {
  it("applying every delta to the first full view gives exactly wireView(viewFor) at every step, for every viewer", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.array(fc.nat(600), { minLength: 10, maxLength: 160 }), (seed, script) => {
        const b = new Broadcaster({ deltas: true, hashEvery: 4 });
        const first = newGame(seed, { rounds: 2 }, deck).state;
        const held = new Map<string, { view: PlayerView; seq: number }>();
        for (const viewer of VIEWERS) {
          const full = b.fullMessage(first, 0, viewer);
          expect(full.hash).toBe(wireHash(full.view));
          held.set(JSON.stringify(viewer), { view: full.view, seq: 0 });
        }
        let seq = 0;
        for (const step of randomGame(seed, script)) {
          seq += 1;
          for (const viewer of VIEWERS) {
            const [type, message] = b.messageFor(step.state, seq, viewer, step.events, step.phaseChanged);
            expect(type).toBe("delta");
            const delta = message as DeltaMessage;
            const mine = held.get(JSON.stringify(viewer))!;
            expect(delta.base).toBe(mine.seq);
            const view = applyViewPatch(mine.view, delta.ops);
            expect(view).toEqual(wireView(viewFor(step.state, viewer)));
            if (step.phaseChanged) expect(delta.hash).toBeDefined();
            if (delta.hash !== undefined) expect(delta.hash).toBe(wireHash(view));
            held.set(JSON.stringify(viewer), { view, seq });
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("encodes once per viewer key, sends a full view after a gap in its own history, and a full view every time when deltas are off", () => {
    const game = newGame(3, { rounds: 2 }, deck).state;
    const said = applyCommand(game, { actor: seat("seoul"), at: 1, command: { type: "say", channel: "table", text: "hi" } });
    if (!said.ok) throw new Error("refused");
    const sent: { id: string; bytes: Uint8Array }[] = [];
    const client = (id: string, viewer: Viewer) => ({
      viewer,
      r: { sessionId: id, send() {}, enqueueRaw: (bytes: Uint8Array) => sent.push({ id, bytes }) } satisfies Recipient,
    });
    const clients = [client("a", { kind: "spectator" }), client("b", { kind: "spectator" }), client("c", { kind: "seat", nation: "tokyo" })];
    const viewerOf = (r: Recipient) => clients.find((c) => c.r === r)!.viewer;
    const b = new Broadcaster({ deltas: true });
    for (const c of clients) b.sendFull(c.r, game, 0, c.viewer);
    sent.length = 0;
    b.broadcast(clients.map((c) => c.r), viewerOf, said.state, 1, said.events, false);
    expect(sent.map((s) => s.id)).toEqual(["a", "b", "c"]);
    expect(sent[0]!.bytes).toBe(sent[1]!.bytes); // one encoding shared by the spectators
    expect(b.bytesSent.delta).toBe(sent[0]!.bytes.length + sent[2]!.bytes.length);
    // a key that missed a command (nobody held it) gets a full view, never a delta from a stale base
    const [type] = b.messageFor(said.state, 5, { kind: "seat", nation: "seoul" }, [], false);
    expect(type).toBe("view");
    const off = new Broadcaster({ deltas: false });
    off.fullMessage(game, 0, { kind: "spectator" });
    const [offType, offMessage] = off.messageFor(said.state, 1, { kind: "spectator" }, said.events, false);
    expect(offType).toBe("view");
    expect((offMessage as ViewMessage).view).toEqual(wireView(viewFor(said.state, { kind: "spectator" })));
  });
});
