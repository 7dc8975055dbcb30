import type { Card } from "../content/card-schema.ts";
import type { Actor, Command } from "./commands.ts";
import { violation, type RuleViolation } from "./errors.ts";
import { INSTITUTIONS, type InstitutionId } from "./institutions.ts";
import { policyDefinition, policiesOf, type PolicyId } from "./policies.ts";
import { JOINT_STATEMENTS, type Proposal, type ProposalTerm } from "./proposals.ts";
import { TUNING } from "./tuning.ts";
import { membersOfPair, NATION_NAMES, PHASE_NAMES, type Nation, type Phase } from "./vocabulary.ts";

/**
 * The public facts legality depends on. GameState and PlayerView both provide them, so the
 * engine (deciding) and legalCommands (enumerating) share one set of predicates.
 */
export interface RuleFacts {
  phase: Phase;
  round: number;
  card: Card | null;
  responsesDue: readonly Nation[];
  ready: readonly Nation[];
  proposals: readonly Proposal[];
  exportControls: boolean;
  counterstrike: boolean;
  /** Japan's defense posture: counterstrike needs a build-up behind it. */
  japanDefense: number;
  firewall: "intact" | "breached";
  institutions: Partial<Record<InstitutionId, { status: "in-force" | "suspended" }>>;
  /** §10 Paused by the instructor: no clock, no moves (chat stays open). */
  paused: { since: number } | null;
}

export function policyAvailable(facts: RuleFacts, nation: Nation, policy: PolicyId): RuleViolation | null {
  const definition = policyDefinition(nation, policy);
  if (!definition) return violation("UNKNOWN_POLICY", `${NATION_NAMES[nation]} has no policy called "${policy}".`);
  switch (definition.requires) {
    case "exportControlsActive":
      if (!facts.exportControls) return violation("POLICY_UNAVAILABLE", "There are no export controls to lift.");
      break;
    case "exportControlsInactive":
      if (facts.exportControls) return violation("POLICY_UNAVAILABLE", "Export controls are already in place.");
      break;
    case "counterstrikeReady":
      if (facts.counterstrike) return violation("POLICY_UNAVAILABLE", "Japan already has counterstrike capability.");
      if (facts.japanDefense < TUNING.counterstrike.postureRequired) {
        return violation("POLICY_UNAVAILABLE", `Counterstrike needs a defense posture of ${TUNING.counterstrike.postureRequired} behind it (Japan's is ${facts.japanDefense}).`);
      }
      break;
  }
  return null;
}

export function checkTerm(facts: RuleFacts, parties: readonly Nation[], term: ProposalTerm): RuleViolation | null {
  switch (term.kind) {
    case "institution": {
      const definition = INSTITUTIONS[term.institution];
      if (!includesAll(parties, definition.members)) {
        const missing = definition.members.filter((m) => !parties.includes(m));
        return violation("BAD_TERM", `${definition.name} needs ${missing.map((m) => NATION_NAMES[m]).join(" and ")} at the table.`);
      }
      const status = facts.institutions[term.institution]?.status ?? "absent";
      if (status !== FITS[term.op]) {
        const now = status === "absent" ? "does not exist yet" : status === "in-force" ? "is already in force" : "is suspended";
        return violation("BAD_TERM", `Cannot ${term.op} ${definition.name}: it ${now}.`);
      }
      return null;
    }
    case "pledge": {
      if (!parties.includes(term.nation)) return violation("BAD_TERM", `${NATION_NAMES[term.nation]} is not a party, so it cannot pledge.`);
      if (!(policiesOf(term.nation) as readonly string[]).includes(term.policy)) {
        return violation("BAD_TERM", `${NATION_NAMES[term.nation]} has no policy called "${term.policy}".`);
      }
      const unavailable = policyAvailable(facts, term.nation, term.policy);
      return unavailable && violation("BAD_TERM", unavailable.message);
    }
    case "jointStatement": {
      const statement = JOINT_STATEMENTS[term.topic];
      if (!includesAll(parties, statement.requiredParties)) {
        const missing = statement.requiredParties.filter((m) => !parties.includes(m));
        return violation("BAD_TERM", `${statement.name} needs ${missing.map((m) => NATION_NAMES[m]).join(" and ")}.`);
      }
      if (term.topic === "two-track" && facts.firewall === "intact") {
        return violation("BAD_TERM", "The firewall is intact: there is nothing to rebuild.");
      }
      return null;
    }
  }
}

/** The status an institution must have for each operation on it. */
const FITS = { create: "absent", suspend: "in-force", restore: "suspended" } as const;

/** Whether every one of `members` is among `parties` (no list is built: terms are checked in bulk when options are listed). */
function includesAll(parties: readonly Nation[], members: readonly Nation[]): boolean {
  for (const m of members) if (!parties.includes(m)) return false;
  return true;
}

/** Whether a list names some nation twice. */
function hasDuplicate(parties: readonly Nation[]): boolean {
  for (let i = 1; i < parties.length; i++) if (parties.indexOf(parties[i]!) < i) return true;
  return false;
}

function findProposal(facts: RuleFacts, nation: Nation, id: string): Proposal | RuleViolation {
  const proposal = facts.proposals.find((p) => p.id === id);
  if (!proposal) return violation("UNKNOWN_PROPOSAL", `There is no proposal ${id}.`);
  if (!proposal.parties.includes(nation)) return violation("NOT_A_PARTY", `${NATION_NAMES[nation]} is not a party to proposal ${id}.`);
  if (proposal.status !== "open") return violation("PROPOSAL_CLOSED", `Proposal ${id} is ${proposal.status}.`);
  return proposal;
}

const wrongPhase = (facts: RuleFacts, what: string, phase: Phase) =>
  violation("WRONG_PHASE", `You can ${what} only in the ${PHASE_NAMES[phase]} phase; this is the ${PHASE_NAMES[facts.phase]} phase.`);

/** Whether `actor` may issue `command` now; null when it may. */
export function checkCommand(facts: RuleFacts, actor: Actor, command: Command): RuleViolation | null {
  if (facts.phase === "ended") return violation("GAME_OVER", "The game is over.");
  if (command.type === "phaseTimeout") {
    if (actor.kind === "seat") return violation("SYSTEM_ONLY", "Only the clock or the instructor can end a phase.");
    if (facts.paused && actor.kind === "system") return violation("PAUSED", "The table is paused: its clock is stopped.");
    if (command.round !== facts.round || command.phase !== facts.phase) {
      return violation("STALE_TIMEOUT", `That deadline was for round ${command.round}, ${command.phase}; the table has moved on.`);
    }
    return null;
  }
  if (actor.kind !== "seat") return violation("NOT_A_SEAT", "Only a seated nation can do that.");
  if (facts.paused && command.type !== "say") return violation("PAUSED", "The instructor has paused the table; you can still chat.");
  const nation = actor.nation;
  switch (command.type) {
    case "respond": {
      if (facts.phase !== "event") return wrongPhase(facts, "respond to the event", "event");
      if (!facts.responsesDue.includes(nation)) return violation("NO_RESPONSE_DUE", `${NATION_NAMES[nation]} has no response to give.`);
      if (!facts.card?.response?.options.some((o) => o.id === command.optionId)) {
        return violation("UNKNOWN_OPTION", `"${command.optionId}" is not one of this card's options.`);
      }
      return null;
    }
    case "tableProposal": {
      if (facts.phase !== "negotiation") return wrongPhase(facts, "table a proposal", "negotiation");
      const parties = command.parties;
      if (!parties.includes(nation) || hasDuplicate(parties)) {
        return violation("BAD_PARTIES", "A proposal names two or three different nations, yours among them.");
      }
      let open = 0;
      for (const p of facts.proposals) if (p.by === nation && p.status === "open") open += 1;
      if (open >= TUNING.proposals.maxOpenPerSeat) {
        return violation("TOO_MANY_PROPOSALS", `You already have ${open} open proposals; withdraw one first.`);
      }
      for (const term of command.terms) {
        const problem = checkTerm(facts, parties, term);
        if (problem) return problem;
      }
      return null;
    }
    case "acceptProposal":
    case "rejectProposal": {
      if (facts.phase !== "negotiation") return wrongPhase(facts, "answer a proposal", "negotiation");
      const found = findProposal(facts, nation, command.proposalId);
      if ("code" in found) return found;
      if (found.accepted.includes(nation)) return violation("ALREADY_ANSWERED", `${NATION_NAMES[nation]} has already accepted proposal ${found.id}.`);
      return null;
    }
    case "withdrawProposal": {
      if (facts.phase !== "negotiation") return wrongPhase(facts, "withdraw a proposal", "negotiation");
      const found = findProposal(facts, nation, command.proposalId);
      if ("code" in found) return found;
      if (found.by !== nation) return violation("NOT_PROPOSER", "Only the nation that tabled a proposal can withdraw it.");
      return null;
    }
    case "say": {
      if (command.channel !== "table" && !membersOfPair(command.channel).includes(nation)) {
        return violation("NOT_IN_CHANNEL", `${NATION_NAMES[nation]} is not part of that channel.`);
      }
      return null;
    }
    case "ready": {
      if (facts.phase !== "negotiation" && facts.phase !== "summary") {
        return violation("WRONG_PHASE", `There is nothing to finish in the ${PHASE_NAMES[facts.phase]} phase.`);
      }
      if (facts.ready.includes(nation)) return violation("ALREADY_READY", "You have already said you are done.");
      return null;
    }
    case "commitPolicy": {
      if (facts.phase !== "policy") return wrongPhase(facts, "commit a policy", "policy");
      return policyAvailable(facts, nation, command.policy);
    }
    default:
      return violation("INSTRUCTOR_ONLY", "Only the instructor can do that.");
  }
}
