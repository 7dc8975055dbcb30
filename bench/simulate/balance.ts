/**
 * The figures the balance targets are stated in, gathered game by game: who wins in each seating
 * (the stance × stance matrix), what tables with many institutions score against tables with none,
 * whether early non-traditional cooperation (HADR/PKO) makes later institutions cheaper and sturdier,
 * and how often GSOMIA is suspended at some point.
 */
import type { CommandEnvelope } from "../../shared/rules/commands.ts";
import { INSTITUTION_IDS, INSTITUTIONS, type InstitutionId } from "../../shared/rules/institutions.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { NATIONS, STANCES, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";

/** What the simulator watches while a game is played (the final state alone does not keep it). */
export interface GameTrace {
  /** The round in which each institution was first in force. */
  firstInForce: Partial<Record<InstitutionId, number>>;
  /** Institutions suspended at some point of the game. */
  everSuspended: Set<InstitutionId>;
  /** The lowest Seoul–Tokyo trust seen at the end of a round. */
  lowestSeoulTokyo: number;
}

export function traceWatcher(): { trace: GameTrace; onCommand: (envelope: CommandEnvelope, state: GameState) => void } {
  const trace: GameTrace = { firstInForce: {}, everSuspended: new Set(), lowestSeoulTokyo: Infinity };
  return {
    trace,
    onCommand: (_envelope, state) => {
      if (state.phase === "summary" || state.phase === "ended") trace.lowestSeoulTokyo = Math.min(trace.lowestSeoulTokyo, state.trust["seoul-tokyo"]);
      for (const id of INSTITUTION_IDS) {
        const status = state.institutions[id]?.status;
        if (status === "in-force" && trace.firstInForce[id] === undefined) trace.firstInForce[id] = state.round;
        else if (status === "suspended") trace.everSuspended.add(id);
      }
    },
  };
}

/** HADR/PKO in force by the end of this round counts as "early" non-traditional cooperation. */
export const EARLY_BY_ROUND = 3;
const GROUNDWORK: InstitutionId = "hadr-pko";

interface GroundworkGroup {
  games: number;
  /** Institutions (other than HADR/PKO) first in force after round EARLY_BY_ROUND. */
  later: number;
  /** Domestic support their creation cost, summed over the governments that paid it. */
  supportCost: number;
  laterInForceAtEnd: number;
  /** Trust losses after round EARLY_BY_ROUND: what was asked and what institutions absorbed. */
  trustLoss: number;
  absorbed: number;
}

const group = (): GroundworkGroup => ({ games: 0, later: 0, supportCost: 0, laterInForceAtEnd: 0, trustLoss: 0, absorbed: 0 });

export class BalanceTally {
  /** Seating "seoul/tokyo/washington" stances: games, wins by nation (ties shared), crisis endings. */
  seatings: Record<string, { games: number; wins: Record<Nation, number>; crisis: number }> = {};
  /** pair[a][b]: games where stance a sat against stance b, and a's wins in them. */
  pair: Record<string, Record<string, { games: number; wins: number }>> = {};
  /** By institutions in force at the end (0, 1–2, 3+): games and the three seats' scores summed. */
  byInstitutions: Record<"none" | "oneOrTwo" | "threeOrMore", { games: number; scoreSum: number }> = {
    none: { games: 0, scoreSum: 0 },
    oneOrTwo: { games: 0, scoreSum: 0 },
    threeOrMore: { games: 0, scoreSum: 0 },
  };
  groundwork = { early: group(), notEarly: group() };
  suspendedAtSomePoint = {} as Record<InstitutionId, number>;
  /** Score lines by seated stance (games not ended in crisis): where each stance's points come from. */
  linesByStance: Record<string, { games: number; lines: Record<string, number> }> = {};
  /** Games whose lowest Seoul–Tokyo trust at a round's end fell below 20, 25, 30, 35, 40. */
  lowSeoulTokyo: Record<number, number> = { 20: 0, 25: 0, 30: 0, 35: 0, 40: 0 };
  games = 0;

  constructor() {
    for (const id of INSTITUTION_IDS) this.suspendedAtSomePoint[id] = 0;
  }

  add(state: GameState, startStances: Record<Nation, StanceId>, trace: GameTrace): void {
    this.games += 1;
    const end = state.ended!;
    const key = NATIONS.map((n) => startStances[n]).join("/");
    const seating = (this.seatings[key] ??= { games: 0, wins: { seoul: 0, tokyo: 0, washington: 0 }, crisis: 0 });
    seating.games += 1;
    if (end.reason === "regional-crisis") seating.crisis += 1;
    const winners = end.ranking.filter((r) => r.rank === 1);
    const share: Record<Nation, number> = { seoul: 0, tokyo: 0, washington: 0 };
    for (const w of winners) share[w.nation] = 1 / winners.length;
    for (const n of NATIONS) seating.wins[n] += share[n];
    for (const a of NATIONS) {
      for (const b of NATIONS) {
        if (a === b) continue;
        const cell = ((this.pair[startStances[a]] ??= {})[startStances[b]] ??= { games: 0, wins: 0 });
        cell.games += 1;
        cell.wins += share[a];
      }
    }

    const inForce = INSTITUTION_IDS.filter((id) => state.institutions[id]?.status === "in-force");
    const bucket = inForce.length === 0 ? "none" : inForce.length >= 3 ? "threeOrMore" : "oneOrTwo";
    this.byInstitutions[bucket].games += 1;
    this.byInstitutions[bucket].scoreSum += NATIONS.reduce((s, n) => s + end.scores[n].total, 0);

    for (const id of trace.everSuspended) this.suspendedAtSomePoint[id] += 1;
    for (const line of Object.keys(this.lowSeoulTokyo).map(Number)) if (trace.lowestSeoulTokyo < line) this.lowSeoulTokyo[line]! += 1;
    if (end.reason !== "regional-crisis") {
      for (const n of NATIONS) {
        const entry = (this.linesByStance[startStances[n]] ??= { games: 0, lines: {} });
        entry.games += 1;
        for (const l of end.scores[n].lines) {
          const label = l.label.startsWith("Secret agenda") ? "Secret agenda" : l.label;
          entry.lines[label] = (entry.lines[label] ?? 0) + l.points;
        }
      }
    }

    const early = (trace.firstInForce[GROUNDWORK] ?? Infinity) <= EARLY_BY_ROUND;
    const g = early ? this.groundwork.early : this.groundwork.notEarly;
    g.games += 1;
    const later = INSTITUTION_IDS.filter((id) => id !== GROUNDWORK && (trace.firstInForce[id] ?? 0) > EARLY_BY_ROUND);
    g.later += later.length;
    for (const id of later) if (state.institutions[id]?.status === "in-force") g.laterInForceAtEnd += 1;
    // "GSOMIA created", or "GSOMIA created (eased by HADR/PKO cooperation)".
    const created = later.map((id) => `${INSTITUTIONS[id].name} created`);
    for (const c of state.changes) {
      if (c.round <= EARLY_BY_ROUND) continue;
      if (c.meter.meter === "support" && c.cause.kind === "institution" && created.some((l) => (c.cause as { label: string }).label.startsWith(l))) g.supportCost += Math.max(0, c.from - c.to);
      if (c.meter.meter === "trust" && c.requested < 0) {
        g.trustLoss += -c.requested;
        g.absorbed += c.absorbed;
      }
    }
  }

  summary() {
    const pct = (x: number, of: number) => Math.round((1000 * x) / Math.max(1, of)) / 10;
    const r2 = (x: number) => Math.round(100 * x) / 100;
    const seatings = Object.fromEntries(
      Object.entries(this.seatings)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { games: v.games, crisisPct: pct(v.crisis, v.games), winPct: Object.fromEntries(NATIONS.map((n) => [n, pct(v.wins[n], v.games)])) }]),
    );
    const stances = NATIONS.flatMap((n) => STANCES[n] as readonly StanceId[]);
    const matrix = Object.fromEntries(
      stances.map((a) => [a, Object.fromEntries(stances.filter((b) => this.pair[a]?.[b]).map((b) => [b, { games: this.pair[a]![b]!.games, winPct: pct(this.pair[a]![b]!.wins, this.pair[a]![b]!.games) }]))]),
    );
    const byInstitutions = Object.fromEntries(
      Object.entries(this.byInstitutions).map(([k, v]) => [k, { games: v.games, pctOfGames: pct(v.games, this.games), meanTableScore: r2(v.scoreSum / Math.max(1, v.games)) }]),
    ) as Record<keyof BalanceTally["byInstitutions"], { games: number; pctOfGames: number; meanTableScore: number }>;
    const gw = (g: GroundworkGroup) => ({
      games: g.games,
      laterInstitutionsPerGame: r2(g.later / Math.max(1, g.games)),
      supportCostPerLaterInstitution: r2(g.supportCost / Math.max(1, g.later)),
      laterInForceAtEndPct: pct(g.laterInForceAtEnd, g.later),
      trustLossAbsorbedPct: pct(g.absorbed, g.trustLoss),
    });
    return {
      seatings,
      stanceMatrix: matrix,
      byInstitutionsAtEnd: byInstitutions,
      groundwork: { earlyByRound: EARLY_BY_ROUND, early: gw(this.groundwork.early), notEarly: gw(this.groundwork.notEarly) },
      scoreLinesByStance: Object.fromEntries(
        Object.entries(this.linesByStance).map(([k, v]) => [k, Object.fromEntries(Object.entries(v.lines).map(([l, x]) => [l, r2(x / Math.max(1, v.games))]))]),
      ),
      seoulTokyoTrustFellBelowPct: Object.fromEntries(Object.entries(this.lowSeoulTokyo).map(([k, v]) => [k, pct(v, this.games)])),
      suspendedAtSomePointPct: Object.fromEntries(INSTITUTION_IDS.map((id) => [id, pct(this.suspendedAtSomePoint[id], this.games)])) as Record<InstitutionId, number>,
    };
  }
}
