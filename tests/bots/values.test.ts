import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deterrenceTotal, sharedInForce, type Snap } from "../../shared/bots/values.ts";
import { deterrenceOf, institutionsInForceBetween } from "../../shared/rules/deterrence.ts";
import { INSTITUTION_IDS, type InstitutionId } from "../../shared/rules/institutions.ts";
import { membersOfPair, PAIRS } from "../../shared/rules/vocabulary.ts";

/** The bots' fast paths must agree with the rules they stand in for. */

const snapArb: fc.Arbitrary<Snap> = fc.record({
  trust: fc.record({ "seoul-tokyo": fc.integer({ min: 0, max: 100 }), "seoul-washington": fc.integer({ min: 0, max: 100 }), "tokyo-washington": fc.integer({ min: 0, max: 100 }) }),
  support: fc.record({ seoul: fc.integer({ min: 0, max: 100 }), tokyo: fc.integer({ min: 0, max: 100 }), washington: fc.integer({ min: 0, max: 100 }) }),
  threat: fc.integer({ min: 0, max: 10 }),
  historyTension: fc.integer({ min: 0, max: 10 }),
  japanDefense: fc.integer({ min: 0, max: 10 }),
  burdenShared: fc.integer({ min: 0, max: 10 }),
  firewall: fc.constantFrom("intact" as const, "breached" as const),
  exportControls: fc.boolean(),
  counterstrike: fc.boolean(),
  institutions: fc.dictionary(fc.constantFrom(...INSTITUTION_IDS), fc.record({ status: fc.constantFrom("in-force" as const, "suspended" as const) })) as fc.Arbitrary<
    Partial<Record<InstitutionId, { status: "in-force" | "suspended" }>>
  >,
  current: fc.record({ deterrenceBonus: fc.integer({ min: 0, max: 5 }) }),
  stances: fc.constant({ seoul: "conservative" as const, tokyo: "mainstream" as const, washington: "alliance-builder" as const }),
  apologies: fc.integer({ min: 0, max: 8 }),
  fallen: fc.constant(0),
});

describe("the bots' fast paths agree with the rules", () => {
  test("deterrenceTotal equals deterrenceOf(...).total", () => {
    fc.assert(fc.property(snapArb, (s) => {
        expect(deterrenceTotal(s)).toBe(deterrenceOf(s).total);
      }), { numRuns: 500 });
  });

  test("sharedInForce counts what institutionsInForceBetween lists", () => {
    fc.assert(
      fc.property(snapArb, (s) => {
        for (const pair of PAIRS) expect(sharedInForce(s, pair)).toBe(institutionsInForceBetween(s.institutions, membersOfPair(pair)).length);
      }),
      { numRuns: 300 },
    );
  });
});
