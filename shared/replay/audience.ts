import type { GameRecord } from "../rules/record.ts";

/** Who is reading a debrief, and what the table's settings let them see. */
export type DebriefAudience =
  | { kind: "instructor" }
  /** A seat of the table, after the game: everything revealed at the end, bilateral channels unless withheld. */
  | { kind: "seat"; withholdPrivateChannels: boolean };

/** True when a recorded command is a message on a bilateral channel. */
export function isPrivateSay(entry: GameRecord["commands"][number]): boolean {
  return entry.command.type === "say" && entry.command.channel !== "table";
}

/**
 * The record handed to a browser. The instructor gets it whole. A seat gets it whole too
 * (everything is revealed once the game has ended) unless the class keeps bilateral channels
 * private in debriefs: then private messages are left out. A message changes nothing but the
 * chat, so the derived record replays to the same game with only the shown chat.
 */
export function recordFor(record: GameRecord, audience: DebriefAudience): GameRecord {
  if (audience.kind === "instructor" || !audience.withholdPrivateChannels) return record;
  const commands = record.commands.filter((c) => !isPrivateSay(c)).map((c, i) => ({ ...c, seq: i + 1 }));
  return { ...record, commands };
}
