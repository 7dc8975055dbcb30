import type { InstitutionId } from "./institutions.ts";
import type { AgendaId, CardId, OptionId, ProposalId } from "./ids.ts";
import type { PolicyId } from "./policies.ts";
import type { Broadcast, ChatMessage, EndState, InstitutionStatus, MeterChange } from "./state.ts";
import type { Nation, Phase, StanceId } from "./vocabulary.ts";

/** Why something changed. `label` is ready for a screen: "Radar lock-on dispute", "Tokyo: Defense build-up". */
export type Cause =
  | { kind: "card"; cardId: CardId; label: string }
  | { kind: "response"; cardId: CardId; nation: Nation; optionId: OptionId; label: string }
  | { kind: "policy"; nation: Nation; policy: PolicyId; label: string }
  | { kind: "proposal"; proposalId: ProposalId; label: string }
  | { kind: "institution"; institution: InstitutionId; label: string }
  | { kind: "pledge"; proposalId: ProposalId; nation: Nation; kept: boolean; label: string }
  | { kind: "crisis"; label: string }
  | { kind: "escalation"; label: string }
  | { kind: "leadership"; nation: Nation; label: string };

type InstitutionPosition = InstitutionStatus["status"] | "absent";

/** What happened. Events with `visibleTo` reach only those seats (and the instructor). */
export type GameEvent = (
  | { type: "roundStarted"; round: number }
  | { type: "cardRevealed"; round: number; cardId: CardId; title: string }
  | { type: "responseChosen"; nation: Nation; cardId: CardId; optionId: OptionId }
  | { type: "phaseChanged"; round: number; phase: Phase }
  | { type: "meterChanged"; change: MeterChange }
  | { type: "firewallChanged"; to: "intact" | "breached"; cause: Cause }
  | { type: "institutionChanged"; institution: InstitutionId; from: InstitutionPosition; to: InstitutionPosition; cause: Cause }
  | { type: "effectBlocked"; reason: "firewall" | "not-applicable"; detail: string; cause: Cause }
  | { type: "exportControlsChanged"; active: boolean; cause: Cause }
  | { type: "counterstrikeAcquired"; cause: Cause }
  | { type: "deterrenceBonus"; amount: number; cause: Cause }
  | { type: "proposalTabled"; proposalId: ProposalId; by: Nation; parties: Nation[] }
  | { type: "proposalAnswered"; proposalId: ProposalId; nation: Nation; answer: "accept" | "reject" }
  | { type: "proposalWithdrawn"; proposalId: ProposalId }
  | { type: "proposalBound"; proposalId: ProposalId }
  | { type: "proposalLapsed"; proposalId: ProposalId }
  | { type: "proposalEnacted"; proposalId: ProposalId }
  | { type: "messageSent"; message: ChatMessage }
  | { type: "seatReady"; nation: Nation; phase: Phase }
  | { type: "policyCommitted"; nation: Nation }
  | { type: "policiesRevealed"; round: number; policies: Record<Nation, PolicyId> }
  | { type: "pledgeResolved"; proposalId: ProposalId; nation: Nation; policy: PolicyId; kept: boolean }
  | { type: "crisisPlaced"; threat: number; deterrence: number; crises: number }
  | { type: "leadershipChanged"; nation: Nation; from: StanceId; to: StanceId; cause: Cause }
  | { type: "agendaBroken"; nation: Nation; agendaId: AgendaId }
  | { type: "gameEnded"; result: EndState }
  | { type: "tablePaused"; since: number }
  | { type: "tableResumed"; pausedMs: number }
  | { type: "phaseExtended"; round: number; phase: Phase; seconds: number; total: number }
  | { type: "phaseAdvanced"; round: number; phase: Phase }
  | { type: "cardInjected"; cardId: CardId }
  | { type: "broadcastSent"; broadcast: Broadcast }
) & { visibleTo?: Nation[] };

export type GameEventType = GameEvent["type"];
