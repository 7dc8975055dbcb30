import type { ProposalTerm } from "../../rules/proposals.ts";
import type { Situation, StanceProfile } from "../profile.ts";
import { has } from "./common.ts";

/** History tension at or above this makes GSOMIA-type intimacy with Tokyo unsellable without a concession. */
export const PROGRESSIVE_HISTORY_LINE = 6;

/** What Tokyo can put on the table that lets a progressive Seoul sign security terms despite history. */
function concession(terms: readonly ProposalTerm[], sit: Situation): boolean {
  if (sit.view.exportControls) return has.pledge(terms, "tokyo", ["lift-export-controls"]) !== null;
  return has.pledge(terms, "tokyo", ["apology-statement", "make-the-case-at-home"]) !== null || has.statement(terms, ["history-reconciliation"]) !== null;
}

/** Seoul, progressive: peninsula first, wary of Tokyo, answerable to voters who carry the history. */
export const progressive: StanceProfile = {
  id: "progressive",
  nation: "seoul",
  description:
    "A peninsula-first government in Seoul. Its priorities are calm with Pyongyang and workable ties with Beijing, and it treats Japan's colonial past as an open wound its voters will not let it paper over. It insists on a victim-centred approach, answers trade pressure with firmness, and will not deepen military intimacy with Tokyo — intelligence sharing above all — while history tension is high, unless Tokyo puts a real concession on the table. Drills with Japan come after disaster relief and peacekeeping, not before. It does want a say over Japan's counterstrike.",
  citations: [
    { seed: "satake-2024", refs: ["shared-vision"], use: "Korean governments that put the peninsula and Northeast Asian stability ahead of a global liberal-order role." },
    { seed: "chun-2022", refs: ["national-trauma", "comfort-women-agreement-2015", "gsomia-unresolved", "history-linked-to-trade-security", "go-gradual"], use: "History as national trauma, a public that resists military information sharing with Japan, and a preference for gradual, non-traditional cooperation." },
    { seed: "cho-2022", refs: ["two-track-broken", "no-bilateral-visits-moon"], use: "A relationship where history, trade and security have become entangled and leaders no longer visit." },
    { seed: "lee-2022", refs: ["obstacles", "entrapment-vs-isolation", "dokdo-sovereignty-warning", "counterstrike-protocol"], use: "Distrust of Japan's military intentions and fear of entrapment, answered by a demand for consultation." },
  ],
  trustworthiness: 0.75,
  crisisAversion: 0.6,
  acceptThreshold: 1.5,
  proposeThreshold: 1.5,
  policies: {
    "engage-beijing": 1.5,
    "enforce-court-ruling": 1,
    "deepen-us-alliance": -1,
    "make-the-case-at-home": -1,
  },
  institutions: {
    gsomia: -1,
    "trilateral-exercises": -1.5,
    "missile-warning-sharing": 0.5,
    "counterstrike-protocol": 3,
    "cjk-secretariat": 2,
    "hadr-pko": 1.5,
    "comfort-women-settlement": -2,
    "trilateral-ministerial": 0.5,
    "shuttle-summits": 0.5,
    acsa: 0.5,
  },
  statements: { "history-reconciliation": 2, "united-front": 0.5, "two-track": -1 },
  meters: { historyTension: -0.3, exportControls: -4, counterstrike: -2 },
  asks: [
    { nation: "tokyo", policy: "apology-statement" },
    { nation: "tokyo", policy: "lift-export-controls" },
    { nation: "washington", policy: "press-tokyo" },
    { nation: "washington", policy: "reassure-seoul" },
  ],
  redLines: [
    {
      id: "no-gsomia-under-history-pressure",
      description:
        "Will not sign or restore GSOMIA (or a Seoul–Tokyo 2+2) while history tension is high or Japan's export controls stand, unless Tokyo pledges a concession in the same proposal: lifting the controls when they are in place, otherwise an apology, a case made at home, or a joint statement on history.",
      check: (terms, _parties, sit) => {
        const id = has.institution(terms, ["gsomia", "seoul-tokyo-2plus2"], ["create", "restore"]);
        if (!id) return null;
        const pressured = sit.view.exportControls || sit.view.historyTension >= PROGRESSIVE_HISTORY_LINE;
        if (!pressured || concession(terms, sit)) return null;
        const what = id === "gsomia" ? "GSOMIA" : "a 2+2 with Tokyo";
        if (sit.view.exportControls) return `We cannot sign ${what} while the export controls stand. Lift them in the same deal and we can talk.`;
        return `With history tension at ${sit.view.historyTension}, our voters will not accept ${what} without a gesture from Tokyo — an apology statement would be a start.`;
      },
    },
    {
      id: "no-counterstrike-without-protocol",
      description: "Rejects any deal in which Japan acquires counterstrike capability without a coordination protocol in force or in the same proposal.",
      check: (terms, _parties, sit) => {
        if (!has.pledge(terms, "tokyo", ["acquire-counterstrike"])) return null;
        if (sit.view.institutions["counterstrike-protocol"]?.status === "in-force") return null;
        if (has.institution(terms, ["counterstrike-protocol"], ["create", "restore"])) return null;
        return "A Japanese counterstrike without a protocol that binds Tokyo to consult Seoul? That is entrapment. No.";
      },
    },
    {
      id: "no-drills-before-groundwork",
      description:
        "Will not create or restore trilateral exercises or missile-warning sharing until disaster-relief and peacekeeping cooperation (HADR/PKO) is in force, or comes in the same proposal: the public must see practical cooperation with Japan before military drills.",
      check: (terms, _parties, sit) => {
        const id = has.institution(terms, ["trilateral-exercises", "missile-warning-sharing"], ["create", "restore"]);
        if (!id) return null;
        if (sit.view.institutions["hadr-pko"]?.status === "in-force") return null;
        if (has.institution(terms, ["hadr-pko"], ["create", "restore"])) return null;
        const what = id === "trilateral-exercises" ? "trilateral exercises" : "missile-warning sharing";
        return `Our public is not ready for ${what} with Japan. Start with disaster relief and peacekeeping — put HADR/PKO in the deal and we can talk.`;
      },
    },
    {
      id: "no-two-track-under-sanctions",
      description: "Will not sign a two-track statement that walls off history while Tokyo keeps trade controls tied to it.",
      check: (terms, _parties, sit) => {
        if (!has.statement(terms, ["two-track"]) || !sit.view.exportControls) return null;
        if (has.pledge(terms, "tokyo", ["lift-export-controls"])) return null;
        return "Tokyo tied trade to history, not us. A two-track statement means nothing while the export controls stand.";
      },
    },
  ],
  adjustPolicy: (policy, sit) => {
    if (policy === "engage-beijing" && sit.gap >= 0) return 1.5;
    if (policy === "enforce-court-ruling" && sit.view.exportControls) return 1;
    if (policy === "visit-dokdo" && sit.view.support.seoul < 35) return 1.5;
    return 0;
  },
  chat: {
    open: {
      crisis: [
        "Threat {threat}, deterrence {deterrence}. Seoul wants calm on the peninsula: more talking with Beijing and Pyongyang, not more warships.",
        "After {card}, we must lower the temperature. Seoul will not be dragged into someone else's escalation.",
      ],
      history: [
        "History tension is {ht}. Our people have not forgotten, and no government in Seoul can ask them to.",
        "After {card}, Tokyo still calls the past settled. Seoul cannot move on security until that changes.",
      ],
      exportControls: [
        "The export controls are a punishment for a court ruling. While they stand, Seoul will not talk about intelligence sharing.",
        "Tokyo turned a history dispute into a trade war. Trust between us is {st}; lifting the controls is the first step.",
      ],
      gsomiaSuspended: ["GSOMIA stays suspended until Tokyo shows it takes our concerns seriously."],
      calm: [
        "Seoul's first concern is the peninsula. We welcome practical cooperation — disaster relief, peacekeeping — that does not tie us to anyone's war.",
        "Trust with Tokyo is {st}. We can build it slowly, starting where our publics agree.",
      ],
    },
    accept: ["Seoul can accept this. {reason}", "Agreed, for now. {reason}"],
    reject: ["Seoul says no. {reason}", "We cannot sell this at home. {reason}"],
    pitch: ["Seoul proposes: {terms}. A fair exchange, not a one-sided concession.", "{terms} — this is what Seoul needs to move forward."],
    summary: {
      crisis: ["A crisis marker: {crises} of 3. This is what escalation buys. Seoul asks for restraint from everyone."],
      betrayed: ["{nation} promised to {policy} and broke its word. Our public will ask why we trusted it."],
      kept: ["{nation} kept its promise to {policy}. Seoul notices."],
      newGovernment: ["A new government in {nation}. Seoul will judge it by what it does about the past."],
    },
  },
};
