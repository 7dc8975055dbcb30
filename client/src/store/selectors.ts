import type { Card } from "../../../shared/content/card-schema.ts";
import { describeTerm } from "../../../shared/rules/flow.ts";
import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "../../../shared/rules/institutions.ts";
import { chatChannels, legalCommands, proposalTermOptions } from "../../../shared/rules/legal.ts";
import { POLICIES, type PolicyDefinition, type PolicyId } from "../../../shared/rules/policies.ts";
import { JOINT_STATEMENTS, type Proposal, type ProposalTerm } from "../../../shared/rules/proposals.ts";
import { strainedPair, strainLine } from "../../../shared/rules/strain.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { Channel, ChatMessage, MeterChange } from "../../../shared/rules/state.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import {
  NATION_NAMES,
  NATIONS,
  PAIRS,
  PHASE_NAMES,
  STANCE_NAMES,
  membersOfPair,
  meterKey,
  meterName,
  pairName,
  type MeterRef,
  type Nation,
  type Phase,
} from "../../../shared/rules/vocabulary.ts";
import seeds from "virtual:trilateral-seeds";

/** Pure functions from the view to what panels and the scene show. No rule is decided here. */

export const MINUS = "\u2212";

export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `${MINUS}${Math.abs(n)}` : "±0";
}

/** "Seoul–Tokyo trust 42, down 8: Radar lock-on dispute" — what the live region announces. */
export function changeSentence(change: MeterChange): string {
  const delta = change.to - change.from;
  const direction = delta > 0 ? `up ${delta}` : delta < 0 ? `down ${-delta}` : "unchanged";
  const extras: string[] = [];
  if (change.absorbed > 0) extras.push(`institutions absorbed ${change.absorbed}`);
  if (change.firewalled) extras.push("softened by the firewall");
  const tail = extras.length > 0 ? ` (${extras.join("; ")})` : "";
  return `${meterName(change.meter)} ${change.to}, ${direction}: ${change.cause.label}${tail}`;
}

/**
 * How a move reads for the table as a whole: more trust or support is welcome, more threat or
 * history tension is not. Only the colour follows this; the sign and the ▲/▼ always say the direction.
 */
export function deltaTone(meter: MeterRef, delta: number): "good" | "bad" {
  const worseWhenUp = meter.meter === "threat" || meter.meter === "historyTension";
  return (delta > 0) !== worseWhenUp ? "good" : "bad";
}

/** A meter's value, read with the rules' own accessor. */
export { meterValue } from "../../../shared/rules/conditions.ts";

export { meterKey, meterName };

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2018-12-20" → "20 December 2018"; "2018-12" → "December 2018"; "2018" → "2018". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  if (!m) return y ?? iso;
  const month = MONTHS[Number(m) - 1] ?? m;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

export interface Citation {
  text: string;
  seed: string;
  found: boolean;
}

/** The essay a card draws on: author, title, outlet, date — from the seed records (seeds/*.json). */
export function citationsOf(card: Card): Citation[] {
  return [card.citation, ...(card.alsoCites ?? [])].map((c) => {
    const seed = seeds.find((s) => s.id === c.seed);
    if (!seed) return { text: `Source essay: ${c.seed}`, seed: c.seed, found: false };
    const parts = [seed.author, `“${seed.title}”`, seed.outlet, formatDate(seed.date)].filter((p) => p && p !== "“”");
    return { text: parts.join(", "), seed: c.seed, found: true };
  });
}

export function channelPartner(channel: Channel, seat: Nation): Nation | null {
  if (channel === "table") return null;
  return membersOfPair(channel).find((n) => n !== seat) ?? null;
}

export function channelTitle(channel: Channel, seat: Nation): string {
  const partner = channelPartner(channel, seat);
  return partner ? NATION_NAMES[partner] : "Whole table";
}

export function channelsOf(seat: Nation): Channel[] {
  return chatChannels(seat);
}

export function messagesIn(view: PlayerView, channel: Channel): ChatMessage[] {
  return view.messages.filter((m) => m.channel === channel);
}

export function legalFor(view: PlayerView): Command[] {
  return view.seat && view.phase !== "ended" ? legalCommands(view, view.seat) : [];
}

export function policyName(nation: Nation, policy: string): string {
  return (POLICIES[nation] as Record<string, PolicyDefinition>)[policy]?.name ?? policy;
}

export function policyChoices(view: PlayerView): { id: PolicyId; name: string; description: string }[] {
  if (!view.seat) return [];
  const seat = view.seat;
  return legalFor(view)
    .filter((c): c is Extract<Command, { type: "commitPolicy" }> => c.type === "commitPolicy")
    .map((c) => {
      const def = (POLICIES[seat] as Record<string, PolicyDefinition>)[c.policy];
      return { id: c.policy, name: def?.name ?? c.policy, description: def?.description ?? "" };
    });
}

export interface TermChoice {
  key: string;
  term: ProposalTerm;
  parties: Nation[];
  group: "institution" | "jointStatement" | "pledge";
  label: string;
  detail: string;
  /** Why this term would not hold if enacted now (a tie tabled below its strain line), or absent. */
  warning?: string;
}

export function termKey(term: ProposalTerm, parties: readonly Nation[]): string {
  switch (term.kind) {
    case "institution":
      return `inst:${term.op}:${term.institution}`;
    case "pledge":
      return `pledge:${term.nation}:${term.policy}`;
    case "jointStatement":
      return `joint:${term.topic}:${parties.join("+")}`;
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** What the composer offers: exactly proposalTermOptions, labelled for people. */
export function termChoices(view: PlayerView): TermChoice[] {
  if (!view.seat || view.phase !== "negotiation") return [];
  const seat = view.seat;
  return proposalTermOptions(view, seat).map(({ term, parties }) => {
    const others = parties.filter((p) => p !== seat).map((p) => NATION_NAMES[p]);
    const withWhom = `with ${others.join(" and ")}`;
    switch (term.kind) {
      case "institution":
        return {
          key: termKey(term, parties),
          term,
          parties,
          group: "institution",
          label: capitalize(describeTerm(term)),
          detail: `${INSTITUTIONS[term.institution].summary} · ${withWhom}`,
          ...strainWarning(view, term.institution, term.op),
        };
      case "jointStatement":
        return {
          key: termKey(term, parties),
          term,
          parties,
          group: "jointStatement",
          label: `${JOINT_STATEMENTS[term.topic].name} ${withWhom}`,
          detail: JOINT_STATEMENTS[term.topic].description,
        };
      case "pledge":
        return {
          key: termKey(term, parties),
          term,
          parties,
          group: "pledge",
          label: describeTerm(term),
          detail: (POLICIES[term.nation] as Record<string, PolicyDefinition>)[term.policy]?.description ?? "",
        };
    }
  });
}

/**
 * §4.5 read from the rules: a tie created or restored while a pair of its members is below its
 * strain line (or, for GSOMIA, while Seoul's support is below its line) is suspended at the
 * round's resolution unless that recovers first.
 */
function strainWarning(view: PlayerView, id: InstitutionId, op: "create" | "suspend" | "restore"): { warning?: string } {
  if (op === "suspend") return {};
  const firewall = INSTITUTIONS[id].security ? ", and the firewall breaks with it" : "";
  const pair = strainedPair(view.trust, id);
  const home = INSTITUTIONS[id].needsSupport;
  if (pair === null && home && view.support[home.nation] < home.below) {
    return { warning: `Support for the government in ${NATION_NAMES[home.nation]} is ${Math.round(view.support[home.nation])}, below the ${home.below} this tie needs: unless it rises before the round resolves, the tie is suspended at once${firewall}.` };
  }
  if (pair === null) return {};
  const line = strainLine(id)!;
  return { warning: `${pairName(pair)} trust is ${Math.round(view.trust[pair])}, below the ${line} this tie needs: unless it rises before the round resolves, the tie is suspended at once${firewall}.` };
}

/** The parties a proposal with these terms names: every nation any term needs (the server re-checks). */
export function partiesOf(choices: readonly TermChoice[], extra: readonly Nation[] = []): Nation[] {
  const wanted = new Set<Nation>([...choices.flatMap((c) => c.parties), ...extra]);
  return NATIONS.filter((n) => wanted.has(n));
}

export const PROPOSAL_STATUS_TEXT: Record<Proposal["status"], string> = {
  open: "Open — waiting for answers",
  agreed: "Agreed — takes effect at resolution",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
  lapsed: "Lapsed — not everyone accepted in time",
  enacted: "Enacted",
};

export function partyAnswer(p: Proposal, nation: Nation): "accepted" | "rejected" | "waiting" {
  if (p.accepted.includes(nation)) return "accepted";
  if (p.rejectedBy === nation) return "rejected";
  return "waiting";
}

export interface InstitutionRow {
  id: InstitutionId;
  name: string;
  summary: string;
  members: readonly Nation[];
  security: boolean;
  status: "in-force" | "suspended";
  since: number;
}

export function institutionRows(view: Pick<PlayerView, "institutions">): InstitutionRow[] {
  return INSTITUTION_IDS.flatMap((id) => {
    const s = view.institutions[id];
    if (!s) return [];
    const def = INSTITUTIONS[id];
    return [{ id, name: def.name, summary: def.summary, members: def.members, security: def.security, status: s.status, since: s.since }];
  });
}

export function stanceName(view: PlayerView, nation: Nation): string {
  return STANCE_NAMES[view.stances[nation]] ?? view.stances[nation];
}

/** Every line of the canvas as text, for the screen-reader summary. */
export function tableSummary(view: PlayerView): { heading: string; lines: string[] }[] {
  const inst = institutionRows(view);
  return [
    {
      heading: "Round and phase",
      lines: [`Round ${view.round} of ${view.rounds}, ${PHASE_NAMES[view.phase]} phase.${view.card ? ` Event: ${view.card.title}.` : ""}`],
    },
    { heading: "Trust between governments (0 to 100)", lines: PAIRS.map((p) => `${pairName(p)} trust: ${view.trust[p]}`) },
    {
      heading: "Domestic support (0 to 100)",
      lines: NATIONS.map((n) => `${NATION_NAMES[n]} (${stanceName(view, n)} government): ${view.support[n]}`),
    },
    {
      heading: "Security",
      lines: [
        `Threat ${view.threat} of 10; deterrence ${view.deterrence.total} (${view.deterrence.parts.map((p) => `${p.label} ${p.points}`).join(", ")}).`,
        `Crisis markers: ${view.crises} of 3.`,
        `Japan's defense posture ${view.japanDefense} of 10. Burden shared ${view.burdenShared} of 10.`,
        `Export controls: ${view.exportControls ? "in place" : "none"}. Japan's counterstrike capability: ${view.counterstrike ? "acquired" : "not acquired"}.`,
      ],
    },
    {
      heading: "History",
      lines: [`History tension ${view.historyTension} of 10. The firewall between history and security is ${view.firewall}.`],
    },
    {
      heading: "Institutions on the table",
      lines:
        inst.length === 0
          ? ["No institution is in force."]
          : inst.map((i) => `${i.name} (${i.members.map((m) => NATION_NAMES[m]).join(", ")}): ${i.status === "in-force" ? "in force" : "suspended"}.`),
    },
  ];
}

export function phaseLabel(phase: Phase): string {
  return PHASE_NAMES[phase];
}

export const PHASE_STEPS: Phase[] = ["event", "negotiation", "policy", "summary"];

export function countdownText(msLeft: number): string {
  const s = Math.max(0, Math.ceil(msLeft / 1000));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}
