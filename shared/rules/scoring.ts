import { agendaById } from "./agendas.ts";
import { conditionHolds } from "./conditions.ts";
import { deterrenceTotal } from "./deterrence.ts";
import { INSTITUTIONS, INSTITUTION_IDS } from "./institutions.ts";
import type { EndState, GameState, NationScore, ScoreLine } from "./state.ts";
import { TUNING } from "./tuning.ts";
import { NATIONS, PAIRS, type Nation } from "./vocabulary.ts";

const round1 = (n: number) => Math.round(n * 10) / 10;
/** A signed operand as the end screen writes it: "−6", "4.5". */
const num = (n: number) => (n < 0 ? `−${-n}` : String(n));
const line = (label: string, points: number, detail: string): ScoreLine => ({ label, points: round1(points), detail });

/**
 * A nation's national-interest points (its score before the secret agenda), exactly as the
 * final score counts them, without writing the explanations: what the bots weigh a state by.
 */
export function nationalInterestPoints(state: GameState, nation: Nation): number {
  return round1(nationalInterest(state, nation, null));
}

/**
 * Score = national interest + secret agenda. In a regional crisis everyone scores zero.
 * Unexplained (a quiet draft's hypothetical end), the totals, agendas and ranking are the same
 * but the score lines are not written.
 */
export function scoreGame(state: GameState, reason: EndState["reason"], explained = true): EndState {
  const scores = {} as Record<Nation, NationScore>;
  for (const nation of NATIONS) {
    const agendaMet = agendaSatisfied(state, nation);
    if (reason === "regional-crisis") {
      scores[nation] = {
        nation,
        total: 0,
        agendaMet,
        lines: explained ? [line("Regional crisis", 0, `${TUNING.crisis.markersToEndGame} crisis markers: the region slid into crisis and every government lost.`)] : [],
      };
      continue;
    }
    if (!explained) {
      const points = nationalInterest(state, nation, null) + round1(agendaMet ? TUNING.scoring.agendaBonus : 0);
      scores[nation] = { nation, total: round1(points), lines: [], agendaMet };
      continue;
    }
    const lines: ScoreLine[] = [];
    nationalInterest(state, nation, lines);
    const agenda = agendaById(state.agendas[nation].id);
    lines.push(
      line(
        `Secret agenda: ${agenda?.title ?? state.agendas[nation].id}`,
        agendaMet ? TUNING.scoring.agendaBonus : 0,
        agendaMet ? "Achieved." : state.agendas[nation].broken ? "Lost during the game." : "Not achieved at the end.",
      ),
    );
    scores[nation] = { nation, total: round1(lines.reduce((s, l) => s + l.points, 0)), lines, agendaMet };
  }
  const ranking =
    reason === "regional-crisis"
      ? []
      : NATIONS.map((nation) => ({ nation, total: scores[nation].total }))
          .sort((a, b) => b.total - a.total || NATIONS.indexOf(a.nation) - NATIONS.indexOf(b.nation))
          .map((entry, _i, all) => ({ ...entry, rank: 1 + all.filter((other) => other.total > entry.total).length }));
  return { reason, scores, ranking };
}

export function agendaSatisfied(state: GameState, nation: Nation): boolean {
  const agenda = agendaById(state.agendas[nation].id);
  if (!agenda || state.agendas[nation].broken) return false;
  return agenda.atEnd.every((c) => conditionHolds(state, c));
}

/** Adds one line's points (rounded as the score shows them) to the running total, and the line itself to `out` if given. */
function add(total: number, out: ScoreLine[] | null, label: string, points: number, detail: (() => string) | null): number {
  const rounded = round1(points);
  if (out) out.push({ label, points: rounded, detail: detail!() });
  return total + rounded;
}

/**
 * The national-interest lines, in order: their points are summed and the sum returned; the lines
 * themselves, with their explanations, are written to `out` only when one is given (the bots weigh
 * many states and read only the sum, so no explanation is built for them).
 */
function nationalInterest(state: GameState, nation: Nation, out: ScoreLine[] | null): number {
  const sc = TUNING.scoring;
  const explain = out !== null;
  const deterrence = deterrenceTotal(state, false);
  const security = deterrence * sc.securityPerDeterrencePoint;
  const securityDetail = explain ? () => `Deterrence ${deterrence} × ${sc.securityPerDeterrencePoint}` : null;
  const support = state.support[nation] / sc.supportDivisor;
  const supportDetail = explain ? () => `Support ${state.support[nation]} ÷ ${sc.supportDivisor}` : null;
  let total = 0;
  switch (nation) {
    case "seoul": {
      const protocol = state.institutions["counterstrike-protocol"]?.status === "in-force";
      const uncoordinated = state.counterstrike && !protocol;
      let apologies = 0;
      for (const r of state.rounds) if (r.policies.tokyo === "apology-statement") apologies += 1;
      total = add(total, out, "Security", security, securityDetail);
      total = add(
        total,
        out,
        "Autonomy",
        (uncoordinated ? sc.seoul.uncoordinatedCounterstrikePenalty : sc.seoul.autonomyBonus) + state.trust["seoul-washington"] / sc.trustDivisor,
        explain
          ? () => `${uncoordinated ? `Japan holds counterstrike capability with no coordination protocol ${num(sc.seoul.uncoordinatedCounterstrikePenalty)}` : `No uncoordinated counterstrike ${num(sc.seoul.autonomyBonus)}`} + Seoul–Washington trust ${state.trust["seoul-washington"]} ÷ ${sc.trustDivisor}`
          : null,
      );
      total = add(total, out, "Domestic support", support, supportDetail);
      return add(
        total,
        out,
        "History justice",
        apologies * sc.seoul.pointsPerApology + (TUNING.bounds.historyTension[1] - state.historyTension) / sc.seoul.historyCalmDivisor,
        explain
          ? () => `Apology statements from Tokyo ${apologies} × ${sc.seoul.pointsPerApology} + (${TUNING.bounds.historyTension[1]} − history tension ${state.historyTension}) ÷ ${sc.seoul.historyCalmDivisor}`
          : null,
      );
    }
    case "tokyo":
      total = add(total, out, "Security", security, securityDetail);
      total = add(
        total,
        out,
        "Defense normalization",
        state.japanDefense * sc.tokyo.defensePerPoint + (state.counterstrike ? sc.tokyo.counterstrikeBonus : 0),
        explain ? () => `Defense posture ${state.japanDefense} × ${sc.tokyo.defensePerPoint}${state.counterstrike ? ` + counterstrike capability ${sc.tokyo.counterstrikeBonus}` : ""}` : null,
      );
      total = add(total, out, "Domestic support", support, supportDetail);
      return add(total, out, "Stability with Seoul", state.trust["seoul-tokyo"] / sc.tokyo.seoulTrustDivisor, explain ? () => `Seoul–Tokyo trust ${state.trust["seoul-tokyo"]} ÷ ${sc.tokyo.seoulTrustDivisor}` : null);
    case "washington": {
      let trustSum = 0;
      for (const p of PAIRS) trustSum += state.trust[p];
      let trilateral = 0;
      for (const id of TRILATERAL) if (state.institutions[id]?.status === "in-force") trilateral += 1;
      const wsec = sc.washington.securityPerDeterrencePoint;
      total = add(total, out, "Security", deterrence * wsec, explain ? () => `Deterrence ${deterrence} × ${wsec}` : null);
      total = add(
        total,
        out,
        "Trilateral cooperation",
        trustSum / sc.washington.trustSumDivisor + trilateral * sc.washington.trilateralInstitutionPoints,
        explain
          ? () => `(trust ${PAIRS.map((p) => state.trust[p]).join(" + ")}) ÷ ${sc.washington.trustSumDivisor} + trilateral institutions in force ${trilateral} × ${sc.washington.trilateralInstitutionPoints}`
          : null,
      );
      total = add(total, out, "Burden shared", state.burdenShared * sc.washington.burdenPerPoint, explain ? () => `Burden shared ${state.burdenShared} × ${sc.washington.burdenPerPoint}` : null);
      return add(total, out, "Domestic support", support, supportDetail);
    }
  }
}

/** The institutions with all three nations as members, in catalogue order. */
const TRILATERAL = INSTITUTION_IDS.filter((id) => INSTITUTIONS[id].members.length === 3);
