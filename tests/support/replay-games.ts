import type { Card } from "../../shared/content/card-schema.ts";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { SYSTEM, type Actor, type Command } from "../../shared/rules/commands.ts";
import { appendCommand, newRecord, type GameRecord } from "../../shared/rules/record.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { scriptedMove } from "./scripted.ts";

type Game = { states: GameState[]; record: GameRecord };

/** Applies one command to a live game, keeping the state and the record. */
function step(game: Game, actor: Actor, command: Command, at: number): Game {
  const state = game.states[game.states.length - 1]!;
  const result = applyCommand(state, { actor, at, command });
  if (!result.ok) throw new Error(`a legal command was refused: ${result.error.code} ${result.error.message}`);
  return { states: [...game.states, result.state], record: appendCommand(game.record, { actor, at, command }) };
}

/**
 * A live game driven by a script of arbitrary choices (each a legal command, a message on any
 * channel, or a deadline), keeping every state the live game passed through.
 */
export function scriptedGame(seed: number, rounds: number, script: readonly number[], deck: readonly Card[]): Game {
  let game: Game = { states: [newGame(seed, { rounds }, deck).state], record: newRecord(seed, { rounds }, deck) };
  let at = 0;
  for (const choice of script) {
    const state = game.states[game.states.length - 1]!;
    if (state.phase === "ended") break;
    const { actor, command } = scriptedMove(state, choice, 11);
    game = step(game, actor, command, (at += 1000));
  }
  return game;
}

/** Plays a scripted game to its end by calling deadlines once the script runs out. */
export function finishedGame(seed: number, rounds: number, script: readonly number[], deck: readonly Card[]): Game {
  let game = scriptedGame(seed, rounds, script, deck);
  let at = 10_000_000;
  for (let state = game.states.at(-1)!; state.phase !== "ended"; state = game.states.at(-1)!) {
    game = step(game, SYSTEM, { type: "phaseTimeout", round: state.round, phase: state.phase }, (at += 1000));
  }
  return game;
}
