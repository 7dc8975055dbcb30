import type { GameEvent } from "../rules/events.ts";
import type { MeterChange } from "../rules/state.ts";
import { meterKey, meterName } from "../rules/vocabulary.ts";
import { CHART_METERS, SNAPSHOT_KEYS } from "./meters.ts";
import type { StepInfo } from "./stepper.ts";

/** One meter change of one step, with the cause the engine's event carries. */
export interface StepChange {
  step: number;
  round: number;
  key: string;
  meter: string;
  from: number;
  to: number;
  cause: string;
  absorbed: number;
  firewalled: boolean;
}

/** The meter changes a step's events carry, in the order the engine made them. */
export function changesOfStep(step: StepInfo): StepChange[] {
  return step.events
    .filter((e): e is Extract<GameEvent, { type: "meterChanged" }> => e.type === "meterChanged")
    .map((e) => fromChange(step, e.change));
}

function fromChange(step: StepInfo, c: MeterChange): StepChange {
  return {
    step: step.index,
    round: step.round,
    key: meterKey(c.meter),
    meter: meterName(c.meter),
    from: c.from,
    to: c.to,
    cause: c.cause.label,
    absorbed: c.absorbed,
    firewalled: c.firewalled,
  };
}

/** Columnar series for the charts: x = step numbers, one array per charted meter. */
export interface MeterSeries {
  steps: number[];
  rounds: number[];
  values: Record<string, number[]>;
}

export function seriesOf(steps: readonly StepInfo[]): MeterSeries {
  const values: Record<string, number[]> = {};
  for (const m of CHART_METERS) values[m.key] = steps.map((s) => s.meters[m.key]!);
  return { steps: steps.map((s) => s.index), rounds: steps.map((s) => s.round), values };
}

/** A row of the long-format meters export: table, round, step, meter, value, cause. */
export interface MeterRow {
  table: string;
  round: number;
  step: number;
  meter: string;
  value: number;
  cause: string;
}

/**
 * Long format: every charted meter at step 0, then a row whenever a meter changes, one per
 * engine change (so two causes at one step are two rows); derived meters (deterrence,
 * crisis markers) get a row when they move, with the causes of that step.
 */
export function meterRows(table: string, steps: readonly StepInfo[]): MeterRow[] {
  const rows: MeterRow[] = [];
  const first = steps[0];
  if (!first) return rows;
  for (const key of SNAPSHOT_KEYS) rows.push({ table, round: first.round, step: 0, meter: key, value: first.meters[key]!, cause: "start of the game" });
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    const before = steps[i - 1]!;
    const changes = changesOfStep(step);
    for (const c of changes) rows.push({ table, round: step.round, step: step.index, meter: c.key, value: c.to, cause: c.cause });
    const causes = causesOfStep(step).join("; ");
    for (const key of ["deterrence", "crises"]) {
      if (step.meters[key] !== before.meters[key]) {
        rows.push({ table, round: step.round, step: step.index, meter: key, value: step.meters[key]!, cause: causes || "derived from the meters" });
      }
    }
  }
  return rows;
}

/** Every distinct cause a step's events name, in order. */
export function causesOfStep(step: StepInfo): string[] {
  const labels: string[] = [];
  for (const e of step.events) {
    const label = e.type === "meterChanged" ? e.change.cause.label : "cause" in e ? e.cause.label : null;
    if (label && !labels.includes(label)) labels.push(label);
  }
  return labels;
}
