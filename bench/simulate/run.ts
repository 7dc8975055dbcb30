/** Playing the games of a run: seats, decks, the defector pairing, and stuck-game detection. */
import { legalRandom, type SeatPolicy } from "../../shared/bots/random.ts";
import { botPolicy } from "../../shared/bots/registry.ts";
import type { Card } from "../../shared/content/card-schema.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { NATIONS, type Nation } from "../../shared/rules/vocabulary.ts";
import { playGame } from "../../shared/sim/play.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { traceWatcher } from "./balance.ts";
import { defectorPolicy } from "./defector.ts";
import type { SimOptions } from "./options.ts";
import { Tally } from "./tally.ts";

export class StuckGame extends Error {
  seed: string;
  constructor(seed: string, message: string) {
    super(message);
    this.seed = seed;
  }
}

export function deckFor(which: SimOptions["deck"]): Card[] {
  if (which === "test") return mixedDeck();
  return loadBuiltInDeck();
}

export function policiesFor(o: SimOptions): Record<Nation, SeatPolicy> {
  if (o.policy === "random") return { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom };
  // Each bot plays its government's current stance (read from its view); the argument is a fallback.
  return {
    seoul: botPolicy(o.seats.seoul ?? "conservative", o.difficulty),
    tokyo: botPolicy(o.seats.tokyo ?? "mainstream", o.difficulty),
    washington: botPolicy(o.seats.washington ?? "alliance-builder", o.difficulty),
  };
}

export const gameSeed = (seed: string, i: number) => `${seed}-${i}`;

/** The nation the defector takes in game i (rotated, or the one named). */
export const defectorSeat = (o: SimOptions, i: number): Nation | null =>
  o.defector === null ? null : o.defector === "rotate" ? NATIONS[i % NATIONS.length]! : o.defector;

/** Wins of the defector's seat, and of a normal bot in the same seat of the same games. */
export interface DefectorTally {
  games: number;
  byNation: Record<Nation, { games: number; defectorWins: number; normalWins: number; defectorScore: number; normalScore: number }>;
  defectorCrisis: number;
  normalCrisis: number;
}

export interface RunResult {
  tally: Tally;
  defector: DefectorTally | null;
}

function playOne(o: SimOptions, i: number, deck: Card[], policies: Record<Nation, SeatPolicy>, tally: Tally) {
  const seed = gameSeed(o.seed, i);
  const stances = Object.keys(o.seats).length > 0 ? { ...o.seats } : undefined;
  const watch = traceWatcher();
  let result: ReturnType<typeof playGame>;
  try {
    result = playGame({ seed, options: { rounds: o.rounds, ...(stances ? { stances } : {}) }, deck, policies, onCommand: watch.onCommand });
  } catch (error) {
    throw new StuckGame(seed, `game ${i} (seed "${seed}") crashed: ${(error as Error).stack ?? error}`);
  }
  if (result.stuck || result.state.phase !== "ended" || !result.state.ended) {
    throw new StuckGame(seed, `game ${i} (seed "${seed}") got stuck after ${result.commands} commands in round ${result.state.round}, ${result.state.phase} phase`);
  }
  tally.add(result.state, result.startStances, result.commands, result.timeouts, result.refused, watch.trace);
  return result.state.ended;
}

const won = (end: NonNullable<ReturnType<typeof playOne>>, n: Nation) => {
  const winners = end.ranking.filter((r) => r.rank === 1);
  return winners.some((w) => w.nation === n) ? 1 / winners.length : 0;
};

/**
 * Plays the run. With a defector, each game is played twice from the same seed: once with the
 * defector in its seat (these games make the tally) and once with a normal bot there (the baseline).
 */
export function simulate(o: SimOptions, onProgress?: (done: number, elapsed: number) => void, seatPolicies?: Record<Nation, SeatPolicy>): Tally {
  return run(o, onProgress, seatPolicies).tally;
}

export function run(o: SimOptions, onProgress?: (done: number, elapsed: number) => void, seatPolicies?: Record<Nation, SeatPolicy>): RunResult {
  const deck = deckFor(o.deck);
  const policies = seatPolicies ?? policiesFor(o);
  const tally = new Tally();
  const baseline = new Tally();
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const zero = () => ({ games: 0, defectorWins: 0, normalWins: 0, defectorScore: 0, normalScore: 0 });
  const defector: DefectorTally | null = o.defector
    ? { games: 0, byNation: { seoul: zero(), tokyo: zero(), washington: zero() }, defectorCrisis: 0, normalCrisis: 0 }
    : null;
  for (let k = 0; k < o.games; k++) {
    const i = o.first + k;
    const seat = defectorSeat(o, i);
    if (seat && defector) {
      const normal = playOne(o, i, deck, policies, baseline);
      const end = playOne(o, i, deck, { ...policies, [seat]: defectorPolicy(policies[seat]) }, tally);
      const cell = defector.byNation[seat];
      defector.games += 1;
      cell.games += 1;
      cell.defectorWins += won(end, seat);
      cell.normalWins += won(normal, seat);
      cell.defectorScore += end.scores[seat].total;
      cell.normalScore += normal.scores[seat].total;
      if (end.reason === "regional-crisis") defector.defectorCrisis += 1;
      if (normal.reason === "regional-crisis") defector.normalCrisis += 1;
    } else {
      playOne(o, i, deck, policies, tally);
    }
    tally.seconds = (performance.now() - started) / 1000;
    onProgress?.(k + 1, tally.seconds);
  }
  const cpu = process.cpuUsage(cpuStart);
  tally.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { tally, defector };
}

export function defectorSummary(d: DefectorTally) {
  const pct = (x: number, of: number) => Math.round((1000 * x) / Math.max(1, of)) / 10;
  const r2 = (x: number) => Math.round(100 * x) / 100;
  const sum = (f: (c: DefectorTally["byNation"][Nation]) => number) => NATIONS.reduce((s, n) => s + f(d.byNation[n]), 0);
  return {
    games: d.games,
    defectorWinPct: pct(sum((c) => c.defectorWins), d.games),
    normalBotInTheSameSeatWinPct: pct(sum((c) => c.normalWins), d.games),
    defectorMeanScore: r2(sum((c) => c.defectorScore) / Math.max(1, d.games)),
    normalBotMeanScore: r2(sum((c) => c.normalScore) / Math.max(1, d.games)),
    crisisPct: { withDefector: pct(d.defectorCrisis, d.games), withoutDefector: pct(d.normalCrisis, d.games) },
    byNation: Object.fromEntries(
      NATIONS.map((n) => [n, { games: d.byNation[n].games, defectorWinPct: pct(d.byNation[n].defectorWins, d.byNation[n].games), normalWinPct: pct(d.byNation[n].normalWins, d.byNation[n].games) }]),
    ),
  };
}
