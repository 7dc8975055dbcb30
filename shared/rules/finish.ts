import { factsOf } from "./apply.ts";
import type { RuleFacts } from "./checks.ts";
import { checkCommand } from "./checks.ts";
import { seat, type Command } from "./commands.ts";
import { policiesOf } from "./policies.ts";
import type { GameState } from "./state.ts";
import type { PlayerView } from "./view.ts";
import type { Nation } from "./vocabulary.ts";

/**
 * "Finish my part of the phase": the one command that closes a seat's part of the current
 * phase without choosing anything — ready in negotiation, hold steady (else the first legal
 * policy) in the policy phase, the card's default option (else the first) in the event phase.
 * Used by the server for a seat a bot plays, by the bots when they have talked enough, and by
 * the load bench. Null when the seat has nothing left to do in this phase.
 */
export function finishingCommand(stateOrView: GameState | PlayerView | RuleFacts, nation: Nation): Command | null {
  const facts = "drawPile" in stateOrView ? factsOf(stateOrView) : stateOrView;
  if (facts.phase === "policy" && hasCommitted(stateOrView, nation)) return null;
  const actor = seat(nation);
  const legal = (command: Command): boolean => checkCommand(facts, actor, command) === null;
  // The candidates in order of preference, each checked with the engine's own predicate
  // (the same choice as picking from legalCommands, without enumerating every proposal).
  const ready: Command = { type: "ready" };
  if (legal(ready)) return ready;
  if (facts.phase === "policy") {
    for (const policy of ["hold-steady" as const, ...policiesOf(nation)]) {
      const command: Command = { type: "commitPolicy", policy };
      if (legal(command)) return command;
    }
  }
  const options = facts.phase === "event" ? (facts.card?.response?.options ?? []) : [];
  const defaultOption = facts.card?.response?.defaultOption;
  for (const optionId of [...(defaultOption ? [defaultOption] : []), ...options.map((o) => o.id)]) {
    const command: Command = { type: "respond", optionId };
    if (legal(command)) return command;
  }
  return null;
}

function hasCommitted(stateOrView: GameState | PlayerView | RuleFacts, nation: Nation): boolean {
  if ("drawPile" in stateOrView) return stateOrView.current.policies[nation] !== undefined;
  if ("committed" in stateOrView) return stateOrView.committed[nation];
  return false;
}
