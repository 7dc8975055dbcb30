import type { MeterChange } from "./state.ts";
import { meterName } from "./vocabulary.ts";

/** "Seoul–Tokyo trust 42, down 8: Radar lock-on dispute" — for screens, screen readers and the debrief. */
export function describeChange(change: Pick<MeterChange, "meter" | "from" | "to" | "cause" | "absorbed" | "firewalled">): string {
  const delta = change.to - change.from;
  const direction = delta === 0 ? "unchanged" : delta > 0 ? `up ${delta}` : `down ${-delta}`;
  const notes = [
    change.firewalled ? "softened by the firewall" : null,
    change.absorbed > 0 ? `${change.absorbed} absorbed by institutions` : null,
  ].filter((n) => n !== null);
  return `${meterName(change.meter)} ${change.to}, ${direction}: ${change.cause.label}${notes.length ? ` (${notes.join("; ")})` : ""}`;
}

/** A proposal's id as every screen writes it: "p2" → "P2". */
export function proposalName(id: string): string {
  return id.toUpperCase();
}
