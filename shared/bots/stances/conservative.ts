import type { StanceProfile } from "../profile.ts";
import { has, institutionName, SECURITY_INSTITUTIONS } from "./common.ts";

/** Seoul, conservative: alliance first, a free and open Indo-Pacific, history on its own track. */
export const conservative: StanceProfile = {
  id: "conservative",
  nation: "seoul",
  description:
    "An alliance-first government in Seoul. It reads Korea's security as part of a wider Indo-Pacific order built with Washington and, where it can be managed, with Tokyo. It will spend political capital at home to explain why Japan matters, wants history handled on a separate track from security, and prefers binding arrangements — including a coordination protocol that gives Seoul a say before Japan ever uses a counterstrike capability.",
  citations: [
    { seed: "satake-2024", refs: ["shared-vision", "indo-pacific-convergence", "bipartisan-support"], use: "A Seoul that shares the liberal-order vision with Tokyo and wants it to outlast an election." },
    { seed: "cho-2022", refs: ["us-rok-summit-2022", "yoon-policy-plan-2022"], use: "Widening the US alliance beyond the peninsula and pursuing trilateral cooperation step by step." },
    { seed: "lee-2022", refs: ["engage-to-restrain", "counterstrike-protocol", "seoul-must-contribute"], use: "Engage Japan to restrain it: institutions and a counterstrike protocol rather than distance." },
    { seed: "nishino-2017", refs: ["two-track-approach", "leaders-make-the-case"], use: "Quarantine history from security and argue for cooperation at home." },
  ],
  trustworthiness: 0.9,
  crisisAversion: 1.0,
  acceptThreshold: 0.5,
  proposeThreshold: 1.5,
  policies: {
    "deepen-us-alliance": 1.5,
    "make-the-case-at-home": 1,
    "engage-beijing": -1,
    "visit-dokdo": -3,
    "enforce-court-ruling": -2,
  },
  institutions: {
    gsomia: 2,
    "missile-warning-sharing": 2,
    "trilateral-exercises": 1.5,
    "counterstrike-protocol": 3,
    "trilateral-ministerial": 1.5,
    "seoul-tokyo-2plus2": 1.5,
    "shuttle-summits": 1,
    acsa: 0.5,
    "hadr-pko": 0.5,
    "comfort-women-settlement": 0.5,
  },
  statements: { "two-track": 2, "united-front": 1.5, "history-reconciliation": 1 },
  meters: { trust: { "seoul-washington": 0.05, "seoul-tokyo": 0.03 }, firewall: 2, exportControls: -2, counterstrike: -1 },
  asks: [
    { nation: "tokyo", policy: "lift-export-controls" },
    { nation: "tokyo", policy: "make-the-case-at-home" },
    { nation: "washington", policy: "extended-deterrence" },
    { nation: "washington", policy: "reassure-seoul" },
  ],
  redLines: [
    {
      id: "no-walking-away-from-security",
      description: "Never agrees to suspend a security institution: walking away from intelligence sharing or exercises weakens all three.",
      check: (terms, _parties, sit) => {
        const id = has.institution(terms, SECURITY_INSTITUTIONS, ["suspend"]);
        return id ? `Suspending ${institutionName(id)} with threat at ${sit.view.threat} would leave all three of us weaker. Seoul will not do it.` : null;
      },
    },
    {
      id: "no-counterstrike-without-protocol",
      description: "Will not bless a Japanese counterstrike capability unless a coordination protocol is in force or on the same table.",
      check: (terms, _parties, sit) => {
        if (!has.pledge(terms, "tokyo", ["acquire-counterstrike"])) return null;
        if (sit.view.institutions["counterstrike-protocol"]?.status === "in-force") return null;
        if (has.institution(terms, ["counterstrike-protocol"], ["create", "restore"])) return null;
        return "A counterstrike capability needs a coordination protocol first, so that Seoul is consulted before anything is launched.";
      },
    },
  ],
  adjustPolicy: (policy, sit) => {
    if (sit.gap >= 0 && policy === "make-the-case-at-home") return 0.5;
    if (sit.view.trust["seoul-washington"] < 55 && policy === "deepen-us-alliance") return 1;
    return 0;
  },
  chat: {
    open: {
      crisis: [
        "Threat is {threat} against deterrence {deterrence}. This is the moment to stand together: Seoul is ready to share more, not less.",
        "After {card}, the numbers are plain — threat {threat}, deterrence {deterrence}. Let us close that gap this round.",
      ],
      history: [
        "History tension is at {ht}. We will not pretend the past is settled, but we will not let it block our security either.",
        "News like {card} stirs old quarrels. Seoul wants history on its own track and cooperation on the other.",
      ],
      exportControls: [
        "The export controls are still in place. They hurt trust between Seoul and Tokyo ({st}) for no security gain.",
      ],
      gsomiaSuspended: ["GSOMIA is suspended. Seoul would like it back, with a sign of good faith from Tokyo on trade."],
      calm: [
        "Seoul sees a free and open Indo-Pacific as our common project. What can we build this round?",
        "With trust at {st} between Seoul and Tokyo and {sw} with Washington, there is room to institutionalize what works.",
      ],
    },
    accept: ["Seoul agrees. {reason}", "Agreed — {reason}"],
    reject: ["Seoul cannot accept this. {reason}", "Not in this form. {reason}"],
    pitch: ["Seoul proposes: {terms}. It makes all three of us safer.", "{terms} — a step toward a standing partnership."],
    summary: {
      crisis: ["A crisis marker: {crises} of 3. Seoul asks all of us to put deterrence first next round."],
      betrayed: ["{nation} promised to {policy} and did not. Seoul will remember it when the next deal is tabled."],
      kept: ["{nation} kept its promise to {policy}. That is how trust is built."],
      newGovernment: ["A new government in {nation}. Seoul hopes the institutions we built outlast the change."],
    },
  },
};
