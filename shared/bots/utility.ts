import { agendaById, type AgendaDefinition } from "../rules/agendas.ts";
import { conditionHolds, meterValue } from "../rules/conditions.ts";
import type { Condition } from "../rules/effects.ts";
import { deterrenceTotal, institutionsInForceForPair } from "../rules/deterrence.ts";
import { escalationDue } from "../rules/flow.ts";
import { INSTITUTION_IDS, type InstitutionId } from "../rules/institutions.ts";
import { nationalInterestPoints } from "../rules/scoring.ts";
import type { GameState } from "../rules/state.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { inPair, NATIONS, PAIRS, type Nation } from "../rules/vocabulary.ts";
import type { StanceProfile } from "./profile.ts";

/**
 * What a government thinks a game state is worth. The states are the engine's own (hypotheticals
 * resolved by the real rules); this module only *weighs* them: the nation's national-interest
 * points as the scoring rules count them, the risk of a crisis marker, progress toward its secret
 * agenda, the survival of its government, and the stance's own leanings. It applies no rule.
 */
export interface Evaluator {
  nation: Nation;
  profile: StanceProfile;
  agenda: AgendaDefinition | null;
  /** Rounds still to resolve, the current one included. */
  roundsLeft: number;
  /** Crisis markers on the table when the decision is taken. */
  crises: number;
  /** Easy bots are myopic: no agenda, no weighing of the rounds to come. */
  foresight: boolean;
  /** The stance's institution flavours, listed once (utility runs for every state a bot weighs). */
  flavours: readonly { id: InstitutionId; flavour: number }[];
}

export function evaluatorFor(view: PlayerView, nation: Nation, profile: StanceProfile, foresight: boolean, knowsAgenda: boolean): Evaluator {
  const agendaView = knowsAgenda ? view.agendas[nation] : undefined;
  const agenda = agendaView && !agendaView.broken ? (agendaById(agendaView.id) ?? null) : null;
  return { nation, profile, agenda, roundsLeft: Math.max(1, view.rounds - view.round + 1), crises: view.crises, foresight, flavours: flavoursOf(profile) };
}

/** How much of a crisis marker's cost a given threat − deterrence gap carries (the bots' sense of risk). */
function crisisShare(gap: number): number {
  if (gap >= 1) return 0.75 + 0.25 * gap;
  if (gap === 0) return 0.35;
  if (gap === -1) return 0.12;
  if (gap === -2) return 0.05;
  return 0.02;
}

function markerCost(ev: Evaluator, crises: number, roundsLeft: number): number {
  const aversion = ev.profile.crisisAversion;
  if (crises >= TUNING.crisis.markersToEndGame - 1) return 40 * aversion;
  const cost = (7 + 6 * crises) * aversion;
  return roundsLeft > 1 ? cost : cost * 0.4;
}

/** Progress toward a condition, 0..1, smooth enough to steer by. */
function progress(s: GameState, c: Condition): number {
  if (c.kind === "meterAtLeast" || c.kind === "meterAtMost") {
    const v = meterValue(s, c.meter);
    const span = c.meter.meter === "trust" || c.meter.meter === "support" ? 25 : 5;
    const short = c.kind === "meterAtLeast" ? c.value - v : v - c.value;
    return short <= 0 ? 1 : Math.max(0, 1 - short / span);
  }
  return conditionHolds(s, c) ? 1 : 0.2;
}

/** How near the state is to an agenda's end conditions, 0..1. */
export function agendaProgress(s: GameState, agenda: AgendaDefinition): number {
  let p = 1;
  for (const c of agenda.atEnd) p *= progress(s, c);
  return p;
}

function agendaValue(ev: Evaluator, s: GameState): number {
  const agenda = ev.agenda;
  if (!agenda) return 0;
  let p = agendaProgress(s, agenda);
  if (agenda.everyRound) {
    // Keep a margin: one point clear of the line is safe, on the line is nervous.
    const c = agenda.everyRound;
    if (!conditionHolds(s, c)) p = 0;
    else if (c.kind === "meterAtLeast" && meterValue(s, c.meter) < c.value + 1) p *= 0.6;
  }
  return TUNING.scoring.agendaBonus * p;
}

const resolved = (s: GameState) => s.phase === "summary" || s.phase === "ended";

/** Threat added at the start of the round after `round` (the rules' escalation). */
const escalationAfter = (round: number) => (escalationDue(round + 1) ? TUNING.escalation.threatPerStep : 0);

/** What the evaluator's government thinks the state is worth. */
export function utility(ev: Evaluator, s: GameState): number {
  const aversion = ev.profile.crisisAversion;
  if (s.ended?.reason === "regional-crisis") return -60 * aversion;
  const me = ev.nation;
  let u = nationalInterestPoints(s, me);
  const det = deterrenceTotal(s);
  const detNoBonus = det - s.current.deterrenceBonus;
  const settled = resolved(s);
  const roundsLeft = settled ? ev.roundsLeft - 1 : ev.roundsLeft;
  // A marker this round: already placed (a resolved state) or still a risk (one before resolution).
  if (settled) {
    for (let c = ev.crises; c < s.crises; c++) u -= markerCost(ev, c, ev.roundsLeft);
  } else {
    u -= markerCost(ev, s.crises, ev.roundsLeft) * crisisShare(s.threat - det);
  }
  // Even a myopic government sees the next round's crisis coming; only foresight sees past it.
  if (roundsLeft >= 1 && !s.ended) {
    const threatNext = s.threat + escalationAfter(s.round);
    const later = markerCost(ev, s.crises, roundsLeft);
    u -= (settled ? 1 : 0.5) * later * crisisShare(threatNext - detNoBonus) * Math.min(1, roundsLeft / 3);
  }
  if (ev.foresight) u += agendaValue(ev, s);

  const support = s.support[me];
  if (settled && s.current.leadershipChanges.includes(me)) u -= 10;
  else if (support < TUNING.leadership.fallsBelowSupport + 10) u -= (TUNING.leadership.fallsBelowSupport + 10 - support) * 0.4;
  if (settled) for (const n of s.current.leadershipChanges) if (n !== me) u -= 6;

  // Standing institutions between our pairs are habits that outlast a bad round.
  if (ev.foresight) {
    const weight = 0.25 * Math.min(Math.max(0, roundsLeft), 4);
    for (const pair of PAIRS) if (inPair(pair, me)) u += weight * institutionsInForceForPair(s.institutions, pair);
  }

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
  for (const f of ev.flavours) if (s.institutions[f.id]?.status === "in-force") u += f.flavour;
  return u;
}

const FLAVOURS = new WeakMap<StanceProfile, { id: InstitutionId; flavour: number }[]>();
function flavoursOf(profile: StanceProfile): { id: InstitutionId; flavour: number }[] {
  let list = FLAVOURS.get(profile);
  if (!list) FLAVOURS.set(profile, (list = INSTITUTION_IDS.flatMap((id) => (profile.institutions[id] ? [{ id, flavour: profile.institutions[id]! }] : []))));
  return list;
}
