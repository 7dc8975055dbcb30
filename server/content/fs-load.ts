import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Card } from "../../shared/content/card-schema.ts";
import {
  JSON_FIELD,
  ROOT_FIELD,
  formatProblem,
  validateCards,
  validateSeeds,
  type ContentFile,
  type ContentProblem,
} from "../../shared/content/load.ts";
import type { SeedRecord } from "../../shared/content/seed-schema.ts";
import { EssayRunsSchema, type EssayRuns } from "../../shared/content/essay-runs.ts";
import type { DeckRulesInput } from "../../shared/content/deck-rules.ts";

/** Node-only loaders for the content folders: read the JSON, then validate with load.ts. */

/** The repository root, two levels up from server/content. */
export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SEEDS_DIR = path.join(REPO_ROOT, "seeds");
export const CARDS_DIR = path.join(REPO_ROOT, "content", "cards");
/** The hashed 8-word runs of every essay (no essay text), shipped so the own-words check needs no essays. */
export const ESSAY_RUNS_FILE = path.join(SEEDS_DIR, "essay-runs.json");
/** The claim-by-claim audit of the built-in deck and seed records. */
export const AUDIT_FILE = path.join(REPO_ROOT, "content", "AUDIT.md");
/** The canonical era labels of the built-in deck. */
export const ERAS_FILE = path.join(REPO_ROOT, "content", "eras.json");
/** The essays themselves, outside the repository (reference only; not needed by the tests). */
export const ESSAYS_DIR = path.resolve(REPO_ROOT, "..", "shared", "seeds");

function readJsonFiles(
  target: string,
  keep: (name: string) => boolean = () => true,
): { files: ContentFile[]; problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const files: ContentFile[] = [];
  if (!existsSync(target)) {
    return { files, problems: [{ file: target, field: ROOT_FIELD, message: "no such file or folder" }] };
  }
  const paths = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((name) => name.endsWith(".json") && keep(name))
        .sort()
        .map((name) => path.join(target, name))
    : [target];
  for (const file of paths) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      problems.push({ file, field: ROOT_FIELD, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    try {
      files.push({ path: file, data: JSON.parse(text) as unknown });
    } catch (error) {
      problems.push({ file, field: JSON_FIELD, message: `not valid JSON: ${(error as Error).message}` });
    }
  }
  return { files, problems };
}

/** Reads and validates every `*.json` seed record in `dir` (not the essay-runs file). */
export function loadSeeds(dir: string = SEEDS_DIR): { seeds: SeedRecord[]; problems: ContentProblem[] } {
  const read = readJsonFiles(dir, (name) => name !== path.basename(ESSAY_RUNS_FILE));
  const validated = validateSeeds(read.files);
  return { seeds: validated.seeds, problems: [...read.problems, ...validated.problems] };
}

/**
 * Reads and validates a deck: a folder of one-card files, or a single JSON file holding one card
 * or `{ "cards": [...] }`. Citations are checked against `seeds` (the built-in seeds by default).
 */
export function loadDeck(
  pathOrDir: string = CARDS_DIR,
  seeds: readonly SeedRecord[] = loadSeeds().seeds,
): { cards: Card[]; problems: ContentProblem[]; checked: number } {
  const read = readJsonFiles(pathOrDir);
  const validated = validateCards(read.files, seeds);
  return { cards: validated.cards, problems: [...read.problems, ...validated.problems], checked: validated.checked };
}

let builtIn: { cards: Card[]; seeds: SeedRecord[] } | undefined;

/** The built-in seeds and deck; throws a readable Error listing every problem if either is invalid. */
export function loadBuiltInContent(): { cards: Card[]; seeds: SeedRecord[] } {
  if (builtIn) return builtIn;
  const seeds = loadSeeds();
  const deck = loadDeck(CARDS_DIR, seeds.seeds);
  const problems = [...seeds.problems, ...deck.problems];
  if (problems.length > 0) {
    const lines = problems.map((p) => `  ${formatProblem({ ...p, file: path.relative(REPO_ROOT, p.file) || p.file })}`);
    throw new Error(`The built-in deck is invalid (${problems.length} problem(s)):\n${lines.join("\n")}`);
  }
  builtIn = { cards: deck.cards, seeds: seeds.seeds };
  return builtIn;
}

/** The built-in deck; throws a readable Error listing every problem if it is invalid. */
export function loadBuiltInDeck(): Card[] {
  return loadBuiltInContent().cards;
}

/** The shipped essay runs, parsed; throws if the file is missing or malformed. */
export function loadEssayRuns(file: string = ESSAY_RUNS_FILE): EssayRuns {
  return EssayRunsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** What the built-in deck's own rules need besides the cards and seeds: the audit, the eras, the essay runs. */
export function loadDeckRulesInput(): DeckRulesInput {
  return {
    audit: existsSync(AUDIT_FILE) ? readFileSync(AUDIT_FILE, "utf8") : "",
    eras: JSON.parse(readFileSync(ERAS_FILE, "utf8")) as unknown,
    essayRuns: loadEssayRuns(),
  };
}
