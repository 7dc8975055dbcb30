import { factsOf } from "./apply.ts";
import type { RuleFacts } from "./checks.ts";
import type { Command } from "./commands.ts";
import { legalCommands } from "./legal.ts";
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
  const legal = legalCommands(facts, nation);
  const defaultOption = facts.card?.response?.defaultOption;
  return (
    legal.find((c) => c.type === "ready") ??
    legal.find((c) => c.type === "commitPolicy" && c.policy === "hold-steady") ??
    legal.find((c) => c.type === "commitPolicy") ??
    legal.find((c) => c.type === "respond" && c.optionId === defaultOption) ??
    legal.find((c) => c.type === "respond") ??
    null
  );
}

function hasCommitted(stateOrView: GameState | PlayerView | RuleFacts, nation: Nation): boolean {
  if ("drawPile" in stateOrView) return stateOrView.current.policies[nation] !== undefined;
  if ("committed" in stateOrView) return stateOrView.committed[nation];
  return false;
}
