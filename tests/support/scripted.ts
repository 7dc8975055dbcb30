import { seat, SYSTEM, type Actor, type Command } from "../../shared/rules/commands.ts";
import { chatChannels, legalCommands } from "../../shared/rules/legal.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor } from "../../shared/rules/view.ts";
import { NATIONS } from "../../shared/rules/vocabulary.ts";

/**
 * One arbitrary choice of a property test turned into a legal move: a seat (choice % 3), one
 * of its legal commands or a chat line on one of its channels, or (every `timeoutEvery`-th
 * pick) the phase deadline.
 */
export function scriptedMove(state: GameState, choice: number, timeoutEvery: number): { actor: Actor; command: Command } {
  const nation = NATIONS[choice % 3]!;
  const options: Command[] = [...legalCommands(viewFor(state, { kind: "seat", nation }), nation)];
  for (const channel of chatChannels(nation)) options.push({ type: "say", channel, text: `note ${choice}` });
  const pick = Math.floor(choice / 3);
  if (pick % timeoutEvery === 0) return { actor: SYSTEM, command: { type: "phaseTimeout", round: state.round, phase: state.phase } };
  return { actor: seat(nation), command: options[pick % options.length]! };
}
