/**
 * The balance simulator: plays N whole games headlessly and summarizes them.
 *
 *   npm run simulate -- --games 10000 --seed 1 --mixed --balance --matrix
 *   npm run simulate -- --games 3000 --seed 1 --defector rotate
 *   npm run simulate -- --games 2000 --seed 7 --seats seoul=progressive,tokyo=hawkish,washington=burden-shifter
 *   npm run simulate -- --games 1000 --seed 1 --policy random --out sim-out/random
 *   npm run simulate -- --games 10000 --seed 1 --json > summary.json
 *
 * Options (bench/simulate/options.ts): --games N (1000) --seed S (1) --first I (0: game i plays seed
 * "S-i") --seats nation=stance,… | --mixed (stances drawn per game from the seed, the default)
 * --difficulty easy|normal|hard|expert (normal) --policy bots|random (bots) --rounds R (8)
 * --deck builtin|test (builtin) --defector rotate|<nation> --matrix --balance --json --out DIR --quiet.
 *
 * Every game must finish: a stuck game, or a bot that throws, stops the run with the game's seed
 * and a non-zero exit status. The modules: options (command line), run (playing the games, the
 * defector pairing), tally (per-game statistics), balance (the figures the targets are stated in),
 * targets (the targets, checked), report (text, JSON and CSV output), defector (the policy).
 */
import { pathToFileURL } from "node:url";
import { botDiagnostics } from "../shared/bots/bot.ts";
import { parseArgs, USAGE, UsageError, type SimOptions } from "./simulate/options.ts";
import { printBalance, printDefector, printMatrix, printSummary, progressReporter, writeOutputs } from "./simulate/report.ts";
import { defectorSummary, run, StuckGame, type RunResult } from "./simulate/run.ts";
import { balanceTargets } from "./simulate/targets.ts";

export { DEFAULTS, parseArgs, UsageError } from "./simulate/options.ts";
export { simulate, StuckGame } from "./simulate/run.ts";

function main(): void {
  let o: SimOptions;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message === "help" ? "" : `simulate: ${error.message}\n`}${USAGE}\n`);
      process.exit(error.message === "help" ? 0 : 2);
    }
    throw error;
  }
  const progress = progressReporter(o.games, o.quiet);
  let result: RunResult;
  try {
    result = run(o, progress);
  } catch (error) {
    progress.finish();
    if (error instanceof StuckGame) {
      const index = error.seed.slice(error.seed.lastIndexOf("-") + 1);
      process.stderr.write(`simulate: FAILED — ${error.message}\nrerun that game alone: npm run simulate -- --seed ${o.seed} --first ${index} --games 1\n`);
      process.exit(1);
    }
    throw error;
  }
  progress.finish();
  const s = result.tally.summary();
  const defector = result.defector ? defectorSummary(result.defector) : null;
  // With a defector seated, the tally is of the defector's games: only the defector figure is a balance target.
  const targets = balanceTargets(s, defector).filter((t) => !defector || t.figure.startsWith("defector"));
  if (o.json) {
    process.stdout.write(`${JSON.stringify({ options: o, ...s, defector, targets }, null, 2)}\n`);
  } else {
    printSummary(o, s);
    if (defector) printDefector(defector);
    if (o.matrix) printMatrix(s);
    if (o.balance || defector) printBalance(targets, defector ? undefined : s);
  }
  if (botDiagnostics.illegal > 0) {
    process.stderr.write(`simulate: WARNING — bots chose ${botDiagnostics.illegal} illegal command(s); last: ${JSON.stringify(botDiagnostics.lastIllegal)}\n`);
  }
  if (o.out) {
    const files = writeOutputs(o.out, o, s);
    if (!o.json) process.stdout.write(`  wrote              ${files.join(", ")}\n`);
  }
  if (s.refusedCommands > 0 || botDiagnostics.illegal > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
