import type { InstitutionId } from "../rules/institutions.ts";
import type { PolicyId } from "../rules/policies.ts";
import type { JointStatementTopic, Proposal, ProposalTerm } from "../rules/proposals.ts";
import type { PlayerView } from "../rules/view.ts";
import type { Nation, Pair, StanceId } from "../rules/vocabulary.ts";

/**
 * A bot stance: data (what it wants, what it will not do, how far its word goes, how it talks)
 * plus a small policy module (situational adjustments). Stances are public in the game, so a
 * bot may use another seat's profile to predict what that seat will accept — never its agenda.
 */
export interface StanceProfile {
  id: StanceId;
  nation: Nation;
  /** One paragraph for players and instructors, in the project's own words. */
  description: string;
  /** The seed items (seeds/<seed>.json) the stance is modelled on, and what it takes from each. */
  citations: readonly StanceCitation[];
  /** Probability of keeping a pledge this seat made. */
  trustworthiness: number;
  /**
   * How much of a crisis marker's cost the government feels (1 = all of it). Deterrence is a
   * public good: a confrontational government half-expects its partners to pay for it.
   */
  crisisAversion: number;
  /** A proposal must be worth at least this much to the bot before it accepts. */
  acceptThreshold: number;
  /** A proposal must be worth at least this much to the bot before it tables it. */
  proposeThreshold: number;
  /** Flavour added to the value of committing a policy (the government's instincts). */
  policies: Partial<Record<PolicyId, number>>;
  /** Flavour for an institution being in force (create/restore adds it, suspend subtracts it). */
  institutions: Partial<Record<InstitutionId, number>>;
  /** Flavour for signing a joint statement. */
  statements: Partial<Record<JointStatementTopic, number>>;
  /** Extra value per point of a meter, on top of the nation's score (e.g. a hawk prizes Japan's posture). */
  meters: MeterBias;
  /** Policies this stance would like each other nation to pledge (its "asks" in a trade-off). */
  asks: readonly { nation: Nation; policy: PolicyId }[];
  /** Lines it will not cross, whatever the numbers say. */
  redLines: readonly RedLine[];
  chat: ChatTemplates;
  /** The stance's small policy module: a situational nudge to a policy's value. */
  adjustPolicy?: (policy: PolicyId, situation: Situation) => number;
}

export interface StanceCitation {
  seed: string;
  refs: readonly string[];
  /** What the stance takes from these items, in our words. */
  use: string;
}

export interface MeterBias {
  trust?: Partial<Record<Pair, number>>;
  /** Other governments' domestic support (an alliance-builder wants its allies' leaders to survive). */
  alliesSupport?: number;
  historyTension?: number;
  japanDefense?: number;
  burdenShared?: number;
  threat?: number;
  /** Value of the export controls being in place (Tokyo's hawks see leverage; Seoul sees an insult). */
  exportControls?: number;
  /** Value of Japan holding counterstrike capability. */
  counterstrike?: number;
  /** Value of the firewall standing. */
  firewall?: number;
}

/** What a stance sees when it judges a situation: the view plus a few derived numbers. */
export interface Situation {
  view: PlayerView;
  me: Nation;
  deterrence: number;
  /** Threat minus deterrence: above 0, a crisis marker lands at resolution. */
  gap: number;
  /** Rounds still to resolve, this one included. */
  roundsLeft: number;
}

export interface RedLine {
  id: string;
  /** In our words, for the stance card and the debrief. */
  description: string;
  /**
   * Whether the proposal crosses the line for this stance. Returns the line the bot says when it
   * refuses (already filled in), or null when the proposal is acceptable.
   */
  check: (terms: readonly ProposalTerm[], parties: readonly Nation[], situation: Situation, proposal?: Proposal) => string | null;
}

/**
 * Chat lines in the project's own words. Placeholders in braces are filled from the situation:
 * {card} {threat} {deterrence} {gap} {ht} {st} {sw} {tw} {support} {crises} {round} {rounds}
 * {partner} {proposer} {terms} {reason} {institution} {policy} {nation}.
 */
export interface ChatTemplates {
  /** Opening remarks at the table, by what dominates the situation. */
  open: {
    crisis: readonly string[];
    history: readonly string[];
    exportControls: readonly string[];
    gsomiaSuspended: readonly string[];
    calm: readonly string[];
  };
  /** Said on the proposal's channel after accepting: {reason} is the main term's reason. */
  accept: readonly string[];
  /** Said after rejecting: {reason} is the main objection. */
  reject: readonly string[];
  /** The note a tabled proposal carries (max 200 characters once filled). */
  pitch: readonly string[];
  /** After resolution, by what happened. */
  summary: {
    crisis: readonly string[];
    betrayed: readonly string[];
    kept: readonly string[];
    newGovernment: readonly string[];
  };
}
