import type { GameEvent } from "../rules/events.ts";
import { describeChange } from "../rules/describe.ts";
import { INSTITUTIONS } from "../rules/institutions.ts";
import { policyDefinition } from "../rules/policies.ts";
import type { RecordedCommand } from "../rules/record.ts";
import type { GameState } from "../rules/state.ts";
import { NATION_NAMES, NATIONS, PHASE_NAMES, STANCE_NAMES } from "../rules/vocabulary.ts";

/** One line for an event, for the step list and the events export. Null for events the meters already tell. */
export function describeEvent(e: GameEvent, cards: GameState["cards"]): string | null {
  switch (e.type) {
    case "roundStarted":
      return `Round ${e.round} begins`;
    case "cardRevealed":
      return `Card: ${e.title}`;
    case "responseChosen": {
      const option = cards[e.cardId]?.response?.options.find((o) => o.id === e.optionId);
      return `${NATION_NAMES[e.nation]} answers: ${option?.label ?? e.optionId}`;
    }
    case "phaseChanged":
      return `${PHASE_NAMES[e.phase]} phase`;
    case "meterChanged":
      return describeChange(e.change);
    case "firewallChanged":
      return `Firewall ${e.to}: ${e.cause.label}`;
    case "institutionChanged":
      return `${INSTITUTIONS[e.institution].name}: ${e.from} → ${e.to} (${e.cause.label})`;
    case "effectBlocked":
      return `Blocked (${e.reason}): ${e.detail}`;
    case "exportControlsChanged":
      return `Export controls ${e.active ? "imposed" : "lifted"}: ${e.cause.label}`;
    case "counterstrikeAcquired":
      return `Japan acquires counterstrike capability: ${e.cause.label}`;
    case "deterrenceBonus":
      return `Extended deterrence +${e.amount}: ${e.cause.label}`;
    case "proposalTabled":
      return `${NATION_NAMES[e.by]} tables ${e.proposalId} (${e.parties.map((p) => NATION_NAMES[p]).join(", ")})`;
    case "proposalAnswered":
      return `${NATION_NAMES[e.nation]} ${e.answer === "accept" ? "accepts" : "rejects"} ${e.proposalId}`;
    case "proposalWithdrawn":
      return `${e.proposalId} withdrawn`;
    case "proposalBound":
      return `${e.proposalId} is agreed by every party`;
    case "proposalLapsed":
      return `${e.proposalId} lapses`;
    case "proposalEnacted":
      return `${e.proposalId} is enacted`;
    case "messageSent":
      return null;
    case "seatReady":
      return `${NATION_NAMES[e.nation]} is done with the ${PHASE_NAMES[e.phase].toLowerCase()} phase`;
    case "policyCommitted":
      return `${NATION_NAMES[e.nation]} commits a policy`;
    case "policiesRevealed":
      return `Policies: ${NATIONS.map((n) => `${NATION_NAMES[n]} ${policyDefinition(n, e.policies[n])?.name ?? e.policies[n]}`).join("; ")}`;
    case "pledgeResolved":
      return `${NATION_NAMES[e.nation]} ${e.kept ? "kept" : "broke"} its pledge in ${e.proposalId}`;
    case "crisisPlaced":
      return `Crisis marker ${e.crises}: threat ${e.threat} against deterrence ${e.deterrence}`;
    case "leadershipChanged":
      return `New government in ${NATION_NAMES[e.nation]}: ${STANCE_NAMES[e.from]} → ${STANCE_NAMES[e.to]}`;
    case "agendaBroken":
      return `${NATION_NAMES[e.nation]}'s secret agenda is lost`;
    case "gameEnded":
      return e.result.reason === "regional-crisis"
        ? "The game ends in a regional crisis"
        : e.result.reason === "ended-by-instructor"
          ? "The instructor ends the game (scores as they stood)"
          : "The game ends";
    case "tablePaused":
      return "Paused by the instructor";
    case "tableResumed":
      return `Resumed after ${Math.round(e.pausedMs / 1000)} s`;
    case "phaseExtended":
      return `The ${PHASE_NAMES[e.phase].toLowerCase()} phase is extended by ${e.seconds} s`;
    case "phaseAdvanced":
      return `The instructor moves the table on from the ${PHASE_NAMES[e.phase].toLowerCase()} phase`;
    case "cardInjected":
      return `The instructor sets the next event: ${cards[e.cardId]?.title ?? e.cardId}`;
    case "broadcastSent":
      return `Instructor: ${e.broadcast.text}`;
  }
}

/** Who did it, in words: "Seoul", "the clock", "the instructor". */
export function actorName(entry: RecordedCommand | null): string {
  if (!entry) return "setup";
  const a = entry.actor;
  return a.kind === "seat" ? NATION_NAMES[a.nation] : a.kind === "system" ? "the clock" : "the instructor";
}
