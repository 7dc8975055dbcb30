import { describe, expect, test } from "vitest";
import { legalRandom } from "../bots/random.ts";
import { playGame } from "../sim/play.ts";
import { cardWithEffects, mixedDeck, quietDeck } from "../../tests/support/cards.ts";
import { table } from "../../tests/support/scenario.ts";
import type { Actor, Command } from "./commands.ts";
import { legalCommands } from "./legal.ts";
import { appendCommand, newRecord, replay } from "./record.ts";
import { applyCommand, newGame } from "./apply.ts";
import { eventsFor, viewFor } from "./view.ts";
import type { GameState } from "./state.ts";

const INSTRUCTOR: Actor = { kind: "instructor" };
const SYSTEM: Actor = { kind: "system" };

describe("§10 instructor controls", () => {
  test("only the instructor may issue them: a seat and the clock are refused", () => {
    const t = table().start();
    for (const command of [{ type: "pause" }, { type: "endTable" }, { type: "injectCard", cardId: "quiet-1" }, { type: "broadcast", text: "hi" }] as Command[]) {
      expect(t.as("seoul").try(command)).toMatchObject({ ok: false, error: { code: "INSTRUCTOR_ONLY" } });
      expect(t.try(SYSTEM, command)).toMatchObject({ ok: false, error: { code: "INSTRUCTOR_ONLY" } });
    }
  });

  test("pause stops the seats and the clock but not chat; resume lets them go on; every view shows it", () => {
    const t = table().start();
    expect(t.state.phase).toBe("negotiation");
    t.do(INSTRUCTOR, { type: "pause" });
    expect(t.state.paused).not.toBeNull();
    expect(t.as("seoul").try({ type: "ready" })).toMatchObject({ ok: false, error: { code: "PAUSED" } });
    expect(t.try(SYSTEM, { type: "phaseTimeout", round: t.state.round, phase: t.state.phase })).toMatchObject({ ok: false, error: { code: "PAUSED" } });
    t.as("tokyo").say("table", "while we wait");
    expect(legalCommands(viewFor(t.state, { kind: "seat", nation: "seoul" }), "seoul")).toEqual([]);
    for (const viewer of [{ kind: "seat", nation: "washington" }, { kind: "spectator" }, { kind: "instructor" }] as const) {
      expect(viewFor(t.state, viewer).paused).toEqual(t.state.paused);
    }
    expect(t.try(INSTRUCTOR, { type: "pause" })).toMatchObject({ ok: false, error: { code: "ALREADY_PAUSED" } });
    const events = t.do(INSTRUCTOR, { type: "resume" });
    expect(events).toContainEqual({ type: "tableResumed", pausedMs: 5000 }); // five commands of the test clock (1 s each) later
    expect(t.state.paused).toBeNull();
    t.as("seoul").ready();
    expect(t.try(INSTRUCTOR, { type: "resume" })).toMatchObject({ ok: false, error: { code: "NOT_PAUSED" } });
  });

  test("extendPhase adds up within a phase and starts again from zero in the next", () => {
    const t = table().start();
    t.do(INSTRUCTOR, { type: "extendPhase", seconds: 30 });
    t.do(INSTRUCTOR, { type: "extendPhase", seconds: 60 });
    expect(t.state.phaseExtension).toBe(90);
    expect(viewFor(t.state, { kind: "seat", nation: "tokyo" }).phaseExtension).toBe(90);
    t.endNegotiation();
    expect(t.state.phase).toBe("policy");
    expect(t.state.phaseExtension).toBe(0);
  });

  test("advancePhase ends the phase as its deadline would, from every phase", () => {
    const t = table().start();
    const viaTimeout = table().start();
    for (let i = 0; i < 6; i++) {
      t.do(INSTRUCTOR, { type: "advancePhase" });
      viaTimeout.timeout();
      expect(t.state.phase).toBe(viaTimeout.state.phase);
      expect(t.state.round).toBe(viaTimeout.state.round);
      expect(t.state.trust).toEqual(viaTimeout.state.trust);
    }
  });

  test("injectCard puts a card of the deck on top: it is the next round's event, and only the instructor hears of it", () => {
    const deck = [...quietDeck(8), cardWithEffects("missiles", [{ kind: "threat", delta: 2 }])];
    const t = table().withDeck(deck).start();
    const events = t.do(INSTRUCTOR, { type: "injectCard", cardId: "missiles" });
    expect(t.state.drawPile[0]).toBe("missiles");
    expect(t.state.drawPile.filter((id) => id === "missiles")).toHaveLength(1);
    expect(eventsFor(events, { kind: "seat", nation: "seoul" }, t.state)).toEqual([]);
    expect(eventsFor(events, { kind: "instructor" }, t.state)).toEqual([{ type: "cardInjected", cardId: "missiles", visibleTo: [] }]);
    t.playRound();
    t.as("seoul").ready();
    t.as("tokyo").ready();
    t.as("washington").ready();
    expect(t.state.round).toBe(2);
    expect(t.state.current.cardId).toBe("missiles");
    expect(t.try(INSTRUCTOR, { type: "injectCard", cardId: "no-such-card" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_CARD" } });
  });

  test("broadcast reaches every view, in order", () => {
    const t = table().start();
    t.do(INSTRUCTOR, { type: "broadcast", text: "Five minutes left in class" });
    t.do(INSTRUCTOR, { type: "broadcast", text: "  Wrap up  " });
    for (const viewer of [{ kind: "seat", nation: "seoul" }, { kind: "spectator" }] as const) {
      expect(viewFor(t.state, viewer).broadcasts.map((b) => [b.id, b.text])).toEqual([[1, "Five minutes left in class"], [2, "Wrap up"]]);
    }
    expect(t.try(INSTRUCTOR, { type: "broadcast", text: "   " })).toMatchObject({ ok: false, error: { code: "INVALID_COMMAND" } });
  });

  test("endTable ends the game now with the scores as they stand, even while paused", () => {
    const t = table().start();
    t.playRound({ tokyo: "defense-buildup" });
    t.do(INSTRUCTOR, { type: "pause" });
    t.do(INSTRUCTOR, { type: "endTable" });
    expect(t.state.phase).toBe("ended");
    expect(t.state.paused).toBeNull();
    expect(t.state.ended?.reason).toBe("ended-by-instructor");
    expect(t.state.ended?.ranking).toHaveLength(3);
    expect(t.try(INSTRUCTOR, { type: "resume" })).toMatchObject({ ok: false, error: { code: "GAME_OVER" } });
  });

  test("a record with every control replays to the same state", () => {
    const deck = mixedDeck();
    const controls: Command[] = [
      { type: "pause" },
      { type: "broadcast", text: "Look at the threat track" },
      { type: "resume" },
      { type: "extendPhase", seconds: 45 },
      { type: "injectCard", cardId: deck[deck.length - 1]!.id },
      { type: "advancePhase" },
    ];
    let state: GameState = newGame(3, { rounds: 4 }, deck).state;
    let record = newRecord(3, { rounds: 4 }, deck);
    let at = 1000;
    const push = (actor: Actor, command: Command) => {
      const result = applyCommand(state, { actor, at: (at += 500), command });
      if (!result.ok) return;
      state = result.state;
      record = appendCommand(record, { actor, at, command });
    };
    for (const c of controls) push(INSTRUCTOR, c);
    // Let bots-by-chance play a little, then end it.
    const bots = playGame({ seed: 3, options: { rounds: 4 }, deck, policies: { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom }, keepRecord: true });
    for (const c of bots.record!.commands.slice(0, 10)) push(c.actor, c.command);
    push(INSTRUCTOR, { type: "endTable" });
    expect(record.commands.filter((c) => c.actor.kind === "instructor")).toHaveLength(7);
    expect(JSON.stringify(replay(record))).toBe(JSON.stringify(state));
  });
});
