import { INSTITUTIONS, type InstitutionId } from "../../rules/institutions.ts";
import type { PolicyId } from "../../rules/policies.ts";
import type { JointStatementTopic, ProposalTerm } from "../../rules/proposals.ts";
import type { Nation } from "../../rules/vocabulary.ts";

/** Small predicates the stances' red lines are written with. */

export const has = {
  institution(terms: readonly ProposalTerm[], ids: readonly InstitutionId[], ops: readonly ("create" | "restore" | "suspend")[]): InstitutionId | null {
    for (const t of terms) if (t.kind === "institution" && ids.includes(t.institution) && ops.includes(t.op)) return t.institution;
    return null;
  },
  pledge(terms: readonly ProposalTerm[], nation: Nation, policies: readonly PolicyId[]): PolicyId | null {
    for (const t of terms) if (t.kind === "pledge" && t.nation === nation && (policies as readonly string[]).includes(t.policy)) return t.policy;
    return null;
  },
  statement(terms: readonly ProposalTerm[], topics: readonly JointStatementTopic[]): JointStatementTopic | null {
    for (const t of terms) if (t.kind === "jointStatement" && topics.includes(t.topic)) return t.topic;
    return null;
  },
};

export const SECURITY_INSTITUTIONS = (Object.keys(INSTITUTIONS) as InstitutionId[]).filter((id) => INSTITUTIONS[id].security);
export const TRILATERAL_INSTITUTIONS = (Object.keys(INSTITUTIONS) as InstitutionId[]).filter((id) => INSTITUTIONS[id].members.length === 3);

export const institutionName = (id: InstitutionId) => INSTITUTIONS[id].name;
