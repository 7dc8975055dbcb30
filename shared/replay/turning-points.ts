import type { Card } from "../content/card-schema.ts";
import type { SeedRecord } from "../content/seed-schema.ts";
import type { GameEvent } from "../rules/events.ts";
import { INSTITUTIONS } from "../rules/institutions.ts";
import { NATION_NAMES, STANCE_NAMES } from "../rules/vocabulary.ts";
import { cardContext, type CardContext } from "./citations.ts";
import { CHART_METERS } from "./meters.ts";
import { causesOfStep } from "./series.ts";
import type { StepInfo } from "./stepper.ts";

export type TurningPointKind =
  | "crisis"
  | "institution-created"
  | "institution-suspended"
  | "institution-restored"
  | "institution-dissolved"
  | "firewall-breached"
  | "firewall-rebuilt"
  | "leadership-change"
  | "pledge-kept"
  | "pledge-broken"
  | "swing";

export interface TurningPoint {
  step: number;
  round: number;
  kind: TurningPointKind;
  title: string;
  /** What caused it, as the engine labelled it. */
  cause: string;
  /** The card behind it: the one its cause names, else the card of its round. */
  card: CardContext | null;
}

export interface FinderOptions {
  /** A meter moving at least this much within one step is a swing (default 10). */
  swingAtLeast?: number;
  /** At most this many swings, the largest first (default 5). */
  maxSwings?: number;
}

const INSTITUTION_KIND: Record<string, TurningPointKind> = {
  "absent>in-force": "institution-created",
  "in-force>suspended": "institution-suspended",
  "suspended>in-force": "institution-restored",
  "in-force>absent": "institution-dissolved",
  "suspended>absent": "institution-dissolved",
};

/**
 * Turning points found from the record: crisis markers, institutions created, suspended or
 * restored, firewall breaches and rebuilds, leadership changes, pledges kept and broken, and
 * the largest single-step meter swings not already explained by one of those.
 */
export function findTurningPoints(
  steps: readonly StepInfo[],
  cards: Readonly<Record<string, Card>>,
  seeds: readonly SeedRecord[],
  options: FinderOptions = {},
): TurningPoint[] {
  const contextOf = (cardId: string | null) => {
    const card = cardId ? cards[cardId] : undefined;
    return card ? cardContext(card, seeds) : null;
  };
  const points: TurningPoint[] = [];
  for (const step of steps) {
    for (const e of step.events) {
      const found = pointOf(e);
      if (!found) continue;
      const cardId = "cause" in e && "cardId" in e.cause ? e.cause.cardId : step.cardId;
      points.push({ step: step.index, round: step.round, ...found, card: contextOf(cardId) });
    }
  }
  const taken = new Set(points.map((p) => p.step));
  const swingAtLeast = options.swingAtLeast ?? 10;
  const swings: (TurningPoint & { size: number })[] = [];
  for (let i = 1; i < steps.length; i++) {
    const step = steps[i]!;
    if (taken.has(step.index)) continue;
    let best: { name: string; from: number; to: number } | null = null;
    for (const m of CHART_METERS) {
      if (m.key === "crises") continue;
      const from = steps[i - 1]!.meters[m.key]!;
      const to = step.meters[m.key]!;
      if (Math.abs(to - from) >= swingAtLeast && (!best || Math.abs(to - from) > Math.abs(best.to - best.from))) best = { name: m.name, from, to };
    }
    if (!best) continue;
    const causes = causesOfStep(step);
    const cardCause = step.events.find((e) => e.type === "meterChanged" && "cardId" in e.change.cause);
    const cardId = cardCause?.type === "meterChanged" && "cardId" in cardCause.change.cause ? cardCause.change.cause.cardId : step.cardId;
    swings.push({
      step: step.index,
      round: step.round,
      kind: "swing",
      title: `${best.name} ${best.from} → ${best.to}`,
      cause: causes.join("; "),
      card: contextOf(cardId),
      size: Math.abs(best.to - best.from),
    });
  }
  swings.sort((a, b) => b.size - a.size || a.step - b.step);
  for (const { size: _size, ...s } of swings.slice(0, options.maxSwings ?? 5)) points.push(s);
  return points.sort((a, b) => a.step - b.step);
}

function pointOf(e: GameEvent): { kind: TurningPointKind; title: string; cause: string } | null {
  switch (e.type) {
    case "crisisPlaced":
      return { kind: "crisis", title: `Crisis marker ${e.crises}: threat ${e.threat} outran deterrence ${e.deterrence}`, cause: "Threat against deterrence" };
    case "institutionChanged": {
      const kind = INSTITUTION_KIND[`${e.from}>${e.to}`];
      if (!kind) return null;
      const verb = kind.replace("institution-", "");
      return { kind, title: `${INSTITUTIONS[e.institution].name} ${verb}`, cause: e.cause.label };
    }
    case "firewallChanged":
      return e.to === "breached"
        ? { kind: "firewall-breached", title: "The firewall between history and security was breached", cause: e.cause.label }
        : { kind: "firewall-rebuilt", title: "The firewall was rebuilt", cause: e.cause.label };
    case "leadershipChanged":
      return {
        kind: "leadership-change",
        title: `New government in ${NATION_NAMES[e.nation]}: ${STANCE_NAMES[e.from]} → ${STANCE_NAMES[e.to]}`,
        cause: e.cause.label,
      };
    case "pledgeResolved":
      return e.kept
        ? { kind: "pledge-kept", title: `${NATION_NAMES[e.nation]} kept its pledge (${e.proposalId})`, cause: `Pledge in ${e.proposalId}` }
        : { kind: "pledge-broken", title: `${NATION_NAMES[e.nation]} broke its pledge (${e.proposalId})`, cause: `Pledge in ${e.proposalId}` };
    default:
      return null;
  }
}
