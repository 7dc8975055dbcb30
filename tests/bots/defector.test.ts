import { describe, expect, test } from "vitest";
import { defectorPolicy } from "../../bench/simulate/defector.ts";
import { botPolicy } from "../../shared/bots/registry.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { viewFor } from "../../shared/rules/view.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import { table } from "../support/scenario.ts";

const choose = (state: GameState, nation: Nation) =>
  defectorPolicy(botPolicy(nation === "seoul" ? "conservative" : nation === "tokyo" ? "mainstream" : "alliance-builder"))(viewFor(state, { kind: "seat", nation }), nation, 1).command;

describe("the defector policy of the balance test", () => {
  test("commits its nation's nationalist policy", () => {
    const t = table().start();
    t.endNegotiation();
    expect(choose(t.state, "seoul")).toEqual({ type: "commitPolicy", policy: "visit-dokdo" });
    expect(choose(t.state, "tokyo")).toEqual({ type: "commitPolicy", policy: "shrine-visit" });
    expect(choose(t.state, "washington")).toEqual({ type: "commitPolicy", policy: "shift-burden" });
  });

  test("never keeps a pledge, even one to do the nationalist thing", () => {
    const t = table().start();
    t.as("tokyo").propose(["seoul", "tokyo"], [{ kind: "pledge", nation: "seoul", policy: "visit-dokdo" }]);
    t.as("seoul").accept("ST1");
    t.endNegotiation();
    expect(choose(t.state, "seoul")).toEqual({ type: "commitPolicy", policy: "enforce-court-ruling" });
  });
});
