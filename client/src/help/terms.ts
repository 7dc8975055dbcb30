import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "../../../shared/rules/institutions.ts";
import { POLICIES, type PolicyDefinition } from "../../../shared/rules/policies.ts";
import { STANCE_RULES } from "../../../shared/rules/stances.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, STANCE_NAMES, type StanceId } from "../../../shared/rules/vocabulary.ts";

/**
 * The game's terms of art, each explained in a sentence or two in our words, with the numbers
 * read from shared/rules (tuning.ts, institutions.ts, stances.ts) — never retyped.
 */
export interface Term {
  id: string;
  title: string;
  /** Spellings that mark the term in a panel's text (matched as whole words). */
  spellings: readonly string[];
  text: string;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const T = TUNING;

/** What the acronyms stand for. */
const SPELLED_OUT: Partial<Record<InstitutionId, string>> = {
  gsomia: "General Security of Military Information Agreement",
  acsa: "Acquisition and Cross-Servicing Agreement",
  "hadr-pko": "Humanitarian Assistance and Disaster Relief / Peacekeeping Operations",
  "cjk-secretariat": "China–Japan–Korea",
  "seoul-tokyo-2plus2": "two ministers from each side: foreign affairs and defense",
};

const EXTRA_SPELLINGS: Partial<Record<InstitutionId, readonly string[]>> = {
  "hadr-pko": ["HADR", "PKO"],
  "cjk-secretariat": ["CJK"],
  acsa: ["ACSA"],
  gsomia: ["GSOMIA"],
};

function institutionTerm(id: InstitutionId): Term {
  const d = INSTITUTIONS[id];
  const members = d.members.map((m) => NATION_NAMES[m]).join(", ");
  const spelled = SPELLED_OUT[id] ? ` (${SPELLED_OUT[id]})` : "";
  const security = d.security ? ` A security institution${d.deterrence > 0 ? `: +${d.deterrence} deterrence while in force` : ""}; the firewall shields it from history shocks.` : "";
  const home = d.needsSupport ? ` It is suspended at resolution while ${NATION_NAMES[d.needsSupport.nation]}'s support is below ${d.needsSupport.below}: a government that weak cannot defend it at home.` : "";
  return {
    id: `inst-${id}`,
    title: `${d.name}${spelled}`,
    spellings: [d.name, ...(EXTRA_SPELLINGS[id] ?? [])],
    text: `${d.summary}. Members: ${members}.${security}${home} Like every institution in force, it absorbs part of any trust loss between its members.`,
  };
}

function stanceTerm(id: StanceId): Term {
  const r = STANCE_RULES[id];
  const policies = POLICIES[r.nation] as Record<string, PolicyDefinition>;
  const shifts = Object.entries(r.supportShift)
    .map(([p, v]) => `${policies[p]?.name ?? p} ${v! > 0 ? "+" : "−"}${Math.abs(v!)}`)
    .join(", ");
  return {
    id: `stance-${id}`,
    title: `${STANCE_NAMES[id]} (${NATION_NAMES[r.nation]})`,
    spellings: [STANCE_NAMES[id]],
    text: `${r.summary} A stance changes how this government's own voters greet its policies: ${shifts} support. It is the same for a human player and a bot; a government that falls is replaced by one of a new stance.`,
  };
}

export const TERMS: readonly Term[] = [
  {
    id: "stance",
    title: "Stance",
    spellings: ["stance", "stances"],
    text: `Every government has a stance — Seoul conservative or progressive, Tokyo mainstream or hawkish, Washington alliance-builder or burden-shifter. It shifts what each policy does to that government's support at home. You do not choose it: it comes with the government in office.`,
  },
  ...(Object.keys(STANCE_RULES) as StanceId[]).map(stanceTerm),
  {
    id: "firewall",
    title: "Firewall (two-track approach)",
    spellings: ["firewall", "Firewall"],
    text: `While the firewall is intact, a history shock hits Seoul–Tokyo trust at ${pct(T.firewallHistoryFactor)} strength and cannot suspend a security institution. Export controls tied to history breach it, and so does Seoul's own decision to let a security tie lapse; a two-track statement rebuilds it.`,
  },
  {
    id: "absorbed",
    title: "Absorbed",
    spellings: ["absorbed", "absorbs"],
    text: `Each institution in force between two governments takes ${pct(T.absorption.perInstitution)} of any trust loss between them, up to ${pct(T.absorption.cap)} in all. The part taken is "absorbed": trust falls by less.`,
  },
  {
    id: "institution",
    title: "Institutions",
    spellings: ["institution", "institutions", "Institutions"],
    text: `Standing agreements created by a proposal that all their members accept. In force, they absorb trust losses between members; security institutions add deterrence; some pay something every round. A suspended institution does nothing until restored.`,
  },
  ...INSTITUTION_IDS.map(institutionTerm),
  {
    id: "deterrence",
    title: "Deterrence",
    spellings: ["deterrence", "Deterrence"],
    text: `Never stored, always worked out: ${T.deterrence.base} + ⌊average trust ÷ ${T.deterrence.trustPerPoint}⌋ + each security institution's points + ⌊Japan's defense posture ÷ ${T.deterrence.japanDefensePerPoint}⌋ + extended deterrence offered this round (${T.deterrence.extendedDeterrenceBonus}). If threat is above it at resolution, a crisis marker is placed.`,
  },
  {
    id: "threat",
    title: "Threat",
    spellings: ["threat", "Threat"],
    text: `North Korea's missiles and the regional rivalry, ${T.bounds.threat[0]}–${T.bounds.threat[1]}. It starts at ${T.start.threat} and, from round ${T.escalation.fromRound}, rises by ${T.escalation.threatPerStep} as every round opens ("${T.escalation.label}").`,
  },
  {
    id: "crisis",
    title: "Crisis markers",
    spellings: ["crisis markers", "Crisis markers", "crisis marker", "Crisis"],
    text: `At resolution, if threat is above deterrence, a crisis marker is placed and every pair's trust takes ${String(T.crisis.trustShockPerPair).replace("-", "−")}. At ${T.crisis.markersToEndGame} markers the region slides into crisis: the game ends and every government loses.`,
  },
  {
    id: "extended-deterrence",
    title: "Extended deterrence",
    spellings: ["extended deterrence", "Extended deterrence"],
    text: `Washington's promise to defend its allies: +${T.deterrence.extendedDeterrenceBonus} deterrence until the end of the round it is offered. It then ends, and deterrence falls back.`,
  },
  {
    id: "support",
    title: "Domestic support",
    spellings: ["domestic support", "Support at home", "support at home"],
    text: `How much the public backs each government, ${T.bounds.support[0]}–${T.bounds.support[1]}, starting at ${T.start.support}. Below ${T.leadership.fallsBelowSupport} at the end of a round, the government falls: support resets to ${T.leadership.newGovernmentSupport} and a new stance takes office.`,
  },
  {
    id: "history-tension",
    title: "History tension",
    spellings: ["history tension", "History tension"],
    text: `How raw the disputes over the past are, ${T.bounds.historyTension[0]}–${T.bounds.historyTension[1]}, starting at ${T.start.historyTension}. Seoul scores when it is low.`,
  },
  {
    id: "pledge",
    title: "Pledge",
    spellings: ["pledge", "pledges", "pledged"],
    text: `A promise in a proposal that a government will commit a named policy this round. Kept: +${T.pledges.keptTrustBonus} trust with each other party. Broken: ${T.pledges.brokenTrustPenalty}.`,
  },
  {
    id: "proposal",
    title: "Proposal",
    spellings: ["proposal", "proposals"],
    text: `Up to ${T.proposals.maxTermsPerProposal} terms (institutions, pledges, joint statements) offered to two or three parties. It binds only when every party accepts before negotiation ends, and takes effect at resolution.`,
  },
  {
    id: "export-controls",
    title: "Export controls",
    spellings: ["export controls", "Export controls"],
    text: "Trade retaliation by Tokyo tied to the history dispute. Imposing them breaches the firewall.",
  },
  {
    id: "counterstrike",
    title: "Counterstrike capability",
    spellings: ["counterstrike capability", "Counterstrike"],
    text: `Japan's capability to strike missile bases. It adds to Tokyo's score; without a coordination protocol in force it costs Seoul's autonomy (${T.scoring.seoul.uncoordinatedCounterstrikePenalty} instead of +${T.scoring.seoul.autonomyBonus}).`,
  },
  {
    id: "agenda",
    title: "Secret agenda",
    spellings: ["secret agenda", "Secret agenda"],
    text: `A goal only you know. Met at the end of the game: +${T.scoring.agendaBonus} points. An every-round agenda broken once is lost for good.`,
  },
];

export const TERM_BY_ID = new Map(TERMS.map((t) => [t.id, t]));
