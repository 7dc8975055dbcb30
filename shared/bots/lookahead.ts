import { applyEffects } from "../rules/apply-effects.ts";
import { deterrenceOf } from "../rules/deterrence.ts";
import { draftOf } from "../rules/draft.ts";
import type { Effect } from "../rules/effects.ts";
import { emptyRound, resolveRound } from "../rules/flow.ts";
import type { PolicyId } from "../rules/policies.ts";
import { scoreGame } from "../rules/scoring.ts";
import type { AgendaState, GameState } from "../rules/state.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATIONS, type Nation } from "../rules/vocabulary.ts";
import { scoreProxy, type Evaluator, type Snap, utility } from "./values.ts";

/**
 * The hard bots' one-step lookahead: a hypothetical game state built only from what the seat's
 * view shows (other seats' agendas and uncommitted policies stay unknown), resolved by the real
 * engine with a guess at the others' policies, and scored by the real scoring rules.
 */

const UNKNOWN_AGENDA: AgendaState = { id: "unknown", broken: true };

export function hypotheticalState(view: PlayerView, me: Nation): GameState {
  const agendas = {} as Record<Nation, AgendaState>;
  for (const n of NATIONS) {
    const a = n === me ? view.agendas[me] : undefined;
    agendas[n] = a ? { id: a.id, broken: a.broken } : UNKNOWN_AGENDA;
  }
  return {
    rulesVersion: view.rulesVersion,
    options: { rounds: view.rounds, deckOrder: "shuffled" },
    rng: 1,
    round: view.round,
    phase: "policy",
    trust: { ...view.trust },
    support: { ...view.support },
    threat: view.threat,
    historyTension: view.historyTension,
    japanDefense: view.japanDefense,
    burdenShared: view.burdenShared,
    firewall: view.firewall,
    exportControls: view.exportControls,
    counterstrike: view.counterstrike,
    institutions: { ...view.institutions },
    crises: view.crises,
    stances: { ...view.stances },
    agendas,
    paused: null,
    phaseExtension: 0,
    broadcasts: [],
    drawPile: [],
    cards: {},
    current: {
      ...emptyRound(view.card?.id ?? null),
      responses: { ...view.responses },
      deterrenceBonus: view.current.deterrenceBonus,
    },
    // Only this round's agreed proposals matter to the resolution; the seat sees those it is party to.
    proposals: view.proposals.filter((p) => p.round === view.round && p.status === "agreed"),
    nextProposalNumber: 1,
    messages: [],
    changes: [],
    rounds: view.history.slice(),
    ended: null,
  };
}

/** Resolves the round on a copy of `state` with these policies (after optional extra effects, e.g. a card response). */
export function resolveHypothetical(state: GameState, policies: Record<Nation, PolicyId>, before: readonly Effect[] = []): GameState {
  const d = draftOf(state);
  if (before.length > 0) applyEffects(d, before, { kind: "card", cardId: "hypothetical", label: "hypothetical" });
  d.s.current.policies = { ...policies };
  resolveRound(d);
  return d.s;
}

function snapOfState(s: GameState): Snap {
  let apologies = 0;
  for (const r of s.rounds) if (r.policies.tokyo === "apology-statement") apologies += 1;
  return {
    trust: s.trust,
    support: s.support,
    threat: s.threat,
    historyTension: s.historyTension,
    japanDefense: s.japanDefense,
    burdenShared: s.burdenShared,
    firewall: s.firewall,
    exportControls: s.exportControls,
    counterstrike: s.counterstrike,
    institutions: s.institutions,
    current: { deterrenceBonus: 0 },
    stances: s.stances,
    apologies,
    fallen: 0,
  };
}

/**
 * What a resolved hypothetical is worth to the evaluator: the real score (less the agenda line,
 * replaced by the bot's sense of progress), the cost of any crisis marker the round placed, and
 * the stance's own leanings. A regional crisis is the worst outcome there is.
 */
export function hardUtility(ev: Evaluator, before: GameState, after: GameState): number {
  if (after.crises >= 3 || after.ended?.reason === "regional-crisis") return -60 * ev.profile.crisisAversion;
  const reason = "rounds-complete" as const;
  const score = scoreGame(after, reason).scores[ev.nation];
  const agendaLine = score.agendaMet ? score.lines[score.lines.length - 1]!.points : 0;
  // utility() already holds the score proxy; swap it for the exact score.
  const s = snapOfState(after);
  const heuristic = utility({ ...ev, crises: after.crises, roundsLeft: Math.max(1, ev.roundsLeft - 1) }, s);
  const proxy = heuristicScore(ev, s);
  const placed = after.crises > before.crises ? (7 + 6 * before.crises) * ev.profile.crisisAversion : 0;
  const fell = after.current.leadershipChanges.includes(ev.nation) ? 8 : 0;
  return score.total - agendaLine + (heuristic - proxy) - placed - fell;
}

function heuristicScore(ev: Evaluator, s: Snap): number {
  return scoreProxy(ev.nation, s, deterrenceOf(s).total - s.current.deterrenceBonus);
}
