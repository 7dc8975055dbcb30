/**
 * Regenerates the golden records on purpose: `npm run goldens:update`.
 *
 * Refuses unless RULES_VERSION (shared/rules/version.ts) differs from the version the goldens
 * were made under: a rules change that alters recorded games must say so. It plays each golden
 * game afresh under the current rules (with the bots named below), writes its seed, options and
 * commands to games/<name>.json, the built-in deck to deck.json, and every step's state hash to
 * hashes.json. Commit the lot together with the rules change.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { legalRandom, type SeatPolicy } from "../../shared/bots/random.ts";
import { botPolicy, type Difficulty } from "../../shared/bots/registry.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import type { GameOptionsInput } from "../../shared/rules/setup.ts";
import { RULES_VERSION } from "../../shared/rules/version.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import { playGame } from "../../shared/sim/play.ts";
import { DECK_FILE, deckHash, GAMES_DIR, HASHES_FILE, loadHashes, stepHashes, type GoldenGame, type Hashes } from "./golden.ts";

interface Plan {
  name: string;
  seed: string;
  options: GameOptionsInput;
  playedBy: Difficulty | "random";
}

/** Varied on purpose: bots of each level, random play, fixed and drawn stances, both deck orders, short and long games. */
const PLANS: Plan[] = [
  { name: "normal-mixed-8", seed: "golden-1", options: { rounds: 8 }, playedBy: "normal" },
  { name: "normal-progressive-hawk-burden-10", seed: "golden-2", options: { rounds: 10, stances: { seoul: "progressive", tokyo: "hawkish", washington: "burden-shifter" } }, playedBy: "normal" },
  { name: "hard-chronological-8", seed: "golden-3", options: { rounds: 8, deckOrder: "chronological" }, playedBy: "hard" },
  { name: "easy-mixed-6", seed: "golden-4", options: { rounds: 6 }, playedBy: "easy" },
  { name: "random-12", seed: "golden-5", options: { rounds: 12 }, playedBy: "random" },
];

function policies(playedBy: Plan["playedBy"]): Record<Nation, SeatPolicy> {
  if (playedBy === "random") return { seoul: legalRandom, tokyo: legalRandom, washington: legalRandom };
  return { seoul: botPolicy("conservative", playedBy), tokyo: botPolicy("mainstream", playedBy), washington: botPolicy("alliance-builder", playedBy) };
}

function main(): void {
  const force = process.argv.includes("--first-time");
  if (existsSync(HASHES_FILE)) {
    const pinned = loadHashes().rulesVersion;
    if (pinned === RULES_VERSION) {
      process.stderr.write(
        `goldens:update: refused — the goldens are already for ${RULES_VERSION}.\n` +
          `If you changed the rules on purpose, bump RULES_VERSION in shared/rules/version.ts first (also when another branch bumped it to the same string).\n`,
      );
      process.exit(1);
    }
    process.stdout.write(`goldens:update: ${pinned} → ${RULES_VERSION}\n`);
  } else if (!force) {
    process.stderr.write("goldens:update: no hashes.json yet; run with --first-time to create the goldens\n");
    process.exit(1);
  }
  const deck = loadBuiltInDeck();
  mkdirSync(GAMES_DIR, { recursive: true });
  for (const f of readdirSync(GAMES_DIR)) if (f.endsWith(".json")) rmSync(path.join(GAMES_DIR, f));
  writeFileSync(DECK_FILE, `${JSON.stringify(deck, null, 1)}\n`);
  const hashes: Hashes = { rulesVersion: RULES_VERSION, deck: deckHash(deck), games: {} };
  for (const plan of PLANS) {
    const played = playGame({ seed: plan.seed, options: plan.options, deck, policies: policies(plan.playedBy), keepRecord: true });
    if (played.stuck || !played.record) throw new Error(`${plan.name} got stuck`);
    const game: GoldenGame = {
      name: plan.name,
      playedBy: plan.playedBy === "random" ? "legal-random seats" : `${plan.playedBy} bots`,
      rulesVersion: RULES_VERSION,
      seed: plan.seed,
      options: played.record.options,
      commands: played.record.commands,
    };
    writeFileSync(path.join(GAMES_DIR, `${plan.name}.json`), `${JSON.stringify(game)}\n`);
    hashes.games[plan.name] = stepHashes(game, deck);
    process.stdout.write(`  ${plan.name}: ${game.commands.length} commands, ended ${played.state.ended?.reason}\n`);
  }
  writeFileSync(HASHES_FILE, `${JSON.stringify(hashes, null, 1)}\n`);
  process.stdout.write(`goldens:update: wrote ${PLANS.length} games, deck.json and hashes.json under tests/golden/\n`);
}

main();
