import { agendaById } from "../rules/agendas.ts";
import { seat } from "../rules/commands.ts";
import { conditionHolds } from "../rules/conditions.ts";
import { deterrenceTotal } from "../rules/deterrence.ts";
import { escalationDue } from "../rules/flow.ts";
import { hypotheticalState, withAgreed, withCommitted } from "../rules/hypothetical.ts";
import type { OptionId } from "../rules/ids.ts";
import type { PolicyId } from "../rules/policies.ts";
import { agendaSatisfied, nationalInterestPoints } from "../rules/scoring.ts";
import type { Proposal } from "../rules/proposals.ts";
import type { GameState } from "../rules/state.ts";
import { TUNING } from "../rules/tuning.ts";
import { viewFor, type PlayerView } from "../rules/view.ts";
import { NATIONS, type Nation, type StanceId } from "../rules/vocabulary.ts";
import { makeBot } from "./bot.ts";
import { afterResponse, run, timeout } from "./foresee.ts";
import { legalPolicies, rand, type Rand } from "./mind.ts";
import type { SeatPolicy } from "./random.ts";
import { agendaProgress } from "./utility.ts";

/**
 * The expert: determinized Monte Carlo over what its seat cannot see. For its policy and its
 * responses to the card, it draws `budget.determinizations` hypothetical games consistent with its view
 * (the others' secret agendas and hidden commitments, the engine's chance: shared/rules/
 * hypothetical.ts), plays every option out with the real engine — the other seats played by the
 * normal bots, the current round and `budget.playoutRounds` − 1 more — and picks the option with the best
 * average standing: its own score minus the best of the others' (agendas counted as the engine
 * would score them), a regional crisis the worst outcome. A fixed budget of playouts, all chance
 * drawn from the rng it is given: the same view and rng give the same decision. A proposal put to
 * it is searched the same way (accept, played as the deal agreed, against reject). Talk and
 * the deals it tables it leaves to the hard bot's negotiation.
 */
export interface ExpertBudget {
  /** Worlds drawn per searched decision (every option is played out in each of them). */
  determinizations: number;
  /** Rounds each playout runs: the current one and this many − 1 more. */
  playoutRounds: number;
}

/**
 * The default budget: 10 worlds × 3 rounds per option (twice the worlds and one round more than
 * before the engine's quiet path got faster) keeps a decision at about 13 ms of CPU (p50), 31 ms
 * (p95), 55 ms at most on the bench machine — well inside 200 ms.
 */
export const EXPERT_BUDGET: ExpertBudget = { determinizations: 10, playoutRounds: 3 };

/** The normal bots, one per stance, that stand for the other seats (and the expert itself) in playouts. */
const playoutBots = new Map<StanceId, SeatPolicy>();
function playoutBot(stance: StanceId): SeatPolicy {
  let bot = playoutBots.get(stance);
  if (!bot) playoutBots.set(stance, (bot = makeBot(stance, "normal")));
  return bot;
}

export function makeExpert(fallback: StanceId, budget: ExpertBudget = EXPERT_BUDGET): SeatPolicy {
  const talker = makeBot(fallback, "hard");
  return (view, nation, rng) => {
    if (view.phase === "policy" && !view.committed[nation]) {
      const r = rand(rng);
      return { command: { type: "commitPolicy", policy: searchPolicy(view, nation, r, budget) }, rng: r.state };
    }
    const response = view.card?.response;
    if (view.phase === "event" && response && view.responsesDue.includes(nation) && view.responses[nation] === undefined && response.options.length > 1) {
      const r = rand(rng);
      return { command: { type: "respond", optionId: searchResponse(view, nation, r, budget) }, rng: r.state };
    }
    const pending = view.phase === "negotiation" ? view.proposals.find((p) => p.status === "open" && p.by !== nation && p.parties.includes(nation) && !p.accepted.includes(nation)) : undefined;
    if (pending) {
      const r = rand(rng);
      const yes = searchAnswer(view, nation, pending, r, budget);
      return { command: yes ? { type: "acceptProposal", proposalId: pending.id } : { type: "rejectProposal", proposalId: pending.id }, rng: r.state };
    }
    return talker(view, nation, rng);
  };
}

/**
 * How the seat stands in a (hypothetical) state, as a chance of winning: its score estimate
 * against the best of the others' (a logistic of the margin), times the chance that the region
 * does not slide into crisis first — a regional crisis has no winner.
 */
function standing(s: GameState, me: Nation, from: number): number {
  // A regional crisis has no winner; still, one that comes later leaves more rounds to head it off
  // (without this, options that all end in crisis within the horizon would tie).
  if (s.ended?.reason === "regional-crisis") return CRISIS_LATER * (s.round - from + 1);
  const estimate = (n: Nation) => {
    const agenda = s.ended ? (agendaSatisfied(s, n) ? 1 : 0) : agendaChance(s, n);
    return nationalInterestPoints(s, n) + TUNING.scoring.agendaBonus * agenda;
  };
  const mine = estimate(me);
  let best = -Infinity;
  for (const n of NATIONS) if (n !== me) best = Math.max(best, estimate(n));
  const win = 1 / (1 + Math.exp(-(mine - best) / MARGIN_SCALE));
  if (s.ended) return win;
  // The crisis still to come: each marker brings the third, which ends the game with no winner.
  const next = s.threat + (escalationDue(s.round + 1) ? TUNING.escalation.threatPerStep : 0);
  const gap = next - (deterrenceTotal(s) - s.current.deterrenceBonus);
  const risk = gap >= 1 ? 0.9 : gap === 0 ? 0.45 : gap === -1 ? 0.15 : 0.04;
  const left = TUNING.crisis.markersToEndGame - s.crises;
  const roundsLeft = Math.max(0, s.options.rounds - s.round);
  const end = left <= 1 ? Math.min(1, risk * Math.min(roundsLeft, 2)) : left === 2 ? 0.35 * risk * Math.min(roundsLeft, 3) : 0.1 * risk * roundsLeft;
  return win * (1 - Math.min(0.95, end));
}

/** What each round a crisis is put off is worth (far less than any chance of winning). */
const CRISIS_LATER = 0.001;

/** How many points of margin make a win about three times as likely as a loss. */
const MARGIN_SCALE = 3;

function agendaChance(s: GameState, n: Nation): number {
  const a = s.agendas[n];
  const agenda = agendaById(a.id);
  if (!agenda || a.broken) return 0;
  if (agenda.everyRound && !conditionHolds(s, agenda.everyRound)) return 0;
  return agendaProgress(s, agenda);
}

/** Lets the playout bots take the seats' decisions until the round is resolved (or the game ends). */
function playToResolution(s: GameState, rngs: Record<Nation, number>): GameState {
  for (let guard = 0; guard < 40 && s.phase !== "summary" && s.phase !== "ended"; guard++) {
    if (s.phase === "negotiation" || s.phase === "event") {
      s = timeout(s);
      continue;
    }
    // Policy: each seat still to commit asks its normal bot.
    let acted = false;
    for (const n of NATIONS) {
      if (s.current.policies[n] !== undefined) continue;
      const view = viewFor(s, { kind: "seat", nation: n });
      const choice = playoutBot(s.stances[n])(view, n, rngs[n]);
      rngs[n] = choice.rng;
      if (choice.command?.type === "commitPolicy") {
        s = withCommitted(s, { [n]: choice.command.policy });
        acted = true;
      }
    }
    s = timeout(s);
    if (!acted && s.phase === "policy") break;
  }
  return s;
}

function playout(s: GameState, me: Nation, rngs: Record<Nation, number>, rounds: number): number {
  const from = s.round;
  let state = playToResolution(s, rngs);
  for (let k = 1; k < rounds && state.phase === "summary"; k++) state = playToResolution(timeout(state), rngs);
  return standing(state, me, from);
}

interface World {
  state: GameState;
  rngs: Record<Nation, number>;
}

/** `count` worlds consistent with the view; the others' hidden commitments drawn from what their bots would commit. */
function worlds(view: PlayerView, me: Nation, r: Rand, count: number): World[] {
  const out: World[] = [];
  for (let i = 0; i < count; i++) {
    const h = hypotheticalState(view, r.state);
    r.state = h.rng;
    let state = h.state;
    const rngs = { seoul: Math.floor(r.float() * 2 ** 31), tokyo: Math.floor(r.float() * 2 ** 31), washington: Math.floor(r.float() * 2 ** 31) };
    if (state.phase === "policy") {
      // A commitment the seat cannot see: what that seat's bot would commit in this world.
      const policies = { ...state.current.policies };
      for (const n of NATIONS) if (n !== me && view.policies[n] === undefined) delete policies[n];
      const open = { ...state, current: { ...state.current, policies } };
      for (const n of NATIONS) {
        if (n === me || !view.committed[n] || view.policies[n] !== undefined) continue;
        const choice = playoutBot(state.stances[n])(viewFor(open, { kind: "seat", nation: n }), n, rngs[n]);
        rngs[n] = choice.rng;
        if (choice.command?.type === "commitPolicy") policies[n] = choice.command.policy;
      }
      state = { ...state, current: { ...state.current, policies } };
    }
    out.push({ state, rngs });
  }
  return out;
}

function best<T>(options: readonly T[], value: (option: T) => number): T {
  let choice = options[0] as T;
  let top = -Infinity;
  for (const o of options) {
    const v = value(o);
    if (v > top) {
      top = v;
      choice = o;
    }
  }
  return choice;
}

function searchPolicy(view: PlayerView, me: Nation, r: Rand, budget: ExpertBudget): PolicyId {
  const candidates = legalPolicies(view, me);
  const ws = worlds(view, me, r, budget.determinizations);
  return best(candidates, (p) => {
    let total = 0;
    for (const w of ws) total += playout(withCommitted(w.state, { [me]: p }), me, { ...w.rngs }, budget.playoutRounds);
    return total / ws.length;
  });
}

function searchResponse(view: PlayerView, me: Nation, r: Rand, budget: ExpertBudget): OptionId {
  const options = view.card!.response!.options.map((o) => o.id);
  const ws = worlds(view, me, r, budget.determinizations);
  return best(options, (id) => {
    let total = 0;
    for (const w of ws) {
      const after = afterResponse(w.state, me, id);
      total += after ? playout(after, me, { ...w.rngs }, budget.playoutRounds) : -Infinity;
    }
    return total / ws.length;
  });
}

/**
 * Accept or reject a proposal put to the seat: both played out in the same worlds. Accepting is
 * played as the deal agreed (the engine's own accept when that binds it; otherwise the hypothesis
 * that the other parties agree too), rejecting as the engine's reject.
 */
function searchAnswer(view: PlayerView, me: Nation, p: Proposal, r: Rand, budget: ExpertBudget): boolean {
  const ws = worlds(view, me, r, budget.determinizations);
  let yes = 0;
  let no = 0;
  for (const w of ws) {
    const accepted = run(w.state, seat(me), { type: "acceptProposal", proposalId: p.id });
    const agreed = accepted?.proposals.find((q) => q.id === p.id)?.status === "agreed" ? accepted : withAgreed(w.state, p.by, p.parties, p.terms);
    const rejected = run(w.state, seat(me), { type: "rejectProposal", proposalId: p.id });
    yes += playout(agreed, me, { ...w.rngs }, budget.playoutRounds);
    no += rejected ? playout(rejected, me, { ...w.rngs }, budget.playoutRounds) : -Infinity;
  }
  return yes > no;
}
