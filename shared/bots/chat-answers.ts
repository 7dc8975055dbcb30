import type { Command } from "../rules/commands.ts";
import { proposalName } from "../rules/describe.ts";
import { describeTerm } from "../rules/flow.ts";
import { INSTITUTIONS, INSTITUTION_IDS, type InstitutionId } from "../rules/institutions.ts";
import { proposalTermOptions } from "../rules/legal.ts";
import { POLICIES, policyDefinition, type PolicyId } from "../rules/policies.ts";
import { nextInt } from "../rules/rng.ts";
import type { Proposal, ProposalTerm } from "../rules/proposals.ts";
import type { Channel, ChatMessage } from "../rules/state.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATION_NAMES, NATIONS, membersOfPair, pairName, pairOf, type Nation } from "../rules/vocabulary.ts";
import type { Situation, StanceProfile } from "./profile.ts";
import { STANCE_PROFILES } from "./stances/index.ts";
import { clip, signature } from "./talk.ts";

/**
 * Bots answer chat. A free-text message addressed to a bot (on its bilateral channel, or naming
 * it in the table channel: "Tokyo, …", "@Tokyo", "… Tokyo?") gets one answer in the bot's
 * stance: what it recognised of the game's vocabulary (institutions, policies, meters, nations,
 * proposal ids), what it thinks of it, what it would accept, and a concrete proposal to point to.
 * Stateless and deterministic (everything comes from the view and the rng); rate-limited; it
 * never uses the secret agenda. The bot policy calls `chatAnswer` first (one hook in bot.ts).
 */

/** Answers a bot gives in one phase, and the window of recent messages it looks at. */
export const CHAT_ANSWER_LIMITS = { perPhase: 2, lookBack: 6 } as const;

export type Recognised =
  | { kind: "institution"; id: InstitutionId }
  | { kind: "policy"; nation: Nation; id: PolicyId }
  | { kind: "meter"; meter: "trust" | "support" | "threat" | "deterrence" | "history" | "defense" | "burden" | "firewall" | "crisis" }
  | { kind: "proposal"; id: string };

const INSTITUTION_WORDS: Record<InstitutionId, readonly string[]> = {
  gsomia: ["gsomia", "intelligence sharing", "intelligence-sharing"],
  "shuttle-summits": ["shuttle"],
  "seoul-tokyo-2plus2": ["2+2", "two plus two", "2 + 2"],
  "trilateral-ministerial": ["ministerial"],
  "missile-warning-sharing": ["missile-warning", "missile warning", "warning data"],
  "trilateral-exercises": ["exercises", "drills"],
  acsa: ["acsa", "logistics", "cross-servicing"],
  "hadr-pko": ["hadr", "pko", "disaster relief", "peacekeeping"],
  "counterstrike-protocol": ["coordination protocol", "counterstrike protocol", "protocol"],
  "comfort-women-settlement": ["comfort women", "comfort-women", "settlement"],
  "cjk-secretariat": ["cjk", "secretariat", "china-japan-korea", "china–japan–korea"],
};

/** Words that name one policy (the nation is the policy's owner). */
const POLICY_WORDS: readonly { nation: Nation; id: PolicyId; words: readonly string[] }[] = [
  { nation: "seoul", id: "visit-dokdo", words: ["dokdo", "takeshima"] },
  { nation: "seoul", id: "deepen-us-alliance", words: ["us alliance", "deepen the alliance", "deepen the us alliance"] },
  { nation: "seoul", id: "engage-beijing", words: ["beijing", "china"] },
  { nation: "seoul", id: "enforce-court-ruling", words: ["forced-labor", "forced labor", "forced labour"] },
  { nation: "seoul", id: "make-the-case-at-home", words: ["make the case", "case at home"] },
  { nation: "tokyo", id: "make-the-case-at-home", words: ["make the case", "case at home"] },
  { nation: "tokyo", id: "shrine-visit", words: ["yasukuni"] },
  { nation: "tokyo", id: "defense-buildup", words: ["build-up", "buildup", "build up", "defense spending", "two percent", "2%"] },
  { nation: "tokyo", id: "acquire-counterstrike", words: ["counterstrike capability", "counterstrike", "counterattack"] },
  { nation: "tokyo", id: "impose-export-controls", words: ["impose export", "impose the export", "new export controls"] },
  { nation: "tokyo", id: "lift-export-controls", words: ["lift export", "lift the export", "export controls", "whitelist"] },
  { nation: "tokyo", id: "apology-statement", words: ["apology", "apologize", "apologise"] },
  { nation: "washington", id: "convene-trilateral", words: ["trilateral meeting", "convene", "summit"] },
  { nation: "washington", id: "press-seoul", words: ["press seoul"] },
  { nation: "washington", id: "press-tokyo", words: ["press tokyo"] },
  { nation: "washington", id: "reassure-seoul", words: ["reassure seoul"] },
  { nation: "washington", id: "reassure-tokyo", words: ["reassure tokyo"] },
  { nation: "washington", id: "shift-burden", words: ["shift the burden", "burden-shifting", "pay more"] },
  { nation: "washington", id: "extended-deterrence", words: ["extended deterrence", "nuclear umbrella"] },
];

const METER_WORDS: readonly { meter: Extract<Recognised, { kind: "meter" }>["meter"]; words: readonly string[] }[] = [
  { meter: "trust", words: ["trust"] },
  { meter: "support", words: ["support", "voters", "approval", "at home"] },
  { meter: "threat", words: ["threat", "missile", "north korea", "pyongyang"] },
  { meter: "deterrence", words: ["deterrence", "deter"] },
  { meter: "history", words: ["history", "historical", "past"] },
  { meter: "defense", words: ["posture", "defense normalization", "normalization"] },
  { meter: "burden", words: ["burden"] },
  { meter: "firewall", words: ["firewall", "two-track", "two track"] },
  { meter: "crisis", words: ["crisis", "crises"] },
];

/** What in a message belongs to the game's vocabulary, in the order found (at most one of each). */
export function recognise(text: string): Recognised[] {
  const t = ` ${text.toLowerCase().replace(/\s+/g, " ")} `;
  const found: Recognised[] = [];
  // Proposal ids as the screen writes them: the parties' initials and a number (ST1, STW2).
  for (const m of t.matchAll(/\b(s?t?w?)(\d{1,3})\b/g)) if (m[1]!.length >= 2) found.push({ kind: "proposal", id: `${m[1]!.toUpperCase()}${m[2]}` });
  for (const id of INSTITUTION_IDS) {
    const words = [INSTITUTIONS[id].name.toLowerCase(), ...INSTITUTION_WORDS[id]];
    if (words.some((w) => t.includes(w))) found.push({ kind: "institution", id });
  }
  const policies = POLICY_WORDS.filter((p) => p.words.some((w) => t.includes(w)));
  // "export controls" alone means lifting them; "impose" wins when said.
  for (const p of policies) if (!(p.id === "lift-export-controls" && policies.some((q) => q.id === "impose-export-controls"))) found.push({ kind: "policy", nation: p.nation, id: p.id });
  for (const m of METER_WORDS) if (m.words.some((w) => t.includes(w)) && !found.some((f) => f.kind === "policy" && f.id === "extended-deterrence" && m.meter === "deterrence")) found.push({ kind: "meter", meter: m.meter });
  return found.filter((f, i) => found.findIndex((g) => JSON.stringify(g) === JSON.stringify(f)) === i);
}

/** Lines bots write (every stance's templates): a bot never answers another bot. */
let botSignatures: string[] | null = null;
function looksLikeBotLine(text: string): boolean {
  botSignatures ??= Object.values(STANCE_PROFILES)
    .flatMap((p) => [...Object.values(p.chat.open).flat(), ...p.chat.accept, ...p.chat.reject, ...p.chat.pitch, ...Object.values(p.chat.summary).flat()])
    .concat(ANSWER_TEMPLATES)
    .map(signature)
    .filter((s) => s.length >= 12);
  return /^on [stw]{2,3}\d+\b/i.test(text) || botSignatures.some((s) => text.includes(s));
}

/** Is this message addressed to `me`? Its bilateral channel, or named in the table channel. */
export function addressedTo(message: ChatMessage, me: Nation): boolean {
  if (message.from === me) return false;
  if (message.channel !== "table") return membersOfPair(message.channel).includes(me);
  const { at, called, asked } = (ADDRESS[me] ??= addressFor(me));
  const t = message.text.toLowerCase().trim();
  return t.startsWith(at) || called.test(t) || asked.test(t) || t.includes(at);
}

/** How a message names a seat, compiled once per seat (checked against every message in every phase). */
const ADDRESS: Partial<Record<Nation, { at: string; called: RegExp; asked: RegExp }>> = {};
function addressFor(me: Nation): { at: string; called: RegExp; asked: RegExp } {
  const name = NATION_NAMES[me].toLowerCase();
  return { at: `@${name}`, called: new RegExp(`^${name}\\s*[,:!?]`), asked: new RegExp(`\\b${name}\\s*\\?`) };
}

/** The message this bot owes an answer to now, if any (the latest one, and within the rate limit). */
export function pendingQuestion(view: PlayerView, me: Nation): ChatMessage | null {
  const inPhase = view.messages.filter((m) => m.round === view.round && m.phase === view.phase);
  const addressed = inPhase.filter((m) => addressedTo(m, me) && !looksLikeBotLine(m.text));
  const answered = addressed.filter((q) => view.messages.some((m) => m.from === me && m.channel === q.channel && m.id > q.id));
  if (answered.length >= CHAT_ANSWER_LIMITS.perPhase) return null;
  const recent = view.messages.slice(-CHAT_ANSWER_LIMITS.lookBack);
  const open = addressed.filter((q) => !answered.includes(q) && recent.includes(q));
  return open[open.length - 1] ?? null;
}

const ANSWER_TEMPLATES = [
  "We hear you. Name an institution, a policy or a proposal, and we can talk terms.",
  "Noted. What would you put on the table?",
  "We are listening. Make it concrete: a proposal we can accept or reject.",
];

function situation(view: PlayerView, me: Nation): Situation {
  const deterrence = view.deterrence.total;
  return { view, me, deterrence, gap: view.threat - deterrence, roundsLeft: Math.max(1, view.rounds - view.round + 1) };
}

/** The stance's lean on one term: positive = wants it. Data only (stance profile), never the agenda. */
function lean(profile: StanceProfile, term: ProposalTerm): number {
  switch (term.kind) {
    case "institution": {
      const v = (profile.institutions[term.institution] ?? 0) + (INSTITUTIONS[term.institution].deterrence > 0 ? 0.5 : 0);
      return term.op === "suspend" ? -v : v;
    }
    case "jointStatement":
      return profile.statements[term.topic] ?? 0;
    case "pledge":
      if (term.nation === profile.nation) return profile.policies[term.policy] ?? 0;
      return profile.asks.some((a) => a.nation === term.nation && a.policy === term.policy) ? 2 : 0;
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function redLineFor(profile: StanceProfile, sit: Situation, terms: ProposalTerm[], parties: Nation[], proposal?: Proposal): string | null {
  for (const line of profile.redLines) {
    const said = line.check(terms, parties, sit, proposal);
    if (said) return said;
  }
  return null;
}

/** What the bot thinks of one recognised thing, and what it would accept. */
function opinion(view: PlayerView, me: Nation, profile: StanceProfile, r: Recognised, partner: Nation | null): string | null {
  const sit = situation(view, me);
  const options = proposalTermOptions(view, me);
  switch (r.kind) {
    case "proposal": {
      const p = view.proposals.find((x) => x.id === r.id);
      if (!p) return `We do not see a ${proposalName(r.id)} among the proposals we are party to.`;
      const crossed = redLineFor(profile, sit, p.terms, p.parties, p);
      if (crossed) return `On ${proposalName(p.id)}: ${crossed}`;
      const v = p.terms.reduce((s, t) => s + lean(profile, t), 0);
      const what = p.terms.map((t) => describeTerm(t)).join("; ");
      if (p.status !== "open") return `${proposalName(p.id)} (${what}) is ${p.status} already.`;
      return v >= 0 ? `On ${proposalName(p.id)} (${what}): that is close to what we want.` : `On ${proposalName(p.id)} (${what}): not as it stands; change its terms and ask again.`;
    }
    case "institution": {
      const def = INSTITUTIONS[r.id];
      const status = view.institutions[r.id]?.status;
      const op = status === "in-force" ? null : status === "suspended" ? "restore" : "create";
      if (!op) return `${def.name} is in force, and we want it kept.`;
      const term: ProposalTerm = { kind: "institution", op, institution: r.id };
      const option = options.find((o) => JSON.stringify(o.term) === JSON.stringify(term));
      if (!option) return `${def.name} is not ours to ${op}: ${NATION_NAMES[me]} is not a member.`;
      const crossed = redLineFor(profile, sit, [term], option.parties);
      if (crossed) return crossed;
      const v = lean(profile, term);
      if (v > 0) return `${cap(op)} ${def.name}? Yes: we would accept a proposal to ${op} it${def.deterrence > 0 ? `, it adds deterrence (now ${sit.deterrence} against threat ${view.threat})` : ""}.`;
      const ask = profile.asks.find((a) => a.nation !== me && (partner === null || a.nation === partner));
      return ask
        ? `${def.name} costs us at home. We would accept it together with a pledge: ${describeTerm({ kind: "pledge", nation: ask.nation, policy: ask.policy })}.`
        : `${def.name} is not a priority for us this round.`;
    }
    case "policy": {
      const name = POLICIES[r.nation] && policyDefinition(r.nation, r.id)?.name;
      if (!name) return null;
      if (r.nation === me) {
        const v = profile.policies[r.id] ?? 0;
        return v > 0 ? `"${name}" is something we are ready to pledge, if you pledge something in return.` : `We will not pledge "${name}" this round.`;
      }
      const asked = profile.asks.some((a) => a.nation === r.nation && a.policy === r.id);
      return asked
        ? `${NATION_NAMES[r.nation]} pledging "${name}" is exactly what we want: put it in a proposal and we are in.`
        : `${NATION_NAMES[r.nation]} choosing "${name}" is ${NATION_NAMES[r.nation]}'s call; it would not change our answer by itself.`;
    }
    case "meter":
      return meterRemark(view, me, r.meter, partner);
  }
}

function meterRemark(view: PlayerView, me: Nation, meter: Extract<Recognised, { kind: "meter" }>["meter"], partner: Nation | null): string {
  const det = view.deterrence.total;
  switch (meter) {
    case "trust": {
      const pair = pairOf(me, partner ?? NATIONS.find((n) => n !== me)!);
      return `${pairName(pair)} trust stands at ${view.trust[pair]}.`;
    }
    case "support":
      return `Our support at home is ${view.support[me]}; below ${TUNING.leadership.fallsBelowSupport} a government falls.`;
    case "threat":
    case "deterrence":
      return view.threat > det ? `Threat ${view.threat} is above deterrence ${det}: as it stands a crisis marker lands at resolution.` : `Deterrence ${det} holds threat ${view.threat}, for now.`;
    case "history":
      return `History tension is ${view.historyTension} of 10, and the firewall is ${view.firewall}.`;
    case "firewall":
      return view.firewall === "intact" ? "The firewall holds: history shocks reach Seoul–Tokyo trust at half strength." : "The firewall is breached; a two-track statement would rebuild it.";
    case "defense":
      return `Japan's defense posture is ${view.japanDefense} of 10.`;
    case "burden":
      return `Burden shared is ${view.burdenShared} of 10.`;
    case "crisis":
      return `Crisis markers: ${view.crises} of ${TUNING.crisis.markersToEndGame}. At ${TUNING.crisis.markersToEndGame} every government loses.`;
  }
}

/** A concrete proposal to point to: our own open one, else the term this stance wants most. */
function pointer(view: PlayerView, me: Nation, profile: StanceProfile, partner: Nation | null): string | null {
  const mine = view.proposals.find((p) => p.by === me && p.status === "open" && p.round === view.round);
  if (mine) return `Our proposal ${proposalName(mine.id)} is on the table: ${mine.terms.map((t) => describeTerm(t)).join("; ")}.`;
  if (view.phase !== "negotiation") return null;
  const sit = situation(view, me);
  const best = proposalTermOptions(view, me)
    .filter((o) => (partner === null || o.parties.includes(partner)) && !redLineFor(profile, sit, [o.term], o.parties))
    .map((o) => ({ o, v: lean(profile, o.term) }))
    .filter((x) => x.v > 0)
    .sort((a, b) => b.v - a.v)[0];
  if (!best) return null;
  const others = best.o.parties.filter((n) => n !== me).map((n) => NATION_NAMES[n]);
  return `The proposal we would look at first: ${describeTerm(best.o.term)}, with ${others.join(" and ")}.`;
}

/** The bot's answer to a message (pure; the rng picks among equally good phrasings). */
export function answerText(view: PlayerView, me: Nation, profile: StanceProfile, message: ChatMessage, rng: number): { text: string; rng: number } {
  const partner = message.from;
  const said = recognise(message.text)
    .map((r) => opinion(view, me, profile, r, partner))
    .filter((s): s is string => !!s)
    .slice(0, 3);
  const point = pointer(view, me, profile, partner);
  if (said.length === 0) {
    const [i, next] = nextInt(rng, ANSWER_TEMPLATES.length);
    return { text: clip([ANSWER_TEMPLATES[i]!, point].filter(Boolean).join(" "), TUNING.chat.maxLength), rng: next };
  }
  return { text: clip([...said, point].filter(Boolean).join(" "), TUNING.chat.maxLength), rng };
}

/** The hook the bot policy calls first: a `say` answering a message addressed to it, or null. */
export function chatAnswer(view: PlayerView, me: Nation, profile: StanceProfile, rng: number): { command: Command; rng: number } | null {
  if (view.phase === "ended") return null;
  const question = pendingQuestion(view, me);
  if (!question) return null;
  const channel: Channel = question.channel;
  const { text, rng: next } = answerText(view, me, profile, question, rng);
  return { command: { type: "say", channel, text }, rng: next };
}
