import { describe, expect, test } from "vitest";
import type { Card } from "../content/card-schema.ts";
import type { SeedRecord } from "../content/seed-schema.ts";
import { applyCommand, newGame } from "../rules/apply.ts";
import { CommandSchema, seat, SYSTEM, type Actor, type CommandInput } from "../rules/commands.ts";
import { appendCommand, newRecord, type GameRecord } from "../rules/record.ts";
import type { PolicyId } from "../rules/policies.ts";
import type { GameState } from "../rules/state.ts";
import type { Nation } from "../rules/vocabulary.ts";
import { cardWithEffects, quietDeck, testCard } from "../../tests/support/cards.ts";
import { Stepper } from "./stepper.ts";
import { findTurningPoints } from "./turning-points.ts";

/** A hand-built record: commands applied one by one, as a table would. */
class Recorder {
  state: GameState;
  record: GameRecord;
  at = 1000;
  constructor(deck: Card[], rounds = 3) {
    const options = { rounds, stances: { seoul: "conservative", tokyo: "mainstream", washington: "alliance-builder" } } as const;
    this.state = newGame(1, { ...options, deckOrder: "chronological" }, deck).state;
    this.record = newRecord(1, { ...options, deckOrder: "chronological" }, deck);
  }
  do(actor: Actor, input: CommandInput): this {
    const command = CommandSchema.parse(input);
    this.at += 1000;
    const r = applyCommand(this.state, { actor, at: this.at, command });
    if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
    this.state = r.state;
    this.record = appendCommand(this.record, { actor, at: this.at, command });
    return this;
  }
  as(n: Nation, command: CommandInput): this {
    return this.do(seat(n), command);
  }
  timeout(): this {
    return this.do(SYSTEM, { type: "phaseTimeout", round: this.state.round, phase: this.state.phase });
  }
  policies(p: Partial<Record<Nation, PolicyId>>): this {
    for (const n of ["seoul", "tokyo", "washington"] as const) this.as(n, { type: "commitPolicy", policy: p[n] ?? "hold-steady" });
    return this;
  }
}

const SEED: SeedRecord = {
  id: "nishino-2017",
  file: "001_0000000000000000.txt",
  author: "Test Author",
  title: "A test essay",
  outlet: "Test Outlet",
  date: "2017-01-01",
  summary: "x".repeat(120),
  items: [{ id: "test", kind: "fact", date: "2016", text: "A fact stated in our own words for a test." }, ...[1, 2, 3, 4].map((i) => ({ id: `other-${i}`, kind: "argument" as const, text: "Another item that is not cited by the card." }))],
};

const points = (r: Recorder) => {
  const stepper = new Stepper(r.record);
  return findTurningPoints(stepper.steps, r.state.cards, [SEED]);
};

describe("turning points found from hand-built records", () => {
  test("a crisis: exactly one crisis marker, tied to the round's card, its cited fact and its prompts", () => {
    const deck = [cardWithEffects("missile-salvo", [{ kind: "threat", delta: 5 }]), ...quietDeck(3)];
    const r = new Recorder(deck).timeout().policies({});
    const found = points(r);
    expect(found.map((p) => p.kind)).toEqual(["crisis"]);
    const crisis = found[0]!;
    expect(crisis.step).toBe(r.record.commands.length);
    expect(crisis.round).toBe(1);
    expect(crisis.card?.cardId).toBe("missile-salvo");
    expect(crisis.card?.prompts).toEqual(["What would you have done here?"]);
    expect(crisis.card?.sources[0]).toMatchObject({ author: "Test Author", title: "A test essay", outlet: "Test Outlet", date: "2017-01-01" });
    expect(crisis.card?.sources[0]?.items.map((i) => i.id)).toEqual(["test"]);
  });

  test("a broken pledge: exactly that pledge, at the resolution step", () => {
    const r = new Recorder(quietDeck(4))
      .as("seoul", { type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "pledge", nation: "seoul", policy: "deepen-us-alliance" }], note: "" })
      .as("tokyo", { type: "acceptProposal", proposalId: "ST1" })
      .timeout()
      .policies({ seoul: "make-the-case-at-home", washington: "extended-deterrence" });
    const found = points(r);
    expect(found.map((p) => [p.kind, p.title])).toEqual([["pledge-broken", "Seoul broke its pledge (ST1)"]]);
    expect(found[0]!.step).toBe(r.record.commands.length);
    expect(found[0]!.card?.cardId).toBe("quiet-1");
  });

  test("a suspension: the institution the card created, then suspended by agreement", () => {
    const deck = [cardWithEffects("gsomia-signed", [{ kind: "institution", op: "create", institution: "gsomia" }]), ...quietDeck(3)];
    const r = new Recorder(deck)
      .as("seoul", { type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "institution", op: "suspend", institution: "gsomia" }], note: "" })
      .as("tokyo", { type: "acceptProposal", proposalId: "ST1" })
      .timeout()
      .policies({});
    const found = points(r);
    expect(found.map((p) => [p.kind, p.step])).toEqual([
      ["institution-created", 0],
      ["institution-suspended", r.record.commands.length],
    ]);
    expect(found[1]!.title).toBe("GSOMIA suspended");
    expect(found[1]!.cause).toMatch(/^Agreement ST1/);
  });

  test("a quiet game has no turning points; a large swing is one, and names its card", () => {
    expect(points(new Recorder(quietDeck(4)).timeout().policies({}))).toEqual([]);
    const deck = [testCard("quiet-0", { date: "2001" }), cardWithEffects("big-shock", [{ kind: "trust", pair: "seoul-washington", delta: -15 }]), ...quietDeck(2)];
    const r = new Recorder(deck).timeout().policies({ washington: "extended-deterrence" }).as("seoul", { type: "ready" }).as("tokyo", { type: "ready" }).as("washington", { type: "ready" });
    const found = points(r);
    expect(found.map((p) => [p.kind, p.title, p.card?.cardId])).toEqual([["swing", "Seoul–Washington trust 67 → 52", "big-shock"]]);
    expect(found[0]!.step).toBe(r.record.commands.length);
  });
});
