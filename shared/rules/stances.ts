import type { PolicyId } from "./policies.ts";
import type { Nation, StanceId } from "./vocabulary.ts";

/**
 * What a government's stance changes in the rules (for humans and bots alike): how its
 * public greets each policy. Bots add their own preferences on top (shared/bots).
 */
export interface StanceRules {
  nation: Nation;
  summary: string;
  /** Added to the policy's effect on this government's own domestic support. */
  supportShift: Partial<Record<PolicyId, number>>;
}

export const STANCE_RULES: Record<StanceId, StanceRules> = {
  conservative: {
    nation: "seoul",
    summary: "Liberal order and the alliance first; cooperation with Tokyo costs less at home.",
    supportShift: { "make-the-case-at-home": 2, "deepen-us-alliance": 2, "visit-dokdo": -2, "engage-beijing": -2 },
  },
  progressive: {
    nation: "seoul",
    summary: "Peninsula first, wary of Tokyo; history carries more weight with its voters.",
    supportShift: { "make-the-case-at-home": -2, "enforce-court-ruling": 2, "visit-dokdo": 1, "engage-beijing": 2 },
  },
  mainstream: {
    nation: "tokyo",
    summary: "Steady alliance management; cautious on history gestures.",
    supportShift: { "apology-statement": 3, "shrine-visit": -2, "make-the-case-at-home": 3, "defense-buildup": 1 },
  },
  hawkish: {
    nation: "tokyo",
    summary: "Defense build-up and counterstrike; history concessions are costly.",
    supportShift: { "defense-buildup": 2, "acquire-counterstrike": 2, "apology-statement": -3, "shrine-visit": 2 },
  },
  "alliance-builder": {
    nation: "washington",
    summary: "Convene, reassure, push trilateralism.",
    supportShift: { "convene-trilateral": 3, "shift-burden": -2 },
  },
  "burden-shifter": {
    nation: "washington",
    summary: "Press allies to pay; transactional.",
    supportShift: { "shift-burden": 2, "reassure-seoul": -1, "reassure-tokyo": -1 },
  },
};
