import { describe, expect, it } from "vitest";
import { ProposalIdSchema } from "../../../shared/rules/ids.ts";
import { bannerLines, commandLabel, dismissRefused, enqueue, settle, waitingList } from "./outbox.ts";
import { initialState, Store, type AppState } from "./store.ts";

const store = () => new Store<AppState>(initialState);

describe("the outbox of actions taken offline", () => {
  it("keeps actions in order with their ids, merges a repeated click but not a repeated message", () => {
    const s = store();
    enqueue(s, { actionId: "a1", command: { type: "say", channel: "table", text: "hi" }, label: "m" });
    enqueue(s, { actionId: "a2", command: { type: "say", channel: "table", text: "hi" }, label: "m" });
    enqueue(s, { actionId: "a3", command: { type: "acceptProposal", proposalId: ProposalIdSchema.parse("p1") }, label: "accepting P1" });
    enqueue(s, { actionId: "a4", command: { type: "acceptProposal", proposalId: ProposalIdSchema.parse("p1") }, label: "accepting P1" });
    expect(s.get().outbox.map((a) => a.actionId)).toEqual(["a1", "a2", "a3"]);
  });

  it("an accepted action leaves the queue; a refused one is listed with the server's reason", () => {
    const s = store();
    enqueue(s, { actionId: "a1", command: { type: "say", channel: "table", text: "hi" }, label: "your message" });
    enqueue(s, { actionId: "a2", command: { type: "acceptProposal", proposalId: ProposalIdSchema.parse("p2") }, label: commandLabel({ type: "acceptProposal", proposalId: ProposalIdSchema.parse("p2") }) });
    settle(s, "a1", { ok: true });
    settle(s, "a2", { ok: false, code: "PROPOSAL_CLOSED", message: "P2 was withdrawn." });
    expect(s.get().outbox).toEqual([]);
    expect(s.get().refused).toEqual([{ actionId: "a2", label: "accepting P2", reason: "P2 was withdrawn." }]);
    dismissRefused(s);
    expect(s.get().refused).toEqual([]);
  });

  it("the banner counts what waits and promises only what the client does", () => {
    const outbox = [
      { actionId: "a1", command: { type: "say", channel: "table", text: "hi" } as const, label: "your message “hi”" },
      { actionId: "a2", command: { type: "ready" } as const, label: "“ready”" },
    ];
    expect(bannerLines({ status: "reconnecting", statusDetail: "", outbox })?.detail).toContain("sent once you are back");
    expect(waitingList(outbox)).toBe("2 actions waiting: your message “hi”, “ready”");
    expect(waitingList(outbox.slice(1))).toBe("1 action waiting: “ready”");
    expect(bannerLines({ status: "online", statusDetail: "", outbox: [] })).toBeNull();
    expect(bannerLines({ status: "online", statusDetail: "", outbox: outbox.slice(0, 1) })?.title).toBe("Back at the table.");
  });
});
