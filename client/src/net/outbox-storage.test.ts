import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProposalIdSchema } from "../../../shared/rules/ids.ts";
import { loadOutbox, saveOutbox } from "./outbox-storage.ts";

/** A tab's sessionStorage, for Node. */
function fakeStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe("the outbox kept across a refresh", () => {
  const g = globalThis as unknown as { window?: { sessionStorage: Storage } };
  beforeEach(() => {
    g.window = { sessionStorage: fakeStorage() };
  });
  afterEach(() => {
    delete g.window;
  });

  it("comes back with the same action ids, per table", () => {
    const outbox = [
      { actionId: "a1", command: { type: "say", channel: "table", text: "hi" } as const, label: "your message “hi”" },
      { actionId: "a2", command: { type: "acceptProposal", proposalId: ProposalIdSchema.parse("p2") } as const, label: "accepting P2" },
    ];
    saveOutbox("KMBTR", outbox);
    expect(loadOutbox("KMBTR")).toEqual(outbox);
    expect(loadOutbox("QQQQQ")).toEqual([]);
    saveOutbox("KMBTR", []);
    expect(loadOutbox("KMBTR")).toEqual([]);
  });

  it("ignores what is not a list of valid commands", () => {
    g.window!.sessionStorage.setItem("trilateral:outbox:KMBTR", JSON.stringify([{ actionId: "a1", command: { type: "launchMissiles" }, label: "x" }]));
    expect(loadOutbox("KMBTR")).toEqual([]);
    g.window!.sessionStorage.setItem("trilateral:outbox:KMBTR", "{not json");
    expect(loadOutbox("KMBTR")).toEqual([]);
  });
});
