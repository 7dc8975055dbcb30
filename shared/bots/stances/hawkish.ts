import type { StanceProfile } from "../profile.ts";
import { has } from "./common.ts";

/** Tokyo, hawkish: deterrence first, counterstrike, no new apologies, trade as leverage. */
export const hawkish: StanceProfile = {
  id: "hawkish",
  nation: "tokyo",
  description:
    "A hawkish government in Tokyo. It reads North Korea's missiles and China's build-up as reasons to normalize Japan's defense: two percent of GDP, a counterstrike capability, tighter integration with the United States. It holds that Japan has apologized enough, answers Korean court rulings with economic leverage, and values Seoul as a security partner only when Seoul behaves like one.",
  citations: [
    { seed: "cho-2022", refs: ["two-percent-pledge", "counterattack-debate", "defense-of-japan-2018", "kishida-defense-pledge"], use: "The two-percent goal, the counterattack debate, and Tokyo downgrading Seoul in its defense papers." },
    { seed: "lee-2022", refs: ["expansion-will-continue", "new-security-strategy-2022"], use: "A Japanese build-up that domestic politics now favours and that Seoul fears." },
    { seed: "satake-2024", refs: ["ldp-conservative-drift"], use: "The conservative wing's rising weight in Japanese politics." },
    { seed: "chun-2022", refs: ["national-trauma", "whitelist-removal", "abe-assassination"], use: "The view that Japan has already apologized, trade retaliation, and a conservative turn at home." },
    { seed: "nishino-2017", refs: ["yasukuni-visit-2013"], use: "Shrine visits that please the base and wound Seoul." },
  ],
  trustworthiness: 0.8,
  crisisAversion: 0.7,
  acceptThreshold: 1,
  proposeThreshold: 1.5,
  policies: {
    "defense-buildup": 2,
    "acquire-counterstrike": 2.5,
    "shrine-visit": 0.5,
    "impose-export-controls": 0.5,
    "apology-statement": -3,
    "make-the-case-at-home": -1,
    "lift-export-controls": -1,
  },
  institutions: {
    gsomia: 2,
    "missile-warning-sharing": 2,
    "trilateral-exercises": 2.5,
    "counterstrike-protocol": -1.5,
    "comfort-women-settlement": 1,
    "seoul-tokyo-2plus2": -0.5,
    acsa: 0.5,
    "cjk-secretariat": -1,
    "trilateral-ministerial": 1,
  },
  statements: { "united-front": 2, "two-track": 1, "history-reconciliation": -2 },
  meters: { japanDefense: 0.6, counterstrike: 3, exportControls: 1 },
  asks: [
    { nation: "seoul", policy: "deepen-us-alliance" },
    { nation: "seoul", policy: "make-the-case-at-home" },
    { nation: "washington", policy: "reassure-tokyo" },
    { nation: "washington", policy: "extended-deterrence" },
  ],
  redLines: [
    {
      id: "no-new-apology",
      description: "Never pledges an apology statement: this government holds that Japan has apologized enough.",
      check: (terms) =>
        has.pledge(terms, "tokyo", ["apology-statement"])
          ? "Japan has apologized many times. This government will not issue another statement on demand."
          : null,
    },
    {
      id: "no-lift-without-a-fix",
      description: "Will not pledge to lift export controls unless Seoul pledges to make the case at home or signs a two-track statement in the same proposal.",
      check: (terms) => {
        if (!has.pledge(terms, "tokyo", ["lift-export-controls"])) return null;
        if (has.pledge(terms, "seoul", ["make-the-case-at-home"]) || has.statement(terms, ["two-track"])) return null;
        return "The controls stay until Seoul deals with the court ruling at home. Pledge to make that case and we will lift them.";
      },
    },
    {
      id: "no-suspending-security",
      description: "Will not agree to suspend GSOMIA, missile-warning sharing or exercises.",
      check: (terms) =>
        has.institution(terms, ["gsomia", "missile-warning-sharing", "trilateral-exercises"], ["suspend"])
          ? "Weaken our missile defense while Pyongyang fires record numbers of missiles? No."
          : null,
    },
  ],
  adjustPolicy: (policy, sit) => {
    const pressed = sit.gap >= 0 || sit.view.threat >= 6;
    if (pressed && (policy === "defense-buildup" || policy === "acquire-counterstrike")) return 3;
    if (policy === "impose-export-controls" && sit.view.historyTension >= 7) return 1;
    return 0;
  },
  chat: {
    open: {
      crisis: [
        "Threat {threat}, deterrence {deterrence}. Japan will build up its defenses and will not apologize for protecting its people.",
        "After {card}, the point is plain: Japan needs the ability to strike back. Our partners should welcome it.",
      ],
      history: [
        "History tension is {ht}, and Seoul keeps raising it. Japan's apologies are on the record.",
        "After {card}, the past is once again used against the present. Tokyo will not be moved by pressure.",
      ],
      exportControls: ["The export controls stay until Seoul deals with the court ruling. That is not history; it is the law of contracts."],
      gsomiaSuspended: ["Seoul suspended GSOMIA, not Tokyo. When Seoul is serious about North Korea, we are ready."],
      calm: [
        "Japan's defense posture is {jd} out of 10. It should be higher, and Washington agrees.",
        "Tokyo welcomes exercises and missile-warning sharing. Deterrence is built, not declared.",
      ],
    },
    accept: ["Tokyo accepts. {reason}", "Fine. {reason}"],
    reject: ["Tokyo rejects this. {reason}", "No. {reason}"],
    pitch: ["Tokyo proposes: {terms}. Deterrence is built, not declared.", "{terms} — real security, not ceremony."],
    summary: {
      crisis: ["A crisis marker: {crises} of 3. This is why Japan must be able to defend itself."],
      betrayed: ["{nation} pledged to {policy} and broke its word. Tokyo will not forget."],
      kept: ["{nation} did as it promised and chose to {policy}. Good."],
      newGovernment: ["A new government in {nation}. Tokyo will wait to see whether it keeps its predecessor's promises."],
    },
  },
};
