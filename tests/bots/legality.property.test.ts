import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { botDiagnostics } from "../../shared/bots/bot.ts";
import { botPolicy } from "../../shared/bots/registry.ts";
import type { Card } from "../../shared/content/card-schema.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { seat, SYSTEM, type Actor, type Command } from "../../shared/rules/commands.ts";
import { chatChannels, legalCommands, proposalTermOptions } from "../../shared/rules/legal.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { NATIONS, STANCES, type Nation } from "../../shared/rules/vocabulary.ts";
import { playGame } from "../../shared/sim/play.ts";
import { mixedDeck } from "../support/cards.ts";
import { DIFFICULTIES } from "./support.ts";

const decks: Card[][] = [mixedDeck(), loadBuiltInDeck()];

/** Whether `command` is one the seat could have picked from legalCommands / proposalTermOptions / chatChannels. */
function chosenFromTheMenu(state: GameState, nation: Nation, command: Command): string | null {
  const view = viewFor(state, { kind: "seat", nation });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  switch (command.type) {
    case "say":
      return chatChannels(nation).includes(command.channel) && command.text.trim().length > 0 ? null : `bad say ${JSON.stringify(command)}`;
    case "tableProposal": {
      const options = proposalTermOptions(view, nation);
      for (const term of command.terms) {
        const offered = options.filter((o) => same(o.term, term));
        if (offered.length === 0) return `term not offered: ${JSON.stringify(term)}`;
        if (!offered.some((o) => o.parties.every((p) => command.parties.includes(p)))) return `parties missing for ${JSON.stringify(term)}`;
      }
      return null;
    }
    default:
      return legalCommands(view, nation).some((c) => same(c, command)) ? null : `not in legalCommands: ${JSON.stringify(command)}`;
  }
}

const stanceArb = fc.record({
  seoul: fc.constantFrom(...STANCES.seoul),
  tokyo: fc.constantFrom(...STANCES.tokyo),
  washington: fc.constantFrom(...STANCES.washington),
});

interface MeterTweak {
  threat: number;
  historyTension: number;
  st: number;
  support: number;
  exportControls: boolean;
  gsomia: "absent" | "in-force" | "suspended";
}

const meterArb: fc.Arbitrary<MeterTweak> = fc.record({
  threat: fc.integer({ min: 0, max: 10 }),
  historyTension: fc.integer({ min: 0, max: 10 }),
  st: fc.integer({ min: 0, max: 100 }),
  support: fc.integer({ min: 0, max: 100 }),
  exportControls: fc.boolean(),
  gsomia: fc.constantFrom("absent" as const, "in-force" as const, "suspended" as const),
});

/**
 * A random state: a random table, then a script of arbitrary legal commands, chat, deadlines and
 * multi-term proposals (pledges included) from random seats — the states a human table can reach.
 */
function randomState(deckIndex: number, seed: number, stances: Record<Nation, string>, meters: MeterTweak | null, script: number[]): GameState {
  let { state } = newGame(seed, { rounds: 6, stances: stances as never }, decks[deckIndex]!);
  if (meters) {
    state = {
      ...state,
      threat: meters.threat,
      historyTension: meters.historyTension,
      trust: { ...state.trust, "seoul-tokyo": meters.st },
      support: { ...state.support, seoul: meters.support },
      exportControls: meters.exportControls,
      institutions: meters.gsomia === "absent" ? {} : { gsomia: { status: meters.gsomia, since: 0 } },
    };
  }
  let at = 0;
  for (const choice of script) {
    if (state.phase === "ended") break;
    const nation = NATIONS[choice % 3]!;
    const view = viewFor(state, { kind: "seat", nation });
    const options: Command[] = [...legalCommands(view, nation)];
    for (const channel of chatChannels(nation)) options.push({ type: "say", channel, text: `note ${choice}` });
    if (state.phase === "negotiation") {
      const terms = proposalTermOptions(view, nation);
      if (terms.length > 1) {
        const a = terms[choice % terms.length]!;
        const b = terms[(choice >> 3) % terms.length]!;
        const parties = NATIONS.filter((n) => a.parties.includes(n) || b.parties.includes(n));
        options.push({ type: "tableProposal", parties, terms: a === b ? [a.term] : [a.term, b.term], note: "" });
      }
    }
    const pick = Math.floor(choice / 3);
    const timeout = pick % 13 === 0;
    const actor: Actor = timeout ? SYSTEM : seat(nation);
    const command: Command = timeout ? { type: "phaseTimeout", round: state.round, phase: state.phase } : options[pick % options.length]!;
    at += 1000;
    const result = applyCommand(state, { actor, at, command });
    if (result.ok) state = result.state;
  }
  return state;
}

describe("bots only ever issue legal commands", () => {
  test("on random states reached by random play, every stance and difficulty chooses from its menu, and the engine accepts it", () => {
    const before = botDiagnostics.illegal;
    fc.assert(
      fc.property(
        fc.record({
          deck: fc.integer({ min: 0, max: 1 }),
          seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          stances: stanceArb,
          meters: fc.option(meterArb, { nil: null }),
          difficulty: fc.constantFrom(...DIFFICULTIES),
          rng: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          script: fc.array(fc.nat({ max: 100_000 }), { minLength: 0, maxLength: 160 }),
        }),
        ({ deck, seed, stances, meters, difficulty, rng, script }) => {
          const state = randomState(deck, seed, stances, meters, script);
          for (const nation of NATIONS) {
            // Also a bot seated with another stance than the one in office (a dropped human, a fallen government).
            for (const stance of STANCES[nation]) {
              const { command } = botPolicy(stance, difficulty)(viewFor(state, { kind: "seat", nation }), nation, rng);
              if (!command) continue;
              expect(chosenFromTheMenu(state, nation, command)).toBeNull();
              const result = applyCommand(state, { actor: seat(nation), at: 9_999_999, command });
              expect(result.ok ? "accepted" : `${result.error.code}: ${result.error.message}`).toBe("accepted");
            }
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(botDiagnostics.illegal).toBe(before);
  });

  test("from a random state, bots at every seat play the game out without a single refused command", () => {
    fc.assert(
      fc.property(
        fc.record({
          deck: fc.integer({ min: 0, max: 1 }),
          seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
          stances: stanceArb,
          difficulty: fc.constantFrom(...DIFFICULTIES),
          script: fc.array(fc.nat({ max: 100_000 }), { minLength: 0, maxLength: 60 }),
        }),
        ({ deck, seed, stances, difficulty, script }) => {
          let state = randomState(deck, seed, stances, null, script);
          const policies = {
            seoul: botPolicy(stances.seoul, difficulty),
            tokyo: botPolicy(stances.tokyo, difficulty),
            washington: botPolicy(stances.washington, difficulty),
          };
          let rng = seed >>> 0;
          for (let step = 0; step < 2000 && state.phase !== "ended"; step++) {
            let acted = false;
            for (const nation of NATIONS) {
              const choice = policies[nation](viewFor(state, { kind: "seat", nation }), nation, rng);
              rng = choice.rng;
              if (!choice.command) continue;
              const result = applyCommand(state, { actor: seat(nation), at: step, command: choice.command });
              expect(result.ok ? "accepted" : `${nation} ${choice.command.type}: ${result.error.code} ${result.error.message}`).toBe("accepted");
              if (result.ok) state = result.state;
              acted = true;
              break;
            }
            // With a bot in every seat nobody waits on anybody: a step where no seat acts is a stall.
            expect(acted ? "acted" : `stalled in round ${state.round}, ${state.phase}`).toBe("acted");
          }
          expect(state.phase).toBe("ended");
        },
      ),
      { numRuns: 40 },
    );
  });

  test("in whole bot games the driver never sees a refused command", () => {
    for (const difficulty of DIFFICULTIES) {
      for (let g = 0; g < 12; g++) {
        const refused: string[] = [];
        const result = playGame({
          seed: `legal-${difficulty}-${g}`,
          options: { rounds: 8 },
          deck: decks[g % 2]!,
          policies: { seoul: botPolicy("conservative", difficulty), tokyo: botPolicy("mainstream", difficulty), washington: botPolicy("alliance-builder", difficulty) },
          onRefused: (nation, command, error) => refused.push(`${nation} ${command.type} ${error.code}`),
        });
        expect(refused).toEqual([]);
        expect(result.stuck).toBe(false);
      }
    }
  });
});
