import type { Difficulty } from "./difficulty.ts";
import { policyAvailable } from "../rules/checks.ts";
import { INSTITUTION_IDS, INSTITUTIONS } from "../rules/institutions.ts";
import { policiesOf, type PolicyId } from "../rules/policies.ts";
import type { ProposalTerm } from "../rules/proposals.ts";
import { nextFloat } from "../rules/rng.ts";
import type { GameState } from "../rules/state.ts";
import type { PlayerView } from "../rules/view.ts";
import { NATIONS, STANCES, type Nation, type StanceId } from "../rules/vocabulary.ts";
import { atPolicy, hypotheticalOf, quietRound, resolveWith, type Deal } from "./foresee.ts";
import type { Situation, StanceProfile } from "./profile.ts";
import { STANCE_PROFILES } from "./stances/index.ts";
import { evaluatorFor, utility, type Evaluator } from "./utility.ts";
import { policiesKey } from "./outcome-keys.ts";
import { pledgeRecords, pledgesOf } from "./pledges.ts";
import { Fifo } from "./fifo.ts";

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
  /** Weighs its policy against what it expects the others to commit (else as if they held steady). */
  anticipates: boolean;
  /** Chance of an opening or summary remark. */
  chatChance: number;
}

export const LEVELS: Record<Exclude<Difficulty, "expert">, Level> = {
  easy: { noise: 1.2, maxProposals: 1, proposeChance: 0.8, foresight: false, anticipates: false, chatChance: 0.4 },
  normal: { noise: 0.8, maxProposals: 2, proposeChance: 0.9, foresight: true, anticipates: false, chatChance: 0.5 },
  hard: { noise: 0.2, maxProposals: 2, proposeChance: 1, foresight: true, anticipates: true, chatChance: 0.6 },
};

export interface Rand {
  state: number;
  float(): number;
  noise(sd: number): number;
  pick<T>(items: readonly T[]): T;
}

export function rand(state: number): Rand {
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

/**
 * Everything one decision needs, computed on demand. A class, not an object literal: a literal
 * with a getter gets a hidden class of its own per object, and those dead hidden classes kept
 * everything the mind had touched alive through every scavenge until a full collection.
 */
export class Mind {
  readonly view: PlayerView;
  readonly me: Nation;
  readonly profile: StanceProfile;
  readonly level: Level;
  readonly r: Rand;
  readonly sit: Situation;
  /** Each seat's chance of keeping its word, as this seat judges it. */
  keep: Partial<Record<Nation, number>> = {};
  fp?: string;
  publicFp?: string;
  tables: Partial<Record<Nation, Map<string, number>>> = {};
  /** Engine outcomes for this seat's situation (shared with every seat in the same public situation). */
  outcomes: Outcomes | null = null;
  #base?: GameState;
  #records?: Record<Nation, { kept: number; broken: number }>;
  #own?: Evaluator;
  #models: Partial<Record<Nation, Evaluator>> = {};
  #sits: Partial<Record<Nation, Situation>> = {};

  constructor(view: PlayerView, me: Nation, profile: StanceProfile, level: Level, r: Rand) {
    this.view = view;
    this.me = me;
    this.profile = profile;
    this.level = level;
    this.r = r;
    const deterrence = view.deterrence.total;
    this.sit = { view, me, deterrence, gap: view.threat - deterrence, roundsLeft: Math.max(1, view.rounds - view.round + 1) };
  }

  /** The hypothetical game the view stands for (the engine's state). */
  get base(): GameState { return (this.#base ??= hypotheticalOf(this.view)); }

  records(): Record<Nation, { kept: number; broken: number }> { return (this.#records ??= pledgeRecords(this.view)); }
  sitOf(nation: Nation): Situation { return nation === this.me ? this.sit : (this.#sits[nation] ??= { ...this.sit, me: nation }); }

  /** Evaluators are kept while the situation stands, so what they weighed stays remembered (worth). */
  ev(): Evaluator {
    return (this.#own ??= remembered(`${ownFingerprint(this)}#ev`, this.view, this.me, this.profile, this.level.foresight, true));
  }

  /** Another seat's evaluator, as this seat can model it: public stance, no agenda. */
  model(nation: Nation): Evaluator {
    if (nation === this.me) return this.ev();
    const profile = STANCE_PROFILES[this.view.stances[nation]] ?? this.profile;
    return (this.#models[nation] ??= remembered(`${publicFingerprint(this)}#ev#${nation}`, this.view, nation, profile, true, false));
  }
}

export function profileFor(view: PlayerView, nation: Nation, fallback: StanceId): StanceProfile {
  const current = STANCE_PROFILES[view.stances[nation]];
  if (current && current.nation === nation) return current;
  const wanted = STANCE_PROFILES[fallback];
  if (wanted && wanted.nation === nation) return wanted;
  return STANCE_PROFILES[STANCES[nation][0]];
}

export const mindOf = (view: PlayerView, me: Nation, profile: StanceProfile, level: Level, r: Rand): Mind => new Mind(view, me, profile, level, r);

const evaluators = new Fifo<Evaluator>(24);
function remembered(key: string, view: PlayerView, nation: Nation, profile: StanceProfile, foresight: boolean, knowsAgenda: boolean): Evaluator {
  let ev = evaluators.get(key);
  if (!ev) {
    ev = evaluators.set(key, evaluatorFor(view, nation, profile, foresight, knowsAgenda));
  }
  return ev;
}

export function legalPolicies(view: PlayerView, nation: Nation): PolicyId[] {
  return policiesOf(nation).filter((p) => policyAvailable(view, nation, p) === null);
}

// ——— Value caches ———————————————————————————————————————————————————————

/**
 * Valuations are pure functions of the view's public situation (and, for a seat's own values, of
 * its agenda), which does not change while the seats talk; so they are kept for the rest of the
 * phase under a fingerprint of everything they depend on. A hit returns exactly what a fresh
 * computation would: determinism is unaffected.
 */
const valueCache = new Fifo<Map<string, number>>(16);

export function clearValueCache(): void {
  valueCache.clear();
  outcomeCache.clear();
  evaluators.clear();
}

/** Everything public a valuation depends on, plus the agreed deals this seat can see this round. */
export function publicFingerprint(m: Mind): string {
  if (m.publicFp) return m.publicFp;
  const v = m.view;
  let inst = "";
  for (const id of INSTITUTION_IDS) inst += v.institutions[id]?.status === "in-force" ? "1" : v.institutions[id] ? "2" : "0";
  const records = m.records();
  let pledges = "";
  for (const n of NATIONS) pledges += `${records[n].kept}/${records[n].broken},`;
  let apologies = 0;
  for (const h of v.history) if (h.policies.tokyo === "apology-statement") apologies += 1;
  // While the seats talk, deals are priced against the table as it stood before this round's
  // agreements (so prices hold for the whole phase); a policy is weighed with the deals it sees.
  let agreed = "";
  if (v.phase !== "negotiation") for (const p of v.proposals) if (p.round === v.round && (p.status === "agreed" || p.status === "enacted")) agreed += `${p.id},`;
  return (m.publicFp = [
    v.round, v.rounds, v.phase,
    v.trust["seoul-tokyo"], v.trust["seoul-washington"], v.trust["tokyo-washington"],
    v.support.seoul, v.support.tokyo, v.support.washington,
    v.threat, v.historyTension, v.japanDefense, v.burdenShared, v.firewall, v.exportControls ? 1 : 0, v.counterstrike ? 1 : 0,
    v.current.deterrenceBonus, v.crises, v.stances.seoul, v.stances.tokyo, v.stances.washington,
    apologies, pledges, inst, agreed, v.responses.seoul ?? "", v.responses.tokyo ?? "", v.responses.washington ?? "",
  ].join("|"));
}

export function ownFingerprint(m: Mind): string {
  const agenda = m.view.agendas[m.me];
  return (m.fp ??= `${publicFingerprint(m)}#${m.me}|${m.profile.id}|${m.level.foresight ? 1 : 0}|${agenda ? `${agenda.id}:${agenda.broken ? 1 : 0}` : "-"}`);
}

function tableFor(m: Mind, nation: Nation): Map<string, number> {
  let table = m.tables[nation];
  if (table) return table;
  // Our own values depend on our agenda; our models of the others on public facts only.
  const fp = nation === m.me ? `${ownFingerprint(m)}#own` : `${publicFingerprint(m)}#model#${nation}`;
  table = valueCache.get(fp);
  if (!table) {
    table = valueCache.set(fp, new Map());
  }
  return (m.tables[nation] = table);
}

/** The value remembered under `key` for `ev` in this situation, if any; and remembering one (no closure per lookup: they are many). */
const recall = (m: Mind, ev: Evaluator, key: string): number | undefined => tableFor(m, ev.nation).get(key);
const remember = (m: Mind, ev: Evaluator, key: string, v: number): number => (tableFor(m, ev.nation).set(key, v), v);

// ——— Outcomes, from the engine ——————————————————————————————————————————

/** Outcomes are kept, like values, for as long as the seat's situation stands (the same fingerprint). */
const outcomeCache = new Fifo<Outcomes>(6);

/** The engine's outcomes for one situation, and what each evaluator thinks each of them is worth. */
export interface Outcomes {
  states: Map<string, GameState>;
  /** Rounds resolved with a deal agreed: by the policies' key, then by the deal's. */
  dealt: Map<string, Map<string, GameState>>;
  worths: Map<GameState, Map<Evaluator, number>>;
}

function outcomesOf(m: Mind): Outcomes {
  if (!m.outcomes) {
    // The engine's outcomes depend on public facts and the deals the seat can see (publicFingerprint),
    // not on whose hypothetical it is: the seats share them.
    const fp = publicFingerprint(m);
    let shared = outcomeCache.get(fp);
    if (!shared) {
      shared = outcomeCache.set(fp, { states: new Map(), dealt: new Map(), worths: new Map() });
    }
    m.outcomes = shared;
  }
  return m.outcomes;
}

function outcome(m: Mind, key: string, compute: () => GameState): GameState {
  const states = outcomesOf(m).states;
  let s = states.get(key);
  if (!s) states.set(key, (s = compute()));
  return s;
}

/** The policy-phase hypothetical (negotiation closed by the engine). */
export function policyState(m: Mind): GameState | null {
  // The hypothetical has the view's phase; it is built only if no seat in this situation has needed it yet.
  if (m.view.phase !== "negotiation" && m.view.phase !== "policy") return null;
  return outcome(m, "atPolicy", () => {
    const base = m.base;
    if (base.phase === "policy") return base;
    const before = { ...base, proposals: base.proposals.filter((p) => p.status === "open") };
    return atPolicy(before) ?? before;
  });
}

/** The round resolved with these policies (hold steady elsewhere) and, if given, a deal agreed. */
export function resolved(m: Mind, policies: Partial<Record<Nation, PolicyId>>, deal?: Deal, dealKey = ""): GameState | null {
  const p = policyState(m);
  if (!p) return null;
  const o = outcomesOf(m);
  const pk = policiesKey(policies);
  // Keyed by the policies, then by the deal: no key string is built per lookup.
  let states = o.states;
  if (deal) {
    states = o.dealt.get(pk) ?? new Map<string, GameState>();
    if (states.size === 0) o.dealt.set(pk, states);
  }
  const key = deal ? dealKey : pk;
  let s = states.get(key);
  if (!s) states.set(key, (s = resolveWith(p, policies, deal)));
  return s;
}

function laterRound(m: Mind, key: string, s: GameState): GameState {
  return outcome(m, `later#${key}`, () => quietRound(s));
}

/** utility(ev, state), remembered per outcome (the same baseline is weighed against every option). */
export function worth(m: Mind, ev: Evaluator, state: GameState): number {
  const worths = outcomesOf(m).worths;
  let byEv = worths.get(state);
  if (!byEv) worths.set(state, (byEv = new Map()));
  let v = byEv.get(ev);
  if (v === undefined) byEv.set(ev, (v = utility(ev, state)));
  return v;
}

/** What `actor` committing `policy` (the others holding steady) is worth to `ev`, against everyone holding steady. */
export function policyWorth(m: Mind, ev: Evaluator, actor: Nation, policy: PolicyId): number {
  const key = `p:${actor}:${policy}`;
  const v = recall(m, ev, key) ?? remember(m, ev, key, policyGain(m, ev, actor, policy));
  return v + (actor === ev.nation && ev.profile.adjustPolicy ? ev.profile.adjustPolicy(policy, m.sitOf(ev.nation)) : 0);
}

function policyGain(m: Mind, ev: Evaluator, actor: Nation, policy: PolicyId): number {
  const none = resolved(m, {});
  const after = resolved(m, { [actor]: policy });
  if (!none || !after) return 0;
  let v = worth(m, ev, after) - worth(m, ev, none);
  if (actor === ev.nation) v += ev.profile.policies[policy] ?? 0;
  return v;
}

export function bestPolicy(m: Mind, ev: Evaluator): { policy: PolicyId; value: number } {
  let policy: PolicyId = "hold-steady";
  let value = -Infinity;
  for (const p of legalPolicies(m.view, ev.nation)) {
    const v = policyWorth(m, ev, ev.nation, p);
    if (v > value) {
      value = v;
      policy = p;
    }
  }
  return { policy, value };
}

/** The chance that `nation` keeps a pledge: its stance's reputation, corrected by its record in this game. */
export function keepChance(m: Mind, nation: Nation): number {
  return (m.keep[nation] ??= (() => {
    const reputation = STANCE_PROFILES[m.view.stances[nation]]?.trustworthiness ?? 0.7;
    const record = m.records()[nation];
    return (record.kept + 2 * reputation) / (record.kept + record.broken + 2);
  })());
}

export const termKey = (t: ProposalTerm) =>
  t.kind === "institution" ? `i:${t.op}:${t.institution}` : t.kind === "pledge" ? `p:${t.nation}:${t.policy}` : `s:${t.topic}`;

/** The value to `ev` of the engine's outcome with the deal agreed, against the same round without it. */
function dealGain(m: Mind, ev: Evaluator, deal: Deal, key: string, policies: Partial<Record<Nation, PolicyId>> = {}, against: Partial<Record<Nation, PolicyId>> = policies): number {
  const with_ = resolved(m, policies, deal, key);
  const without = resolved(m, against);
  if (!with_ || !without) return 0;
  return worth(m, ev, with_) - worth(m, ev, without);
}

/** What one term of a proposal is worth to `ev`'s government, through the engine. */
export function termWorth(m: Mind, ev: Evaluator, term: ProposalTerm, parties: readonly Nation[]): number {
  const key = `${termKey(term)}@${parties.join(",")}`;
  const tkey = `t:${key}`;
  return recall(m, ev, tkey) ?? remember(m, ev, tkey, termGain(m, ev, term, parties, key));
}

function termGain(m: Mind, ev: Evaluator, term: ProposalTerm, parties: readonly Nation[], key: string): number {
  const deal: Deal = { by: parties[0]!, parties, terms: [term] };
  if (term.kind !== "pledge") {
    let v = dealGain(m, ev, deal, key);
    if (term.kind === "jointStatement") v += ev.profile.statements[term.topic] ?? 0;
    const roundsLeft = ev.roundsLeft - 1;
    if (term.kind === "institution" && ev.foresight && roundsLeft > 0 && INSTITUTIONS[term.institution].income.length > 0) {
      // What it changes in the next round too (income, deterrence against escalation), for each round left.
      const with_ = resolved(m, {}, deal, key);
      const without = resolved(m, {});
      if (with_ && without) {
        const drift = worth(m, ev, laterRound(m, key, with_)) - worth(m, ev, with_) - (worth(m, ev, laterRound(m, "none", without)) - worth(m, ev, without));
        v += drift * Math.min(roundsLeft, 4) * 0.8;
      }
    }
    return v;
  }
  const policy = term.policy;
  if (term.nation === ev.nation) {
    // Our own promise, against holding steady: kept, it costs what the policy costs and earns
    // the trust the rules give a kept word; a costly one is kept only as often as our word holds.
    const kept = dealGain(m, ev, deal, key, { [ev.nation]: policy }, {}) + (ev.profile.policies[policy] ?? 0);
    const broken = dealGain(m, ev, deal, key, {}, {});
    if (kept >= broken) return kept;
    const t = ev.profile.trustworthiness;
    return t * kept + (1 - t) * broken;
  }
  const p = keepChance(m, term.nation);
  const kept = dealGain(m, ev, deal, key, { [term.nation]: policy }, {});
  const broken = dealGain(m, ev, deal, key, {}, {});
  return p * kept + (1 - p) * broken;
}

/** What the others will probably commit: their visible pledges, else their stance's best guess. */
export function guessPolicies(m: Mind): Partial<Record<Nation, PolicyId>> {
  const guess: Partial<Record<Nation, PolicyId>> = {};
  for (const n of NATIONS) {
    if (n === m.me) continue;
    const pledged = pledgesOf(m.view, n);
    guess[n] = pledged[0] ?? bestPolicy(m, m.model(n)).policy;
  }
  return guess;
}
