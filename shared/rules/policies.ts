import type { Effect } from "./effects.ts";
import { TUNING } from "./tuning.ts";
import type { Nation } from "./vocabulary.ts";

/** Each nation's policy menu. A seat that commits nothing in time holds steady. */
export const POLICY_IDS = {
  seoul: [
    "hold-steady",
    "visit-dokdo",
    "make-the-case-at-home",
    "deepen-us-alliance",
    "engage-beijing",
    "enforce-court-ruling",
  ],
  tokyo: [
    "hold-steady",
    "shrine-visit",
    "defense-buildup",
    "acquire-counterstrike",
    "impose-export-controls",
    "lift-export-controls",
    "make-the-case-at-home",
    "apology-statement",
  ],
  washington: [
    "hold-steady",
    "convene-trilateral",
    "press-seoul",
    "press-tokyo",
    "reassure-seoul",
    "reassure-tokyo",
    "shift-burden",
    "extended-deterrence",
  ],
} as const satisfies Record<Nation, readonly string[]>;

export type PolicyOf<N extends Nation> = (typeof POLICY_IDS)[N][number];
export type PolicyId = PolicyOf<Nation>;

export interface PolicyDefinition {
  name: string;
  /** What the player reads before choosing: what it does and what it costs. */
  description: string;
  effects: readonly Effect[];
  /** The policy can only be chosen when this holds (e.g. lifting controls that are in place). */
  requires?: "exportControlsActive" | "exportControlsInactive" | "counterstrikeReady";
}

const holdSteady: PolicyDefinition = {
  name: "Hold steady",
  description: "Change nothing this round. Costs nothing, gains nothing.",
  effects: [],
};

export const POLICIES: { [N in Nation]: Record<PolicyOf<N>, PolicyDefinition> } = {
  seoul: {
    "hold-steady": holdSteady,
    "visit-dokdo": {
      name: "Visit Dokdo",
      description: "A leader's visit to the disputed islets: popular at home, a history shock in Tokyo.",
      effects: [
        { kind: "support", nation: "seoul", delta: 7 },
        { kind: "trust", pair: "seoul-tokyo", delta: -12, domain: "history" },
        { kind: "historyTension", delta: 2 },
        { kind: "trust", pair: "seoul-washington", delta: -2 },
      ],
    },
    "make-the-case-at-home": {
      name: "Make the case for cooperation at home",
      description: "Spend political capital explaining why Tokyo matters to Korea's security.",
      effects: [
        { kind: "support", nation: "seoul", delta: -5 },
        { kind: "trust", pair: "seoul-tokyo", delta: 6 },
        { kind: "historyTension", delta: -1 },
      ],
    },
    "deepen-us-alliance": {
      name: "Deepen the US alliance",
      description: "Widen the alliance beyond the peninsula: Washington is pleased, Beijing is not.",
      effects: [
        { kind: "trust", pair: "seoul-washington", delta: 6 },
        { kind: "threat", delta: 1 },
        { kind: "burdenShared", delta: 1 },
        { kind: "support", nation: "seoul", delta: -1 },
      ],
    },
    "engage-beijing": {
      name: "Engage Beijing",
      description:
        "Talk to China and keep channels open: popular at home. Alone, Washington reads it as hedging; with a China–Japan–Korea secretariat in force it is a joint approach that eases the threat and brings Tokyo closer.",
      effects: [
        { kind: "support", nation: "seoul", delta: 1 },
        { kind: "trust", pair: "seoul-washington", delta: -5, if: { kind: "institutionNotInForce", institution: "cjk-secretariat" } },
        { kind: "threat", delta: -1, if: { kind: "institutionInForce", institution: "cjk-secretariat" } },
        { kind: "trust", pair: "seoul-tokyo", delta: 2, if: { kind: "institutionInForce", institution: "cjk-secretariat" } },
        { kind: "trust", pair: "seoul-washington", delta: -1, if: { kind: "institutionInForce", institution: "cjk-secretariat" } },
      ],
    },
    "enforce-court-ruling": {
      name: "Enforce the forced-labor ruling",
      description: "Let courts seize Japanese company assets: justice at home, retaliation risk abroad.",
      effects: [
        { kind: "support", nation: "seoul", delta: 5 },
        { kind: "trust", pair: "seoul-tokyo", delta: -10, domain: "history" },
        { kind: "historyTension", delta: 1 },
      ],
    },
  },
  tokyo: {
    "hold-steady": holdSteady,
    "shrine-visit": {
      name: "Visit Yasukuni Shrine",
      description: "A prime minister's shrine visit: welcomed by the right at home, a history shock in Seoul.",
      effects: [
        { kind: "support", nation: "tokyo", delta: 6 },
        { kind: "trust", pair: "seoul-tokyo", delta: -12, domain: "history" },
        { kind: "historyTension", delta: 2 },
        { kind: "trust", pair: "tokyo-washington", delta: -3 },
      ],
    },
    "defense-buildup": {
      name: "Defense build-up",
      description:
        "Raise defense spending toward two percent of GDP: it deters, and Washington welcomes it. Seoul reads it as a partner's contribution when a Seoul–Tokyo 2+2 gives it a say, and as a worry when it does not.",
      effects: [
        { kind: "japanDefense", delta: 1 },
        { kind: "burdenShared", delta: 1 },
        { kind: "support", nation: "tokyo", delta: -4 },
        { kind: "trust", pair: "seoul-tokyo", delta: -3, if: { kind: "institutionNotInForce", institution: "seoul-tokyo-2plus2" } },
        { kind: "trust", pair: "seoul-tokyo", delta: 1, if: { kind: "institutionInForce", institution: "seoul-tokyo-2plus2" } },
        { kind: "trust", pair: "tokyo-washington", delta: 1 },
      ],
    },
    "acquire-counterstrike": {
      name: "Acquire counterstrike capability",
      description:
        "Field the ability to strike missile bases: stronger deterrence. Without a coordination protocol Seoul fears entrapment and Pyongyang answers; with one, all three capitals hold the decision.",
      requires: "counterstrikeReady",
      effects: [
        { kind: "counterstrike" },
        { kind: "japanDefense", delta: 2 },
        { kind: "trust", pair: "tokyo-washington", delta: 2 },
        { kind: "trust", pair: "seoul-tokyo", delta: -8, if: { kind: "institutionNotInForce", institution: "counterstrike-protocol" } },
        { kind: "support", nation: "seoul", delta: -3, if: { kind: "institutionNotInForce", institution: "counterstrike-protocol" } },
        { kind: "threat", delta: 1, if: { kind: "institutionNotInForce", institution: "counterstrike-protocol" } },
        { kind: "trust", pair: "seoul-tokyo", delta: 2, if: { kind: "institutionInForce", institution: "counterstrike-protocol" } },
      ],
    },
    "impose-export-controls": {
      name: "Impose export controls",
      description:
        "Tie trade to the history dispute: it breaches the firewall between history and security, and Seoul answers by suspending GSOMIA (as in 2019).",
      requires: "exportControlsInactive",
      effects: [
        { kind: "exportControls", active: true },
        { kind: "firewall", state: "breached" },
        { kind: "institution", op: "suspend", institution: "gsomia", if: { kind: "institutionInForce", institution: "gsomia" } },
        { kind: "support", nation: "tokyo", delta: 4 },
        { kind: "trust", pair: "seoul-tokyo", delta: -10, domain: "history" },
        { kind: "support", nation: "seoul", delta: -3 },
        { kind: "trust", pair: "tokyo-washington", delta: -3 },
      ],
    },
    "lift-export-controls": {
      name: "Lift export controls",
      description: "Restore Seoul to the trusted-trade list.",
      requires: "exportControlsActive",
      effects: [
        { kind: "exportControls", active: false },
        { kind: "trust", pair: "seoul-tokyo", delta: 6 },
        { kind: "support", nation: "tokyo", delta: -2 },
      ],
    },
    "make-the-case-at-home": {
      name: "Make the case for cooperation at home",
      description: "Spend political capital explaining why Seoul matters to Japan's security.",
      effects: [
        { kind: "support", nation: "tokyo", delta: -5 },
        { kind: "trust", pair: "seoul-tokyo", delta: 6 },
        { kind: "historyTension", delta: -1 },
      ],
    },
    "apology-statement": {
      name: "Issue an apology statement",
      description: "Reaffirm past apologies in plain words: eases history, angers the right.",
      effects: [
        { kind: "historyTension", delta: -2 },
        { kind: "trust", pair: "seoul-tokyo", delta: 5 },
        { kind: "support", nation: "tokyo", delta: -6 },
        { kind: "support", nation: "seoul", delta: 2 },
      ],
    },
  },
  washington: {
    "hold-steady": holdSteady,
    "convene-trilateral": {
      name: "Convene a trilateral meeting",
      description:
        "Bring both allies to one table; it helps most when they already talk (a standing trilateral ministerial, Seoul–Tokyo trust at 45 or more).",
      effects: [
        { kind: "trust", pair: "seoul-tokyo", delta: 2, if: { kind: "meterAtLeast", meter: { meter: "trust", pair: "seoul-tokyo" }, value: 45 } },
        { kind: "trust", pair: "seoul-tokyo", delta: 3, if: { kind: "institutionInForce", institution: "trilateral-ministerial" } },
        { kind: "trust", pair: "seoul-tokyo", delta: 1 },
        { kind: "trust", pair: "seoul-washington", delta: 1 },
        { kind: "trust", pair: "tokyo-washington", delta: 1 },
        { kind: "support", nation: "washington", delta: 1 },
      ],
    },
    "press-seoul": {
      name: "Press Seoul",
      description: "Lean on Seoul to compromise with Tokyo: effective, resented.",
      effects: [
        { kind: "trust", pair: "seoul-tokyo", delta: 4 },
        { kind: "trust", pair: "seoul-washington", delta: -5 },
        { kind: "support", nation: "seoul", delta: -3 },
      ],
    },
    "press-tokyo": {
      name: "Press Tokyo",
      description: "Lean on Tokyo to compromise with Seoul: effective, resented.",
      effects: [
        { kind: "trust", pair: "seoul-tokyo", delta: 4 },
        { kind: "trust", pair: "tokyo-washington", delta: -5 },
        { kind: "support", nation: "tokyo", delta: -3 },
      ],
    },
    "reassure-seoul": {
      name: "Reassure Seoul",
      description: "A visit and warm words for Seoul.",
      effects: [
        { kind: "trust", pair: "seoul-washington", delta: 5 },
        { kind: "support", nation: "seoul", delta: 2 },
      ],
    },
    "reassure-tokyo": {
      name: "Reassure Tokyo",
      description: "A visit and warm words for Tokyo.",
      effects: [
        { kind: "trust", pair: "tokyo-washington", delta: 5 },
        { kind: "support", nation: "tokyo", delta: 2 },
      ],
    },
    "shift-burden": {
      name: "Shift the burden",
      description: "Demand that allies pay more for their own defense: popular at home, bruising abroad.",
      effects: [
        { kind: "burdenShared", delta: 1 },
        { kind: "support", nation: "washington", delta: 2 },
        { kind: "trust", pair: "seoul-washington", delta: -5 },
        { kind: "trust", pair: "tokyo-washington", delta: -4 },
      ],
    },
    "extended-deterrence": {
      name: "Offer extended deterrence",
      description: "Send strategic assets and reaffirm the nuclear umbrella: deterrence up for this round.",
      effects: [
        { kind: "deterrenceBonus", delta: TUNING.deterrence.extendedDeterrenceBonus },
        { kind: "trust", pair: "seoul-washington", delta: 2 },
        { kind: "trust", pair: "tokyo-washington", delta: 2 },
        { kind: "support", nation: "washington", delta: -1 },
      ],
    },
  },
};

export function policyDefinition(nation: Nation, policy: PolicyId): PolicyDefinition | undefined {
  return (POLICIES[nation] as Record<string, PolicyDefinition>)[policy];
}

export function policiesOf(nation: Nation): readonly PolicyId[] {
  return POLICY_IDS[nation];
}
