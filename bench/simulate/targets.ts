/**
 * The balance targets (issue 12, point 3), each checked against a run's summary. A target is
 * a figure, the range it must lie in, and whether it does.
 */
import { INSTITUTION_IDS } from "../../shared/rules/institutions.ts";
import { TUNING } from "../../shared/rules/tuning.ts";
import { NATIONS, STANCES } from "../../shared/rules/vocabulary.ts";
import type { defectorSummary } from "./run.ts";
import type { Tally } from "./tally.ts";

export interface Target {
  figure: string;
  value: string;
  target: string;
  met: boolean;
}

type Summary = ReturnType<Tally["summary"]>;
const CAPS: Record<string, number> = {
  threat: TUNING.bounds.threat[1],
  historyTension: TUNING.bounds.historyTension[1],
  japanDefense: TUNING.bounds.japanDefense[1],
  burdenShared: TUNING.bounds.burdenShared[1],
};
const capOf = (key: string) => CAPS[key] ?? (key.startsWith("trust:") ? TUNING.bounds.trust[1] : key.startsWith("support:") ? TUNING.bounds.support[1] : null);

export function balanceTargets(s: Summary, defector: ReturnType<typeof defectorSummary> | null): Target[] {
  const out: Target[] = [];
  const within = (figure: string, v: number, lo: number, hi: number, unit = "%") =>
    out.push({ figure, value: `${v}${unit}`, target: `${lo}–${hi}${unit}`, met: v >= lo && v <= hi });
  for (const n of NATIONS) for (const st of STANCES[n]) within(`win rate, stance ${st}`, s.winRateByStancePct[st].winRate, 22, 45);
  for (const n of NATIONS) within(`win rate, ${n}`, s.winRatePct.ofAllGames[n], 28, 38);
  within("games ended in regional crisis", s.crisis.endedInCrisisPct, 8, 20);
  const b = s.balance.byInstitutionsAtEnd;
  out.push({
    figure: "mean table score (3 seats), ≥3 institutions vs none at the end",
    value: `${b.threeOrMore.meanTableScore} (${b.threeOrMore.games} games) vs ${b.none.meanTableScore} (${b.none.games} games)`,
    target: "≥3 higher",
    met: b.threeOrMore.games > 0 && b.none.games > 0 && b.threeOrMore.meanTableScore > b.none.meanTableScore,
  });
  const g = s.balance.groundwork;
  out.push({
    figure: `support paid per later institution (created after round ${g.earlyByRound}), HADR/PKO early vs not`,
    value: `${g.early.supportCostPerLaterInstitution} vs ${g.notEarly.supportCostPerLaterInstitution}`,
    target: "early lower",
    met: g.early.supportCostPerLaterInstitution < g.notEarly.supportCostPerLaterInstitution,
  });
  out.push({
    figure: `share of trust losses absorbed after round ${g.earlyByRound}, HADR/PKO early vs not`,
    value: `${g.early.trustLossAbsorbedPct}% vs ${g.notEarly.trustLossAbsorbedPct}%`,
    target: "early higher",
    met: g.early.trustLossAbsorbedPct > g.notEarly.trustLossAbsorbedPct,
  });
  if (defector) {
    out.push({
      figure: "defector seat win rate vs a normal bot in the same seat (same games)",
      value: `${defector.defectorWinPct}% vs ${defector.normalBotInTheSameSeatWinPct}%`,
      target: "defector lower",
      met: defector.defectorWinPct < defector.normalBotInTheSameSeatWinPct,
    });
  }
  const inForce: [string, number][] = [
    ...INSTITUTION_IDS.map((id) => [id, s.institutionsPct[id]?.inForceAtEnd ?? 0] as [string, number]),
    ["counterstrike capability", s.finalFlagsPct.counterstrike],
    ["export controls", s.finalFlagsPct.exportControls],
    ["firewall intact", s.finalFlagsPct.firewallIntact],
  ];
  const [topId, top] = inForce.reduce((a, c) => (c[1] > a[1] ? c : a));
  out.push({ figure: `most common institution/capability/flag at the end (${topId})`, value: `${top}%`, target: "≤80%", met: top <= 80 });
  for (const [key, mean] of Object.entries(s.finalMeansOfMeters)) {
    const cap = capOf(key);
    if (cap === null) continue;
    out.push({ figure: `mean final ${key}`, value: `${mean} of ${cap}`, target: `< ${Math.round(0.9 * cap * 10) / 10}`, met: mean < 0.9 * cap });
  }
  const gsomia = s.balance.suspendedAtSomePointPct.gsomia;
  out.push({ figure: "games with GSOMIA suspended at some point", value: `${gsomia}%`, target: "≥15%", met: gsomia >= 15 });
  return out;
}
