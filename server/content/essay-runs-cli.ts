import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ESSAY_RUNS_FILE, ESSAYS_DIR, loadSeeds } from "./fs-load.ts";
import { buildEssayRuns, EssayRunsSchema } from "../../shared/content/essay-runs.ts";

/**
 * `npm run content:essay-runs [-- --check] [--essays DIR]`: rebuilds seeds/essay-runs.json from the
 * essays (default ../shared/seeds/, outside the repository), or with --check verifies that the
 * shipped file matches them. Needs the essays; the tests and content:check need only the shipped file.
 */

const args = process.argv.slice(2);
const check = args.includes("--check");
const at = args.indexOf("--essays");
const given = at >= 0 ? args[at + 1] : undefined;
const essaysDir = given ? path.resolve(given) : ESSAYS_DIR;
if (!existsSync(essaysDir)) {
  console.error(`no essays at ${essaysDir}; the shipped ${path.basename(ESSAY_RUNS_FILE)} stays as it is`);
  process.exit(2);
}
const { seeds, problems } = loadSeeds();
if (problems.length > 0) {
  console.error("the seed records have problems; run npm run content:check");
  process.exit(1);
}
const built = buildEssayRuns(
  seeds.map((s) => ({ seed: s.id, file: s.file, text: readFileSync(path.join(essaysDir, s.file), "utf8") })),
);
const text = `${JSON.stringify(built, null, 0).replace(/"hashes":/g, "\n\"hashes\":")}\n`;
if (check) {
  const shipped = EssayRunsSchema.parse(JSON.parse(readFileSync(ESSAY_RUNS_FILE, "utf8")));
  const same = JSON.stringify(shipped) === JSON.stringify(built);
  console.log(same ? "OK: seeds/essay-runs.json matches the essays" : "FAILED: seeds/essay-runs.json is out of date");
  process.exitCode = same ? 0 : 1;
} else {
  writeFileSync(ESSAY_RUNS_FILE, text);
  const counts = Object.entries(built.essays).map(([id, e]) => `${id} ${e.hashes.length}`).join(", ");
  console.log(`wrote ${path.relative(process.cwd(), ESSAY_RUNS_FILE)}: ${counts}`);
}
