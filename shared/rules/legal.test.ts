import { expect, test } from "vitest";
import { table } from "../../tests/support/scenario.ts";
import { legalCommands, proposalTermOptions } from "./legal.ts";
import { viewFor } from "./view.ts";

test("legal commands are the same whether computed from the state or from the seat's view", () => {
  const t = table().start();
  t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "gsomia" }]);
  for (const nation of ["seoul", "tokyo", "washington"] as const) {
    expect(legalCommands(t.state, nation)).toEqual(legalCommands(viewFor(t.state, { kind: "seat", nation }), nation));
  }
});

test("in the policy phase a seat may commit any available policy of its own menu, and nothing else", () => {
  const t = table().start();
  t.endNegotiation();
  const tokyo = legalCommands(t.state, "tokyo");
  expect(tokyo.every((c) => c.type === "commitPolicy")).toBe(true);
  expect(tokyo.map((c) => (c.type === "commitPolicy" ? c.policy : ""))).not.toContain("lift-export-controls");
  expect(tokyo.map((c) => (c.type === "commitPolicy" ? c.policy : ""))).toContain("impose-export-controls");
});

test("a seat may answer proposals it is party to and withdraw only its own", () => {
  const t = table().start();
  t.as("seoul").propose(["seoul", "tokyo"], [{ kind: "institution", op: "create", institution: "gsomia" }]);
  expect(legalCommands(t.state, "tokyo")).toContainEqual({ type: "acceptProposal", proposalId: "ST1" });
  expect(legalCommands(t.state, "tokyo")).not.toContainEqual({ type: "withdrawProposal", proposalId: "ST1" });
  expect(legalCommands(t.state, "seoul")).toContainEqual({ type: "withdrawProposal", proposalId: "ST1" });
  expect(legalCommands(t.state, "washington").some((c) => "proposalId" in c)).toBe(false);
});

test("proposal terms on offer fit the table: restoring needs a suspended institution, a pledge a real policy", () => {
  const t = table().withInstitution("gsomia", "suspended").start();
  const terms = proposalTermOptions(viewFor(t.state, { kind: "seat", nation: "seoul" }), "seoul").map((o) => o.term);
  expect(terms).toContainEqual({ kind: "institution", op: "restore", institution: "gsomia" });
  expect(terms).not.toContainEqual({ kind: "institution", op: "create", institution: "gsomia" });
  expect(terms).toContainEqual({ kind: "pledge", nation: "tokyo", policy: "apology-statement" });
  expect(terms).not.toContainEqual({ kind: "pledge", nation: "tokyo", policy: "lift-export-controls" });
});
