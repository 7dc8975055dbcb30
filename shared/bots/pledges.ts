import type { PolicyId } from "../rules/policies.ts";
import type { PlayerView } from "../rules/view.ts";
import type { Nation } from "../rules/vocabulary.ts";

/** What a seat can see of the pledges made at its table. */

/** Each seat's public record of pledges this game: how often it kept its word. */
export function pledgeRecords(view: PlayerView): Record<Nation, { kept: number; broken: number }> {
  const records = { seoul: { kept: 0, broken: 0 }, tokyo: { kept: 0, broken: 0 }, washington: { kept: 0, broken: 0 } };
  let last = "";
  for (const c of view.changes) {
    if (c.cause.kind !== "pledge") continue;
    // A pledge settles as one change per other party, all in a row: count it once.
    const key = `${c.cause.proposalId}:${c.cause.nation}`;
    if (key === last) continue;
    last = key;
    if (c.cause.kept) records[c.cause.nation].kept += 1;
    else records[c.cause.nation].broken += 1;
  }
  return records;
}

/** Policies `nation` pledged in this round's agreed proposals that the viewer can see. */
export function pledgesOf(view: PlayerView, nation: Nation): PolicyId[] {
  const out: PolicyId[] = [];
  for (const p of view.proposals) {
    if (p.round !== view.round || (p.status !== "agreed" && p.status !== "enacted")) continue;
    for (const t of p.terms) if (t.kind === "pledge" && t.nation === nation) out.push(t.policy);
  }
  return out;
}
