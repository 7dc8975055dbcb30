import { agendaById, type AgendaDefinition } from "../rules/agendas.ts";
import { conditionHolds, meterValue } from "../rules/conditions.ts";
import type { Condition, Effect } from "../rules/effects.ts";
import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "../rules/institutions.ts";
import { policyDefinition, policiesOf, type PolicyId } from "../rules/policies.ts";
import { JOINT_STATEMENTS, type ProposalTerm } from "../rules/proposals.ts";
import type { GameState } from "../rules/state.ts";
import { STANCE_RULES } from "../rules/stances.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { membersOfPair, NATIONS, PAIRS, pairsAmong, type MeterRef, type Nation, type Pair, type StanceId } from "../rules/vocabulary.ts";
import type { Situation, StanceProfile } from "./profile.ts";

/**
 * The bots' model of the game: a light snapshot of the public meters, a way to push effects
 * through it, and a utility that reads like the nation's score plus crisis risk, agenda and
 * stance. It is a heuristic — the engine stays the only judge — tuned to be cheap, because the
 * simulator plays tens of thousands of games. The hard bots check their choices against the real
 * engine (lookahead.ts).
 */

export interface Snap {
  trust: Record<Pair, number>;
  support: Record<Nation, number>;
  threat: number;
  historyTension: number;
  japanDefense: number;
  burdenShared: number;
  firewall: "intact" | "breached";
  exportControls: boolean;
  counterstrike: boolean;
  institutions: Partial<Record<InstitutionId, { status: "in-force" | "suspended" }>>;
  current: { deterrenceBonus: number };
  stances: Record<Nation, StanceId>;
  /** Tokyo's apology statements so far (they count toward Seoul's history justice). */
  apologies: number;
  /** Governments brought down by the effects applied to this snapshot. */
  fallen: number;
}

export function snapOf(view: PlayerView): Snap {
  let apologies = 0;
  for (const r of view.history) if (r.policies.tokyo === "apology-statement") apologies += 1;
  return {
    trust: view.trust,
    support: view.support,
    threat: view.threat,
    historyTension: view.historyTension,
    japanDefense: view.japanDefense,
    burdenShared: view.burdenShared,
    firewall: view.firewall,
    exportControls: view.exportControls,
    counterstrike: view.counterstrike,
    institutions: view.institutions,
    current: { deterrenceBonus: view.current.deterrenceBonus },
    stances: view.stances,
    apologies,
    fallen: 0,
  };
}

/** A copy that effects may write into (the institutions record is copied when first touched). */
function fork(s: Snap): Snap {
  return { ...s, trust: { ...s.trust }, support: { ...s.support }, current: { deterrenceBonus: s.current.deterrenceBonus } };
}

function clamp(meter: keyof typeof TUNING.bounds, value: number): number {
  const [lo, hi] = TUNING.bounds[meter];
  return Math.max(lo, Math.min(hi, value));
}

const asState = (s: Snap) => s as unknown as GameState;

const PAIR_MEMBERS = Object.fromEntries(PAIRS.map((p) => [p, membersOfPair(p)])) as Record<Pair, [Nation, Nation]>;

/** Institutions whose members include both nations of each pair (the ones that absorb its trust losses). */
const PAIR_INSTITUTIONS = Object.fromEntries(
  PAIRS.map((p) => [p, INSTITUTION_IDS.filter((id) => PAIR_MEMBERS[p].every((n) => INSTITUTIONS[id].members.includes(n)))]),
) as Record<Pair, InstitutionId[]>;

/** institutionsInForceBetween(...).length for a pair, without the allocation. */
export function sharedInForce(s: Pick<Snap, "institutions">, pair: Pair): number {
  let n = 0;
  for (const id of PAIR_INSTITUTIONS[pair]) if (s.institutions[id]?.status === "in-force") n += 1;
  return n;
}

/** Pushes effects through the snapshot the way the engine would, closely enough to choose by. */
export function applyToSnap(s: Snap, effects: readonly Effect[]): void {
  for (const e of effects) {
    if (e.if && !conditionHolds(asState(s), e.if)) continue;
    switch (e.kind) {
      case "trust": {
        let amount = e.delta;
        if (amount < 0 && e.domain === "history" && e.pair === "seoul-tokyo" && s.firewall === "intact") {
          amount = -Math.floor(-amount * TUNING.firewallHistoryFactor);
        }
        if (amount < 0) {
          const n = sharedInForce(s, e.pair);
          amount += Math.floor(-amount * Math.min(TUNING.absorption.cap, TUNING.absorption.perInstitution * n));
        }
        s.trust[e.pair] = clamp("trust", s.trust[e.pair] + amount);
        break;
      }
      case "support":
        s.support[e.nation] = clamp("support", s.support[e.nation] + e.delta);
        break;
      case "threat":
      case "historyTension":
      case "japanDefense":
      case "burdenShared":
        s[e.kind] = clamp(e.kind, s[e.kind] + e.delta);
        break;
      case "firewall":
        s.firewall = e.state;
        break;
      case "exportControls":
        s.exportControls = e.active;
        break;
      case "counterstrike":
        s.counterstrike = true;
        break;
      case "deterrenceBonus":
        s.current.deterrenceBonus += e.delta;
        break;
      case "leadershipChange":
        s.support[e.nation] = TUNING.leadership.newGovernmentSupport;
        s.fallen += 1;
        break;
      case "institution":
        institutionOp(s, e.institution, e.op, e.domain === "history");
        break;
    }
  }
}

function institutionOp(s: Snap, id: InstitutionId, op: "create" | "suspend" | "restore", historyShock: boolean): void {
  const from = s.institutions[id]?.status ?? "absent";
  if (op === "create" && from === "suspended") op = "restore";
  if (op === "create" && from !== "absent") return;
  if (op === "restore" && from !== "suspended") return;
  if (op === "suspend" && (from !== "in-force" || (historyShock && INSTITUTIONS[id].security && s.firewall === "intact"))) return;
  s.institutions = { ...s.institutions, [id]: { status: op === "suspend" ? "suspended" : "in-force" } };
  if (op === "create") applyToSnap(s, INSTITUTIONS[id].onCreate);
}

/** r(gap): how much of a crisis marker's cost a given threat − deterrence gap carries. */
function crisisShare(gap: number): number {
  if (gap >= 1) return 0.75 + 0.25 * gap;
  if (gap === 0) return 0.35;
  if (gap === -1) return 0.12;
  if (gap === -2) return 0.05;
  return 0.02;
}

/** The piece of the utility that does not depend on the snapshot: who, what they know, how far they look. */
export interface Evaluator {
  nation: Nation;
  profile: StanceProfile;
  agenda: AgendaDefinition | null;
  roundsLeft: number;
  crises: number;
  /** Easy bots are myopic: no agenda, no income over the rounds left. */
  foresight: boolean;
  base: number;
}

export function evaluatorFor(view: PlayerView, nation: Nation, profile: StanceProfile, foresight: boolean, knowsAgenda: boolean): Evaluator {
  const agendaView = knowsAgenda ? view.agendas[nation] : undefined;
  const agenda = agendaView && !agendaView.broken ? (agendaById(agendaView.id) ?? null) : null;
  const ev: Evaluator = {
    nation,
    profile,
    agenda,
    roundsLeft: Math.max(1, view.rounds - view.round + 1),
    crises: view.crises,
    foresight,
    base: 0,
  };
  ev.base = utility(ev, snapOf(view));
  return ev;
}

function markerCost(ev: Evaluator, crises: number, roundsLeft: number): number {
  const aversion = ev.profile.crisisAversion;
  if (crises >= TUNING.crisis.markersToEndGame - 1) return 40 * aversion;
  const cost = (7 + 6 * crises) * aversion;
  return roundsLeft > 1 ? cost : cost * 0.4;
}

/** The nation's score as the scoring rules read it (scoring.ts), from the public meters. */
export function scoreProxy(nation: Nation, s: Snap, detNoBonus: number): number {
  const sc = TUNING.scoring;
  const support = s.support[nation] / sc.supportDivisor;
  switch (nation) {
    case "seoul": {
      const protocol = s.institutions["counterstrike-protocol"]?.status === "in-force";
      const autonomy = (s.counterstrike && !protocol ? sc.seoul.uncoordinatedCounterstrikePenalty : sc.seoul.autonomyBonus) + s.trust["seoul-washington"] / sc.trustDivisor;
      return detNoBonus * sc.securityPerDeterrencePoint + autonomy + support + s.apologies * 2 + (10 - s.historyTension) / 2;
    }
    case "tokyo":
      return (
        detNoBonus * sc.securityPerDeterrencePoint +
        s.japanDefense * sc.tokyo.defensePerPoint +
        (s.counterstrike ? sc.tokyo.counterstrikeBonus : 0) +
        support +
        s.trust["seoul-tokyo"] / sc.trustDivisor
      );
    case "washington": {
      let trilateral = 0;
      for (const id of TRILATERAL) if (s.institutions[id]?.status === "in-force") trilateral += 1;
      const trustSum = s.trust["seoul-tokyo"] + s.trust["seoul-washington"] + s.trust["tokyo-washington"];
      return trustSum / (3 * sc.trustDivisor) + trilateral * sc.washington.trilateralInstitutionPoints + s.burdenShared * sc.washington.burdenPerPoint + support;
    }
  }
}

/** Progress toward a condition, 0..1, smooth enough to steer by. */
function progress(s: Snap, c: Condition): number {
  switch (c.kind) {
    case "meterAtLeast": {
      const v = meterValue(s, c.meter);
      const span = c.meter.meter === "trust" || c.meter.meter === "support" ? 25 : 5;
      return v >= c.value ? 1 : Math.max(0, 1 - (c.value - v) / span);
    }
    case "meterAtMost": {
      const v = meterValue(s, c.meter);
      const span = c.meter.meter === "trust" || c.meter.meter === "support" ? 25 : 5;
      return v <= c.value ? 1 : Math.max(0, 1 - (v - c.value) / span);
    }
    case "institutionInForce":
      return s.institutions[c.institution]?.status === "in-force" ? 1 : 0.2;
    default:
      return conditionHolds(asState(s), c) ? 1 : 0.2;
  }
}

function agendaValue(ev: Evaluator, s: Snap): number {
  const agenda = ev.agenda;
  if (!agenda) return 0;
  let p = 1;
  for (const c of agenda.atEnd) p *= progress(s, c);
  if (agenda.everyRound) {
    // Keep a margin: one point above the line is safe, on the line is nervous.
    const c = agenda.everyRound;
    if (!conditionHolds(asState(s), c)) p = 0;
    else if (c.kind === "meterAtLeast" && meterValue(s, c.meter) < c.value + 1) p *= 0.6;
  }
  return TUNING.scoring.agendaBonus * p;
}

const FLAVOURS = new WeakMap<StanceProfile, [InstitutionId, number][]>();
function flavoursOf(profile: StanceProfile): [InstitutionId, number][] {
  let list = FLAVOURS.get(profile);
  if (!list) FLAVOURS.set(profile, (list = INSTITUTION_IDS.flatMap((id) => (profile.institutions[id] ? [[id, profile.institutions[id]!] as [InstitutionId, number]] : []))));
  return list;
}

const TRILATERAL = INSTITUTION_IDS.filter((id) => INSTITUTIONS[id].members.length === 3);

/** What the evaluator's government thinks a snapshot is worth. */
const DETERRING = INSTITUTION_IDS.filter((id) => INSTITUTIONS[id].deterrence > 0).map((id) => [id, INSTITUTIONS[id].deterrence] as const);

/**
 * deterrenceOf(s).total without building the breakdown: the bots price thousands of snapshots
 * per game. tests/bots/values.test.ts checks it against the rule on random snapshots.
 */
export function deterrenceTotal(s: Snap): number {
  const t = TUNING.deterrence;
  let total = t.base + Math.floor((s.trust["seoul-tokyo"] + s.trust["seoul-washington"] + s.trust["tokyo-washington"]) / PAIRS.length / t.trustPerPoint);
  for (let i = 0; i < DETERRING.length; i++) if (s.institutions[DETERRING[i]![0]]?.status === "in-force") total += DETERRING[i]![1];
  total += Math.floor(s.japanDefense / t.japanDefensePerPoint);
  if (s.current.deterrenceBonus > 0) total += s.current.deterrenceBonus;
  return total;
}

export function utility(ev: Evaluator, s: Snap): number {
  const det = deterrenceTotal(s);
  const detNoBonus = det - s.current.deterrenceBonus;
  const me = ev.nation;
  let u = scoreProxy(me, s, detNoBonus);

  const cost = markerCost(ev, ev.crises, ev.roundsLeft);
  u -= cost * crisisShare(s.threat - det);
  // Even a myopic government sees the next round's crisis coming; only foresight sees past it.
  if (ev.roundsLeft > 1) {
    const later = markerCost(ev, ev.crises, ev.roundsLeft - 1);
    u -= 0.5 * later * crisisShare(s.threat + 1 - detNoBonus) * Math.min(1, (ev.roundsLeft - 1) / 3);
  }
  if (ev.foresight) u += agendaValue(ev, s);

  const support = s.support[me];
  if (support < TUNING.leadership.fallsBelowSupport) u -= 10;
  else if (support < TUNING.leadership.fallsBelowSupport + 10) u -= (TUNING.leadership.fallsBelowSupport + 10 - support) * 0.4;

  const b = ev.profile.meters;
  if (b.trust) for (const pair of PAIRS) u += (b.trust[pair] ?? 0) * s.trust[pair];
  if (b.alliesSupport) for (const n of NATIONS) if (n !== me) u += b.alliesSupport * Math.min(s.support[n], 40);
  if (b.historyTension) u += b.historyTension * s.historyTension;
  if (b.japanDefense) u += b.japanDefense * s.japanDefense;
  if (b.burdenShared) u += b.burdenShared * s.burdenShared;
  if (b.threat) u += b.threat * s.threat;
  if (b.exportControls && s.exportControls) u += b.exportControls;
  if (b.counterstrike && s.counterstrike) u += b.counterstrike;
  if (b.firewall && s.firewall === "intact") u += b.firewall;
  const flavours = flavoursOf(ev.profile);
  for (let i = 0; i < flavours.length; i++) if (s.institutions[flavours[i]![0]]?.status === "in-force") u += flavours[i]![1];
  u -= 6 * s.fallen;
  return u;
}

/** Value of applying effects to the view's situation, for the evaluator. */
export function effectsValue(ev: Evaluator, base: Snap, effects: readonly Effect[]): number {
  const s = fork(base);
  applyToSnap(s, effects);
  return utility(ev, s) - ev.base;
}

/** The effects a policy has when `nation` commits it under its current stance (stance support shift included). */
const POLICY_EFFECTS = new Map<string, readonly Effect[]>();

export function policyEffects(nation: Nation, policy: PolicyId, stance: StanceId): readonly Effect[] {
  const key = `${nation}:${policy}:${stance}`;
  let effects = POLICY_EFFECTS.get(key);
  if (!effects) {
    const definition = policyDefinition(nation, policy);
    const shift = STANCE_RULES[stance]?.supportShift[policy] ?? 0;
    effects = !definition ? [] : shift === 0 ? definition.effects : [...definition.effects, { kind: "support", nation, delta: shift }];
    POLICY_EFFECTS.set(key, effects);
  }
  return effects;
}

/** Value to the evaluator of `actor` committing `policy` (apologies count for Seoul). */
export function policyValue(ev: Evaluator, base: Snap, actor: Nation, policy: PolicyId, situation: Situation): number {
  const s = fork(base);
  applyToSnap(s, policyEffects(actor, policy, base.stances[actor]));
  if (actor === "tokyo" && policy === "apology-statement") s.apologies += 1;
  let v = utility(ev, s) - ev.base;
  if (actor === ev.nation) {
    v += ev.profile.policies[policy] ?? 0;
    if (ev.profile.adjustPolicy) v += ev.profile.adjustPolicy(policy, situation);
  }
  return v;
}

export function legalPolicies(view: PlayerView, nation: Nation): PolicyId[] {
  return policiesOf(nation).filter((p) => {
    const req = policyDefinition(nation, p)?.requires;
    if (req === "exportControlsActive") return view.exportControls;
    if (req === "exportControlsInactive") return !view.exportControls;
    if (req === "counterstrikeNotAcquired") return !view.counterstrike;
    return true;
  });
}

/** The effects a joint statement would have with these parties (the united front warms every pair that signs). */
export function statementEffects(topic: keyof typeof JOINT_STATEMENTS, parties: readonly Nation[]): readonly Effect[] {
  if (topic === "united-front") return pairsAmong(parties).map((pair) => ({ kind: "trust", pair, delta: 2 }) as Effect);
  return JOINT_STATEMENTS[topic].effects;
}

const MEMBER_PAIRS = new Map<string, number>();
function memberPairsOf(id: InstitutionId, nation: Nation): number {
  const key = `${id}:${nation}`;
  let n = MEMBER_PAIRS.get(key);
  if (n === undefined) MEMBER_PAIRS.set(key, (n = pairsAmong(INSTITUTIONS[id].members).filter((p) => PAIR_MEMBERS[p].includes(nation)).length));
  return n;
}

/** Value of a non-pledge term (institution or statement), including income over the rounds left. */
export function termValue(ev: Evaluator, base: Snap, term: ProposalTerm, parties: readonly Nation[]): number {
  if (term.kind === "institution") {
    const def = INSTITUTIONS[term.institution];
    const s = fork(base);
    institutionOp(s, term.institution, term.op, false);
    const after = utility(ev, s);
    let v = after - ev.base;
    const sign = term.op === "suspend" ? -1 : 1;
    if (def.income.some((e) => e.kind !== "trust" || e.delta !== 0)) {
      const later = fork(s);
      const scale = ev.foresight ? Math.max(0, ev.roundsLeft - 1) * 0.8 + 1 : 1;
      // Income arrives every round from now on; a suspension forgoes it.
      if (sign > 0) {
        applyToSnap(later, def.income);
        v += (utility(ev, later) - after) * scale;
      } else {
        const withIncome = fork(base);
        applyToSnap(withIncome, def.income);
        v -= (utility(ev, withIncome) - ev.base) * scale;
      }
    }
    // Absorption: each institution shields its members' trust from future losses.
    const shield = 0.25 * Math.min(ev.roundsLeft, 4) * memberPairsOf(term.institution, ev.nation);
    v += sign * shield;
    return v;
  }
  if (term.kind === "jointStatement") {
    return effectsValue(ev, base, statementEffects(term.topic, parties)) + (ev.profile.statements[term.topic] ?? 0);
  }
  return 0;
}

/** Each seat's public record of pledges this game: how often it kept its word (one pass over the changes). */
export function pledgeRecords(view: PlayerView): Record<Nation, { kept: number; broken: number }> {
  const records = { seoul: { kept: 0, broken: 0 }, tokyo: { kept: 0, broken: 0 }, washington: { kept: 0, broken: 0 } };
  let last = "";
  for (const c of view.changes) {
    if (c.cause.kind !== "pledge") continue;
    // A pledge settles as one change per other party, all in a row: count it once.
    const key = `${c.cause.proposalId}:${c.cause.nation}`;
    if (key === last) continue;
    last = key;
    if (c.cause.kept) records[c.cause.nation].kept += 1;
    else records[c.cause.nation].broken += 1;
  }
  return records;
}

export function meterRefValue(s: Snap, ref: MeterRef): number {
  return meterValue(s, ref);
}
