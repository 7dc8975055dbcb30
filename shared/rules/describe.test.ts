import { expect, test } from "vitest";
import { describeChange } from "./describe.ts";
import { CardIdSchema } from "./ids.ts";

test("a meter change reads as a sentence with its amount and cause", () => {
  expect(
    describeChange({
      meter: { meter: "trust", pair: "seoul-tokyo" },
      from: 50,
      to: 42,
      cause: { kind: "card", cardId: CardIdSchema.parse("radar-lock-on"), label: "Radar lock-on dispute" },
      absorbed: 2,
      firewalled: false,
    }),
  ).toBe("Seoul–Tokyo trust 42, down 8: Radar lock-on dispute (2 absorbed by institutions)");
  expect(
    describeChange({ meter: { meter: "threat" }, from: 3, to: 5, cause: { kind: "crisis", label: "Missile launches" }, absorbed: 0, firewalled: false }),
  ).toBe("Threat 5, up 2: Missile launches");
});
