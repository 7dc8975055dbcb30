import type { Card } from "../content/card-schema.ts";
import { agendaById, agendasOf } from "./agendas.ts";
import { policyAvailable } from "./checks.ts";
import { ProposalIdSchema, type CardId, type ProposalId } from "./ids.ts";
import { policiesOf, type PolicyId } from "./policies.ts";
import type { Proposal, ProposalTerm } from "./proposals.ts";
import { nextInt, shuffle } from "./rng.ts";
import type { AgendaState, GameState, MeterChange } from "./state.ts";
import { TUNING } from "./tuning.ts";
import type { PlayerView } from "./view.ts";
import { NATIONS, type Nation } from "./vocabulary.ts";

/**
 * Hypothetical games: a whole GameState built from what one seat can see, with everything it
 * cannot see filled in by sampling from what it could be — the other seats' secret agendas, the
 * policies they have committed this round, the order of the cards still to draw, the engine's
 * chance. The bots think by running the real engine (applyCommand, the real resolution) on such
 * states, so they never need a copy of a rule.
 *
 * What a seat cannot see and a hypothetical leaves out: proposals between the other two seats
 * that have not been enacted (an empty set is consistent with the view), and other seats' chat
 * on channels the seat is not in.
 */
export interface HypotheticalOptions {
  /**
   * The cards the game's deck could hold (the published deck the table was set up with); the
   * unseen ones are shuffled into the draw pile. Without it the hypothetical has no cards to come.
   */
  deck?: readonly Card[];
  /** A policy to assume for a seat that has committed one the viewer cannot see (else drawn among its legal ones). */
  assume?: Partial<Record<Nation, PolicyId>>;
  /** Agenda ids to assume for other seats (else drawn among those consistent with the public record). */
  agendas?: Partial<Record<Nation, string>>;
}

export interface Hypothetical {
  state: GameState;
  /** The caller's rng, advanced past the draws made here. */
  rng: number;
}

const deckIndex = new WeakMap<readonly Card[], { cards: Record<string, Card>; ids: CardId[] }>();

function indexOf(deck: readonly Card[]): { cards: Record<string, Card>; ids: CardId[] } {
  let index = deckIndex.get(deck);
  if (!index) {
    index = { cards: Object.fromEntries(deck.map((c) => [c.id, c])), ids: deck.map((c) => c.id).sort() };
    deckIndex.set(deck, index);
  }
  return index;
}

/**
 * Whether an every-round agenda condition failed at the end of some round already resolved: the
 * public record of meter changes gives every meter's value at the end of every round.
 */
export function brokenOnRecord(view: Pick<PlayerView, "changes" | "history">, agendaId: string): boolean {
  const agenda = agendaById(agendaId);
  const condition = agenda?.everyRound;
  if (!condition) return false;
  if (condition.kind !== "meterAtLeast" && condition.kind !== "meterAtMost") return false;
  const ref = condition.meter;
  const start = TUNING.start;
  let value =
    ref.meter === "trust" ? start.trust[ref.pair] : ref.meter === "support" ? start.support : (start as Record<string, unknown>)[ref.meter] as number;
  const same = (c: MeterChange) =>
    c.meter.meter === ref.meter &&
    (ref.meter !== "trust" || (c.meter.meter === "trust" && c.meter.pair === ref.pair)) &&
    (ref.meter !== "support" || (c.meter.meter === "support" && c.meter.nation === ref.nation));
  let i = 0;
  for (const round of view.history) {
    for (; i < view.changes.length && view.changes[i]!.round <= round.round; i++) if (same(view.changes[i]!)) value = view.changes[i]!.to;
    const holds = condition.kind === "meterAtLeast" ? value >= condition.value : value <= condition.value;
    if (!holds) return true;
  }
  return false;
}

/** A full game state consistent with `view` (a seat's view), sampling the hidden parts from `rng`. */
export function hypotheticalState(view: PlayerView, rng: number, options: HypotheticalOptions = {}): Hypothetical {
  const me = view.seat;
  if (!me) throw new Error("A hypothetical is built from a seat's view.");
  let r = rng;
  const draw = (n: number): number => {
    const [i, next] = nextInt(r, n);
    r = next;
    return i;
  };

  const agendas = {} as Record<Nation, AgendaState>;
  for (const n of NATIONS) {
    const known = view.agendas[n];
    if (known) {
      agendas[n] = { id: known.id, broken: known.broken };
      continue;
    }
    const wanted = options.agendas?.[n];
    const pool = agendasOf(n);
    const chosen = wanted === undefined ? undefined : agendaById(wanted);
    const id = chosen?.nation === n ? chosen.id : pool[draw(pool.length)]!.id;
    agendas[n] = { id, broken: brokenOnRecord(view, id) };
  }

  const policies: Partial<Record<Nation, PolicyId>> = { ...view.policies };
  const resolvedRound = view.history[view.history.length - 1];
  for (const n of NATIONS) {
    if (!view.committed[n] || policies[n] !== undefined) continue;
    // Once the round has resolved, every policy is on the public record.
    if (resolvedRound && resolvedRound.round === view.round) {
      policies[n] = resolvedRound.policies[n];
      continue;
    }
    const assumed = options.assume?.[n];
    if (assumed && policyAvailable(view, n, assumed) === null) {
      policies[n] = assumed;
      continue;
    }
    const legal = policiesOf(n).filter((p) => policyAvailable(view, n, p) === null);
    policies[n] = legal[draw(legal.length)]!;
  }

  let cards: Record<string, Card> = view.card ? { [view.card.id]: view.card } : {};
  let drawPile: CardId[] = [];
  if (options.deck && options.deck.length > 0) {
    const index = indexOf(options.deck);
    const seen = new Set<string>(view.history.map((h) => h.cardId ?? ""));
    if (view.card) seen.add(view.card.id);
    const unseen = index.ids.filter((id) => !seen.has(id));
    let shuffled: CardId[];
    [shuffled, r] = shuffle(unseen, r);
    drawPile = shuffled.slice(0, view.deckRemaining);
    cards = view.card && !index.cards[view.card.id] ? { ...index.cards, [view.card.id]: view.card } : index.cards;
  }

  const last = view.history[view.history.length - 1];
  let maxProposal = 0;
  for (const p of view.proposals) maxProposal = Math.max(maxProposal, Number(p.id.replace(/\D/g, "")) || 0);
  const [, engineRng] = nextInt(r, 2);
  r = engineRng;

  const state: GameState = {
    rulesVersion: view.rulesVersion,
    options: { rounds: view.rounds, deckOrder: "shuffled" },
    rng: (engineRng ^ 0x5bd1e995) >>> 0,
    round: view.round,
    phase: view.phase,
    trust: { ...view.trust },
    support: { ...view.support },
    threat: view.threat,
    historyTension: view.historyTension,
    japanDefense: view.japanDefense,
    burdenShared: view.burdenShared,
    firewall: view.firewall,
    exportControls: view.exportControls,
    counterstrike: view.counterstrike,
    institutions: { ...view.institutions },
    crises: view.crises,
    stances: { ...view.stances },
    paused: view.paused,
    phaseExtension: view.phaseExtension,
    broadcasts: view.broadcasts,
    agendas,
    drawPile,
    cards,
    current: {
      cardId: view.card?.id ?? null,
      responsesDue: view.responsesDue.slice(),
      responses: { ...view.responses },
      ready: view.ready.slice(),
      policies,
      deterrenceBonus: view.current.deterrenceBonus,
      leadershipChanges: last && last.round === view.round ? last.leadershipChanges.slice() : [],
    },
    // Proposals of past rounds no longer affect play (only this round's are open, agreed or enacted).
    proposals: view.proposals.filter((p) => p.round === view.round),
    nextProposalNumber: maxProposal + 1,
    messages: view.messages,
    changes: view.changes,
    rounds: view.history,
    ended: view.ended,
  };
  return { state, rng: r };
}


/**
 * A hypothesis about the round in play, written into a working copy of the state (applyCommand's
 * `suppose`): the policies the seats are supposed to have committed (a seat left out keeps what the
 * state says) and a proposal supposed agreed by all its parties this round.
 */
export interface Supposition {
  policies?: Partial<Record<Nation, PolicyId>>;
  agreed?: { by: Nation; parties: readonly Nation[]; terms: readonly ProposalTerm[] };
}

/**
 * Writes the supposition into `s`, which must be a working copy whose current policies and
 * proposals are its own (a draft's state): the same state withCommitted and withAgreed build,
 * without copying the whole state for each.
 */
export function suppose(s: GameState, supposition: Supposition): void {
  if (supposition.policies) Object.assign(s.current.policies, supposition.policies);
  const agreed = supposition.agreed;
  if (agreed) {
    s.proposals.push(agreedProposal(s, agreed.by, agreed.parties, agreed.terms));
    s.nextProposalNumber += 1;
  }
}

/**
 * The hypothesis that every seat has committed the given policy this round (a seat left out
 * keeps what the state says). For a policy-phase state; the engine resolves it at the deadline.
 */
export function withCommitted(state: GameState, policies: Partial<Record<Nation, PolicyId>>): GameState {
  return { ...state, current: { ...state.current, policies: { ...state.current.policies, ...policies } } };
}

/** The id a hypothetical proposal takes from its number, parsed once per number (bots suppose many deals). */
const PROPOSAL_IDS: ProposalId[] = [];
function hypotheticalProposalId(n: number): ProposalId {
  return (PROPOSAL_IDS[n] ??= ProposalIdSchema.parse(`p${n}`));
}

function agreedProposal(state: GameState, by: Nation, parties: readonly Nation[], terms: readonly ProposalTerm[]): Proposal {
  return {
    id: hypotheticalProposalId(state.nextProposalNumber),
    round: state.round,
    by,
    parties: NATIONS.filter((n) => parties.includes(n)),
    terms: terms.slice(),
    note: "",
    status: "agreed",
    accepted: NATIONS.filter((n) => parties.includes(n)),
    rejectedBy: null,
  };
}

/** The hypothesis that a proposal with these terms was agreed by all its parties this round. */
export function withAgreed(state: GameState, by: Nation, parties: readonly Nation[], terms: readonly ProposalTerm[]): GameState {
  return { ...state, proposals: [...state.proposals, agreedProposal(state, by, parties, terms)], nextProposalNumber: state.nextProposalNumber + 1 };
}
