import type { DeterrenceBreakdown } from "./deterrence.ts";
import type { Cause, GameEvent } from "./events.ts";
import { INSTITUTIONS } from "./institutions.ts";
import type { MeterChange } from "./state.ts";
import { TUNING } from "./tuning.ts";
import { NATION_NAMES, STANCE_NAMES, meterKey, meterName, type MeterRef } from "./vocabulary.ts";

/**
 * The round's ledger: every meter change with its cause, read straight from the engine's
 * `changes` (no second model), and the round's net figures summed from those same lines — so
 * the step list, the round in brief, the header and the bars can only ever agree.
 */

/** Escalation, the card and the responses open a round; everything else happens at resolution. */
export type Stage = "opening" | "resolution";

export function stageOf(cause: Cause): Stage {
  return cause.kind === "card" || cause.kind === "response" || cause.kind === "escalation" ? "opening" : "resolution";
}

export const STAGE_TITLES: Record<Stage, string> = {
  opening: "As the round opened",
  resolution: "At resolution",
};

/** What kind of cause it was, in a word for the list ("Card", "Policy", …). */
export const CAUSE_KINDS: Record<Cause["kind"], string> = {
  card: "Card",
  response: "Response",
  escalation: "Escalation",
  policy: "Policy",
  proposal: "Agreement",
  institution: "Institution",
  pledge: "Pledge",
  crisis: "Crisis",
  leadership: "Government",
};

export interface LedgerLine {
  /** Index of the change in the game's `changes` (the order the engine applied them). */
  index: number;
  round: number;
  stage: Stage;
  meter: MeterRef;
  key: string;
  name: string;
  from: number;
  to: number;
  delta: number;
  kind: Cause["kind"];
  cause: string;
  /** "2 absorbed by institutions", "softened by the firewall". */
  notes: string[];
}

export function ledgerLine(change: MeterChange, index: number): LedgerLine {
  const notes: string[] = [];
  if (change.absorbed > 0) notes.push(`${change.absorbed} absorbed by institutions`);
  if (change.firewalled) notes.push("softened by the firewall");
  return {
    index,
    round: change.round,
    stage: stageOf(change.cause),
    meter: change.meter,
    key: meterKey(change.meter),
    name: meterName(change.meter),
    from: change.from,
    to: change.to,
    delta: change.to - change.from,
    kind: change.cause.kind,
    cause: change.cause.label,
    notes,
  };
}

/** Every change of one round (optionally one stage of it), in the engine's order. */
export function ledgerOf(changes: readonly MeterChange[], round: number, stage?: Stage): LedgerLine[] {
  const lines: LedgerLine[] = [];
  changes.forEach((c, i) => {
    if (c.round !== round) return;
    const line = ledgerLine(c, i);
    if (!stage || line.stage === stage) lines.push(line);
  });
  return lines;
}

export interface NetLine {
  key: string;
  meter: MeterRef;
  name: string;
  from: number;
  to: number;
  /** The sum of the steps' deltas (equals to − from: the steps chain). */
  delta: number;
  steps: number;
}

/** The round in brief: per meter, first value, last value and the sum of the listed steps. Meters that moved and came back stay in (±0). */
export function netOf(lines: readonly LedgerLine[]): NetLine[] {
  const byKey = new Map<string, NetLine>();
  for (const l of lines) {
    const seen = byKey.get(l.key);
    if (seen) {
      seen.to = l.to;
      seen.delta += l.delta;
      seen.steps += 1;
    } else byKey.set(l.key, { key: l.key, meter: l.meter, name: l.name, from: l.from, to: l.to, delta: l.delta, steps: 1 });
  }
  return [...byKey.values()].filter((n) => n.steps > 1 || n.delta !== 0);
}

export interface DeterrenceShiftPart {
  label: string;
  from: number;
  to: number;
  delta: number;
  why: string;
}

export interface DeterrenceShift {
  from: number;
  to: number;
  parts: DeterrenceShiftPart[];
}

/**
 * Deterrence is derived (deterrence.ts), so it has no change of its own: this compares two
 * breakdowns part by part and says why each part moved — including extended deterrence expiring.
 */
export function deterrenceShift(before: DeterrenceBreakdown, after: DeterrenceBreakdown): DeterrenceShift | null {
  if (before.total === after.total && sameParts(before, after)) return null;
  const labels = [...new Set([...before.parts.map((p) => p.label), ...after.parts.map((p) => p.label)])];
  const points = (b: DeterrenceBreakdown, label: string) => b.parts.find((p) => p.label === label)?.points ?? 0;
  const parts = labels
    .map((label) => {
      const from = points(before, label);
      const to = points(after, label);
      return { label, from, to, delta: to - from, why: whyPart(label, from, to) };
    })
    .filter((p) => p.delta !== 0);
  return { from: before.total, to: after.total, parts };
}

function sameParts(a: DeterrenceBreakdown, b: DeterrenceBreakdown): boolean {
  return JSON.stringify(a.parts) === JSON.stringify(b.parts);
}

function whyPart(label: string, from: number, to: number): string {
  const t = TUNING.deterrence;
  if (label === "Extended deterrence") {
    return to === 0 ? "Washington's extended deterrence lasted one round and has ended" : "Washington offered extended deterrence for this round";
  }
  if (label === "Average trust") return `Average trust moved: 1 point of deterrence per ${t.trustPerPoint} points of average trust`;
  if (label === "Japan's defense posture") return `Japan's posture moved: 1 point per ${t.japanDefensePerPoint} points of posture`;
  return to > from ? `${label} is in force` : `${label} is no longer in force`;
}

/** "Threat 5 > deterrence 4": the verdict the header shows, for whatever figures are on screen. */
export function securityVerdict(threat: number, deterrence: number): { text: string; danger: boolean } {
  const danger = threat > deterrence;
  return { text: danger ? `⚠ Threat ${threat} > deterrence ${deterrence}` : `Deterrence ${deterrence} ≥ threat ${threat}`, danger };
}

/** Lines for what meters cannot show: institutions, the firewall, pledges, crises, governments. */
export function describeEvent(e: GameEvent): string | null {
  switch (e.type) {
    case "institutionChanged": {
      const name = INSTITUTIONS[e.institution].name;
      const what = e.to === "in-force" ? (e.from === "suspended" ? "restored" : "created") : e.to === "suspended" ? "suspended" : "ended";
      return `${name} ${what} (${e.cause.label}).`;
    }
    case "firewallChanged":
      return e.to === "breached" ? `The firewall was breached (${e.cause.label}).` : `The firewall was rebuilt (${e.cause.label}).`;
    case "pledgeResolved":
      return `${NATION_NAMES[e.nation]} ${e.kept ? "kept" : "broke"} its pledge.`;
    case "crisisPlaced":
      return `Crisis: threat ${e.threat} outran deterrence ${e.deterrence}. Crisis markers: ${e.crises} of ${TUNING.crisis.markersToEndGame}${e.crises >= TUNING.crisis.markersToEndGame ? " — the region is in crisis and everyone loses." : "."}`;
    case "leadershipChanged":
      return `The government in ${NATION_NAMES[e.nation]} fell: a ${STANCE_NAMES[e.to]} government takes over.`;
    case "exportControlsChanged":
      return e.active ? `Export controls imposed (${e.cause.label}).` : `Export controls lifted (${e.cause.label}).`;
    case "counterstrikeAcquired":
      return `Japan acquired counterstrike capability (${e.cause.label}).`;
    case "deterrenceBonus":
      return `Extended deterrence: +${e.amount} deterrence until the end of this round (${e.cause.label}).`;
    case "agendaBroken":
      return "Your secret agenda can no longer be met.";
    case "effectBlocked":
      return e.detail;
    default:
      return null;
  }
}
