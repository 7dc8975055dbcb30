import { proposalTermOptions } from "../rules/legal.ts";
import { INSTITUTION_IDS, INSTITUTIONS } from "../rules/institutions.ts";
import type { Proposal, ProposalTerm } from "../rules/proposals.ts";
import type { Channel } from "../rules/state.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATIONS, pairOf, type Nation } from "../rules/vocabulary.ts";
import type { Command } from "../rules/commands.ts";
import { ownFingerprint, termKey, termWorth, type Mind } from "./mind.ts";
import type { Situation, StanceProfile } from "./profile.ts";
import { Fifo } from "./fifo.ts";
import { STANCE_PROFILES } from "./stances/index.ts";
import { clip, render, signature, situationFill, termReason, termsPhrase } from "./talk.ts";
import type { Evaluator } from "./utility.ts";

/**
 * Negotiation: answer what is waiting (giving the reason on the proposal's channel), an opening
 * remark, up to a level's number of deals tabled, then ready. Every term is priced by running the
 * engine on the seat's hypothetical (mind.ts).
 */

/**
 * Chat budget: one remark of the bot's own per phase (an opening or a summary line), reasons for
 * its answers grouped one line per channel, and never more than this many lines in one phase.
 */
export const MAX_LINES_PER_PHASE = 3;

const answerTag = (p: Proposal) => `On ${p.id}:`;

function channelFor(me: Nation, parties: readonly Nation[]): Channel {
  if (parties.length === 2) {
    const other = parties.find((n) => n !== me);
    if (other) return pairOf(me, other);
  }
  return "table";
}

export function myLinesThisPhase(m: Mind): number {
  let n = 0;
  for (const msg of m.view.messages) if (msg.from === m.me && msg.round === m.view.round && msg.phase === m.view.phase) n += 1;
  return n;
}

function said(m: Mind, tag: string): boolean {
  for (const msg of m.view.messages) if (msg.from === m.me && msg.round === m.view.round && msg.text.includes(tag)) return true;
  return false;
}

export function negotiate(m: Mind): Command | null {
  const { view, me } = m;
  // 1. Answer what is waiting for us.
  for (const p of view.proposals) {
    if (p.status === "open" && p.by !== me && p.parties.includes(me) && !p.accepted.includes(me)) return answer(m, p);
  }
  // 2. Say why, on the proposal's channel — one line per channel, however many answers it covers,
  //    and never more than MAX_LINES_PER_PHASE lines in all.
  const lines = myLinesThisPhase(m);
  let channel: Channel | null = null;
  const reasons: string[] = [];
  for (const p of view.proposals) {
    if (p.round !== view.round || p.by === me || !p.parties.includes(me)) continue;
    const accepted = p.accepted.includes(me);
    if (!accepted && p.rejectedBy !== me) continue;
    if (said(m, answerTag(p))) continue;
    const c = channelFor(me, p.parties);
    if (channel !== null && c !== channel) continue;
    channel = c;
    reasons.push(explain(m, p, accepted));
  }
  if (channel !== null && lines < MAX_LINES_PER_PHASE) return { type: "say", channel, text: clip(reasons.join(" "), TUNING.chat.maxLength) };
  if (view.ready.includes(me)) return null;
  const mine = view.proposals.filter((p) => p.by === me && p.round === view.round);
  // 3. An opening remark about the situation, before any deal.
  if (lines === 0 && mine.length === 0 && m.r.float() < m.level.chatChance) {
    const text = opening(m);
    if (text) return { type: "say", channel: "table", text };
  }
  // 4. Table a deal that serves us and that the others can plausibly accept.
  const open = view.proposals.filter((p) => p.by === me && p.status === "open").length;
  if (mine.length < m.level.maxProposals && open < TUNING.proposals.maxOpenPerSeat && m.r.float() < m.level.proposeChance) {
    const deal = bestDeal(m);
    if (deal) {
      const note = clip(render(m.r.pick(m.profile.chat.pitch), { ...situationFill(view, me), terms: termsPhrase(deal.terms) }), 200);
      return { type: "tableProposal", parties: deal.parties, terms: deal.terms, note };
    }
  }
  // 5. Done.
  return { type: "ready" };
}

interface Judgement {
  value: number;
  redLine: string | null;
  parts: { term: ProposalTerm; value: number }[];
}

/** How much a proposal is worth to `ev`'s government, and whether it crosses one of `profile`'s red lines. */
function judge(m: Mind, ev: Evaluator, profile: StanceProfile, terms: readonly ProposalTerm[], parties: readonly Nation[], proposal?: Proposal): Judgement {
  const sit = m.sitOf(ev.nation);
  let redLine: string | null = null;
  for (const line of profile.redLines) {
    redLine = line.check(terms, parties, sit, proposal);
    if (redLine) break;
  }
  const parts = terms.map((term) => ({ term, value: termWorth(m, ev, term, parties) }));
  return { value: parts.reduce((s, p) => s + p.value, 0), redLine, parts };
}


function answer(m: Mind, p: Proposal): Command {
  const verdict = judge(m, m.ev(), m.profile, p.terms, p.parties, p);
  const yes = !verdict.redLine && verdict.value + m.r.noise(m.level.noise) >= m.profile.acceptThreshold;
  return yes ? { type: "acceptProposal", proposalId: p.id } : { type: "rejectProposal", proposalId: p.id };
}

/** The one-line reason, in the stance's voice, naming the term that decided it. */
function explain(m: Mind, p: Proposal, accepted: boolean): string {
  const verdict = judge(m, m.ev(), m.profile, p.terms, p.parties, p);
  let reason: string;
  if (!accepted && verdict.redLine) {
    reason = verdict.redLine;
  } else {
    const sorted = verdict.parts.slice().sort((a, b) => (accepted ? b.value - a.value : a.value - b.value));
    const top = sorted[0];
    reason = top ? termReason(top.term, accepted, m.me, m.view) : "";
    if (!accepted && top && top.value >= 0) reason = "Taken together, it costs us more than it gives us this round.";
  }
  const templates = accepted ? m.profile.chat.accept : m.profile.chat.reject;
  const template = templates[Number(p.id.replace(/\D/g, "")) % templates.length]!;
  return render(`${answerTag(p)} ${template}`, { ...situationFill(m.view, m.me), reason });
}

/** A template from the pool that this seat has not used in the last two rounds, or null. */
export function fresh(m: Mind, pool: readonly string[]): string | null {
  const recent = m.view.messages.filter((msg) => msg.from === m.me && msg.round >= m.view.round - 2).map((msg) => msg.text);
  const unused = pool.filter((t) => {
    const sig = signature(t);
    return !recent.some((text) => text.includes(sig));
  });
  return unused.length > 0 ? m.r.pick(unused) : null;
}

function opening(m: Mind): string | null {
  const { view, profile } = m;
  const t = profile.chat.open;
  let pool = t.calm;
  if (m.sit.gap >= 0) pool = t.crisis;
  else if (view.exportControls) pool = t.exportControls;
  else if (view.institutions.gsomia?.status === "suspended") pool = t.gsomiaSuspended;
  else if (view.historyTension >= 6 || view.card?.tags.includes("history")) pool = t.history;
  const template = fresh(m, pool);
  return template && render(template, situationFill(view, m.me));
}

interface Offer {
  terms: ProposalTerm[];
  parties: Nation[];
  value: number;
}

const dealKey = (terms: readonly ProposalTerm[]) => terms.map(termKey).sort().join("|");

/**
 * proposalTermOptions, remembered: which terms a seat may write depends only on the phase, the
 * institutions' standing, the flags, Japan's posture (counterstrike needs one) and the seat's count of open proposals — and the bot checks
 * that count before it looks for a deal.
 */
const optionCache = new Fifo<ReturnType<typeof proposalTermOptions>>(256);

function termOptions(view: PlayerView, me: Nation): ReturnType<typeof proposalTermOptions> {
  let key = `${me}|${view.phase}|${view.firewall}|${view.exportControls ? 1 : 0}|${view.counterstrike ? 1 : 0}|${view.japanDefense}|`;
  for (const id of INSTITUTION_IDS) key += view.institutions[id]?.status === "in-force" ? "1" : view.institutions[id] ? "2" : "0";
  let options = optionCache.get(key);
  if (!options) {
    options = optionCache.set(key, proposalTermOptions(view, me));
  }
  return options;
}

/** A quick sense of how much a stance wants a term, to decide which terms to price properly. */
function lean(profile: StanceProfile, term: ProposalTerm, sit: Situation): number {
  if (term.kind === "jointStatement") return profile.statements[term.topic] ?? 0;
  if (term.kind !== "institution") return 0;
  const def = INSTITUTIONS[term.institution];
  const flavour = profile.institutions[term.institution] ?? 0;
  if (term.op === "suspend") return -flavour;
  const security = def.security && def.deterrence > 0 ? 2 + Math.max(0, sit.gap + 2) : 0;
  return flavour + security + def.income.length + (term.op === "restore" ? 1 : 0);
}

/** Terms worth pricing when looking for a deal: what the stance leans toward, and any security institution. */
function interesting(profile: StanceProfile, term: ProposalTerm): boolean {
  if (term.kind === "jointStatement") return (profile.statements[term.topic] ?? 0) > 0;
  if (term.kind !== "institution") return true;
  const flavour = profile.institutions[term.institution] ?? 0;
  if (term.op === "suspend") return flavour < 0;
  return flavour >= 0 || INSTITUTIONS[term.institution].security;
}

interface Candidate extends Offer {
  key: string;
  /** Keys of the non-pledge terms, which another open proposal may already cover. */
  covers: string[];
  /** Whether every other party's public stance would accept it (worked out when first needed). */
  acceptable?: boolean;
}

const MAX_DEALS_TRIED = 4;

/** Every deal worth tabling in this situation, best first. A pure function of the fingerprint, so cached. */
const dealCache = new Fifo<Candidate[]>(16);

function candidatesFor(m: Mind): Candidate[] {
  const fp = `${ownFingerprint(m)}`;
  const hit = dealCache.get(fp);
  if (hit) return hit;
  const { view, me, profile } = m;
  const ev = m.ev();
  const options = termOptions(view, me);
  const singles: { term: ProposalTerm; parties: Nation[]; mine: number; key: string }[] = [];
  const asks: { term: ProposalTerm; parties: Nation[]; mine: number; key: string }[] = [];
  // Shortlist the institutions and statements by the stance's leanings before pricing them properly.
  const shortlist: { term: ProposalTerm; parties: Nation[]; lean: number }[] = [];
  for (const o of options) {
    if (o.term.kind === "pledge") {
      const t = o.term;
      if (!profile.asks.some((a) => a.nation === t.nation && a.policy === t.policy)) continue;
      const mine = termWorth(m, ev, t, o.parties);
      if (mine > 0) asks.push({ term: t, parties: o.parties, mine, key: termKey(t) });
    } else if (interesting(profile, o.term)) {
      shortlist.push({ term: o.term, parties: o.parties, lean: lean(profile, o.term, m.sit) });
    }
  }
  shortlist.sort((a, b) => b.lean - a.lean);
  for (const o of shortlist.slice(0, 4)) {
    const mine = termWorth(m, ev, o.term, o.parties);
    if (mine > -2) singles.push({ term: o.term, parties: o.parties, mine, key: termKey(o.term) });
  }
  singles.sort((a, b) => b.mine - a.mine);
  asks.sort((a, b) => b.mine - a.mine);
  const topSingles = singles.slice(0, 6);
  const topAsks = asks.slice(0, 3);
  const union = (a: readonly Nation[], b: readonly Nation[]) => NATIONS.filter((n) => a.includes(n) || b.includes(n));
  const list: Candidate[] = [];
  const none: string[] = [];
  for (const s of topSingles) if (s.mine >= profile.proposeThreshold) list.push({ terms: [s.term], parties: s.parties, value: s.mine, key: s.key, covers: [s.key] });
  for (const a of topAsks) if (a.mine >= profile.proposeThreshold) list.push({ terms: [a.term], parties: a.parties, value: a.mine, key: a.key, covers: none });
  for (const s of topSingles) {
    for (const a of topAsks) {
      const value = s.mine + a.mine;
      if (value < profile.proposeThreshold) continue;
      const key = s.key < a.key ? `${s.key}|${a.key}` : `${a.key}|${s.key}`;
      list.push({ terms: [s.term, a.term], parties: union(s.parties, a.parties), value, key, covers: [s.key] });
    }
  }
  list.sort((a, b) => b.value - a.value);
  dealCache.set(fp, list);
  return list;
}

/**
 * The best deal to table: a single term the bot wants, an ask (another seat's pledge), or a
 * trade of the two — not already on the table this round, naming only parties still talking,
 * and predicted acceptable to every other party through their public stance.
 */
export function bestDeal(m: Mind): Offer | null {
  const { view, me, profile } = m;
  const seen: string[] = [];
  const busy: string[] = [];
  for (const p of view.proposals) {
    if (p.round !== view.round) continue;
    seen.push(dealKey(p.terms));
    if (p.status === "open" || p.status === "agreed") for (const t of p.terms) if (t.kind !== "pledge") busy.push(termKey(t));
  }
  // Sound out at most a dozen deals, best first; past that, nothing on the list is worth the haggling.
  let tried = 0;
  for (const deal of candidatesFor(m)) {
    if (seen.includes(deal.key) || deal.covers.some((k) => busy.includes(k))) continue;
    if (!deal.parties.every((n) => n === me || !view.ready.includes(n))) continue;
    deal.acceptable ??= acceptableToAll(m, profile, deal);
    if (deal.acceptable) return deal;
    if (++tried >= MAX_DEALS_TRIED) break;
  }
  return null;
}

function acceptableToAll(m: Mind, profile: StanceProfile, deal: Offer): boolean {
  if (judge(m, m.ev(), profile, deal.terms, deal.parties).redLine) return false;
  for (const other of deal.parties) {
    if (other === m.me) continue;
    const theirProfile = STANCE_PROFILES[m.view.stances[other]];
    const theirs = theirProfile && judge(m, m.model(other), theirProfile, deal.terms, deal.parties);
    if (!theirs || theirs.redLine || theirs.value < theirProfile.acceptThreshold) return false;
  }
  return true;
}


export function clearDealCaches(): void {
  dealCache.clear();
  optionCache.clear();
}
