import { describeProposal } from "../rules/flow.ts";
import { INSTITUTIONS, INSTITUTION_IDS } from "../rules/institutions.ts";
import { policyDefinition } from "../rules/policies.ts";
import type { GameState } from "../rules/state.ts";
import { meterName, NATION_NAMES, NATIONS, type Nation, type Pair } from "../rules/vocabulary.ts";
import type { StepInfo } from "./stepper.ts";

/** One table's outcome, for the class comparison. */
export interface Outcome {
  code: string;
  ended: boolean;
  winners: Nation[];
  crisis: boolean;
  crises: number;
  institutions: string[];
  trust: Record<Pair, number>;
  agendasMet: Nation[];
}

export function outcomeOf(code: string, final: GameState): Outcome {
  const e = final.ended;
  return {
    code,
    ended: e !== null,
    winners: e ? e.ranking.filter((r) => r.rank === 1).map((r) => r.nation) : [],
    crisis: e?.reason === "regional-crisis",
    crises: final.crises,
    institutions: INSTITUTION_IDS.filter((id) => final.institutions[id]?.status === "in-force").map((id) => INSTITUTIONS[id].name),
    trust: { ...final.trust },
    agendasMet: e ? NATIONS.filter((n) => e.scores[n].agendaMet) : [],
  };
}

/** x for the small multiples: round r spans [r−1, r), so tables of different lengths share one axis. */
export function roundPositions(steps: readonly StepInfo[]): number[] {
  const counts = new Map<number, number>();
  for (const s of steps) counts.set(s.round, (counts.get(s.round) ?? 0) + 1);
  const seen = new Map<number, number>();
  return steps.map((s) => {
    const k = seen.get(s.round) ?? 0;
    seen.set(s.round, k + 1);
    return s.round - 1 + k / counts.get(s.round)!;
  });
}

/** What one table did when a card came up, and what followed in that round. */
export interface CardOutcome {
  code: string;
  round: number;
  responses: string[];
  agreements: string[];
  policies: string[];
  followed: string[];
  crisis: boolean;
}

export function whenCardCameUp(code: string, final: GameState, cardId: string): CardOutcome | null {
  const r = final.rounds.find((x) => x.cardId === cardId);
  const card = final.cards[cardId];
  if (!r || !card) return null;
  const responses = NATIONS.flatMap((n) => {
    const id = r.responses[n];
    if (!id) return [];
    return [`${NATION_NAMES[n]}: ${card.response?.options.find((o) => o.id === id)?.label ?? id}`];
  });
  const agreements = final.proposals.filter((p) => p.round === r.round && p.status === "enacted").map((p) => describeProposal(p));
  const policies = NATIONS.map((n) => `${NATION_NAMES[n]}: ${policyDefinition(n, r.policies[n])?.name ?? r.policies[n]}`);
  const net = new Map<string, { name: string; delta: number }>();
  for (const c of final.changes.filter((x) => x.round === r.round)) {
    const key = JSON.stringify(c.meter);
    const entry = net.get(key) ?? { name: meterName(c.meter), delta: 0 };
    entry.delta += c.to - c.from;
    net.set(key, entry);
  }
  const followed = [...net.values()].filter((e) => e.delta !== 0).map((e) => `${e.name} ${e.delta > 0 ? "+" : "−"}${Math.abs(e.delta)}`);
  return { code, round: r.round, responses, agreements, policies, followed, crisis: r.crisis };
}
