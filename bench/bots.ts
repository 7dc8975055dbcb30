/**
 * How fast the bots play: whole bot-vs-bot games per second on one core (this process is single-
 * threaded). Stances are drawn per game from the seed; the built-in deck; 8 rounds.
 *
 *   npm run bench:bots                      # 2000 games at each scripted difficulty (easy, normal, hard)
 *   npm run bench:bots -- --games 5000 --difficulty normal --min 200
 *   npm run bench:bots -- --games 20 --difficulty expert   # the expert searches: seconds per game, not milliseconds
 *
 * Reports wall-clock games/s over the whole run, the best batch of 100 games, games per CPU second
 * of the main thread (the truest single-core figure when other processes share the machine: it
 * leaves out the time the process waits for a core) and games per CPU second of the whole process
 * (which counts V8's garbage-collector helper threads too). With --min, exits non-zero if the normal (or chosen) difficulty's wall-clock
 * rate is below that.
 */
import { botPolicy, DIFFICULTIES, type Difficulty } from "../shared/bots/registry.ts";
import { loadBuiltInDeck } from "../server/content/fs-load.ts";
import { playGame } from "../shared/sim/play.ts";

/** The levels `all` means; the expert is benchmarked on its own (--difficulty expert). */
const SCRIPTED: Difficulty[] = DIFFICULTIES.filter((d) => d !== "expert");

interface Options {
  games: number;
  seed: string;
  difficulties: Difficulty[];
  min: number | null;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { games: 2000, seed: "bench", difficulties: SCRIPTED.slice(), min: null };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === "--games") o.games = Math.max(1, Number(value));
    else if (flag === "--seed") o.seed = value;
    else if (flag === "--difficulty") {
      if (value !== "all" && !DIFFICULTIES.includes(value as Difficulty)) throw new Error(`--difficulty must be all, ${DIFFICULTIES.join(", ")}`);
      o.difficulties = value === "all" ? SCRIPTED.slice() : [value as Difficulty];
    } else if (flag === "--min") o.min = Number(value);
    else throw new Error(`unknown option ${flag}`);
  }
  return o;
}

export function benchmark(difficulty: Difficulty, games: number, seed: string) {
  const deck = loadBuiltInDeck();
  // Seated stances are only a fallback: each bot plays the stance its government holds in the game.
  const policies = { seoul: botPolicy("conservative", difficulty), tokyo: botPolicy("mainstream", difficulty), washington: botPolicy("alliance-builder", difficulty) };
  // Warm up the JIT so the figure is the steady state a server or simulator sees.
  for (let i = 0; i < Math.min(difficulty === "expert" ? 2 : 100, games); i++) playGame({ seed: `${seed}-warm-${i}`, options: { rounds: 8 }, deck, policies });
  let commands = 0;
  let stuck = 0;
  const cpu0 = process.cpuUsage();
  const main0 = process.threadCpuUsage();
  const t0 = performance.now();
  // Batches of BATCH games: on a shared machine the best batch is the truest single-core figure.
  const BATCH = difficulty === "expert" ? 5 : 100;
  let best = 0;
  let batchStart = t0;
  for (let i = 0; i < games; i++) {
    const r = playGame({ seed: `${seed}-${i}`, options: { rounds: 8 }, deck, policies });
    commands += r.commands;
    if (r.stuck) stuck += 1;
    if ((i + 1) % BATCH === 0) {
      const now = performance.now();
      best = Math.max(best, (BATCH * 1000) / (now - batchStart));
      batchStart = now;
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const main = process.threadCpuUsage(main0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const mainSeconds = (main.user + main.system) / 1e6;
  return { difficulty, games, wall, cpuSeconds, perSecond: games / wall, bestBatch: best || games / wall, perMainCpuSecond: games / mainSeconds, perCpuSecond: games / cpuSeconds, commandsPerGame: commands / games, stuck };
}

function main(): void {
  let o: Options;
  try {
    o = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench:bots: ${(error as Error).message}\nusage: npm run bench:bots -- [--games N] [--seed S] [--difficulty all|easy|normal|hard] [--min GAMES_PER_SECOND]\n`);
    process.exit(2);
  }
  let failed = false;
  process.stdout.write(`Bot-vs-bot games, mixed stances, built-in deck, 8 rounds, ${o.games} games per level (Node ${process.version})\n`);
  for (const difficulty of o.difficulties) {
    const r = benchmark(difficulty, o.games, o.seed);
    process.stdout.write(
      `  ${difficulty.padEnd(7)} ${r.perSecond.toFixed(0).padStart(5)} games/s wall clock   best batch of 100: ${r.bestBatch.toFixed(0).padStart(5)} games/s   ${r.perMainCpuSecond.toFixed(0).padStart(5)} games per main-thread CPU second   ${r.perCpuSecond.toFixed(0).padStart(5)} games per process CPU second   (${r.commandsPerGame.toFixed(0)} commands/game, ${r.stuck} stuck)\n`,
    );
    if (r.stuck > 0) failed = true;
    if (o.min !== null && (o.difficulties.length === 1 || difficulty === "normal") && r.perSecond < o.min) {
      process.stderr.write(`bench:bots: ${difficulty} is below ${o.min} games per second\n`);
      failed = true;
    }
  }
  if (failed) process.exit(1);
}

main();
