import { describe, expect, it } from "vitest";
import type { Card } from "../../shared/content/card-schema.ts";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import type { StanceId } from "../../shared/rules/vocabulary.ts";
import { quietDeck } from "../support/cards.ts";
import { table } from "../support/scenario.ts";

/** Seoul's changes of president, played by the real engine from the built-in cards. */
const deck = new Map<string, Card>(loadBuiltInDeck().map((c) => [c.id, c]));

function revealWith(id: string, seoul: StanceId) {
  const card: Card = deck.get(id)!;
  const t = table().withDeck([card, ...quietDeck(9)]).withOptions({ stances: { seoul } }).start();
  expect(t.state.current.cardId).toBe(id);
  return t.state;
}

describe("Seoul's changes of president", () => {
  it.each([
    ["moon-takes-office-2017", "conservative", "progressive"],
    ["yoon-takes-office-2022", "progressive", "conservative"],
    ["lee-jae-myung-takes-office-2025", "conservative", "progressive"],
  ] as const)("%s turns a %s government into a %s one and records the change", (id, from, to) => {
    const state = revealWith(id, from);
    expect(state.stances.seoul).toBe(to);
    expect(state.current.leadershipChanges).toEqual(["seoul"]);
  });

  it.each([
    ["moon-takes-office-2017", "progressive"],
    ["yoon-takes-office-2022", "conservative"],
  ] as const)("%s leaves a %s government in office (the party already holds power)", (id, stance) => {
    const state = revealWith(id, stance);
    expect(state.stances.seoul).toBe(stance);
    expect(state.current.leadershipChanges).toEqual([]);
  });
});
