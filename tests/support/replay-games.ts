import type { Card } from "../../shared/content/card-schema.ts";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { seat, SYSTEM, type Actor, type Command } from "../../shared/rules/commands.ts";
import { chatChannels, legalCommands } from "../../shared/rules/legal.ts";
import { appendCommand, newRecord, type GameRecord } from "../../shared/rules/record.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { NATIONS } from "../../shared/rules/vocabulary.ts";

/**
 * A live game driven by a script of arbitrary choices (each turned into a legal command, a
 * message on any channel, or a deadline), keeping every state the live game passed through.
 */
export function scriptedGame(seed: number, rounds: number, script: readonly number[], deck: readonly Card[]): { states: GameState[]; record: GameRecord } {
  let { state } = newGame(seed, { rounds }, deck);
  let record = newRecord(seed, { rounds }, deck);
  const states = [state];
  let at = 0;
  for (const choice of script) {
    if (state.phase === "ended") break;
    const nation = NATIONS[choice % 3]!;
    const options: Command[] = [...legalCommands(viewFor(state, { kind: "seat", nation }), nation)];
    for (const channel of chatChannels(nation)) options.push({ type: "say", channel, text: `note ${choice}` });
    const pick = Math.floor(choice / 3);
    const timeout = pick % 11 === 0;
    const actor: Actor = timeout ? SYSTEM : seat(nation);
    const command: Command = timeout ? { type: "phaseTimeout", round: state.round, phase: state.phase } : options[pick % options.length]!;
    at += 1000;
    const result = applyCommand(state, { actor, at, command });
    if (!result.ok) throw new Error(`a legal command was refused: ${result.error.code} ${result.error.message}`);
    state = result.state;
    record = appendCommand(record, { actor, at, command });
    states.push(state);
  }
  return { states, record };
}

/** Plays a scripted game to its end by calling deadlines once the script runs out. */
export function finishedGame(seed: number, rounds: number, script: readonly number[], deck: readonly Card[]): { states: GameState[]; record: GameRecord } {
  const game = scriptedGame(seed, rounds, script, deck);
  let { states, record } = game;
  let state = states[states.length - 1]!;
  let at = 10_000_000;
  while (state.phase !== "ended") {
    at += 1000;
    const command: Command = { type: "phaseTimeout", round: state.round, phase: state.phase };
    const result = applyCommand(state, { actor: SYSTEM, at, command });
    if (!result.ok) throw new Error(result.error.message);
    state = result.state;
    record = appendCommand(record, { actor: SYSTEM, at, command });
    states = [...states, state];
  }
  return { states, record };
}
