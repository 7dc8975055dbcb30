import type { Card } from "../content/card-schema.ts";
import { agendaById } from "./agendas.ts";
import type { RuleFacts } from "./checks.ts";
import { deterrenceOf, type DeterrenceBreakdown } from "./deterrence.ts";
import type { GameEvent } from "./events.ts";
import type { InstitutionId } from "./institutions.ts";
import type { AgendaId, CardId, OptionId } from "./ids.ts";
import type { PolicyId } from "./policies.ts";
import { startsWith } from "./lists.ts";
import { proposalVisibleTo, type Proposal } from "./proposals.ts";
import type { Broadcast, ChatMessage, EndState, GameState, InstitutionStatus, MeterChange, RoundRecord } from "./state.ts";
import { membersOfPair, NATIONS, type Nation, type Pair, type StanceId } from "./vocabulary.ts";

/** Who is looking. "after" is the debrief's everything-revealed view. */
export type Viewer =
  | { kind: "seat"; nation: Nation }
  | { kind: "instructor" }
  | { kind: "spectator" }
  | { kind: "after" };

export interface AgendaView {
  id: AgendaId;
  title: string;
  description: string;
  broken: boolean;
}

/** What one viewer may know. The only place secrecy lives is viewFor. */
export interface PlayerView extends RuleFacts {
  viewer: Viewer;
  seat: Nation | null;
  rulesVersion: string;
  rounds: number;
  trust: Record<Pair, number>;
  support: Record<Nation, number>;
  threat: number;
  historyTension: number;
  japanDefense: number;
  burdenShared: number;
  deterrence: DeterrenceBreakdown;
  institutions: Partial<Record<InstitutionId, InstitutionStatus>>;
  crises: number;
  stances: Record<Nation, StanceId>;
  responses: Partial<Record<Nation, OptionId>>;
  /** Who has committed a policy this round — never what. */
  committed: Record<Nation, boolean>;
  /** Policies this viewer may see for the current round: its own, or all for the instructor. */
  policies: Partial<Record<Nation, PolicyId>>;
  agendas: Partial<Record<Nation, AgendaView>>;
  messages: ChatMessage[];
  changes: MeterChange[];
  history: RoundRecord[];
  deckRemaining: number;
  /** Upcoming card ids: only the instructor and the after-game view see the draw pile. */
  upcoming: CardId[] | null;
  current: { deterrenceBonus: number };
  ended: EndState | null;
  /** §10 Seconds the instructor added to this phase. */
  phaseExtension: number;
  /** §10 The instructor's messages: every viewer sees them. */
  broadcasts: Broadcast[];
}

/** The state's own list when the viewer may see all of it (so views share it), else the part it may see. */
const allOrSome = <T>(all: T[], visible: T[]): T[] => (visible.length === all.length ? all : visible);

function seesEverything(state: GameState, viewer: Viewer): boolean {
  return viewer.kind === "instructor" || viewer.kind === "after" || (viewer.kind === "seat" && state.phase === "ended");
}

function canSeeChannel(viewer: Viewer, everything: boolean, channel: ChatMessage["channel"]): boolean {
  if (everything || channel === "table") return true;
  return viewer.kind === "seat" && membersOfPair(channel).includes(viewer.nation);
}

/**
 * A viewer's part of a table's chat. The engine only ever appends to the chat, so every version
 * of a table's chat begins with the same first message: by it, the viewer's part of the last
 * version is found and only the messages added since are looked at (filtering the whole chat
 * for every viewer on every command was a third of the bytes a command allocated).
 */
function chatFor(all: ChatMessage[], viewerKey: string, visible: (m: ChatMessage) => boolean): ChatMessage[] {
  if (all.length === 0) return all;
  let byViewer = chatSeen.get(all[0]!);
  if (!byViewer) chatSeen.set(all[0]!, (byViewer = new Map()));
  const last = byViewer.get(viewerKey);
  if (last?.all === all) return last.seen;
  let seen: ChatMessage[];
  if (last && startsWith(all, last.all)) {
    const added: ChatMessage[] = [];
    for (let i = last.all.length; i < all.length; i++) if (visible(all[i]!)) added.push(all[i]!);
    seen = added.length === 0 ? last.seen : last.seen.concat(added);
  } else seen = all.filter(visible);
  seen = allOrSome(all, seen);
  if (last) {
    last.all = all;
    last.seen = seen;
  } else byViewer.set(viewerKey, { all, seen });
  return seen;
}
const chatSeen = new WeakMap<ChatMessage, Map<string, { all: ChatMessage[]; seen: ChatMessage[] }>>();

/**
 * The proposals one viewer (a seat, or a spectator) may see, filtered once per proposals list: a
 * state's lists are never changed, and most commands leave the proposals as they were. Keyed by
 * the list itself, so an entry goes when its list does.
 */
function proposalsFor(all: Proposal[], viewerKey: string, visible: (p: Proposal) => boolean): Proposal[] {
  let byViewer = proposalsSeen.get(all);
  if (!byViewer) proposalsSeen.set(all, (byViewer = new Map()));
  let list = byViewer.get(viewerKey);
  if (!list) byViewer.set(viewerKey, (list = allOrSome(all, all.filter(visible))));
  return list;
}
const proposalsSeen = new WeakMap<readonly Proposal[], Map<string, Proposal[]>>();

export function viewFor(state: GameState, viewer: Viewer): PlayerView {
  const everything = seesEverything(state, viewer);
  const seat = viewer.kind === "seat" ? viewer.nation : null;
  const card: Card | null = state.current.cardId ? (state.cards[state.current.cardId] ?? null) : null;

  const policies: Partial<Record<Nation, PolicyId>> = {};
  const agendas: Partial<Record<Nation, AgendaView>> = {};
  for (let i = 0; i < NATIONS.length; i++) {
    const nation = NATIONS[i]!;
    if (everything || seat === nation) {
      const policy = state.current.policies[nation];
      if (policy !== undefined) policies[nation] = policy;
      const agenda = agendaById(state.agendas[nation].id);
      agendas[nation] = {
        id: state.agendas[nation].id,
        title: agenda?.title ?? state.agendas[nation].id,
        description: agenda?.description ?? "",
        broken: state.agendas[nation].broken,
      };
    }
  }
  // Not everything: a seat in play, or a spectator.
  const viewerKey = seat ?? viewer.kind;
  const proposals: Proposal[] = everything
    ? state.proposals
    : proposalsFor(state.proposals, viewerKey, seat ? (p) => proposalVisibleTo(p, seat) : (p) => p.status === "enacted");

  return {
    viewer,
    seat,
    rulesVersion: state.rulesVersion,
    phase: state.phase,
    round: state.round,
    rounds: state.options.rounds,
    card,
    responsesDue: state.current.responsesDue,
    responses: state.current.responses,
    ready: state.current.ready,
    proposals,
    exportControls: state.exportControls,
    counterstrike: state.counterstrike,
    firewall: state.firewall,
    institutions: state.institutions,
    trust: state.trust,
    support: state.support,
    threat: state.threat,
    historyTension: state.historyTension,
    japanDefense: state.japanDefense,
    burdenShared: state.burdenShared,
    deterrence: deterrenceOf(state),
    crises: state.crises,
    stances: state.stances,
    committed: {
      seoul: state.current.policies.seoul !== undefined,
      tokyo: state.current.policies.tokyo !== undefined,
      washington: state.current.policies.washington !== undefined,
    },
    policies,
    agendas,
    messages: everything ? state.messages : chatFor(state.messages, viewerKey, (m) => canSeeChannel(viewer, false, m.channel)),
    changes: state.changes,
    history: state.rounds,
    deckRemaining: state.drawPile.length,
    upcoming: viewer.kind === "instructor" || viewer.kind === "after" ? state.drawPile : null,
    current: { deterrenceBonus: state.current.deterrenceBonus },
    ended: state.ended,
    paused: state.paused,
    phaseExtension: state.phaseExtension,
    broadcasts: state.broadcasts,
  };
}

/** The events a viewer may receive. */
export function eventsFor(events: readonly GameEvent[], viewer: Viewer, state: GameState): GameEvent[] {
  if (seesEverything(state, viewer)) return events.slice();
  const seat = viewer.kind === "seat" ? viewer.nation : null;
  return events.filter((e) => e.visibleTo === undefined || (seat !== null && e.visibleTo.includes(seat)));
}

