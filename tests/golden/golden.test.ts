import { describe, expect, test } from "vitest";
import { RULES_VERSION } from "../../shared/rules/version.ts";
import { deckHash, loadDeck, loadGames, loadHashes, stepHashes } from "./golden.ts";

/**
 * The pinned games must replay to exactly the pinned states. If this fails after a rules change,
 * that change alters recorded games: bump RULES_VERSION (shared/rules/version.ts) and run
 * `npm run goldens:update` (see tests/golden/README.md).
 */
const deck = loadDeck();
const games = loadGames();
const hashes = loadHashes();
const REGENERATE = "bump RULES_VERSION in shared/rules/version.ts if you meant to change the rules, then run `npm run goldens:update`";

describe("golden records", () => {
  test("the goldens were made under this build's rules version", () => {
    expect(hashes.rulesVersion, `the goldens are for ${hashes.rulesVersion}, the rules are ${RULES_VERSION}: run \`npm run goldens:update\``).toBe(RULES_VERSION);
    for (const g of games) expect(g.rulesVersion, g.name).toBe(RULES_VERSION);
  });

  test("there are several goldens, each pinned, none orphaned", () => {
    expect(games.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(hashes.games).sort()).toEqual(games.map((g) => g.name).sort());
    for (const g of games) expect(g.commands.length, g.name).toBeGreaterThan(50);
  });

  test("the golden deck is the one the hashes were made with", () => {
    expect(deckHash(deck)).toBe(hashes.deck);
  });

  test.each(games.map((g) => [g.name, g] as const))("%s replays to the pinned state after every command", (name, game) => {
    const pinned = hashes.games[name]!;
    const actual = stepHashes(game, deck);
    const first = actual.findIndex((h, i) => h !== pinned[i]);
    if (first >= 0 || actual.length !== pinned.length) {
      const at = first >= 0 ? first : Math.min(actual.length, pinned.length);
      const command = at === 0 ? "the start of the game" : `command ${at} (${JSON.stringify(game.commands[at - 1]?.command)})`;
      expect.fail(`${name}: the state differs from the pinned one after ${command}; ${REGENERATE}`);
    }
    expect(actual).toEqual(pinned);
  });
});
