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

/** Score = national interest + secret agenda. In a regional crisis everyone scores zero. */
export function scoreGame(state: GameState, reason: EndState["reason"]): EndState {
  const scores = {} as Record<Nation, NationScore>;
  for (const nation of NATIONS) {
    const agendaMet = agendaSatisfied(state, nation);
    if (reason === "regional-crisis") {
      scores[nation] = {
        nation,
        total: 0,
        agendaMet,
        lines: [line("Regional crisis", 0, `${TUNING.crisis.markersToEndGame} crisis markers: the region slid into crisis and every government lost.`)],
      };
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

/**
 * The national-interest lines, in order: each line's points (rounded as the score shows them) are
 * summed and the sum returned; the lines themselves, with their explanations, are written to `out`
 * only when one is given (the bots weigh many states and read only the sum).
 */
function nationalInterest(state: GameState, nation: Nation, out: ScoreLine[] | null): number {
  const sc = TUNING.scoring;
  let total = 0;
  const line = (label: string, points: number, detail: (() => string) | null): void => {
    const rounded = round1(points);
    total += rounded;
    if (out) out.push({ label, points: rounded, detail: detail!() });
  };
  const explain = out !== null;
  const deterrence = deterrenceTotal({ trust: state.trust, japanDefense: state.japanDefense, institutions: state.institutions, current: { deterrenceBonus: 0 } });
  const security = () => line("Security", deterrence * sc.securityPerDeterrencePoint, explain ? () => `Deterrence ${deterrence} × ${sc.securityPerDeterrencePoint}` : null);
  const support = () => line("Domestic support", state.support[nation] / sc.supportDivisor, explain ? () => `Support ${state.support[nation]} ÷ ${sc.supportDivisor}` : null);
  switch (nation) {
    case "seoul": {
      const protocol = state.institutions["counterstrike-protocol"]?.status === "in-force";
      const uncoordinated = state.counterstrike && !protocol;
      let apologies = 0;
      for (const r of state.rounds) if (r.policies.tokyo === "apology-statement") apologies += 1;
      security();
      line(
        "Autonomy",
        (uncoordinated ? sc.seoul.uncoordinatedCounterstrikePenalty : sc.seoul.autonomyBonus) + state.trust["seoul-washington"] / sc.trustDivisor,
        explain
          ? () => `${uncoordinated ? `Japan holds counterstrike capability with no coordination protocol ${num(sc.seoul.uncoordinatedCounterstrikePenalty)}` : `No uncoordinated counterstrike ${num(sc.seoul.autonomyBonus)}`} + Seoul–Washington trust ${state.trust["seoul-washington"]} ÷ ${sc.trustDivisor}`
          : null,
      );
      support();
      line(
        "History justice",
        apologies * sc.seoul.pointsPerApology + (TUNING.bounds.historyTension[1] - state.historyTension) / sc.seoul.historyCalmDivisor,
        explain
          ? () => `Apology statements from Tokyo ${apologies} × ${sc.seoul.pointsPerApology} + (${TUNING.bounds.historyTension[1]} − history tension ${state.historyTension}) ÷ ${sc.seoul.historyCalmDivisor}`
          : null,
      );
      return total;
    }
    case "tokyo":
      security();
      line(
        "Defense normalization",
        state.japanDefense * sc.tokyo.defensePerPoint + (state.counterstrike ? sc.tokyo.counterstrikeBonus : 0),
        explain ? () => `Defense posture ${state.japanDefense} × ${sc.tokyo.defensePerPoint}${state.counterstrike ? ` + counterstrike capability ${sc.tokyo.counterstrikeBonus}` : ""}` : null,
      );
      support();
      line("Stability with Seoul", state.trust["seoul-tokyo"] / sc.tokyo.seoulTrustDivisor, explain ? () => `Seoul–Tokyo trust ${state.trust["seoul-tokyo"]} ÷ ${sc.tokyo.seoulTrustDivisor}` : null);
      return total;
    case "washington": {
      const trustSum = PAIRS.reduce((s, p) => s + state.trust[p], 0);
      let trilateral = 0;
      for (const id of TRILATERAL) if (state.institutions[id]?.status === "in-force") trilateral += 1;
      const wsec = sc.washington.securityPerDeterrencePoint;
      line("Security", deterrence * wsec, explain ? () => `Deterrence ${deterrence} × ${wsec}` : null);
      line(
        "Trilateral cooperation",
        trustSum / sc.washington.trustSumDivisor + trilateral * sc.washington.trilateralInstitutionPoints,
        explain
          ? () => `(trust ${PAIRS.map((p) => state.trust[p]).join(" + ")}) ÷ ${sc.washington.trustSumDivisor} + trilateral institutions in force ${trilateral} × ${sc.washington.trilateralInstitutionPoints}`
          : null,
      );
      line("Burden shared", state.burdenShared * sc.washington.burdenPerPoint, explain ? () => `Burden shared ${state.burdenShared} × ${sc.washington.burdenPerPoint}` : null);
      support();
      return total;
    }
  }
}

/** The institutions with all three nations as members, in catalogue order. */
const TRILATERAL = INSTITUTION_IDS.filter((id) => INSTITUTIONS[id].members.length === 3);
