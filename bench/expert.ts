/**
 * The expert tournament: one expert seat against two normal bots, the expert's seat rotated
 * (game i seats it at NATIONS[i % 3]), stances drawn per game from the seed, the built-in deck,
 * 8 rounds. Reports the expert's win rate (ties share a win; a regional crisis has no winner) of
 * all games and of the games that had a winner, per seat, and the time its searched decisions took.
 *
 *   npm run bench:expert -- --games 3000 --seed tournament
 *   npm run bench:expert -- --games 1500 --first 1500 --out sim-out/expert-b.json   # a slice, for two cores
 *   npm run bench:expert -- --merge sim-out/expert-a.json sim-out/expert-b.json      # the report of the slices together
 *   npm run bench:expert -- --games 300 --determinizations 8 --rounds 3               # another search budget
 *
 * --out writes the tallies (with every searched decision's time) as JSON. Decision times are
 * wall clock and the main thread's CPU time; on a shared machine the CPU figure is the truer one.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { makeExpert, EXPERT_BUDGET, type ExpertBudget } from "../shared/bots/expert.ts";
import { botPolicy } from "../shared/bots/registry.ts";
import type { SeatPolicy } from "../shared/bots/random.ts";
import { loadBuiltInDeck } from "../server/content/fs-load.ts";
import { NATIONS, type Nation } from "../shared/rules/vocabulary.ts";
import { playGame } from "../shared/sim/play.ts";
import { percentile } from "./load/stats.ts";

interface Options {
  games: number;
  first: number;
  seed: string;
  out: string | null;
  budget: ExpertBudget;
  merge: string[] | null;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { games: 3000, first: 0, seed: "tournament", out: null, budget: { ...EXPERT_BUDGET }, merge: null };
  if (argv[0] === "--merge") {
    o.merge = argv.slice(1);
    if (o.merge.length === 0) throw new Error("--merge needs the JSON files of the slices");
    return o;
  }
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--games") o.games = Number(value);
    else if (flag === "--first") o.first = Number(value);
    else if (flag === "--seed") o.seed = value;
    else if (flag === "--out") o.out = value;
    else if (flag === "--determinizations") o.budget.determinizations = Math.max(1, Number(value));
    else if (flag === "--rounds") o.budget.playoutRounds = Math.max(1, Number(value));
    else throw new Error(`unknown option ${flag}`);
  }
  return o;
}

export interface TournamentTally {
  games: number;
  wins: number;
  crises: number;
  bySeat: Record<Nation, { games: number; wins: number; crises: number }>;
  decisions: number;
  decisionMs: number;
  decisionCpuMs: number;
  maxDecisionMs: number;
  /** Every searched decision's wall-clock and main-thread CPU milliseconds, in order. */
  wallMs: number[];
  cpuMs: number[];
  budget: ExpertBudget;
  seed: string;
}

/** The commands the expert searches for (the rest it leaves to the hard bot's negotiation). */
const SEARCHED = new Set(["commitPolicy", "respond", "acceptProposal", "rejectProposal"]);

export function tournament(o: Options, onGame?: (t: TournamentTally) => void): TournamentTally {
  const deck = loadBuiltInDeck();
  const t: TournamentTally = {
    games: 0, wins: 0, crises: 0, decisions: 0, decisionMs: 0, decisionCpuMs: 0, maxDecisionMs: 0, wallMs: [], cpuMs: [], budget: o.budget, seed: o.seed,
    bySeat: { seoul: { games: 0, wins: 0, crises: 0 }, tokyo: { games: 0, wins: 0, crises: 0 }, washington: { games: 0, wins: 0, crises: 0 } },
  };
  const normal = { seoul: botPolicy("conservative", "normal"), tokyo: botPolicy("mainstream", "normal"), washington: botPolicy("alliance-builder", "normal") };
  for (let k = 0; k < o.games; k++) {
    const i = o.first + k;
    const seat = NATIONS[i % 3]!;
    const expert = makeExpert("conservative", o.budget);
    const timed: SeatPolicy = (view, nation, rng) => {
      const cpu = process.threadCpuUsage();
      const start = performance.now();
      const choice = expert(view, nation, rng);
      const ms = performance.now() - start;
      if (choice.command && SEARCHED.has(choice.command.type)) {
        const used = process.threadCpuUsage(cpu);
        const cpuMs = (used.user + used.system) / 1000;
        t.decisions += 1;
        t.decisionMs += ms;
        t.decisionCpuMs += cpuMs;
        t.maxDecisionMs = Math.max(t.maxDecisionMs, ms);
        t.wallMs.push(Math.round(ms * 100) / 100);
        t.cpuMs.push(Math.round(cpuMs * 100) / 100);
      }
      return choice;
    };
    const result = playGame({ seed: `${o.seed}-${i}`, options: { rounds: 8 }, deck, policies: { ...normal, [seat]: timed } });
    const end = result.state.ended;
    if (!end) throw new Error(`game ${i} did not end`);
    const top = end.ranking.filter((r) => r.rank === 1);
    const won = top.some((r) => r.nation === seat) ? 1 / top.length : 0;
    t.games += 1;
    t.wins += won;
    t.bySeat[seat].games += 1;
    t.bySeat[seat].wins += won;
    if (end.reason === "regional-crisis") {
      t.crises += 1;
      t.bySeat[seat].crises += 1;
    }
    onGame?.(t);
  }
  return t;
}

/** The 95 % Wilson interval of a proportion, in percent. */
export function wilson(wins: number, games: number): [number, number] {
  if (games === 0) return [0, 0];
  const z = 1.96;
  const p = wins / games;
  const centre = (p + (z * z) / (2 * games)) / (1 + (z * z) / games);
  const half = (z * Math.sqrt((p * (1 - p)) / games + (z * z) / (4 * games * games))) / (1 + (z * z) / games);
  return [100 * (centre - half), 100 * (centre + half)];
}

/** Slices of one tournament, added up. */
export function merge(tallies: readonly TournamentTally[]): TournamentTally {
  const t = structuredClone(tallies[0]!);
  for (const u of tallies.slice(1)) {
    t.games += u.games;
    t.wins += u.wins;
    t.crises += u.crises;
    t.decisions += u.decisions;
    t.decisionMs += u.decisionMs;
    t.decisionCpuMs += u.decisionCpuMs;
    t.maxDecisionMs = Math.max(t.maxDecisionMs, u.maxDecisionMs);
    t.wallMs.push(...u.wallMs);
    t.cpuMs.push(...u.cpuMs);
    for (const n of NATIONS) {
      t.bySeat[n].games += u.bySeat[n].games;
      t.bySeat[n].wins += u.bySeat[n].wins;
      t.bySeat[n].crises += u.bySeat[n].crises;
    }
  }
  return t;
}

export function report(t: TournamentTally): string {
  const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
  const ci = (x: number, of: number) => {
    const [lo, hi] = wilson(x, of);
    return `[95% ${lo.toFixed(1)}–${hi.toFixed(1)}%]`;
  };
  const ms = (unsorted: readonly number[]) => {
    const values = unsorted.slice().sort((a, b) => a - b);
    return `p50 ${percentile(values, 0.5).toFixed(0)}, p95 ${percentile(values, 0.95).toFixed(0)}, max ${percentile(values, 1).toFixed(0)} ms`;
  };
  const lines = [
    `Expert tournament: ${t.games} games (seed ${t.seed}), one expert seat (rotated) against two normal bots; budget ${t.budget.determinizations} worlds × ${t.budget.playoutRounds} rounds per option`,
    `  expert wins        ${pct(t.wins, t.games)} of all games ${ci(t.wins, t.games)}; ${pct(t.wins, t.games - t.crises)} of the games with a winner (par: a third)`,
    `  regional crises    ${pct(t.crises, t.games)} of games (no winner)`,
    `  by seat            ${NATIONS.map((n) => `${n} ${pct(t.bySeat[n].wins, t.bySeat[n].games)} of ${t.bySeat[n].games} ${ci(t.bySeat[n].wins, t.bySeat[n].games)}`).join("  ")}`,
    `  searched decisions ${t.decisions} (policy, card responses, answers to proposals): CPU ${ms(t.cpuMs)}; wall ${ms(t.wallMs)}`,
  ];
  return `${lines.join("\n")}\n`;
}

function main(): void {
  let o: Options;
  try {
    o = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench:expert: ${(error as Error).message}\nusage: npm run bench:expert -- [--games N] [--first I] [--seed S] [--out FILE] [--determinizations N] [--rounds N] | --merge FILE...\n`);
    process.exit(2);
  }
  if (o.merge) {
    process.stdout.write(report(merge(o.merge.map((f) => JSON.parse(readFileSync(f, "utf8")) as TournamentTally))));
    return;
  }
  const t = tournament(o, (tally) => {
    if (tally.games % 100 === 0) {
      process.stderr.write(`bench:expert: ${tally.games}/${o.games} games, expert wins ${((100 * tally.wins) / tally.games).toFixed(1)}%\n`);
      if (o.out) writeFileSync(o.out, `${JSON.stringify(tally)}\n`);
    }
  });
  if (o.out) writeFileSync(o.out, `${JSON.stringify(t)}\n`);
  process.stdout.write(report(t));
}

if (process.argv[1]?.endsWith("expert.ts")) main();
