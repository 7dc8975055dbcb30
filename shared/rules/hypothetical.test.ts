import { describe, expect, test } from "vitest";
import { legalRandom } from "../bots/random.ts";
import { playGame } from "../sim/play.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { agendasOf } from "./agendas.ts";
import { applyCommand } from "./apply.ts";
import { SYSTEM } from "./commands.ts";
import { brokenOnRecord, hypotheticalState } from "./hypothetical.ts";
import { policyAvailable } from "./checks.ts";
import type { GameState } from "./state.ts";
import { viewFor } from "./view.ts";
import { NATIONS, type Nation } from "./vocabulary.ts";

const deck = mixedDeck();
const policies = { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom };

/** Every state of a few random games, with the seat to look from. */
function positions(): { state: GameState; seat: Nation }[] {
  const out: { state: GameState; seat: Nation }[] = [];
  for (const seed of [1, 2, 3]) {
    playGame({ seed, options: { rounds: 5 }, deck, policies, onCommand: (_e, state) => {
      if (state.phase !== "ended") out.push({ state, seat: NATIONS[out.length % 3]! });
    } });
  }
  return out;
}

const SEEN = ["phase", "round", "rounds", "trust", "support", "threat", "historyTension", "japanDefense", "burdenShared", "deterrence", "institutions", "crises", "stances", "responses", "committed", "policies", "agendas", "card", "responsesDue", "ready", "exportControls", "counterstrike", "firewall", "deckRemaining", "history", "current"] as const;

describe("hypothetical states", () => {
  const all = positions();

  test("the seat sees in a hypothetical exactly what it saw in the game", () => {
    expect(all.length).toBeGreaterThan(100);
    for (const { state, seat } of all) {
      const view = viewFor(state, { kind: "seat", nation: seat });
      const h = hypotheticalState(view, 7, { deck }).state;
      const again = viewFor(h, { kind: "seat", nation: seat });
      for (const key of SEEN) expect(again[key], `${key} at round ${state.round}, ${state.phase}`).toEqual(view[key]);
      const thisRound = view.proposals.filter((p) => p.round === view.round);
      expect(again.proposals).toEqual(thisRound);
    }
  });

  test("what the seat cannot see is drawn from what it could be", () => {
    for (const { state, seat } of all) {
      const view = viewFor(state, { kind: "seat", nation: seat });
      const h = hypotheticalState(view, 11, { deck }).state;
      for (const n of NATIONS) {
        if (n === seat) continue;
        expect(agendasOf(n).map((a) => a.id)).toContain(h.agendas[n].id);
        const p = h.current.policies[n];
        if (view.committed[n] && view.phase === "policy") expect(p !== undefined && policyAvailable(view, n, p) === null).toBe(true);
        if (!view.committed[n]) expect(p).toBeUndefined();
      }
      // The draw pile holds cards not yet seen, as many as the game has left.
      const seen = new Set([...state.rounds.map((r) => r.cardId), state.current.cardId]);
      expect(h.drawPile).toHaveLength(state.drawPile.length);
      for (const id of h.drawPile) expect(seen.has(id)).toBe(false);
    }
  });

  test("another seat's secrets do not leak into it: the same view and rng give the same hypothetical", () => {
    for (const { state, seat } of all.slice(0, 60)) {
      const other = NATIONS.find((n) => n !== seat)!;
      const altered: GameState = {
        ...state,
        agendas: { ...state.agendas, [other]: { id: agendasOf(other).find((a) => a.id !== state.agendas[other].id)!.id, broken: false } },
        drawPile: state.drawPile.slice().reverse(),
      };
      const a = hypotheticalState(viewFor(state, { kind: "seat", nation: seat }), 5, { deck }).state;
      const b = hypotheticalState(viewFor(altered, { kind: "seat", nation: seat }), 5, { deck }).state;
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });

  test("the engine plays on from a hypothetical, and different draws give different hidden worlds", () => {
    const agendasDrawn = new Set<string>();
    for (const { state, seat } of all) {
      const view = viewFor(state, { kind: "seat", nation: seat });
      for (const rng of [1, 2, 3, 4]) {
        const h = hypotheticalState(view, rng, { deck }).state;
        agendasDrawn.add(h.agendas[NATIONS.find((n) => n !== seat)!].id);
        const next = applyCommand(h, { actor: SYSTEM, at: 0, command: { type: "phaseTimeout", round: h.round, phase: h.phase } }, { quiet: true });
        expect(next.ok).toBe(true);
      }
    }
    expect(agendasDrawn.size).toBeGreaterThan(3);
  });

  test("an every-round agenda that failed at the end of a past round is known to be lost", () => {
    const view = {
      history: [{ round: 1 }, { round: 2 }],
      changes: [
        { round: 1, meter: { meter: "historyTension" }, to: 4 },
        { round: 2, meter: { meter: "historyTension" }, to: 3 },
        { round: 2, meter: { meter: "historyTension" }, to: 5 },
      ],
    } as unknown as Parameters<typeof brokenOnRecord>[0];
    // Ended round 2 at 5 (the 3 was passing): the coalition agenda still stands.
    expect(brokenOnRecord(view, "seoul-history-coalition")).toBe(false);
    const fell = { ...view, changes: [...view.changes.slice(0, 2)] } as typeof view;
    expect(brokenOnRecord(fell, "seoul-history-coalition")).toBe(true);
    expect(brokenOnRecord(fell, "seoul-keep-washington-close")).toBe(false);
  });
});

describe("quiet play", () => {
  test("applies the same rules: the state is the loud one without its record of events, changes and chat", () => {
    // A quiet end of game is scored without its explanatory lines.
    const unexplained = (e: GameState["ended"]) => e && { ...e, scores: Object.fromEntries(Object.entries(e.scores).map(([n, sc]) => [n, { ...sc, lines: [] }])) };
    const strip = (s: GameState) => JSON.stringify({ ...s, changes: [], messages: [], ended: unexplained(s.ended) });
    playGame({
      seed: 21,
      options: { rounds: 4 },
      deck,
      policies,
      onCommand: () => undefined,
    });
    let checked = 0;
    for (const { state } of positions().slice(0, 200)) {
      const command = { type: "phaseTimeout", round: state.round, phase: state.phase } as const;
      const loud = applyCommand(state, { actor: SYSTEM, at: 0, command });
      const quiet = applyCommand(state, { actor: SYSTEM, at: 0, command }, { quiet: true });
      expect(quiet.ok).toBe(loud.ok);
      if (!loud.ok || !quiet.ok) continue;
      expect(strip(quiet.state)).toBe(strip(loud.state));
      expect(quiet.events).toEqual([]);
      expect(quiet.state.changes).toBe(state.changes);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
