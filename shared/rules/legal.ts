import { factsOf } from "./apply.ts";
import { checkCommand, type RuleFacts } from "./checks.ts";
import type { GameState } from "./state.ts";
import { seat as seatActor, type Command } from "./commands.ts";
import { INSTITUTIONS, INSTITUTION_IDS } from "./institutions.ts";
import { policiesOf } from "./policies.ts";
import { JOINT_STATEMENT_TOPICS, JOINT_STATEMENTS, type ProposalTerm } from "./proposals.ts";
import type { Channel } from "./state.ts";
import { NATIONS, PAIRS, membersOfPair, type Nation } from "./vocabulary.ts";

/** Terms this seat could write into a proposal now, each with the smallest set of parties it needs. */
export function proposalTermOptions(facts: RuleFacts, nation: Nation): { term: ProposalTerm; parties: Nation[] }[] {
  const withSeat = (members: readonly Nation[]) => NATIONS.filter((n) => n === nation || members.includes(n));
  const options: { term: ProposalTerm; parties: Nation[] }[] = [];
  for (const institution of INSTITUTION_IDS) {
    for (const op of ["create", "suspend", "restore"] as const) {
      options.push({ term: { kind: "institution", op, institution }, parties: withSeat(INSTITUTIONS[institution].members) });
    }
  }
  for (const topic of JOINT_STATEMENT_TOPICS) {
    const required = JOINT_STATEMENTS[topic].requiredParties;
    if (required.length > 0) options.push({ term: { kind: "jointStatement", topic }, parties: withSeat(required) });
    else for (const other of NATIONS.filter((n) => n !== nation)) options.push({ term: { kind: "jointStatement", topic }, parties: withSeat([other]) });
  }
  for (const other of NATIONS) {
    for (const policy of policiesOf(other)) {
      if (policy === "hold-steady") continue;
      const parties = other === nation ? null : withSeat([other]);
      if (parties) options.push({ term: { kind: "pledge", nation: other, policy }, parties });
    }
  }
  return options.filter(
    (o) => checkCommand(facts, seatActor(nation), { type: "tableProposal", parties: o.parties, terms: [o.term], note: "" }) === null,
  );
}

export function chatChannels(nation: Nation): Channel[] {
  return ["table", ...PAIRS.filter((p) => membersOfPair(p).includes(nation))];
}

/**
 * Every concrete command `nation` may issue now (chat aside: see chatChannels). Proposals are
 * listed in their single-term form; combine terms from proposalTermOptions for trade-offs.
 */
export function legalCommands(stateOrView: RuleFacts | GameState, nation: Nation): Command[] {
  const facts = "drawPile" in stateOrView ? factsOf(stateOrView) : stateOrView;
  const candidates: Command[] = [];
  if (facts.phase === "event" && facts.card?.response) {
    for (const option of facts.card.response.options) candidates.push({ type: "respond", optionId: option.id });
  }
  if (facts.phase === "negotiation") {
    for (const { term, parties } of proposalTermOptions(facts, nation)) {
      if (term.kind !== "pledge") candidates.push({ type: "tableProposal", parties, terms: [term], note: "" });
    }
    for (const p of facts.proposals) {
      candidates.push({ type: "acceptProposal", proposalId: p.id });
      candidates.push({ type: "rejectProposal", proposalId: p.id });
      candidates.push({ type: "withdrawProposal", proposalId: p.id });
    }
  }
  if (facts.phase === "negotiation" || facts.phase === "summary") candidates.push({ type: "ready" });
  if (facts.phase === "policy") {
    for (const policy of policiesOf(nation)) candidates.push({ type: "commitPolicy", policy });
  }
  return candidates.filter((c) => checkCommand(facts, seatActor(nation), c) === null);
}
