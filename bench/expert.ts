/**
 * The expert tournament: one expert seat against two normal bots, the expert's seat rotated
 * (game i seats it at NATIONS[i % 3]), stances drawn per game from the seed, the built-in deck,
 * 8 rounds. Reports the expert's win rate (ties share a win; a regional crisis has no winner) of
 * all games and of the games that had a winner, per seat, and the time its searched decisions took.
 *
 *   npm run bench:expert -- --games 3000 --seed tournament
 *   npm run bench:expert -- --games 1500 --first 1500 --out sim-out/expert-b.json   # a slice, for two cores
 *
 * --out writes the tallies as JSON (merge slices by adding them).
 */
import { writeFileSync } from "node:fs";
import { botPolicy } from "../shared/bots/registry.ts";
import type { SeatPolicy } from "../shared/bots/random.ts";
import { loadBuiltInDeck } from "../server/content/fs-load.ts";
import { NATIONS, type Nation } from "../shared/rules/vocabulary.ts";
import { playGame } from "../shared/sim/play.ts";

interface Options {
  games: number;
  first: number;
  seed: string;
  out: string | null;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { games: 3000, first: 0, seed: "tournament", out: null };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--games") o.games = Number(value);
    else if (flag === "--first") o.first = Number(value);
    else if (flag === "--seed") o.seed = value;
    else if (flag === "--out") o.out = value;
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
}

export function tournament(o: Options, onGame?: (t: TournamentTally) => void): TournamentTally {
  const deck = loadBuiltInDeck();
  const t: TournamentTally = {
    games: 0, wins: 0, crises: 0, decisions: 0, decisionMs: 0, decisionCpuMs: 0, maxDecisionMs: 0,
    bySeat: { seoul: { games: 0, wins: 0, crises: 0 }, tokyo: { games: 0, wins: 0, crises: 0 }, washington: { games: 0, wins: 0, crises: 0 } },
  };
  const normal = { seoul: botPolicy("conservative", "normal"), tokyo: botPolicy("mainstream", "normal"), washington: botPolicy("alliance-builder", "normal") };
  for (let k = 0; k < o.games; k++) {
    const i = o.first + k;
    const seat = NATIONS[i % 3]!;
    const expert = botPolicy("conservative", "expert");
    const timed: SeatPolicy = (view, nation, rng) => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const choice = expert(view, nation, rng);
      const ms = performance.now() - start;
      if (choice.command?.type === "commitPolicy" || choice.command?.type === "respond") {
        const used = process.cpuUsage(cpu);
        t.decisions += 1;
        t.decisionMs += ms;
        t.decisionCpuMs += (used.user + used.system) / 1000;
        t.maxDecisionMs = Math.max(t.maxDecisionMs, ms);
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

export function report(t: TournamentTally): string {
  const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`;
  const lines = [
    `Expert tournament: ${t.games} games, one expert seat (rotated) against two normal bots`,
    `  expert wins        ${pct(t.wins, t.games)} of all games; ${pct(t.wins, t.games - t.crises)} of the games with a winner (par: a third)`,
    `  regional crises    ${pct(t.crises, t.games)} of games (no winner)`,
    `  by seat            ${NATIONS.map((n) => `${n} ${pct(t.bySeat[n].wins, t.bySeat[n].games)} of ${t.bySeat[n].games}`).join("  ")}`,
    `  searched decisions ${t.decisions} (policy and card responses): mean ${(t.decisionMs / Math.max(1, t.decisions)).toFixed(1)} ms wall, ${(t.decisionCpuMs / Math.max(1, t.decisions)).toFixed(1)} ms CPU; slowest ${t.maxDecisionMs.toFixed(0)} ms wall`,
  ];
  return `${lines.join("\n")}\n`;
}

function main(): void {
  let o: Options;
  try {
    o = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench:expert: ${(error as Error).message}\nusage: npm run bench:expert -- [--games N] [--first I] [--seed S] [--out FILE]\n`);
    process.exit(2);
  }
  const t = tournament(o, (tally) => {
    if (tally.games % 100 === 0) {
      process.stderr.write(`bench:expert: ${tally.games}/${o.games} games, expert wins ${((100 * tally.wins) / tally.games).toFixed(1)}%\n`);
      if (o.out) writeFileSync(o.out, `${JSON.stringify(tally, null, 1)}\n`);
    }
  });
  if (o.out) writeFileSync(o.out, `${JSON.stringify(t, null, 1)}\n`);
  process.stdout.write(report(t));
}

if (process.argv[1]?.endsWith("expert.ts")) main();
