import path from "node:path";
import { AUDIT_FILE, CARDS_DIR, ERAS_FILE, SEEDS_DIR, loadDeck, loadDeckRulesInput, loadSeeds } from "./fs-load.ts";
import { checkDeckRules, checkNamePairs, checkOwnWords, responsesPerNation } from "../../shared/content/deck-rules.ts";
import { cardsPerSeed, formatProblem, type ContentProblem } from "../../shared/content/load.ts";

/**
 * `npm run content:check [path]`
 *   no path: validates seeds/ and content/cards/
 *   a path:  validates that card file, deck file or folder against the built-in seeds
 * Any deck: schemas, citations, own words (no eight-word run of an essay), both names of a
 * disputed place. The built-in deck also: its own rules (shared/content/deck-rules.ts) — per-nation
 * responses, citations and debates per essay, seed items used, eras, and a row in AUDIT.md.
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
const builtIn = path.resolve(target) === path.resolve(CARDS_DIR);
const rulesInput = loadDeckRulesInput();
const files = {
  card: (id: string) => (builtIn ? path.join(CARDS_DIR, `${id}.json`) : target),
  seed: (id: string) => path.join(SEEDS_DIR, `${id}.json`),
  audit: AUDIT_FILE,
  eras: ERAS_FILE,
};
const rules = builtIn
  ? checkDeckRules(deck.cards, seeds.seeds, rulesInput, files)
  : [...checkOwnWords(deck.cards, [], rulesInput.essayRuns, files), ...checkNamePairs(deck.cards, [], files)];
const problems: ContentProblem[] = [...seeds.problems, ...deck.problems, ...rules];

const relative = (file: string) => path.relative(process.cwd(), file) || ".";
for (const problem of problems) console.log(formatProblem({ ...problem, file: relative(problem.file) }));

const counts = cardsPerSeed(deck.cards, seeds.seeds);
const nations = responsesPerNation(deck.cards);
const cited = new Map<string, number>(seeds.seeds.map((s) => [s.id, 0] as const));
for (const card of deck.cards) {
  for (const id of new Set([card.citation.seed, ...(card.alsoCites ?? []).map((c) => c.seed)])) cited.set(id, (cited.get(id) ?? 0) + 1);
}
const perSeed = [...counts].map(([id, n]) => `${id} ${n}`).join(", ");
console.log(
  `${problems.length === 0 ? "OK" : "FAILED"}: ${deck.checked} card(s) checked in ${relative(target)}, ${deck.cards.length} valid, ` +
    `against ${seeds.seeds.length} seed(s); cards per seed: ${perSeed || "none"}; ${problems.length} problem(s).`,
);

if (problems.length === 0) {
  const width = Math.max(4, ...[...counts.keys()].map((id) => id.length));
  console.log("");
  console.log(`${"seed".padEnd(width)}  cards  cited`);
  console.log(`${"-".repeat(width)}  -----  -----`);
  for (const [id, n] of counts) console.log(`${id.padEnd(width)}  ${String(n).padStart(5)}  ${String(cited.get(id) ?? 0).padStart(5)}`);
  console.log("");
  console.log("responses per nation: " + Object.entries(nations).map(([n, k]) => `${n} ${k}`).join(", "));
}

process.exitCode = problems.length === 0 ? 0 : 1;
