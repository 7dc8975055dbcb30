import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hash } from "ohash";
import { z } from "zod";
import { CardSchema, type Card } from "../../shared/content/card-schema.ts";
import { GameRecordSchema, RECORD_FORMAT, RecordedCommandSchema, replay, type GameRecord } from "../../shared/rules/record.ts";
import { GameOptionsSchema } from "../../shared/rules/setup.ts";
import type { GameState } from "../../shared/rules/state.ts";

/**
 * Golden records: a few whole games (seed, options and commands; one shared deck) whose state
 * after every command is pinned as a hash in hashes.json. A rule that changes how any of them
 * replays fails tests/golden/golden.test.ts until RULES_VERSION is bumped and the goldens are
 * regenerated on purpose (`npm run goldens:update`, which refuses while RULES_VERSION is unchanged).
 */
export const GOLDEN_DIR = path.dirname(fileURLToPath(import.meta.url));
export const GAMES_DIR = path.join(GOLDEN_DIR, "games");
export const DECK_FILE = path.join(GOLDEN_DIR, "deck.json");
export const HASHES_FILE = path.join(GOLDEN_DIR, "hashes.json");

export const GoldenGameSchema = z.strictObject({
  name: z.string().min(1),
  /** How the commands were produced (documentation only: replay needs only the commands). */
  playedBy: z.string(),
  rulesVersion: z.string(),
  seed: z.union([z.number().int(), z.string().min(1)]),
  options: GameOptionsSchema,
  commands: z.array(RecordedCommandSchema),
});
export type GoldenGame = z.infer<typeof GoldenGameSchema>;

export const HashesSchema = z.strictObject({
  rulesVersion: z.string(),
  /** Hash of the golden deck, so a changed deck file is caught too. */
  deck: z.string(),
  /** Per game: the state hash at the start and after every command. */
  games: z.record(z.string(), z.array(z.string())),
});
export type Hashes = z.infer<typeof HashesSchema>;

export function loadDeck(): Card[] {
  return z.array(CardSchema).parse(JSON.parse(readFileSync(DECK_FILE, "utf8")));
}

export function loadGames(): GoldenGame[] {
  return readdirSync(GAMES_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => GoldenGameSchema.parse(JSON.parse(readFileSync(path.join(GAMES_DIR, f), "utf8"))));
}

export function loadHashes(): Hashes {
  return HashesSchema.parse(JSON.parse(readFileSync(HASHES_FILE, "utf8")));
}

export function recordOf(game: GoldenGame, deck: readonly Card[]): GameRecord {
  return GameRecordSchema.parse({ format: RECORD_FORMAT, rulesVersion: game.rulesVersion, seed: game.seed, options: game.options, deck, commands: game.commands });
}

/** The hash of a state, key order aside; the deck (constant through a game) is hashed once, apart. */
export function stateHash(state: GameState): string {
  const { cards: _cards, ...rest } = state;
  return hash(rest);
}

export const deckHash = (deck: readonly Card[]): string => hash(deck);

/** Replays a golden game, returning the hash of every intermediate state (start first). */
export function stepHashes(game: GoldenGame, deck: readonly Card[]): string[] {
  const out: string[] = [];
  replay(recordOf(game, deck), (state) => out.push(stateHash(state)));
  return out;
}
