import type { StanceProfile } from "../profile.ts";
import { has } from "./common.ts";

/** Washington, burden-shifter: transactional, allies pay their way, nothing for free. */
export const burdenShifter: StanceProfile = {
  id: "burden-shifter",
  nation: "washington",
  description:
    "A transactional administration in Washington. It judges alliances by what they cost: allies should spend more on their own defense, pay more toward American forces, and buy American security with concrete commitments. It presses Seoul and Tokyo when it wants something, cares little for trilateral ceremony, and offers the nuclear umbrella or warm words only in exchange for something in the same deal. Its promises are as good as the next bargain.",
  citations: [
    { seed: "chun-2022", refs: ["america-first-burden", "order-in-transition"], use: "Raising the security burden on allies, at the cost of the liberal order." },
    { seed: "cho-2022", refs: ["two-percent-pledge", "us-japan-summit-2022"], use: "Washington backing Japan's spending rise as a burden-sharing gain." },
    { seed: "nishino-2017", refs: ["washington-driven"], use: "A Washington that pushes its allies rather than waiting for them." },
    { seed: "lee-2022", refs: ["us-endorses-strategy"], use: "Endorsing an ally's build-up because it lightens America's load." },
  ],
  trustworthiness: 0.6,
  crisisAversion: 0.5,
  acceptThreshold: 0.5,
  proposeThreshold: 1,
  policies: {
    "shift-burden": 3.5,
    "press-seoul": 0.5,
    "press-tokyo": 0.5,
    "convene-trilateral": -0.5,
    "reassure-seoul": -1,
    "reassure-tokyo": -1,
    "extended-deterrence": -0.5,
  },
  institutions: {
    "trilateral-exercises": 1,
    "missile-warning-sharing": 1,
    gsomia: 0.5,
    "trilateral-ministerial": -0.5,
    "hadr-pko": -0.5,
    "counterstrike-protocol": -0.5,
  },
  statements: { "united-front": 0.5 },
  meters: { burdenShared: 0.8, japanDefense: 0.3 },
  asks: [
    { nation: "seoul", policy: "deepen-us-alliance" },
    { nation: "tokyo", policy: "defense-buildup" },
    { nation: "tokyo", policy: "acquire-counterstrike" },
  ],
  redLines: [
    {
      id: "nothing-for-free",
      description: "Will not pledge extended deterrence or reassurance unless an ally pledges to spend (a defense build-up, counterstrike, or a deeper alliance) in the same proposal.",
      check: (terms) => {
        const promise = has.pledge(terms, "washington", ["extended-deterrence", "reassure-seoul", "reassure-tokyo"]);
        if (!promise) return null;
        if (has.pledge(terms, "tokyo", ["defense-buildup", "acquire-counterstrike"]) || has.pledge(terms, "seoul", ["deepen-us-alliance"])) return null;
        return "America does not hand out its umbrella for free. Put a defense build-up or a deeper alliance commitment on the table.";
      },
    },
  ],
  adjustPolicy: (policy, sit) => {
    if (policy === "extended-deterrence" && sit.gap >= 1) return 1 + sit.gap;
    if (policy === "shift-burden" && sit.view.burdenShared < 6) return 1;
    if (policy === "press-tokyo" && sit.view.japanDefense < 4) return 0.5;
    return 0;
  },
  chat: {
    open: {
      crisis: [
        "Threat {threat}, deterrence {deterrence}. America will help, but our allies need to pay for their own defense.",
        "After {card}, who pays for the response? Burden shared is {burden} out of 10. Not good enough.",
      ],
      history: [
        "History tension is {ht}. Washington does not have time for old quarrels; settle them and let us get to business.",
        "After {card}: that quarrel is between Seoul and Tokyo. Our question is what each of you will spend on defense.",
      ],
      exportControls: ["A trade war between our allies is bad business. Sort it out."],
      gsomiaSuspended: ["GSOMIA is suspended. That costs America intelligence we used to get for free."],
      calm: [
        "Burden shared is {burden} out of 10. Every ally can do more, and Washington will be asking.",
        "Japan's defense posture is {jd}. Two percent is a floor, not a ceiling.",
      ],
    },
    accept: ["Deal. {reason}", "Washington accepts. {reason}"],
    reject: ["No deal. {reason}", "Washington says no. {reason}"],
    pitch: ["Washington proposes: {terms}. A fair deal for the taxpayer.", "{terms} — you get security, we get a partner who pays."],
    summary: {
      crisis: ["A crisis marker: {crises} of 3. Allies who spent more would not be here."],
      betrayed: ["{nation} promised to {policy} and did not. Washington keeps score."],
      kept: ["{nation} promised to {policy} and did. That is a deal."],
      newGovernment: ["A new government in {nation}. We will see what it is willing to pay."],
    },
  },
};
