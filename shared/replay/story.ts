import { agendaById } from "../rules/agendas.ts";
import type { GameEvent } from "../rules/events.ts";
import { describeTerm } from "../rules/flow.ts";
import { policyDefinition } from "../rules/policies.ts";
import type { GameState, ScoreLine } from "../rules/state.ts";
import { NATION_NAMES, NATIONS, type Nation } from "../rules/vocabulary.ts";
import type { StepInfo } from "./stepper.ts";

export type DecisionKind = "response" | "proposal-tabled" | "proposal-accepted" | "proposal-rejected" | "proposal-withdrawn" | "pledge-kept" | "pledge-broken" | "policy";

export interface Decision {
  step: number;
  round: number;
  kind: DecisionKind;
  text: string;
}

export interface SeatStory {
  nation: Nation;
  agenda: { id: string; title: string; description: string; broken: boolean; met: boolean | null };
  /** Null while the game is running. */
  score: { total: number; rank: number | null; lines: ScoreLine[] } | null;
  decisions: Decision[];
}

/** The game's story per seat: agenda revealed and whether met, the score line by line, each decision in order. */
export function storiesOf(steps: readonly StepInfo[], final: GameState): SeatStory[] {
  return NATIONS.map((nation) => {
    const a = final.agendas[nation];
    const def = agendaById(a.id);
    const score = final.ended?.scores[nation];
    const rank = final.ended?.ranking.find((r) => r.nation === nation)?.rank ?? null;
    return {
      nation,
      agenda: { id: a.id, title: def?.title ?? a.id, description: def?.description ?? "", broken: a.broken, met: score ? score.agendaMet : null },
      score: score ? { total: score.total, rank, lines: score.lines } : null,
      decisions: decisionsOf(steps, nation, final),
    };
  });
}

function decisionsOf(steps: readonly StepInfo[], nation: Nation, final: GameState): Decision[] {
  const out: Decision[] = [];
  const proposal = (id: string) => final.proposals.find((p) => p.id === id);
  const termsOf = (id: string) => proposal(id)?.terms.map(describeTerm).join("; ") ?? "";
  for (const step of steps) {
    const push = (kind: DecisionKind, text: string) => out.push({ step: step.index, round: step.round, kind, text });
    for (const e of step.events as GameEvent[]) {
      switch (e.type) {
        case "responseChosen":
          if (e.nation === nation) {
            const option = final.cards[e.cardId]?.response?.options.find((o) => o.id === e.optionId);
            push("response", `Answered "${final.cards[e.cardId]?.title ?? e.cardId}": ${option?.label ?? e.optionId}`);
          }
          break;
        case "proposalTabled":
          if (e.by === nation) push("proposal-tabled", `Tabled ${e.proposalId} with ${e.parties.filter((p) => p !== nation).map((p) => NATION_NAMES[p]).join(" and ")}: ${termsOf(e.proposalId)}`);
          break;
        case "proposalAnswered":
          if (e.nation === nation) push(e.answer === "accept" ? "proposal-accepted" : "proposal-rejected", `${e.answer === "accept" ? "Accepted" : "Rejected"} ${e.proposalId}: ${termsOf(e.proposalId)}`);
          break;
        case "proposalWithdrawn":
          if (proposal(e.proposalId)?.by === nation) push("proposal-withdrawn", `Withdrew ${e.proposalId}`);
          break;
        case "pledgeResolved":
          if (e.nation === nation) {
            const name = policyDefinition(nation, e.policy as never)?.name ?? e.policy;
            push(e.kept ? "pledge-kept" : "pledge-broken", `${e.kept ? "Kept" : "Broke"} its pledge in ${e.proposalId} to "${name}"`);
          }
          break;
        case "policiesRevealed":
          push("policy", `Policy in round ${e.round}: ${policyDefinition(nation, e.policies[nation])?.name ?? e.policies[nation]}`);
          break;
        default:
          break;
      }
    }
  }
  return out;
}
