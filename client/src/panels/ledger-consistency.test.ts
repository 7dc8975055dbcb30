import { describe, expect, test } from "vitest";
import { legalRandom } from "../../../shared/bots/random.ts";
import { loadBuiltInDeck } from "../../../server/content/fs-load.ts";
import { deterrenceShift, ledgerOf, securityVerdict } from "../../../shared/rules/ledger.ts";
import { viewFor, type PlayerView } from "../../../shared/rules/view.ts";
import { NATIONS, meterKey } from "../../../shared/rules/vocabulary.ts";
import { playGame } from "../../../shared/sim/play.ts";
import { shownDeterrence, shownMeters } from "../game/shown.ts";
import { ledgerModel } from "./ledger-model.ts";

/**
 * Point 1 of issue 14: what the panels show (step list, round in brief, deterrence line, the
 * header verdict and the bars) equals the engine's figures at every step of many seeded games,
 * including every moment of the playback.
 */
const deck = loadBuiltInDeck();
const GAMES = 40;

function meterValue(view: PlayerView, key: string): number {
  return shownMeters(view, 0)[key]!;
}

function checkView(view: PlayerView, prev: PlayerView | null): void {
  const fresh = prev ? view.changes.length - prev.changes.length : 0;
  // Every moment of the playback of the new changes: bars, step list and verdict agree.
  for (let hidden = fresh; hidden >= 0; hidden--) {
    const model = ledgerModel(view, { pending: hidden, before: null });
    const shown = shownMeters(view, hidden);
    for (const n of model.net) {
      // The round in brief is the sum of the listed steps, and ends where the bar stands.
      const steps = model.lines.filter((l) => l.key === n.key);
      expect(n.delta).toBe(steps.reduce((s, l) => s + l.delta, 0));
      expect(n.delta).toBe(n.to - n.from);
      expect(n.to).toBe(shown[n.key]);
    }
    const lastShown = new Map(model.lines.map((l) => [l.key, l.to]));
    for (const [key, to] of lastShown) expect(shown[key]).toBe(to);
    const det = shownDeterrence(view, shown).total;
    const verdict = securityVerdict(shown.threat!, det);
    expect(verdict.text).toContain(String(det));
    expect(verdict.text).toContain(String(shown.threat));
  }
  const done = ledgerModel(view, { pending: 0, before: null });
  // Once played back, the canvas equals the engine: meters and derived deterrence.
  expect(shownDeterrence(view, shownMeters(view, 0)).total).toBe(view.deterrence.total);
  for (const n of done.net) expect(n.to).toBe(meterValue(view, n.key));
  // The steps chain: each change of a meter starts where the previous one ended.
  const lines = ledgerOf(view.changes, view.round);
  const last = new Map<string, number>();
  for (const l of lines) {
    if (last.has(l.key)) expect(l.from).toBe(last.get(l.key));
    last.set(l.key, l.to);
  }
  // The deterrence line explains every point it moved.
  if (prev) {
    const shift = deterrenceShift(prev.deterrence, view.deterrence);
    if (prev.deterrence.total !== view.deterrence.total) expect(shift).not.toBeNull();
    if (shift) {
      expect(shift.from).toBe(prev.deterrence.total);
      expect(shift.to).toBe(view.deterrence.total);
      expect(shift.parts.reduce((s, p) => s + p.delta, 0)).toBe(shift.to - shift.from);
    }
  }
}

/** "(trust 30 + 65 + 70) ÷ 30 + trilateral institutions in force 1 × 1.25" → its value. */
function evaluateDetail(detail: string): number {
  const expr = detail.replace(/−/g, "-").replace(/×/g, "*").replace(/÷/g, "/").replace(/[^0-9.+\-*/() ]/g, " ");
  return Function(`"use strict"; return (${expr});`)() as number;
}

describe("the ledger shows the engine's figures", () => {
  test(`at every step of ${GAMES} seeded games, for every seat`, () => {
    let views = 0;
    for (let g = 0; g < GAMES; g++) {
      const prev: Record<string, PlayerView | null> = { seoul: null, tokyo: null, washington: null };
      const result = playGame({
        seed: `ledger-${g}`,
        options: { rounds: 4 },
        deck,
        policies: { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom },
        onCommand: (_e, state) => {
          for (const nation of NATIONS) {
            const view = viewFor(state, { kind: "seat", nation });
            checkView(view, prev[nation]!);
            prev[nation] = view;
            views += 1;
          }
        },
      });
      expect(result.stuck).toBe(false);
      // Every end-screen line adds up from the figures it names.
      for (const nation of NATIONS) {
        const score = result.state.ended!.scores[nation];
        for (const line of score.lines) {
          if (line.label.startsWith("Secret agenda") || line.label === "Regional crisis") continue;
          expect(Math.abs(evaluateDetail(line.detail) - line.points), `${nation} ${line.label}: ${line.detail}`).toBeLessThanOrEqual(0.05 + 1e-9);
        }
        expect(score.lines.reduce((s, l) => s + l.points, 0)).toBeCloseTo(score.total, 5);
      }
    }
    expect(views).toBeGreaterThan(GAMES * 30);
  });

  test("a meter that moves and comes back stays in the round in brief (±0, two steps)", () => {
    const base = { round: 1, requested: 0, absorbed: 0, absorbedBy: [], firewalled: false } as const;
    const view = {
      round: 1,
      deterrence: { total: 3, parts: [] },
      changes: [
        { ...base, meter: { meter: "support", nation: "tokyo" }, from: 55, to: 53, cause: { kind: "card", cardId: "x", label: "A card" } },
        { ...base, meter: { meter: "support", nation: "tokyo" }, from: 53, to: 55, cause: { kind: "policy", nation: "tokyo", policy: "hold-steady", label: "Tokyo: Hold steady" } },
      ],
    } as unknown as PlayerView;
    const model = ledgerModel(view, { pending: 0, before: null });
    expect(model.lines.map((l) => l.delta)).toEqual([-2, 2]);
    expect(model.net).toEqual([expect.objectContaining({ key: meterKey({ meter: "support", nation: "tokyo" }), from: 55, to: 55, delta: 0, steps: 2 })]);
  });

  test("extended deterrence ending is written as the cause of deterrence falling", () => {
    const shift = deterrenceShift(
      { total: 7, parts: [{ label: "Average trust", points: 3 }, { label: "GSOMIA", points: 1 }, { label: "Extended deterrence", points: 2 }, { label: "Japan's defense posture", points: 1 }] },
      { total: 5, parts: [{ label: "Average trust", points: 3 }, { label: "GSOMIA", points: 1 }, { label: "Japan's defense posture", points: 1 }] },
    )!;
    expect(shift.parts).toEqual([expect.objectContaining({ label: "Extended deterrence", delta: -2, why: expect.stringMatching(/ended/) })]);
  });
});
