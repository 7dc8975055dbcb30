import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { agendasOf } from "../../shared/rules/agendas.ts";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { CommandSchema, seat, SYSTEM, type Command, type CommandInput } from "../../shared/rules/commands.ts";
import { legalCommands } from "../../shared/rules/legal.ts";
import { appendCommand, newRecord, replay, type GameRecord } from "../../shared/rules/record.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { TUNING } from "../../shared/rules/tuning.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { NATIONS, PAIRS, membersOfPair } from "../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../support/cards.ts";
import { scriptedMove } from "../support/scripted.ts";

const deck = mixedDeck();

/** A game driven by a script of arbitrary choices, each turned into a legal command (or a deadline). */
function play(seed: number, rounds: number, script: number[], start?: StartMeters): { states: GameState[]; record: GameRecord } {
  let { state } = newGame(seed, { rounds }, deck);
  if (start) state = { ...state, ...start };
  let record = newRecord(seed, { rounds }, deck);
  const states = [state];
  let at = 0;
  for (const choice of script) {
    if (state.phase === "ended") break;
    const { actor, command } = scriptedMove(state, choice, 11);
    at += 1000;
    const result = applyCommand(state, { actor, at, command });
    if (!result.ok) throw new Error(`a legal command was refused: ${result.error.code} ${result.error.message} (${JSON.stringify(command)})`);
    state = result.state;
    record = appendCommand(record, { actor, at, command });
    states.push(state);
  }
  return { states, record };
}

type StartMeters = Pick<GameState, "trust" | "support" | "threat" | "historyTension" | "japanDefense" | "burdenShared">;
const pct = fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constantFrom(0, 1, 99, 100));
const tenth = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.constantFrom(0, 10));
const startArb: fc.Arbitrary<StartMeters> = fc.record({
  trust: fc.record({ "seoul-tokyo": pct, "seoul-washington": pct, "tokyo-washington": pct }),
  support: fc.record({ seoul: pct, tokyo: pct, washington: pct }),
  threat: tenth,
  historyTension: tenth,
  japanDefense: tenth,
  burdenShared: tenth,
});

const gameArb = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  rounds: fc.integer({ min: 1, max: 6 }),
  script: fc.array(fc.nat({ max: 10_000 }), { minLength: 20, maxLength: 400, size: "max" }),
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe("engine invariants (property-based)", () => {
  test("every meter stays within its bounds under any sequence of legal commands", () => {
    fc.assert(
      fc.property(gameArb, startArb, ({ seed, rounds, script }, start) => {
        for (const s of play(seed, rounds, script, start).states) {
          for (const pair of PAIRS) {
            expect(s.trust[pair]).toBeGreaterThanOrEqual(0);
            expect(s.trust[pair]).toBeLessThanOrEqual(100);
          }
          for (const n of NATIONS) {
            expect(s.support[n]).toBeGreaterThanOrEqual(0);
            expect(s.support[n]).toBeLessThanOrEqual(100);
          }
          for (const m of ["threat", "historyTension", "japanDefense", "burdenShared"] as const) {
            const [lo, hi] = TUNING.bounds[m];
            expect(s[m]).toBeGreaterThanOrEqual(lo);
            expect(s[m]).toBeLessThanOrEqual(hi);
          }
          expect(s.crises).toBeLessThanOrEqual(TUNING.crisis.markersToEndGame);
          expect(s.round).toBeLessThanOrEqual(rounds);
        }
      }),
      { numRuns: 100 },
    );
  });

  test("replaying the record reproduces every intermediate state exactly", () => {
    fc.assert(
      fc.property(gameArb, ({ seed, rounds, script }) => {
        const { states, record } = play(seed, rounds, script);
        const replayed: string[] = [];
        replay(JSON.parse(JSON.stringify(record)), (s) => replayed.push(JSON.stringify(s)));
        expect(replayed).toEqual(states.map((s) => JSON.stringify(s)));
      }),
      { numRuns: 40 },
    );
  });

  test("the engine never mutates the state it is given", () => {
    fc.assert(
      fc.property(gameArb, ({ seed, rounds, script }) => {
        let { state } = newGame(seed, { rounds }, deck);
        for (const choice of script) {
          if (state.phase === "ended") break;
          deepFreeze(state);
          const nation = NATIONS[choice % 3]!;
          const options = legalCommands(viewFor(state, { kind: "seat", nation }), nation);
          const command: Command = options.length > 0 ? options[choice % options.length]! : { type: "phaseTimeout", round: state.round, phase: state.phase };
          const result = applyCommand(state, { actor: options.length > 0 ? seat(nation) : SYSTEM, at: choice, command });
          if (result.ok) state = result.state;
        }
      }),
      { numRuns: 40 },
    );
  });

  test("a command a seat may not issue now is refused with its code and changes nothing", () => {
    const commandArb: fc.Arbitrary<Command> = fc.oneof(
      fc.constantFrom<CommandInput>(
        { type: "ready" },
        { type: "respond", optionId: "soft" },
        { type: "respond", optionId: "no-such-option" },
        { type: "commitPolicy", policy: "visit-dokdo" },
        { type: "commitPolicy", policy: "shrine-visit" },
        { type: "commitPolicy", policy: "convene-trilateral" },
        { type: "commitPolicy", policy: "lift-export-controls" },
        { type: "acceptProposal", proposalId: "ST1" },
        { type: "withdrawProposal", proposalId: "ST1" },
        { type: "rejectProposal", proposalId: "TW1" },
        { type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "institution", op: "create", institution: "gsomia" }], note: "" },
        { type: "tableProposal", parties: ["tokyo", "washington"], terms: [{ kind: "institution", op: "create", institution: "gsomia" }], note: "" },
        { type: "say", channel: "seoul-tokyo", text: "psst" },
        { type: "phaseTimeout", round: 1, phase: "negotiation" },
      ).map((c) => CommandSchema.parse(c)),
    );
    fc.assert(
      fc.property(gameArb, fc.constantFrom(...NATIONS), commandArb, ({ seed, rounds, script }, nation, command) => {
        const { states } = play(seed, rounds, script.slice(0, 40));
        const state = states[states.length - 1]!;
        const before = JSON.stringify(state);
        const legal = legalCommands(viewFor(state, { kind: "seat", nation }), nation).map((c) => JSON.stringify(c));
        const isChat = command.type === "say";
        const mayChat = isChat && command.channel !== "table" && membersOfPair(command.channel).includes(nation) && state.phase !== "ended";
        const result = applyCommand(state, { actor: seat(nation), at: 1, command });
        if (isChat ? !mayChat : !legal.includes(JSON.stringify(command))) {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error.code).toMatch(/^[A-Z_]+$/);
        } else {
          expect(result.ok).toBe(true);
        }
        expect(JSON.stringify(state)).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  test("a seat's view never contains another seat's secrets", () => {
    fc.assert(
      fc.property(gameArb, ({ seed, rounds, script }) => {
        const { states } = play(seed, rounds, script);
        for (const s of states) {
          if (s.phase === "ended") continue;
          for (const viewer of NATIONS) {
            const view = viewFor(s, { kind: "seat", nation: viewer });
            const json = JSON.stringify(view);
            for (const other of NATIONS.filter((n) => n !== viewer)) {
              const agenda = s.agendas[other].id;
              // Another seat's agenda id must not appear (agenda ids are unique to their nation).
              expect(json.includes(`"${agenda}"`)).toBe(false);
              expect(view.policies[other]).toBeUndefined();
            }
            for (const m of view.messages) expect(m.channel === "table" || membersOfPair(m.channel).includes(viewer)).toBe(true);
            for (const p of view.proposals) expect(p.status === "enacted" || p.parties.includes(viewer)).toBe(true);
            expect(view.upcoming).toBeNull();
            expect(json).not.toContain('"rng"');
            expect(json).not.toContain('"drawPile"');
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});

test("every agenda id belongs to exactly one nation (the secrecy property relies on it)", () => {
  const ids = NATIONS.flatMap((n) => agendasOf(n).map((a) => a.id));
  expect(new Set(ids).size).toBe(ids.length);
});

describe("a new state shares what its command left alone", () => {
  test("a chat line leaves trust, support, institutions, proposals, the round and the meter log as the same objects", () => {
    const first = newGame(21, { rounds: 2 }, mixedDeck()).state;
    const r = applyCommand(first, { actor: seat("seoul"), at: 1, command: { type: "say", channel: "table", text: "hello" } });
    if (!r.ok) throw new Error(r.error.message);
    const next = r.state;
    expect(next.messages).not.toBe(first.messages);
    expect(next.messages.length).toBe(first.messages.length + 1);
    for (const part of ["trust", "support", "institutions", "stances", "agendas", "proposals", "changes", "current"] as const) expect(next[part], part).toBe(first[part]);
    expect(first.messages.length).toBe(0); // the input state is untouched
  });

  test("a view holds the state's own chat when its viewer may read all of it, and only its part otherwise", () => {
    let state = newGame(22, { rounds: 2 }, mixedDeck()).state;
    for (const [channel, text] of [["table", "hello"], ["seoul-tokyo", "between us"]] as const) {
      const r = applyCommand(state, { actor: seat("seoul"), at: 1, command: { type: "say", channel, text } });
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    }
    expect(viewFor(state, { kind: "seat", nation: "tokyo" }).messages).toBe(state.messages);
    const washington = viewFor(state, { kind: "seat", nation: "washington" }).messages;
    expect(washington.map((m) => m.text)).toEqual(["hello"]);
  });
});
