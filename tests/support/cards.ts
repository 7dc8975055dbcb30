import type { z } from "zod";
import { CardSchema, type Card } from "../../shared/content/card-schema.ts";
import type { Effect } from "../../shared/rules/effects.ts";

/** Small, valid cards for rules tests, so a test names only what it is about. Parsed like a card file. */
export function testCard(id: string, overrides: Partial<z.input<typeof CardSchema>> = {}): Card {
  return CardSchema.parse({
    id,
    title: `Test card ${id}`,
    date: "2020-01-01",
    era: "Test era",
    narrative: "A test event that exists only so the rules can be exercised in isolation.",
    citation: { seed: "nishino-2017", refs: ["test"] },
    effects: [],
    tags: ["security"],
    prompts: ["What would you have done here?"],
    ...overrides,
  });
}

export function quietDeck(n: number): Card[] {
  return Array.from({ length: n }, (_, i) => testCard(`quiet-${i + 1}`));
}

export function cardWithEffects(id: string, effects: Effect[]): Card {
  return testCard(id, { effects });
}

export function cardWithResponse(id: string, nations: Card["response"] extends infer R ? R extends { nations: infer N } ? N : never : never): Card {
  return testCard(id, {
    response: {
      nations,
      prompt: "Choose how your government answers this test event.",
      options: [
        { id: "soft", label: "Soft", description: "Answer softly and accept a small cost.", effects: [{ kind: "trust", pair: "seoul-tokyo", delta: 3 }] },
        { id: "hard", label: "Hard", description: "Answer firmly and accept a bigger cost.", effects: [{ kind: "trust", pair: "seoul-tokyo", delta: -6 }] },
      ],
    },
  });
}

/** A varied deck for property tests and simulations: shocks, opportunities, responses. */
export function mixedDeck(): Card[] {
  return [
    cardWithEffects("shock-history", [{ kind: "trust", pair: "seoul-tokyo", delta: -10, domain: "history" }, { kind: "historyTension", delta: 2 }]),
    cardWithEffects("missiles", [{ kind: "threat", delta: 2 }]),
    cardWithEffects("trade-war", [{ kind: "firewall", state: "breached" }, { kind: "exportControls", active: true }]),
    cardWithEffects("gsomia-suspended", [{ kind: "institution", op: "suspend", institution: "gsomia", domain: "history" }]),
    cardWithEffects("summit", [{ kind: "institution", op: "create", institution: "shuttle-summits" }, { kind: "threat", delta: -1 }]),
    cardWithEffects("election", [{ kind: "leadershipChange", nation: "seoul" }]),
    cardWithResponse("dispute", ["seoul", "tokyo"]),
    cardWithResponse("us-ask", ["washington"]),
    cardWithEffects("crisis-brews", [{ kind: "threat", delta: 3 }, { kind: "support", nation: "tokyo", delta: -20 }]),
    cardWithEffects("strategic-assets", [{ kind: "deterrenceBonus", delta: 2 }]),
    testCard("quiet-a"),
    testCard("quiet-b"),
  ];
}
