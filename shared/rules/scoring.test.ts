import { describe, expect, test } from "vitest";
import { table } from "../../tests/support/scenario.ts";
import { TUNING } from "./tuning.ts";

describe("scoring", () => {
  test("each nation's score is its lines added up, and the ranking follows the totals", () => {
    const t = table().withOptions({ rounds: 1 }).start();
    t.playRound();
    const ended = t.state.ended!;
    for (const n of ["seoul", "tokyo", "washington"] as const) {
      const sum = ended.scores[n].lines.reduce((s, l) => s + l.points, 0);
      expect(ended.scores[n].total).toBeCloseTo(sum, 5);
      expect(ended.scores[n].lines.every((l) => l.detail.length > 0)).toBe(true);
    }
    const totals = ended.ranking.map((r) => r.total);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(ended.ranking[0]!.rank).toBe(1);
  });

  test("a met agenda adds its bonus; a missed one adds nothing", () => {
    const met = table().withOptions({ rounds: 1 }).withAgenda("tokyo", "tokyo-gsomia").withTrust("seoul-tokyo", 60).withInstitution("gsomia").start();
    met.playRound();
    const missed = table().withOptions({ rounds: 1 }).withAgenda("tokyo", "tokyo-gsomia").start();
    missed.playRound();
    const bonus = (s: typeof met.state) => s.ended!.scores.tokyo.lines.find((l) => l.label.startsWith("Secret agenda"))!.points;
    expect(bonus(met.state)).toBe(TUNING.scoring.agendaBonus);
    expect(met.state.ended!.scores.tokyo.agendaMet).toBe(true);
    expect(bonus(missed.state)).toBe(0);
  });

  test("Seoul loses autonomy when Japan holds counterstrike capability without a coordination protocol", () => {
    const without = table().withOptions({ rounds: 1 }).withJapanDefense(6).start();
    without.playRound({ tokyo: "acquire-counterstrike" });
    const withProtocol = table().withOptions({ rounds: 1 }).withJapanDefense(6).withTrust("seoul-tokyo", 60).withInstitution("counterstrike-protocol").start();
    withProtocol.playRound({ tokyo: "acquire-counterstrike" });
    const autonomy = (s: typeof without.state) => s.ended!.scores.seoul.lines.find((l) => l.label === "Autonomy")!;
    expect(autonomy(without.state).detail).toMatch(/no coordination protocol/);
    expect(autonomy(withProtocol.state).points).toBeGreaterThan(autonomy(without.state).points);
  });
});
