import type { StanceProfile } from "../profile.ts";
import { has, institutionName, TRILATERAL_INSTITUTIONS } from "./common.ts";

/** Washington, alliance-builder: convene, reassure, push trilateralism — but do not mediate history. */
export const allianceBuilder: StanceProfile = {
  id: "alliance-builder",
  nation: "washington",
  description:
    "An alliance-building administration in Washington. It restores leadership through its alliance network: it convenes the three capitals, reassures each ally, and turns meetings into habits — ministerials, missile-warning data sharing, exercises. It presses an ally only when the trilateral itself is at stake, and it will not step into the history dispute as a mediator: that, it says, Seoul and Tokyo must settle between themselves.",
  citations: [
    { seed: "chun-2022", refs: ["biden-alliance-network", "us-indo-pacific-strategy-2022", "hawaii-ministerial-2022", "us-will-not-mediate", "go-gradual"], use: "An alliance network built on shared values, regular trilateral ministerials, and a refusal to mediate history." },
    { seed: "nishino-2017", refs: ["washington-driven"], use: "Washington as the engine of Japan–Korea security cooperation." },
    { seed: "lee-2022", refs: ["phnom-penh-statement-2022", "east-sea-exercises-2022", "us-endorses-strategy"], use: "Extended deterrence, real-time missile data and trilateral exercises as the agenda." },
    { seed: "cho-2022", refs: ["nato-summit-2022", "singapore-defense-ministers-2022"], use: "Trilateral summits and defense ministers' meetings as the way to raise cooperation." },
  ],
  trustworthiness: 0.95,
  crisisAversion: 1.1,
  acceptThreshold: 0.3,
  proposeThreshold: 1,
  policies: {
    "convene-trilateral": 2,
    "reassure-seoul": 0.5,
    "reassure-tokyo": 0.5,
    "extended-deterrence": 0.5,
    "shift-burden": -2,
    "press-seoul": -0.5,
    "press-tokyo": -0.5,
  },
  institutions: {
    "trilateral-ministerial": 2.5,
    "missile-warning-sharing": 2.5,
    "trilateral-exercises": 2,
    "counterstrike-protocol": 1,
    "hadr-pko": 1.5,
    gsomia: 2,
    "seoul-tokyo-2plus2": 1,
    "shuttle-summits": 1,
    acsa: 0.5,
    "cjk-secretariat": -0.5,
  },
  statements: { "united-front": 2, "two-track": 1.5 },
  meters: { trust: { "seoul-tokyo": 0.05 }, alliesSupport: 0.05, firewall: 1.5 },
  asks: [
    { nation: "seoul", policy: "make-the-case-at-home" },
    { nation: "seoul", policy: "deepen-us-alliance" },
    { nation: "tokyo", policy: "make-the-case-at-home" },
    { nation: "tokyo", policy: "lift-export-controls" },
    { nation: "tokyo", policy: "defense-buildup" },
  ],
  redLines: [
    {
      id: "no-mediation",
      description: "Will not sign a joint statement on history as a party: the two allies must settle the past themselves.",
      check: (terms, parties) =>
        parties.includes("washington") && has.statement(terms, ["history-reconciliation"])
          ? "We will applaud a statement on history, but it has to be yours, between Seoul and Tokyo. Washington will not mediate the past."
          : null,
    },
    {
      id: "no-trilateral-retreat",
      description: "Will not agree to suspend a trilateral institution.",
      check: (terms) => {
        const id = has.institution(terms, TRILATERAL_INSTITUTIONS, ["suspend"]);
        return id ? `Suspending ${institutionName(id)} sends exactly the wrong signal to Pyongyang and Beijing.` : null;
      },
    },
  ],
  adjustPolicy: (policy, sit) => {
    if (policy === "extended-deterrence" && sit.gap >= 0) return 2 + sit.gap;
    if (policy === "convene-trilateral" && sit.view.trust["seoul-tokyo"] < 40) return 1;
    if (policy === "reassure-seoul" && sit.view.trust["seoul-washington"] < 50) return 1;
    if (policy === "reassure-tokyo" && sit.view.trust["tokyo-washington"] < 50) return 1;
    return 0;
  },
  chat: {
    open: {
      crisis: [
        "Threat {threat} against deterrence {deterrence}. Washington stands with both allies — and we need both of you standing with each other.",
        "After {card}, the United States will put assets in the region. Our allies' cooperation does the rest.",
      ],
      history: [
        "History tension is {ht}. We understand the feelings on both sides; the answer is for Seoul and Tokyo to talk directly.",
        "After {card}, the trilateral is hurting. Washington will not take sides on history, but we will keep convening.",
      ],
      exportControls: ["The export controls are hurting our two closest allies in Asia. We hope Tokyo and Seoul can find a way back."],
      gsomiaSuspended: ["GSOMIA is suspended, and all three of us are less secure for it. Washington would welcome its return."],
      calm: [
        "Trust between Seoul and Tokyo is {st}. Washington would like to turn good meetings into standing habits.",
        "A ministerial, missile-warning data, exercises — let us build the trilateral so it outlasts all of us.",
      ],
    },
    accept: ["Washington is in. {reason}", "Agreed. {reason}"],
    reject: ["Washington cannot support this. {reason}", "We will pass on this one. {reason}"],
    pitch: ["Washington proposes: {terms}. This is what a trilateral looks like in practice.", "{terms} — let us make cooperation a habit."],
    summary: {
      crisis: ["A crisis marker: {crises} of 3. Washington will reinforce deterrence; we need our allies to close ranks."],
      betrayed: ["{nation} pledged to {policy} and did not follow through. That makes the next deal harder for everyone."],
      kept: ["{nation} kept its promise to {policy}. That is what allies do."],
      newGovernment: ["A new government in {nation}. Washington looks forward to working with it, and hopes the trilateral carries on."],
    },
  },
};
