import type { StanceProfile } from "../profile.ts";
import { has } from "./common.ts";

/** What Seoul can give that lets Tokyo lift its trade controls without looking weak at home. */
export const SEOUL_GIVES = {
  pledges: ["make-the-case-at-home", "deepen-us-alliance"] as const,
  institutions: ["gsomia", "seoul-tokyo-2plus2", "comfort-women-settlement"] as const,
};

/** Tokyo, mainstream: steady alliance management, defenses within the constitution, measured on history. */
export const mainstream: StanceProfile = {
  id: "mainstream",
  nation: "tokyo",
  description:
    "A mainstream government in Tokyo. It strengthens Japan's defenses within the constitution and explains that openly, keeps the US alliance at the centre, and rebuilds ties with Seoul step by step through standing channels — shuttle summits, a 2+2, intelligence sharing — and practical cooperation such as disaster relief. On history it stands by past apologies and avoids provocations, but it will not lift trade measures for nothing.",
  citations: [
    { seed: "nishino-2017", refs: ["two-track-approach", "leaders-make-the-case", "institutionalize-dialogue", "engage-china-cjk", "non-traditional-security", "national-security-strategy-2013"], use: "The two-track approach, institutionalized dialogue and non-traditional cooperation as Tokyo's path with Seoul." },
    { seed: "cho-2022", refs: ["kishida-defense-pledge", "japan-reengages-yoon"], use: "A build-up explained openly, and re-engagement with Seoul driven by the security environment." },
    { seed: "satake-2024", refs: ["comprehensive-cooperation", "australia-partnership-endures"], use: "Broad, gradual cooperation that survives changes of government, on the Japan–Australia model." },
  ],
  trustworthiness: 0.9,
  crisisAversion: 1.0,
  acceptThreshold: 0.5,
  proposeThreshold: 1.5,
  policies: {
    "defense-buildup": 1,
    "make-the-case-at-home": 0.5,
    "lift-export-controls": 1,
    "shrine-visit": -3,
    "impose-export-controls": -2,
  },
  institutions: {
    gsomia: 2.5,
    "shuttle-summits": 1.5,
    "seoul-tokyo-2plus2": 1,
    "trilateral-ministerial": 1.5,
    "missile-warning-sharing": 2,
    "trilateral-exercises": 1.5,
    acsa: 1,
    "hadr-pko": 1,
    "counterstrike-protocol": 0.5,
    "comfort-women-settlement": 1.5,
    "cjk-secretariat": 0.5,
  },
  statements: { "two-track": 2, "united-front": 1.5 },
  meters: { japanDefense: 0.3, firewall: 2, trust: { "seoul-tokyo": 0.03 } },
  asks: [
    { nation: "seoul", policy: "make-the-case-at-home" },
    { nation: "seoul", policy: "deepen-us-alliance" },
    { nation: "washington", policy: "reassure-tokyo" },
    { nation: "washington", policy: "extended-deterrence" },
  ],
  redLines: [
    {
      id: "no-lift-for-nothing",
      description:
        "Will not pledge to lift export controls unless Seoul gives something in the same proposal (a pledge to make the case at home, GSOMIA, a 2+2 or a settlement), or Seoul–Tokyo trust is already 50 or more.",
      check: (terms, _parties, sit) => {
        if (!has.pledge(terms, "tokyo", ["lift-export-controls"])) return null;
        if (sit.view.trust["seoul-tokyo"] >= 50) return null;
        if (has.pledge(terms, "seoul", SEOUL_GIVES.pledges) || has.institution(terms, SEOUL_GIVES.institutions, ["create", "restore"])) return null;
        return `Lifting the controls for nothing would not survive the Diet. Give us something to show — GSOMIA, or your government making the case at home.`;
      },
    },
    {
      id: "no-suspending-gsomia",
      description: "Will not agree to suspend GSOMIA.",
      check: (terms) => (has.institution(terms, ["gsomia"], ["suspend"]) ? "Suspending GSOMIA only helps Pyongyang. Tokyo will not sign that." : null),
    },
  ],
  adjustPolicy: (policy, sit) => {
    if (policy === "defense-buildup" && sit.gap >= 0) return 1.5;
    // Within the constitution: counterstrike only once all three capitals hold the decision (Lee's protocol).
    if (policy === "acquire-counterstrike" && sit.view.institutions["counterstrike-protocol"]?.status !== "in-force") return -1.5;
    if (policy === "make-the-case-at-home" && sit.view.trust["seoul-tokyo"] < 30) return 1;
    if (policy === "lift-export-controls" && sit.view.trust["seoul-tokyo"] >= 45) return 1;
    return 0;
  },
  chat: {
    open: {
      crisis: [
        "Threat is {threat} and deterrence only {deterrence}. Tokyo will do its part on defense; we ask our partners to keep the channels open.",
        "After {card}, remember that the three of us are safer together. Deterrence {deterrence} is not enough against threat {threat}.",
      ],
      history: [
        "History tension is {ht}. Tokyo stands by the apologies it has made, and we would rather talk than trade accusations.",
        "After {card}, let us keep history on its own track and protect what we share.",
      ],
      exportControls: ["The export controls can go, once Seoul shows it will meet us halfway. Trust between us is {st}."],
      gsomiaSuspended: ["GSOMIA is suspended. Tokyo would sign its return today — intelligence sharing protects Seoul as much as Japan."],
      calm: [
        "Tokyo would like regular channels with Seoul: shuttle summits, a 2+2. Habits outlast governments.",
        "Trust with Seoul is {st}. Practical steps — disaster relief, logistics — can carry us further.",
      ],
    },
    accept: ["Tokyo agrees. {reason}", "We can accept that. {reason}"],
    reject: ["Tokyo must decline. {reason}", "Not as written. {reason}"],
    pitch: ["Tokyo proposes: {terms}. A standing channel is worth more than any single meeting.", "{terms} — practical, and good for all three of us."],
    summary: {
      crisis: ["A crisis marker: {crises} of 3. Tokyo will keep building deterrence; we hope our partners will too."],
      betrayed: ["{nation} pledged to {policy} and did not. Tokyo is disappointed, and will be more careful."],
      kept: ["{nation} kept its promise to {policy}. Thank you."],
      newGovernment: ["A new government in {nation}. Tokyo hopes the channels we have built will carry on."],
    },
  },
};
