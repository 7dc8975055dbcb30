import { INSTITUTIONS } from "../rules/institutions.ts";
import { policyDefinition, type PolicyId } from "../rules/policies.ts";
import { JOINT_STATEMENTS, type ProposalTerm } from "../rules/proposals.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATION_NAMES, type Nation } from "../rules/vocabulary.ts";

/** Chat: fill the stance's templates with the numbers on the table. Every line is our own words. */

export interface Fill {
  [key: string]: string | number | undefined;
}

export function situationFill(view: PlayerView, me: Nation): Fill {
  return {
    card: view.card ? `"${view.card.title}"` : "this round's news",
    threat: view.threat,
    deterrence: view.deterrence.total,
    gap: view.threat - view.deterrence.total,
    ht: view.historyTension,
    st: view.trust["seoul-tokyo"],
    sw: view.trust["seoul-washington"],
    tw: view.trust["tokyo-washington"],
    jd: view.japanDefense,
    burden: view.burdenShared,
    support: view.support[me],
    crises: view.crises,
    round: view.round,
    rounds: view.rounds,
  };
}

export function render(template: string, fill: Fill): string {
  const text = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = fill[key];
    return value === undefined ? whole : String(value);
  });
  return clip(text.charAt(0).toUpperCase() + text.slice(1), TUNING.chat.maxLength);
}

/** The longest fixed stretch of a template: how to recognize a line already said, whatever the numbers. */
const SIGNATURES = new Map<string, string>();
export function signature(template: string): string {
  let sig = SIGNATURES.get(template);
  if (sig === undefined) SIGNATURES.set(template, (sig = template.split(/\{\w+\}/).reduce((a, b) => (b.length > a.length ? b : a), "").trim()));
  return sig;
}

export function clip(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  return `${t.slice(0, max - 1).trimEnd()}…`;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Policy names that are not verb phrases, said as one ("Tokyo pledges to build up its defenses"). */
const VERB_PHRASES: Partial<Record<PolicyId, string>> = {
  "defense-buildup": "build up {its} defenses",
  "hold-steady": "hold steady",
};

export function policyPhrase(nation: Nation, policy: PolicyId, firstPerson = false): string {
  const verb = VERB_PHRASES[policy];
  if (verb) return verb.replace("{its}", firstPerson ? "our" : "its");
  const name = policyDefinition(nation, policy)?.name ?? policy;
  return lower(name);
}

/** A term as a phrase in a sentence: "restore GSOMIA", "Tokyo pledges to lift export controls". */
export function termPhrase(term: ProposalTerm): string {
  switch (term.kind) {
    case "institution":
      return `${term.op} ${INSTITUTIONS[term.institution].name}`;
    case "pledge":
      return `${NATION_NAMES[term.nation]} pledges to ${policyPhrase(term.nation, term.policy)}`;
    case "jointStatement":
      return `a ${lower(JOINT_STATEMENTS[term.topic].name)}`;
  }
}

export function termsPhrase(terms: readonly ProposalTerm[]): string {
  const parts = terms.map(termPhrase);
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * Why a term moved the bot, in a short clause. `good` is the sign of its value to the bot;
 * `mine` says whether the bot is the one pledging.
 */
export function termReason(term: ProposalTerm, good: boolean, me: Nation, view: PlayerView): string {
  const det = view.deterrence.total;
  switch (term.kind) {
    case "institution": {
      const def = INSTITUTIONS[term.institution];
      if (term.op === "suspend") {
        return good
          ? `${def.name} is not worth what it costs us right now.`
          : `Suspending ${def.name} would leave us weaker, with threat at ${view.threat} and deterrence at ${det}.`;
      }
      if (good) {
        if (!def.security || def.deterrence === 0) return `${def.name} would give us a standing channel, and habits outlast governments.`;
        return view.threat >= det - 1
          ? `${def.name} would add to deterrence, and with threat at ${view.threat} against deterrence ${det} we need it.`
          : `${def.name} would add a point of deterrence that will still be there when the next crisis comes.`;
      }
      return `${def.name} would cost us more at home than it gives us today (support ${view.support[me]}).`;
    }
    case "pledge": {
      const what = policyPhrase(term.nation, term.policy, term.nation === me);
      if (term.nation === me) {
        return good ? `We were ready to ${what} anyway.` : `We cannot promise to ${what} this round.`;
      }
      return good
        ? `If ${NATION_NAMES[term.nation]} does ${what}, that is worth our part.`
        : `${NATION_NAMES[term.nation]} promising to ${what} does not help us.`;
    }
    case "jointStatement": {
      const name = JOINT_STATEMENTS[term.topic].name;
      return good ? `A ${lower(name)} is the right signal now.` : `A ${lower(name)} costs us too much at home (support ${view.support[me]}).`;
    }
  }
}
