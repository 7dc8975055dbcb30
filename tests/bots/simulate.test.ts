import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { DEFAULTS, parseArgs, simulate, StuckGame, UsageError } from "../../bench/simulate.ts";
import { legalRandom, type SeatPolicy } from "../../shared/bots/random.ts";

const root = path.resolve(import.meta.dirname, "../..");
const run = (args: string[]) => spawnSync(process.execPath, ["bench/simulate.ts", ...args], { cwd: root, encoding: "utf8" });

describe("the simulator", () => {
  test("plays every game and prints rounds, crises, winners by nation and games per second", () => {
    const out = execFileSync(process.execPath, ["bench/simulate.ts", "--games", "30", "--seed", "9", "--quiet"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/30 games, seed 9/);
    expect(out).toMatch(/rounds played\s+\d+/);
    expect(out).toMatch(/regional crises\s+[\d.]+% of games ended in crisis/);
    expect(out).toMatch(/winners by nation\s+seoul [\d.]+%\s+tokyo [\d.]+%\s+washington [\d.]+%/);
    expect(out).toMatch(/\d+ games\/s/);
  });

  test("--seats, --policy random and --out write the JSON and CSV summaries", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sim-"));
    const result = run(["--games", "20", "--seed", "4", "--seats", "seoul=progressive,tokyo=hawkish", "--out", dir, "--quiet"]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, "summary.json"), "utf8"));
    expect(summary.games).toBe(20);
    expect(summary.winRateByStancePct.progressive.games).toBe(20);
    expect(summary.winRateByStancePct.conservative.games).toBe(0);
    expect(Object.keys(summary.institutionsPct)).toContain("gsomia");
    expect(readFileSync(path.join(dir, "cards.csv"), "utf8").split("\n")[0]).toMatch(/^card,appearances,mean_trust:seoul-tokyo/);
    expect(readFileSync(path.join(dir, "summary.csv"), "utf8")).toMatch(/crisis_ended_pct,/);
    expect(run(["--games", "10", "--policy", "random", "--quiet"]).status).toBe(0);
  });

  test("--json prints the summary with the stance × stance matrix, the balance figures and each target", () => {
    const result = run(["--games", "12", "--seed", "3", "--json"]);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.games).toBe(12);
    const seated = Object.values(summary.balance.seatings as Record<string, { games: number }>).reduce((s, v) => s + v.games, 0);
    expect(seated).toBe(12);
    expect(summary.balance.stanceMatrix.conservative).toHaveProperty("mainstream");
    expect(summary.balance.stanceMatrix.conservative).not.toHaveProperty("progressive");
    expect(summary.targets.map((t: { figure: string }) => t.figure)).toEqual(
      expect.arrayContaining(["win rate, stance mainstream", "games ended in regional crisis", "games with GSOMIA suspended at some point"]),
    );
    expect(summary.targets.every((t: { met: unknown }) => typeof t.met === "boolean")).toBe(true);
  });

  test("--defector seats the defector in turn and compares it with a normal bot in the same seat of the same games", () => {
    const out = execFileSync(process.execPath, ["bench/simulate.ts", "--games", "6", "--seed", "5", "--defector", "rotate", "--quiet"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/defector\s+6 games, each played twice from its seed/);
    expect(out).toMatch(/by seat: seoul [\d.]+% vs [\d.]+% \(2 games\)\s+tokyo [\d.]+% vs [\d.]+% \(2 games\)/);
    expect(out).toMatch(/defector seat win rate vs a normal bot in the same seat/);
  });

  test("--matrix prints a row and a column for every stance, and every seating", () => {
    const out = execFileSync(process.execPath, ["bench/simulate.ts", "--games", "8", "--seed", "6", "--matrix", "--quiet"], { cwd: root, encoding: "utf8" });
    expect(out).toMatch(/stance × stance/);
    for (const s of ["conservative", "progressive", "mainstream", "hawkish", "alliance-builder", "burden-shifter"]) expect(out).toMatch(new RegExp(`\\n  ${s}\\s`));
    expect(out).toMatch(/seatings \(seoul\/tokyo\/washington\)/);
  });

  test("rejects bad options with a usage message", () => {
    expect(() => parseArgs(["--seats", "seoul=hawkish"])).toThrow(UsageError);
    expect(() => parseArgs(["--games", "0"])).toThrow(UsageError);
    expect(() => parseArgs(["--defector", "beijing"])).toThrow(UsageError);
    expect(() => parseArgs(["--defector", "tokyo", "--policy", "random"])).toThrow(UsageError);
    expect(parseArgs(["--seats", "seoul=progressive", "--mixed"]).seats).toEqual({});
    const result = run(["--seats", "tokyo=progressive"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/not a stance of tokyo/);
  });

  test("a game that cannot finish fails the run with its seed", () => {
    // A seat controller that breaks down as soon as a game reaches its second round.
    const broken: SeatPolicy = (view, nation, rng) => {
      if (view.round === 2) throw new Error("this bot gave up");
      return legalRandom(view, nation, rng);
    };
    let error: unknown;
    try {
      simulate({ ...DEFAULTS, games: 10, seed: "77", quiet: true }, undefined, { seoul: broken, tokyo: legalRandom, washington: legalRandom });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StuckGame);
    expect((error as StuckGame).seed).toMatch(/^77-\d+$/);
    expect((error as StuckGame).message).toMatch(/seed "77-\d+"/);
  });
});
