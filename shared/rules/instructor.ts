import type { Actor } from "./commands.ts";
import type { Draft } from "./draft.ts";
import { violation, type RuleViolation } from "./errors.ts";
import { endGame, timeoutPhase } from "./flow.ts";
import type { InstructorCommand } from "./instructor-commands.ts";
import type { GameState } from "./state.ts";

/** §10 Whether the instructor may issue this control now; null when it may. */
export function checkInstructorCommand(state: Pick<GameState, "phase" | "paused" | "cards">, actor: Actor, command: InstructorCommand): RuleViolation | null {
  if (actor.kind !== "instructor") return violation("INSTRUCTOR_ONLY", "Only the instructor can do that.");
  if (state.phase === "ended") return violation("GAME_OVER", "The game is over.");
  switch (command.type) {
    case "pause":
      return state.paused ? violation("ALREADY_PAUSED", "The table is already paused.") : null;
    case "resume":
      return state.paused ? null : violation("NOT_PAUSED", "The table is not paused.");
    case "injectCard":
      return state.cards[command.cardId] ? null : violation("UNKNOWN_CARD", `There is no card "${command.cardId}" in this table's deck.`);
    default:
      return null;
  }
}

/** §10 Applies an instructor control (already checked). */
export function executeInstructorCommand(d: Draft, command: InstructorCommand, at: number): void {
  switch (command.type) {
    case "pause":
      d.s.paused = { since: at };
      d.events.push({ type: "tablePaused", since: at });
      return;
    case "resume": {
      const pausedMs = Math.max(0, at - (d.s.paused?.since ?? at));
      d.s.paused = null;
      d.events.push({ type: "tableResumed", pausedMs });
      return;
    }
    case "extendPhase":
      d.s.phaseExtension += command.seconds;
      d.events.push({ type: "phaseExtended", round: d.s.round, phase: d.s.phase, seconds: command.seconds, total: d.s.phaseExtension });
      return;
    case "advancePhase":
      d.events.push({ type: "phaseAdvanced", round: d.s.round, phase: d.s.phase });
      return timeoutPhase(d);
    case "injectCard":
      d.s.drawPile = [command.cardId, ...d.s.drawPile.filter((id) => id !== command.cardId)];
      // Only the instructor learns of it: the seats meet the card when it is drawn.
      d.events.push({ type: "cardInjected", cardId: command.cardId, visibleTo: [] });
      return;
    case "broadcast": {
      const broadcast = { id: d.s.broadcasts.length + 1, text: command.text, at, round: d.s.round, phase: d.s.phase };
      d.s.broadcasts = [...d.s.broadcasts, broadcast];
      d.events.push({ type: "broadcastSent", broadcast });
      return;
    }
    case "endTable":
      d.s.paused = null;
      return endGame(d, "ended-by-instructor");
  }
}
