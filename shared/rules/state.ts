import type { Card } from "../content/card-schema.ts";
import type { InstitutionId } from "./institutions.ts";
import type { AgendaId, CardId, OptionId } from "./ids.ts";
import type { PolicyId } from "./policies.ts";
import type { Proposal } from "./proposals.ts";
import type { Cause } from "./events.ts";
import type { MeterRef, Nation, Pair, Phase, StanceId } from "./vocabulary.ts";

/** The whole game as plain, JSON-serializable data. Never mutated: every rule returns a new state. */
export interface GameState {
  rulesVersion: string;
  options: GameOptions;
  /** The seeded PRNG's state; the only source of chance in the rules. */
  rng: number;
  round: number;
  phase: Phase;
  trust: Record<Pair, number>;
  support: Record<Nation, number>;
  threat: number;
  historyTension: number;
  japanDefense: number;
  burdenShared: number;
  firewall: "intact" | "breached";
  exportControls: boolean;
  counterstrike: boolean;
  institutions: Partial<Record<InstitutionId, InstitutionStatus>>;
  crises: number;
  stances: Record<Nation, StanceId>;
  agendas: Record<Nation, AgendaState>;
  /** Card ids still to draw, top first. */
  drawPile: CardId[];
  /** Every card of this game's deck by id, so a record replays on its own. */
  cards: Record<string, Card>;
  current: RoundState;
  proposals: Proposal[];
  nextProposalNumber: number;
  messages: ChatMessage[];
  /** Every meter change of the game, with its cause: the debrief's raw material. */
  changes: MeterChange[];
  /** One entry per resolved round. */
  rounds: RoundRecord[];
  ended: EndState | null;
  /** §10 Paused by the instructor since (ms, as data), or null. */
  paused: { since: number } | null;
  /** §10 Seconds the instructor added to the current phase (0 again at every phase change). */
  phaseExtension: number;
  /** §10 The instructor's messages to the table. */
  broadcasts: Broadcast[];
}

export interface Broadcast {
  id: number;
  text: string;
  at: number;
  round: number;
  phase: Phase;
}

export interface GameOptions {
  rounds: number;
  /** "shuffled" draws in seeded random order; "chronological" in date order. */
  deckOrder: "shuffled" | "chronological";
  /** Stances at the start; any left out are drawn. */
  stances?: Partial<Record<Nation, StanceId>>;
  /** Agenda ids at the start; any left out are dealt at random. */
  agendas?: Partial<Record<Nation, AgendaId>>;
}

export interface InstitutionStatus {
  status: "in-force" | "suspended";
  since: number;
}

export interface AgendaState {
  id: AgendaId;
  /** An every-round condition failed: the bonus is lost for good. */
  broken: boolean;
}

export interface RoundState {
  cardId: CardId | null;
  /** The nations that still owe a response, and the choices made so far. */
  responsesDue: Nation[];
  responses: Partial<Record<Nation, OptionId>>;
  /** Seats that have said they are done with the current phase (negotiation, summary). */
  ready: Nation[];
  /** Secret until resolution. */
  policies: Partial<Record<Nation, PolicyId>>;
  /** Extended deterrence offered this round. */
  deterrenceBonus: number;
  /** Governments that fell this round. */
  leadershipChanges: Nation[];
}

export type Channel = "table" | Pair;

export interface ChatMessage {
  id: number;
  from: Nation;
  channel: Channel;
  text: string;
  round: number;
  phase: Phase;
  at: number;
}

export interface MeterChange {
  round: number;
  meter: MeterRef;
  from: number;
  to: number;
  /** What the cause asked for before absorption, bounds and the firewall. */
  requested: number;
  /** The part of a trust loss that institutions absorbed. */
  absorbed: number;
  absorbedBy: InstitutionId[];
  /** Softened by the firewall (history shocks on Seoul–Tokyo trust). */
  firewalled: boolean;
  cause: Cause;
}

export interface RoundRecord {
  round: number;
  cardId: CardId | null;
  responses: Partial<Record<Nation, OptionId>>;
  policies: Record<Nation, PolicyId>;
  deterrence: number;
  threat: number;
  crisis: boolean;
  leadershipChanges: Nation[];
}

export interface ScoreLine {
  label: string;
  points: number;
  detail: string;
}

export interface NationScore {
  nation: Nation;
  total: number;
  lines: ScoreLine[];
  agendaMet: boolean;
}

export interface EndState {
  reason: "rounds-complete" | "regional-crisis" | "ended-by-instructor";
  scores: Record<Nation, NationScore>;
  /** Highest total first; ties share a rank. Empty in a regional crisis. */
  ranking: { nation: Nation; rank: number; total: number }[];
}
