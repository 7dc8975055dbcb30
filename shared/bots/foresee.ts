import { applyCommand } from "../rules/apply.ts";
import { seat, SYSTEM, type Actor, type Command } from "../rules/commands.ts";
import { hypotheticalState, type HypotheticalOptions, type Supposition } from "../rules/hypothetical.ts";
import type { OptionId } from "../rules/ids.ts";
import type { PolicyId } from "../rules/policies.ts";
import type { ProposalTerm } from "../rules/proposals.ts";
import type { GameState } from "../rules/state.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATIONS, type Nation } from "../rules/vocabulary.ts";

/**
 * How the bots look ahead: by running the real engine, quietly, on hypothetical states built
 * from their own view (shared/rules/hypothetical.ts). Nothing here applies a rule itself.
 */

/** Applies a command quietly; null if the engine refuses it. */
export function run(state: GameState, actor: Actor, command: Command, supposition?: Supposition): GameState | null {
  const result = applyCommand(state, { actor, at: 0, command }, supposition ? { quiet: true, suppose: supposition } : QUIET);
  return result.ok ? result.state : null;
}

const QUIET = { quiet: true } as const;

/** The deadline of the state's current phase passes (the engine's own timeout), supposing what is given. */
export function timeout(state: GameState, supposition?: Supposition): GameState {
  return run(state, SYSTEM, { type: "phaseTimeout", round: state.round, phase: state.phase }, supposition) ?? state;
}

/** The hypothetical a view stands for, with a fixed draw of what it hides (so a view always thinks alike). */
export function hypotheticalOf(view: PlayerView, options?: HypotheticalOptions): GameState {
  return hypotheticalState(view, 1, options).state;
}

/** The state once negotiation has closed (the engine lapses what is still open), or the policy-phase state itself. */
export function atPolicy(base: GameState): GameState | null {
  if (base.phase === "policy") return base;
  if (base.phase === "negotiation") return timeout(base);
  return null;
}

/** A seat's response to the card, through the engine. */
export function afterResponse(base: GameState, nation: Nation, optionId: OptionId): GameState | null {
  return run(base, seat(nation), { type: "respond", optionId });
}

export interface Deal {
  by: Nation;
  parties: readonly Nation[];
  terms: readonly ProposalTerm[];
}

/**
 * The round resolved by the engine, supposing each seat commits the policy given (hold steady
 * where none is given) and, if a deal is named, that it was agreed.
 */
export function resolveWith(policyState: GameState, policies: Partial<Record<Nation, PolicyId>>, deal?: Deal): GameState {
  const full: Partial<Record<Nation, PolicyId>> = {};
  for (const n of NATIONS) full[n] = policies[n] ?? "hold-steady";
  return timeout(policyState, deal ? { policies: full, agreed: deal } : { policies: full });
}

/** One more round with every seat letting its deadlines pass (responses by default, holding steady). */
export function quietRound(resolved: GameState): GameState {
  if (resolved.phase !== "summary") return resolved;
  let s = timeout(resolved);
  for (let i = 0; i < 4 && s.phase !== "summary" && s.phase !== "ended"; i++) s = timeout(s);
  return s;
}
