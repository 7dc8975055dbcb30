import type { GameState } from "../rules/state.ts";
import type { Nation } from "../rules/vocabulary.ts";
import { actorName, describeEvent } from "./describe-events.ts";
import type { StepInfo } from "./stepper.ts";

/** Rows of the events and chat exports; the CSV itself is written by a CSV library (papaparse, escapeFormulae). */
export interface EventRow {
  table: string;
  round: number;
  step: number;
  actor: string;
  command: string;
  event: string;
  detail: string;
}

export interface ChatRow {
  table: string;
  round: number;
  step: number;
  phase: string;
  from: string;
  channel: string;
  text: string;
}

export function eventRows(table: string, steps: readonly StepInfo[], cards: GameState["cards"]): EventRow[] {
  const rows: EventRow[] = [];
  for (const step of steps) {
    for (const e of step.events) {
      if (e.type === "messageSent") continue;
      rows.push({
        table,
        round: step.round,
        step: step.index,
        actor: actorName(step.command),
        command: step.command?.command.type ?? "setup",
        event: e.type,
        detail: describeEvent(e, cards) ?? "",
      });
    }
  }
  return rows;
}

/** Chat rows with the speaker's name as shown (anonymised names when the export asks for them). */
export function chatRows(table: string, steps: readonly StepInfo[], names: Record<Nation, string>): ChatRow[] {
  const rows: ChatRow[] = [];
  for (const step of steps) {
    for (const e of step.events) {
      if (e.type !== "messageSent") continue;
      const m = e.message;
      rows.push({ table, round: m.round, step: step.index, phase: m.phase, from: names[m.from], channel: m.channel, text: m.text });
    }
  }
  return rows;
}
