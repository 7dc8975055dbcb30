import { botPolicy, type Difficulty } from "../../shared/bots/registry.ts";
import { applyCommand } from "../../shared/rules/apply.ts";
import { CommandSchema, seat, type Command, type CommandInput } from "../../shared/rules/commands.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { STANCES, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";

/** Helpers for the bot tests: ask a bot what it would do, and do it. */

export const ALL_STANCES: { nation: Nation; stance: StanceId }[] = (Object.keys(STANCES) as Nation[]).flatMap((nation) =>
  STANCES[nation].map((stance) => ({ nation, stance: stance as StanceId })),
);

export type { Difficulty };

/**
 * The levels that play their stance (the scripted bots). The expert plays to win, not to its
 * stance's leanings, and has its own tests (expert.test.ts).
 */
export const DIFFICULTIES = ["easy", "normal", "hard"] as const satisfies readonly Difficulty[];

/** The bot's choice for `nation` on `state`, as its seat sees it. */
export function ask(state: GameState, nation: Nation, difficulty: Difficulty = "normal", rng = 1, stance?: StanceId): Command | null {
  const policy = botPolicy(stance ?? state.stances[nation], difficulty);
  return policy(viewFor(state, { kind: "seat", nation }), nation, rng).command;
}

/** Applies a seat command, failing the test with the engine's reason if it is refused. */
export function apply(state: GameState, nation: Nation, command: CommandInput, at = 1_000_000): GameState {
  const result = applyCommand(state, { actor: seat(nation), at, command: CommandSchema.parse(command) });
  if (!result.ok) throw new Error(`${nation} ${command.type} refused: ${result.error.code} ${result.error.message} ${JSON.stringify(command)}`);
  return result.state;
}

/** Lets the bot act until it returns nothing or `limit` actions pass; returns the new state and what it did. */
export function runBot(state: GameState, nation: Nation, difficulty: Difficulty = "normal", limit = 30): { state: GameState; commands: Command[] } {
  const commands: Command[] = [];
  let s = state;
  for (let i = 0; i < limit; i++) {
    const c = ask(s, nation, difficulty, 1000 + i);
    if (!c) break;
    commands.push(c);
    s = apply(s, nation, c);
  }
  return { state: s, commands };
}

/** Twenty different rng states: a behaviour that must hold must hold for all of them. */
export const RNGS = Array.from({ length: 20 }, (_, i) => 7919 * (i + 1));
