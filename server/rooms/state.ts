import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * The Colyseus schema state of a table: presence only. Everything secret travels in per-seat
 * `view` messages built by viewFor, so nothing here may ever hold an agenda, a policy, a
 * proposal or a chat message.
 */
export const SeatPresence = schema(
  {
    nation: t.string().default(""),
    name: t.string().default(""),
    /** Someone (a human or a bot) holds the seat. */
    occupied: t.boolean().default(false),
    /** The human holding the seat has a live connection. */
    connected: t.boolean().default(false),
    /** A bot is playing the seat (by design, or until its human comes back). */
    bot: t.boolean().default(false),
    /** The government's public stance. */
    stance: t.string().default(""),
  },
  "SeatPresence",
);
export type SeatPresence = SchemaType<typeof SeatPresence>;

export const TableState = schema(
  {
    code: t.string().default(""),
    /** Epoch ms when the current phase times out; 0 = no deadline (untimed, not started, paused, over). */
    deadline: t.float64().default(0),
    /** Every seat has been filled once: the clock and the bots run. */
    started: t.boolean().default(false),
    /** The instructor paused the table: no clock runs, bots wait. Phase and round come from the view. */
    paused: t.boolean().default(false),
    /** Keyed by nation: "seoul", "tokyo", "washington". */
    seats: t.map(SeatPresence),
  },
  "TableState",
);
export type TableState = SchemaType<typeof TableState>;
