import type { SeedRecord } from "../content/seed-schema.ts";
import type { GameRecord } from "../rules/record.ts";
import type { GameState } from "../rules/state.ts";
import { seriesOf, type MeterSeries } from "./series.ts";
import { Stepper, type StepperOptions } from "./stepper.ts";
import { storiesOf, type SeatStory } from "./story.ts";
import { findTurningPoints, type FinderOptions, type TurningPoint } from "./turning-points.ts";

/** Everything a debrief page shows of one table, derived from its record by the shared engine. */
export interface Debrief {
  stepper: Stepper;
  series: MeterSeries;
  turningPoints: TurningPoint[];
  stories: SeatStory[];
  final: GameState;
}

export function buildDebrief(record: GameRecord, seeds: readonly SeedRecord[], options: StepperOptions & FinderOptions = {}): Debrief {
  const stepper = new Stepper(record, options);
  const final = stepper.stateAt(stepper.last);
  return {
    stepper,
    series: seriesOf(stepper.steps),
    turningPoints: findTurningPoints(stepper.steps, final.cards, seeds, options),
    stories: storiesOf(stepper.steps, final),
    final,
  };
}
