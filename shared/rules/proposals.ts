import { z } from "zod";
import { InstitutionIdSchema, NationSchema, type Effect } from "./effects.ts";
import { NATIONS, type Nation } from "./vocabulary.ts";
import { PolicyIdSchema, ProposalIdSchema, type ProposalId } from "./ids.ts";

/** What a proposal can promise. A proposal binds only when every named party accepts before negotiation ends. */

export const JOINT_STATEMENTS = {
  "two-track": {
    name: "Two-track statement",
    description: "Quarantine history from security and trade cooperation: rebuilds the firewall.",
    requiredParties: ["seoul", "tokyo"] as Nation[],
    effects: [
      { kind: "firewall", state: "intact" },
      { kind: "trust", pair: "seoul-tokyo", delta: 3 },
      { kind: "support", nation: "seoul", delta: -2 },
      { kind: "support", nation: "tokyo", delta: -1 },
    ] as Effect[],
  },
  "history-reconciliation": {
    name: "Joint statement on history",
    description: "A shared text on the past: eases history tension, costs both leaders at home.",
    requiredParties: ["seoul", "tokyo"] as Nation[],
    effects: [
      { kind: "historyTension", delta: -1 },
      { kind: "trust", pair: "seoul-tokyo", delta: 4 },
      { kind: "support", nation: "seoul", delta: -2 },
      { kind: "support", nation: "tokyo", delta: -2 },
    ] as Effect[],
  },
  "united-front": {
    name: "United front on North Korea",
    description: "Condemn the latest launches together: trust among the signatories rises.",
    requiredParties: [] as Nation[],
    effects: [] as Effect[],
  },
} as const;
export type JointStatementTopic = keyof typeof JOINT_STATEMENTS;
export const JOINT_STATEMENT_TOPICS = Object.keys(JOINT_STATEMENTS) as JointStatementTopic[];

export const ProposalTermSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("institution"),
    op: z.enum(["create", "suspend", "restore"]),
    institution: InstitutionIdSchema,
  }),
  /** `nation` promises to commit `policy` this round; checked at resolution. */
  z.strictObject({ kind: z.literal("pledge"), nation: NationSchema, policy: PolicyIdSchema }),
  z.strictObject({
    kind: z.literal("jointStatement"),
    topic: z.enum(JOINT_STATEMENT_TOPICS as [JointStatementTopic, ...JointStatementTopic[]]),
  }),
]);
export type ProposalTerm = z.infer<typeof ProposalTermSchema>;

export type ProposalStatus = "open" | "agreed" | "rejected" | "withdrawn" | "lapsed" | "enacted";

export interface Proposal {
  id: ProposalId;
  round: number;
  by: Nation;
  parties: Nation[];
  terms: ProposalTerm[];
  note: string;
  status: ProposalStatus;
  accepted: Nation[];
  rejectedBy: Nation | null;
}

/** Proposals are private to their parties until they are enacted. */
export function proposalVisibleTo(proposal: Proposal, nation: Nation): boolean {
  return proposal.status === "enacted" || proposal.parties.includes(nation);
}

const INITIALS: Record<Nation, string> = { seoul: "S", tokyo: "T", washington: "W" };

/**
 * A new proposal's id: its parties' initials (in seat order) and its number among the
 * proposals of exactly those parties, e.g. "ST1", "ST2", "SW1", "STW1". Every party sees every
 * proposal of its own party sets, so an id tells nobody how many proposals they cannot see.
 */
export function proposalIdFor(parties: readonly Nation[], existing: readonly { parties: readonly Nation[] }[]): ProposalId {
  const key = NATIONS.filter((n) => parties.includes(n));
  const same = existing.filter((p) => p.parties.length === key.length && key.every((n) => p.parties.includes(n))).length;
  return ProposalIdSchema.parse(`${key.map((n) => INITIALS[n]).join("")}${same + 1}`);
}
