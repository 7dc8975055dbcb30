import { agendaById } from "./agendas.ts";
import { applyEffects, changeGovernment, changeTrust } from "./apply-effects.ts";
import { conditionHolds } from "./conditions.ts";
import { crisisDue, deterrenceTotal } from "./deterrence.ts";
import { QUIET_CAUSE, type Draft } from "./draft.ts";
import type { Effect } from "./effects.ts";
import type { Cause } from "./events.ts";
import { proposalName } from "./describe.ts";
import { INSTITUTIONS, INSTITUTION_IDS } from "./institutions.ts";
import { policyDefinition, type PolicyId } from "./policies.ts";
import type { CardId, OptionId } from "./ids.ts";
import { JOINT_STATEMENTS, type Proposal, type ProposalTerm } from "./proposals.ts";
import { strainedPair, strainLine } from "./strain.ts";
import { scoreGame } from "./scoring.ts";
import type { EndState, RoundState } from "./state.ts";
import { STANCE_RULES } from "./stances.ts";
import { TUNING } from "./tuning.ts";
import { NATION_NAMES, NATIONS, pairName, pairOf, pairsAmong, type Nation, type Phase, type StanceId } from "./vocabulary.ts";

/** Phase transitions and the resolution order. Rules § numbers refer to shared/rules/README.md. */

export function emptyRound(cardId: CardId | null): RoundState {
  return { cardId, responsesDue: [], responses: {}, ready: [], policies: {}, deterrenceBonus: 0, leadershipChanges: [] };
}

export function enterPhase(d: Draft, phase: Phase): void {
  d.s.phase = phase;
  d.s.current.ready = [];
  d.s.phaseExtension = 0;
  if (!d.quiet) d.events.push({ type: "phaseChanged", round: d.s.round, phase });
}

/** §1 Escalation: does threat rise at the start of this round? */
export function escalationDue(round: number): boolean {
  const e = TUNING.escalation;
  return (e.threatPerStep as number) !== 0 && round >= e.fromRound && (round - e.fromRound) % e.everyRounds === 0;
}

/** §1 Event: escalation (if due), then draw the top card, apply its effects, and ask the named nations to respond. */
export function startRound(d: Draft): void {
  d.s.round += 1;
  const cardId = d.s.drawPile[0] ?? null;
  d.s.drawPile = d.s.drawPile.slice(1);
  d.s.current = emptyRound(cardId);
  d.events.push({ type: "roundStarted", round: d.s.round });
  if (escalationDue(d.s.round)) {
    applyEffects(d, [{ kind: "threat", delta: TUNING.escalation.threatPerStep }], { kind: "escalation", label: TUNING.escalation.label });
  }
  const card = cardId ? d.s.cards[cardId] : undefined;
  if (card) {
    d.events.push({ type: "cardRevealed", round: d.s.round, cardId: card.id, title: card.title });
    applyEffects(d, card.effects, { kind: "card", cardId: card.id, label: card.title });
    d.s.current.responsesDue = card.response ? NATIONS.filter((n) => card.response!.nations.includes(n)) : [];
  }
  enterPhase(d, d.s.current.responsesDue.length > 0 ? "event" : "negotiation");
}

export function respond(d: Draft, nation: Nation, optionId: OptionId): void {
  const card = d.s.cards[d.s.current.cardId ?? ""];
  const option = card?.response?.options.find((o) => o.id === optionId);
  if (!card || !option) return;
  d.s.current.responses[nation] = optionId;
  d.s.current.responsesDue = d.s.current.responsesDue.filter((n) => n !== nation);
  if (!d.quiet) d.events.push({ type: "responseChosen", nation, cardId: card.id, optionId });
  const cause: Cause = d.quiet
    ? QUIET_CAUSE
    : { kind: "response", cardId: card.id, nation, optionId, label: `${card.title}: ${NATION_NAMES[nation]} chose "${option.label}"` };
  applyEffects(d, option.effects, cause);
  if (d.s.current.responsesDue.length === 0) enterPhase(d, "negotiation");
}

export function respondByDefault(d: Draft): void {
  const response = d.s.cards[d.s.current.cardId ?? ""]?.response;
  const option = response?.defaultOption ?? response?.options[0]?.id;
  for (const nation of d.s.current.responsesDue.slice()) {
    if (option !== undefined) respond(d, nation, option);
  }
  if (d.s.phase === "event") enterPhase(d, "negotiation");
}

/** §2 Negotiation ends: proposals not accepted by every party lapse. */
export function closeNegotiation(d: Draft): void {
  d.s.proposals = d.s.proposals.map((p) => {
    if (p.status !== "open") return p;
    d.events.push({ type: "proposalLapsed", proposalId: p.id, visibleTo: p.parties });
    return { ...p, status: "lapsed" };
  });
  enterPhase(d, "policy");
}

/** §3 Policy ends: a seat that committed nothing holds steady; then resolve. */
export function closePolicy(d: Draft): void {
  for (const nation of NATIONS) d.s.current.policies[nation] ??= "hold-steady";
  resolveRound(d);
}

export function describeProposal(p: Pick<Proposal, "id" | "terms">): string {
  return `Agreement ${proposalName(p.id)}: ${p.terms.map(describeTerm).join("; ")}`;
}

export function describeTerm(term: ProposalTerm): string {
  switch (term.kind) {
    case "institution":
      return `${term.op} ${INSTITUTIONS[term.institution].name}`;
    case "pledge":
      return `${NATION_NAMES[term.nation]} pledges "${policyDefinition(term.nation, term.policy)?.name ?? term.policy}"`;
    case "jointStatement":
      return JOINT_STATEMENTS[term.topic].name;
  }
}

function jointStatementEffects(topic: ProposalTerm & { kind: "jointStatement" }, parties: Nation[]): Effect[] {
  if (topic.topic === "united-front") {
    return pairsAmong(parties).map((pair) => ({ kind: "trust", pair, delta: 2 }) as Effect);
  }
  return JOINT_STATEMENTS[topic.topic].effects;
}

/**
 * §4 Resolution, in this fixed order:
 *  1. reveal policies; 2. enact agreed proposals; 3. apply policies (Seoul, Tokyo, Washington);
 *  4. settle pledges; 5. institution income; 6. threat vs deterrence; 7. leadership changes;
 *  8. agendas; then the summary (or the end of the game).
 */
export function resolveRound(d: Draft): void {
  const policies = { ...d.s.current.policies } as Record<Nation, PolicyId>;
  if (!d.quiet) d.events.push({ type: "policiesRevealed", round: d.s.round, policies });

  // The draft's proposals are its own copy: agreed ones are replaced in place.
  const enacted: Proposal[] = [];
  const proposals = d.s.proposals;
  for (let i = 0; i < proposals.length; i++) {
    const p = proposals[i]!;
    if (p.status !== "agreed" || p.round !== d.s.round) continue;
    const done = { ...p, status: "enacted" as const };
    enacted.push(done);
    proposals[i] = done;
  }
  for (const p of enacted) {
    if (!d.quiet) d.events.push({ type: "proposalEnacted", proposalId: p.id });
    const cause: Cause = d.quiet ? QUIET_CAUSE : { kind: "proposal", proposalId: p.id, label: describeProposal(p) };
    for (const term of p.terms) {
      if (term.kind === "institution") applyEffects(d, [{ kind: "institution", op: term.op, institution: term.institution }], cause);
      if (term.kind === "jointStatement") applyEffects(d, jointStatementEffects(term, p.parties), cause);
    }
  }

  for (const nation of NATIONS) applyPolicy(d, nation, policies[nation]);

  for (const p of enacted) {
    for (const term of p.terms) {
      if (term.kind !== "pledge") continue;
      const kept = policies[term.nation] === term.policy;
      if (!d.quiet) d.events.push({ type: "pledgeResolved", proposalId: p.id, nation: term.nation, policy: term.policy, kept });
      const cause: Cause = d.quiet
        ? QUIET_CAUSE
        : {
            kind: "pledge",
            proposalId: p.id,
            nation: term.nation,
            kept,
            label: kept ? `${NATION_NAMES[term.nation]} kept its word` : `${NATION_NAMES[term.nation]} broke its word (${describeTerm(term)})`,
          };
      for (const other of p.parties) {
        if (other === term.nation) continue;
        changeTrust(d, pairOf(term.nation, other), kept ? TUNING.pledges.keptTrustBonus : TUNING.pledges.brokenTrustPenalty, cause);
      }
    }
  }

  for (const id of EARNING) {
    if (d.s.institutions[id]?.status !== "in-force") continue;
    applyEffects(d, INSTITUTIONS[id].income, d.quiet ? QUIET_CAUSE : { kind: "institution", institution: id, label: INSTITUTIONS[id].name });
  }

  strainInstitutions(d);

  const deterrence = deterrenceTotal(d.s);
  const crisis = crisisDue(d.s.threat, deterrence);
  if (crisis) {
    d.s.crises += 1;
    if (!d.quiet) d.events.push({ type: "crisisPlaced", threat: d.s.threat, deterrence, crises: d.s.crises });
    const cause: Cause = d.quiet ? QUIET_CAUSE : { kind: "crisis", label: `Crisis: threat ${d.s.threat} outran deterrence ${deterrence}` };
    applyEffects(
      d,
      [
        { kind: "trust", pair: "seoul-tokyo", delta: TUNING.crisis.trustShockPerPair },
        { kind: "trust", pair: "seoul-washington", delta: TUNING.crisis.trustShockPerPair },
        { kind: "trust", pair: "tokyo-washington", delta: TUNING.crisis.trustShockPerPair },
        { kind: "threat", delta: -TUNING.crisis.threatReliefAfterCrisis },
      ],
      cause,
    );
  }

  for (const nation of NATIONS) {
    if (d.s.support[nation] < TUNING.leadership.fallsBelowSupport) {
      changeGovernment(d, nation, d.quiet ? QUIET_CAUSE : { kind: "leadership", nation, label: `The government in ${NATION_NAMES[nation]} fell` });
    }
  }

  for (const nation of NATIONS) {
    const agenda = agendaById(d.s.agendas[nation].id);
    if (agenda?.everyRound && !d.s.agendas[nation].broken && !conditionHolds(d.s, agenda.everyRound)) {
      d.s.agendas[nation] = { ...d.s.agendas[nation], broken: true };
      if (!d.quiet) d.events.push({ type: "agendaBroken", nation, agendaId: agenda.id, visibleTo: [nation] });
    }
  }

  const rounds = d.s.rounds.slice();
  rounds.push({
    round: d.s.round,
    cardId: d.s.current.cardId,
    responses: { ...d.s.current.responses },
    policies,
    deterrence,
    threat: d.s.threat,
    crisis,
    leadershipChanges: d.s.current.leadershipChanges.slice(),
  });
  d.s.rounds = rounds;

  if (d.s.crises >= TUNING.crisis.markersToEndGame) endGame(d, "regional-crisis");
  else if (d.s.round >= d.s.options.rounds) endGame(d, "rounds-complete");
  else enterPhase(d, "summary");
}

/**
 * §4.5 Strain: an institution in force whose members include a pair with trust below its strain
 * line is suspended (in catalogue order), as Seoul suspended GSOMIA in 2019. Groundwork is spared.
 */
const BREACH: Effect = { kind: "firewall", state: "breached" };
function strainInstitutions(d: Draft): void {
  for (const id of INSTITUTION_IDS) {
    if (d.s.institutions[id]?.status !== "in-force") continue;
    const strained = strainedPair(d.s.trust, id);
    const home = INSTITUTIONS[id].needsSupport;
    const unsellable = home !== undefined && d.s.support[home.nation] < home.below;
    if (strained === null && !unsellable) continue;
    const cause: Cause = d.quiet
      ? QUIET_CAUSE
      : {
          kind: "institution",
          institution: id,
          label: strained !== null
            ? `${INSTITUTIONS[id].name} suspended: ${pairName(strained)} trust fell below ${strainLine(id)!}`
            : `${INSTITUTIONS[id].name} suspended: support for the government in ${NATION_NAMES[home!.nation]} fell below ${home!.below}`,
        };
    // A security tie lost to distrust means the quarrel has reached security: the firewall is breached.
    applyEffects(d, [{ kind: "institution", op: "suspend", institution: id }, ...(INSTITUTIONS[id].security ? [BREACH] : [])], cause);
  }
}
/** The institutions that pay an income while in force, in catalogue order (the others pay nothing). */
const EARNING = INSTITUTION_IDS.filter((id) => INSTITUTIONS[id].income.length > 0);

function applyPolicy(d: Draft, nation: Nation, policy: PolicyId): void {
  const definition = policyDefinition(nation, policy);
  if (!definition) return;
  const cause: Cause = d.quiet ? QUIET_CAUSE : { kind: "policy", nation, policy, label: `${NATION_NAMES[nation]}: ${definition.name}` };
  applyEffects(d, stancedEffects(nation, policy, d.s.stances[nation]), cause);
}

/** A policy's effects under a stance: the stance's support shift lands on the government's own support. */
const STANCED: Partial<Record<Nation, Partial<Record<PolicyId, Partial<Record<StanceId, readonly Effect[]>>>>>> = {};
function stancedEffects(nation: Nation, policy: PolicyId, stance: StanceId): readonly Effect[] {
  const byPolicy = (STANCED[nation] ??= {});
  const byStance = (byPolicy[policy] ??= {});
  let effects = byStance[stance];
  if (effects) return effects;
  effects = policyDefinition(nation, policy)?.effects ?? [];
  const shift = STANCE_RULES[stance].supportShift[policy] ?? 0;
  if (shift !== 0) {
    const own = effects.findIndex((e) => e.kind === "support" && e.nation === nation);
    effects =
      own >= 0
        ? effects.map((e, i) => (i === own && e.kind === "support" ? { ...e, delta: e.delta + shift } : e))
        : [...effects, { kind: "support", nation, delta: shift }];
  }
  byStance[stance] = effects;
  return effects;
}

export function endGame(d: Draft, reason: EndState["reason"]): void {
  const result = scoreGame(d.s, reason, !d.quiet);
  d.s.ended = result;
  d.s.phase = "ended";
  d.s.current.ready = [];
  d.s.phaseExtension = 0;
  d.events.push({ type: "phaseChanged", round: d.s.round, phase: "ended" });
  d.events.push({ type: "gameEnded", result });
}

/** A deadline passed (or the instructor advanced the phase): whoever has not acted gets the default. */
export function timeoutPhase(d: Draft): void {
  switch (d.s.phase) {
    case "event":
      return respondByDefault(d);
    case "negotiation":
      return closeNegotiation(d);
    case "policy":
      return closePolicy(d);
    case "summary":
      return startRound(d);
    case "ended":
      return enterPhase(d, "ended");
  }
}
