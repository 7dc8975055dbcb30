import { checkCommand } from "../rules/checks.ts";
import { finishingCommand } from "../rules/finish.ts";
import { seat, type Command } from "../rules/commands.ts";
import { chatChannels, legalCommands, proposalTermOptions } from "../rules/legal.ts";
import { INSTITUTION_IDS, INSTITUTIONS } from "../rules/institutions.ts";
import type { PolicyId } from "../rules/policies.ts";
import type { Proposal, ProposalTerm } from "../rules/proposals.ts";
import { nextFloat } from "../rules/rng.ts";
import type { Channel } from "../rules/state.ts";
import { TUNING } from "../rules/tuning.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATIONS, pairOf, STANCES, type Nation, type Pair, type StanceId } from "../rules/vocabulary.ts";
import type { Difficulty } from "./registry.ts";
import { chatAnswer } from "./chat-answers.ts";
import { hardUtility, hypotheticalState, resolveHypothetical } from "./lookahead.ts";
import type { Situation, StanceProfile } from "./profile.ts";
import type { SeatPolicy } from "./random.ts";
import { STANCE_PROFILES } from "./stances/index.ts";
import { clip, policyPhrase, render, signature, situationFill, termReason, termsPhrase } from "./talk.ts";
import {
  effectsValue,
  evaluatorFor,
  legalPolicies,
  pledgeRecords,
  policyValue,
  snapOf,
  termValue,
  type Evaluator,
  type Snap,
} from "./values.ts";

/** How a difficulty level plays. */
export interface Level {
  /** Standard deviation of the noise added to every valuation. */
  noise: number;
  /** Proposals the bot may table in one negotiation phase. */
  maxProposals: number;
  /** Chance, at each opportunity, that the bot looks for a deal to table. */
  proposeChance: number;
  /** Pursues its secret agenda and weighs how its choices play out over the rounds left (easy bots are myopic). */
  foresight: boolean;
  /** Checks its policy and responses against the real engine (one-step lookahead). */
  lookahead: boolean;
  /** Chance of an opening or summary remark. */
  chatChance: number;
}

export const LEVELS: Record<Difficulty, Level> = {
  easy: { noise: 2, maxProposals: 1, proposeChance: 0.8, foresight: false, lookahead: false, chatChance: 0.4 },
  normal: { noise: 0.8, maxProposals: 2, proposeChance: 0.9, foresight: true, lookahead: false, chatChance: 0.5 },
  hard: { noise: 0.2, maxProposals: 2, proposeChance: 1, foresight: true, lookahead: true, chatChance: 0.6 },
};

/**
 * Chat budget: one remark of the bot's own per phase (an opening or a summary line), reasons for
 * its answers grouped one line per channel, and never more than this many lines in one phase.
 */
export const MAX_LINES_PER_PHASE = 3;

/** Counters for tests and the simulator: a bot that had to fall back from an illegal choice is a bug. */
export const botDiagnostics = { illegal: 0, lastIllegal: null as null | { nation: Nation; command: Command; reason: string } };

interface Rand {
  state: number;
  float(): number;
  noise(sd: number): number;
  pick<T>(items: readonly T[]): T;
}

function rand(state: number): Rand {
  const r: Rand = {
    state,
    float() {
      const [f, next] = nextFloat(r.state);
      r.state = next;
      return f;
    },
    noise(sd) {
      if (sd === 0) return 0;
      return (r.float() + r.float() + r.float() - 1.5) * 2 * sd;
    },
    pick(items) {
      return items[Math.min(items.length - 1, Math.floor(r.float() * items.length))]!;
    },
  };
  return r;
}

/** Everything one decision needs, computed on demand. */
interface Mind {
  view: PlayerView;
  me: Nation;
  profile: StanceProfile;
  level: Level;
  r: Rand;
  sit: Situation;
  base: Snap;
  ev(): Evaluator;
  /** Another seat's evaluator, as this seat can model it: public stance, no agenda. */
  model(nation: Nation): Evaluator;
  /** Fingerprints of the situation, for the value caches (computed on first use). */
  fp?: string;
  publicFp?: string;
  /** The situation as each nation sees it (only `me` differs). */
  sitOf(nation: Nation): Situation;
  tables: Partial<Record<Nation, Map<string, number>>>;
  /** Each seat's chance of keeping its word, as this seat judges it. */
  keep: Partial<Record<Nation, number>>;
  /** Each seat's record of kept and broken pledges this game. */
  records(): ReturnType<typeof pledgeRecords>;
}

export function profileFor(view: PlayerView, nation: Nation, fallback: StanceId): StanceProfile {
  const current = STANCE_PROFILES[view.stances[nation]];
  if (current && current.nation === nation) return current;
  const wanted = STANCE_PROFILES[fallback];
  if (wanted && wanted.nation === nation) return wanted;
  return STANCE_PROFILES[STANCES[nation][0]];
}

function mindOf(view: PlayerView, me: Nation, profile: StanceProfile, level: Level, r: Rand): Mind {
  const deterrence = view.deterrence.total;
  const sit: Situation = { view, me, deterrence, gap: view.threat - deterrence, roundsLeft: Math.max(1, view.rounds - view.round + 1) };
  let base: Snap | undefined;
  let records: ReturnType<typeof pledgeRecords> | undefined;
  let own: Evaluator | undefined;
  const models: Partial<Record<Nation, Evaluator>> = {};
  const sits: Partial<Record<Nation, Situation>> = {};
  const mind: Mind = {
    view,
    me,
    profile,
    level,
    r,
    sit,
    get base() {
      return (base ??= snapOf(view));
    },
    tables: {},
    keep: {},
    records: () => (records ??= pledgeRecords(view)),
    sitOf: (nation) => (nation === me ? sit : (sits[nation] ??= { ...sit, me: nation })),
    ev: () => (own ??= evaluatorFor(view, me, profile, level.foresight, true)),
    model: (nation) => {
      if (nation === me) return mind.ev();
      return (models[nation] ??= modelOf(mind, nation));
    },
  };
  return mind;
}

/** Models of other seats depend on public facts only, so they are shared while the situation stands. */
const modelCache = new Map<string, Evaluator>();

function modelOf(m: Mind, nation: Nation): Evaluator {
  const key = `${(m.publicFp ??= publicFingerprint(m))}#${nation}`;
  let ev = modelCache.get(key);
  if (!ev) {
    if (modelCache.size >= VALUE_CACHE_SIZE) modelCache.delete(modelCache.keys().next().value!);
    modelCache.set(key, (ev = evaluatorFor(m.view, nation, STANCE_PROFILES[m.view.stances[nation]] ?? m.profile, true, false)));
  }
  return ev;
}

/**
 * A scripted bot for one seat. It plays the stance of its nation's current government (after a
 * leadership change the new stance takes over; `fallback` is used only if the view's stance is
 * not one of the nation's). Deterministic: all chance comes from the rng argument.
 */
export function makeBot(fallback: StanceId, difficulty: Difficulty): SeatPolicy {
  const level = LEVELS[difficulty];
  return (view, nation, rng) => {
    if (view.phase === "ended") return { command: null, rng };
    const answer = chatAnswer(view, nation, profileFor(view, nation, fallback), rng);
    if (answer) return answer;
    const r = rand(rng);
    const mind = mindOf(view, nation, profileFor(view, nation, fallback), level, r);
    const command = decide(mind);
    return { command: command && ensureLegal(view, nation, command), rng: r.state };
  };
}

function decide(m: Mind): Command | null {
  switch (m.view.phase) {
    case "event":
      return respond(m);
    case "negotiation":
      return negotiate(m);
    case "policy":
      return commit(m);
    case "summary":
      return summarize(m);
    default:
      return null;
  }
}

/** The engine is the judge: anything the bot came up with is checked with the engine's own predicate. */
function ensureLegal(view: PlayerView, nation: Nation, command: Command): Command | null {
  let problem = checkCommand(view, seat(nation), command)?.message ?? null;
  if (!problem && command.type === "say" && !chatChannels(nation).includes(command.channel)) problem = "not my channel";
  if (!problem && command.type === "say" && (command.text.trim().length === 0 || command.text.length > TUNING.chat.maxLength)) problem = "bad text";
  if (!problem && command.type === "tableProposal" && command.note.length > 200) problem = "note too long";
  if (!problem) return command;
  botDiagnostics.illegal += 1;
  botDiagnostics.lastIllegal = { nation, command, reason: problem };
  return finishingCommand(view, nation);
}

// ——— Event ———————————————————————————————————————————————————————————————

function respond(m: Mind): Command | null {
  const { view, me } = m;
  const response = view.card?.response;
  if (!response || !view.responsesDue.includes(me) || view.responses[me] !== undefined) return null;
  let best = response.options[0]!;
  let bestValue = -Infinity;
  const ev = m.ev();
  let hypo: ReturnType<typeof hypotheticalState> | null = null;
  let guess: Record<Nation, PolicyId> | null = null;
  for (const option of response.options) {
    let value: number;
    if (m.level.lookahead) {
      hypo ??= hypotheticalState(view, me);
      guess ??= guessPolicies(m, null);
      value = hardUtility(ev, hypo, resolveHypothetical(hypo, guess, option.effects));
    } else {
      value = effectsValue(ev, m.base, option.effects);
    }
    value += m.r.noise(m.level.noise);
    if (value > bestValue) {
      bestValue = value;
      best = option;
    }
  }
  return { type: "respond", optionId: best.id };
}

// ——— Negotiation —————————————————————————————————————————————————————————

const answerTag = (p: Proposal) => `On ${p.id}:`;

function channelFor(me: Nation, parties: readonly Nation[]): Channel {
  if (parties.length === 2) {
    const other = parties.find((n) => n !== me);
    if (other) return pairOf(me, other);
  }
  return "table";
}

function myLinesThisPhase(m: Mind): number {
  let n = 0;
  for (const msg of m.view.messages) if (msg.from === m.me && msg.round === m.view.round && msg.phase === m.view.phase) n += 1;
  return n;
}

function said(m: Mind, tag: string): boolean {
  for (const msg of m.view.messages) if (msg.from === m.me && msg.round === m.view.round && msg.text.includes(tag)) return true;
  return false;
}

function negotiate(m: Mind): Command | null {
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

/**
 * Term values are pure functions of the public situation, which does not change while the seats
 * talk; so they are kept for the rest of the phase under a fingerprint of everything they depend
 * on. (A cache hit returns exactly what a fresh computation would: determinism is unaffected.)
 */
const valueCache = new Map<string, Map<string, number>>();
const VALUE_CACHE_SIZE = 8;

/**
 * Everything public that a valuation depends on (not who is asking): the meters, flags and
 * institutions, the stances, the round, Tokyo's apologies so far (Seoul's history justice) and
 * each seat's record of kept and broken pledges. Two situations with the same fingerprint — in
 * this game or another — are valued identically, so the caches never change a decision.
 */
function publicFingerprint(m: Mind): string {
  const v = m.view;
  let inst = "";
  for (const id of INSTITUTION_IDS) inst += v.institutions[id]?.status === "in-force" ? "1" : v.institutions[id] ? "2" : "0";
  const records = m.records();
  let pledges = "";
  for (const n of NATIONS) pledges += `${records[n].kept}/${records[n].broken},`;
  return [
    v.round, v.rounds, v.phase,
    v.trust["seoul-tokyo"], v.trust["seoul-washington"], v.trust["tokyo-washington"],
    v.support.seoul, v.support.tokyo, v.support.washington,
    v.threat, v.historyTension, v.japanDefense, v.burdenShared, v.firewall, v.exportControls ? 1 : 0, v.counterstrike ? 1 : 0,
    v.current.deterrenceBonus, v.crises, v.stances.seoul, v.stances.tokyo, v.stances.washington,
    m.base.apologies, pledges, inst,
  ].join("|");
}

/** Empties the bots' value caches (for tests: decisions must not depend on what was cached before). */
export function clearBotCaches(): void {
  valueCache.clear();
  dealCache.clear();
  modelCache.clear();
  optionCache.clear();
}

/** The public fingerprint plus who is asking, with what stance, agenda and foresight. */
function fingerprint(m: Mind): string {
  const agenda = m.view.agendas[m.me];
  return `${(m.publicFp ??= publicFingerprint(m))}#${m.me}|${m.profile.id}|${m.level.foresight ? 1 : 0}|${agenda ? `${agenda.id}:${agenda.broken ? 1 : 0}` : "-"}`;
}

function tableFor(m: Mind, nation: Nation): Map<string, number> {
  let table = m.tables[nation];
  if (table) return table;
  // Our own values depend on our agenda; our models of the others use public facts only, so every
  // seat that models, say, Tokyo in this situation shares one table.
  const fp = nation === m.me ? `${(m.fp ??= fingerprint(m))}#own` : `${(m.publicFp ??= publicFingerprint(m))}#model#${nation}`;
  table = valueCache.get(fp);
  if (!table) {
    if (valueCache.size >= VALUE_CACHE_SIZE) valueCache.delete(valueCache.keys().next().value!);
    valueCache.set(fp, (table = new Map()));
  }
  return (m.tables[nation] = table);
}

function cached(m: Mind, ev: Evaluator, key: string, compute: () => number): number {
  const table = tableFor(m, ev.nation);
  let v = table.get(key);
  if (v === undefined) table.set(key, (v = compute()));
  return v;
}

function bestPolicyValue(m: Mind, ev: Evaluator): number {
  return cached(m, ev, "best", () => {
    let best = -Infinity;
    const sit = m.sitOf(ev.nation);
    for (const p of legalPolicies(m.view, ev.nation)) best = Math.max(best, policyValue(ev, m.base, ev.nation, p, sit));
    return best;
  });
}

/** The chance that `nation` keeps a pledge: its stance's reputation, corrected by its record in this game. */
function keepChance(m: Mind, nation: Nation): number {
  return (m.keep[nation] ??= (() => {
    const reputation = STANCE_PROFILES[m.view.stances[nation]]?.trustworthiness ?? 0.7;
    const record = m.records()[nation];
    return (record.kept + 2 * reputation) / (record.kept + record.broken + 2);
  })());
}

/** What a change of trust on one pair is worth to `ev` (pledges settle as such changes). */
function trustWorth(m: Mind, ev: Evaluator, pair: Pair, delta: number): number {
  return cached(m, ev, trustKey(pair, delta), () => effectsValue(ev, m.base, [{ kind: "trust", pair, delta }]));
}

const TRUST_KEYS = new Map<number, Record<Pair, string>>();
function trustKey(pair: Pair, delta: number): string {
  let keys = TRUST_KEYS.get(delta);
  if (!keys) TRUST_KEYS.set(delta, (keys = { "seoul-tokyo": `t:seoul-tokyo:${delta}`, "seoul-washington": `t:seoul-washington:${delta}`, "tokyo-washington": `t:tokyo-washington:${delta}` }));
  return keys[pair];
}

function termWorth(m: Mind, ev: Evaluator, term: ProposalTerm, parties: readonly Nation[]): number {
  const key = `${term.kind}:${term.kind === "institution" ? `${term.op}:${term.institution}` : term.kind === "pledge" ? `${term.nation}:${term.policy}` : `${term.topic}:${parties.join(",")}`}`;
  return cached(m, ev, key, () => {
    if (term.kind !== "pledge") return termValue(ev, m.base, term, parties);
    const policy = term.policy as PolicyId;
    let kept = 0;
    let broken = 0;
    for (const n of parties) {
      if (n === term.nation) continue;
      kept += trustWorth(m, ev, pairOf(term.nation, n), TUNING.pledges.keptTrustBonus);
      broken += trustWorth(m, ev, pairOf(term.nation, n), TUNING.pledges.brokenTrustPenalty);
    }
    if (term.nation === ev.nation) {
      const own = policyValue(ev, m.base, ev.nation, policy, m.sitOf(ev.nation));
      const cost = bestPolicyValue(m, ev) - own;
      // A promise to do what we would do anyway will be kept; a costly one only as often as our word holds.
      if (cost <= 0.01) return kept;
      const t = ev.profile.trustworthiness;
      return t * (kept - cost) + (1 - t) * broken;
    }
    const gain = policyValue(ev, m.base, term.nation, policy, m.sit);
    const p = keepChance(m, term.nation);
    return p * (gain + kept) + (1 - p) * broken;
  });
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
function fresh(m: Mind, pool: readonly string[]): string | null {
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

interface Deal {
  terms: ProposalTerm[];
  parties: Nation[];
  value: number;
}

const termKey = (t: ProposalTerm) =>
  t.kind === "institution" ? `i:${t.op}:${t.institution}` : t.kind === "pledge" ? `p:${t.nation}:${t.policy}` : `s:${t.topic}`;
const dealKey = (terms: readonly ProposalTerm[]) => terms.map(termKey).sort().join("|");

/**
 * proposalTermOptions, remembered: which terms a seat may write depends only on the phase, the
 * institutions' standing, the flags and the seat's count of open proposals — and the bot checks
 * that count before it looks for a deal.
 */
const optionCache = new Map<string, ReturnType<typeof proposalTermOptions>>();

function termOptions(view: PlayerView, me: Nation): ReturnType<typeof proposalTermOptions> {
  let key = `${me}|${view.phase}|${view.firewall}|${view.exportControls ? 1 : 0}|${view.counterstrike ? 1 : 0}|`;
  for (const id of INSTITUTION_IDS) key += view.institutions[id]?.status === "in-force" ? "1" : view.institutions[id] ? "2" : "0";
  let options = optionCache.get(key);
  if (!options) {
    if (optionCache.size >= 256) optionCache.delete(optionCache.keys().next().value!);
    optionCache.set(key, (options = proposalTermOptions(view, me)));
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

interface Candidate extends Deal {
  key: string;
  /** Keys of the non-pledge terms, which another open proposal may already cover. */
  covers: string[];
  /** Whether every other party's public stance would accept it (worked out when first needed). */
  acceptable?: boolean;
}

const MAX_DEALS_TRIED = 6;

/** Every deal worth tabling in this situation, best first. A pure function of the fingerprint, so cached. */
const dealCache = new Map<string, Candidate[]>();

function candidatesFor(m: Mind): Candidate[] {
  const fp = (m.fp ??= fingerprint(m));
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
  for (const o of shortlist.slice(0, 6)) {
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
  if (dealCache.size >= VALUE_CACHE_SIZE) dealCache.delete(dealCache.keys().next().value!);
  dealCache.set(fp, list);
  return list;
}

/**
 * The best deal to table: a single term the bot wants, an ask (another seat's pledge), or a
 * trade of the two — not already on the table this round, naming only parties still talking,
 * and predicted acceptable to every other party through their public stance.
 */
function bestDeal(m: Mind): Deal | null {
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

function acceptableToAll(m: Mind, profile: StanceProfile, deal: Deal): boolean {
  if (judge(m, m.ev(), profile, deal.terms, deal.parties).redLine) return false;
  for (const other of deal.parties) {
    if (other === m.me) continue;
    const theirProfile = STANCE_PROFILES[m.view.stances[other]];
    const theirs = theirProfile && judge(m, m.model(other), theirProfile, deal.terms, deal.parties);
    if (!theirs || theirs.redLine || theirs.value < theirProfile.acceptThreshold) return false;
  }
  return true;
}

// ——— Policy ——————————————————————————————————————————————————————————————

/** What the others will probably commit: their pledges if they made any, else their stance's best guess. */
function guessPolicies(m: Mind, mine: PolicyId | null): Record<Nation, PolicyId> {
  const guess = {} as Record<Nation, PolicyId>;
  for (const n of NATIONS) {
    if (n === m.me && mine) {
      guess[n] = mine;
      continue;
    }
    const pledged = pledgesOf(m.view, n);
    if (pledged.length > 0) {
      guess[n] = pledged[0]!;
      continue;
    }
    const ev = m.model(n);
    let best: PolicyId = "hold-steady";
    let bestValue = -Infinity;
    for (const p of legalPolicies(m.view, n)) {
      const v = policyValue(ev, m.base, n, p, m.sitOf(n));
      if (v > bestValue) {
        bestValue = v;
        best = p;
      }
    }
    guess[n] = best;
  }
  return guess;
}

/** Policies `nation` pledged in this round's agreed proposals that the viewer can see. */
function pledgesOf(view: PlayerView, nation: Nation): PolicyId[] {
  const out: PolicyId[] = [];
  for (const p of view.proposals) {
    if (p.round !== view.round || (p.status !== "agreed" && p.status !== "enacted")) continue;
    for (const t of p.terms) if (t.kind === "pledge" && t.nation === nation) out.push(t.policy as PolicyId);
  }
  return out;
}

function commit(m: Mind): Command | null {
  const { view, me } = m;
  if (view.committed[me]) return null;
  const legal = legalPolicies(view, me);
  const ev = m.ev();
  const values = new Map<PolicyId, number>();
  if (m.level.lookahead) {
    const hypo = hypotheticalState(view, me);
    const guess = guessPolicies(m, null);
    for (const p of legal) {
      const after = resolveHypothetical(hypo, { ...guess, [me]: p });
      const flavour = (m.profile.policies[p] ?? 0) + (m.profile.adjustPolicy?.(p, m.sit) ?? 0);
      values.set(p, hardUtility(ev, hypo, after) + flavour + m.r.noise(m.level.noise));
    }
  } else {
    for (const p of legal) values.set(p, policyValue(ev, m.base, me, p, m.sit) + m.r.noise(m.level.noise));
  }
  const ranked = legal.slice().sort((a, b) => values.get(b)! - values.get(a)!);
  let choice = ranked[0] ?? "hold-steady";
  const pledged = pledgesOf(view, me).filter((p) => legal.includes(p));
  if (pledged.length > 0 && m.r.float() < m.profile.trustworthiness) {
    choice = pledged.sort((a, b) => values.get(b)! - values.get(a)!)[0]!;
  }
  return { type: "commitPolicy", policy: choice };
}

// ——— Summary —————————————————————————————————————————————————————————————

function summarize(m: Mind): Command | null {
  const { view, me } = m;
  if (view.ready.includes(me)) return null;
  if (myLinesThisPhase(m) === 0 && m.r.float() < m.level.chatChance) {
    const line = summaryLine(m);
    if (line) return { type: "say", channel: line.channel, text: line.text };
  }
  return { type: "ready" };
}

function summaryLine(m: Mind): { channel: Channel; text: string } | null {
  const { view, me, profile } = m;
  const last = view.history[view.history.length - 1];
  if (!last || last.round !== view.round) return null;
  const fill = situationFill(view, me);
  // A broken promise made to us comes first: it is what a human partner most needs to hear about.
  for (const c of view.changes) {
    if (c.round !== view.round || c.cause.kind !== "pledge" || c.cause.nation === me) continue;
    if (c.meter.meter !== "trust" || !c.meter.pair.includes(me)) continue;
    const who = c.cause.nation;
    const policy = policyPhrase(who, pledgedPolicy(view, c.cause.proposalId, who) ?? "");
    if (c.cause.kept) {
      // Thanks for a kept promise only now and then; a broken one is always named.
      const template = fresh(m, profile.chat.summary.kept);
      if (!template) continue;
      return { channel: pairOf(me, who), text: render(template, { ...fill, nation: nameOf(who), policy }) };
    }
    return { channel: pairOf(me, who), text: render(m.r.pick(profile.chat.summary.betrayed), { ...fill, nation: nameOf(who), policy }) };
  }
  if (last.crisis) return { channel: "table", text: render(m.r.pick(profile.chat.summary.crisis), fill) };
  const fallen = last.leadershipChanges.find((n) => n !== me);
  if (fallen) return { channel: "table", text: render(m.r.pick(profile.chat.summary.newGovernment), { ...fill, nation: nameOf(fallen) }) };
  return null;
}

function pledgedPolicy(view: PlayerView, proposalId: string, nation: Nation): string | null {
  const p = view.proposals.find((x) => x.id === proposalId);
  const t = p?.terms.find((x) => x.kind === "pledge" && x.nation === nation);
  return t && t.kind === "pledge" ? t.policy : null;
}

const nameOf = (n: Nation) => ({ seoul: "Seoul", tokyo: "Tokyo", washington: "Washington" })[n];
