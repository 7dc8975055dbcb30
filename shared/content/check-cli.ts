import path from "node:path";
import { CARDS_DIR, SEEDS_DIR, loadDeck, loadSeeds } from "./fs-load.ts";
import { cardsPerSeed, formatProblem, type ContentProblem } from "./load.ts";

/**
 * `npm run content:check [path]`
 *   no path: validates seeds/ and content/cards/
 *   a path:  validates that card file, deck file or folder against the built-in seeds
 * Prints every problem as `file: field: message`, then a summary. Exit status 1 on any problem.
 */

const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log("usage: npm run content:check [card-file | deck-file | folder]");
  process.exit(0);
}
if (args.length > 1) {
  console.error("content:check takes at most one path");
  process.exit(2);
}

const target = args[0] === undefined ? CARDS_DIR : path.resolve(args[0]);
const seeds = loadSeeds(SEEDS_DIR);
const deck = loadDeck(target, seeds.seeds);
const problems: ContentProblem[] = [...seeds.problems, ...deck.problems];

const relative = (file: string) => path.relative(process.cwd(), file) || ".";
for (const problem of problems) console.log(formatProblem({ ...problem, file: relative(problem.file) }));

const counts = cardsPerSeed(deck.cards, seeds.seeds);
const perSeed = [...counts].map(([id, n]) => `${id} ${n}`).join(", ");
console.log(
  `${problems.length === 0 ? "OK" : "FAILED"}: ${deck.checked} card(s) checked in ${relative(target)}, ${deck.cards.length} valid, ` +
    `against ${seeds.seeds.length} seed(s); cards per seed: ${perSeed || "none"}; ${problems.length} problem(s).`,
);

if (problems.length === 0) {
  const width = Math.max(4, ...[...counts.keys()].map((id) => id.length));
  console.log("");
  console.log(`${"seed".padEnd(width)}  cards`);
  console.log(`${"-".repeat(width)}  -----`);
  for (const [id, n] of counts) console.log(`${id.padEnd(width)}  ${String(n).padStart(5)}`);
}

process.exitCode = problems.length === 0 ? 0 : 1;
