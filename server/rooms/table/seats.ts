import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { ServerError, type Client, type Deferred } from "@colyseus/core";
import { z } from "zod";
import { JoinTableOptionsSchema, type SeatSummary } from "../../../shared/protocol/messages.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, type Nation, type StanceId } from "../../../shared/rules/vocabulary.ts";
import { hashToken } from "../../storage/store.ts";
import { LIMITS, SlidingWindow } from "../limits.ts";

/** One of the three seats, as the server tracks it (the token hash never leaves the server). */
export interface Seat {
  nation: Nation;
  name: string;
  /** sha256 of the seat token; null until a human claims the seat. */
  tokenHash: string | null;
  /** A bot seat chosen at creation. */
  designBot: boolean;
  /** The human connection holding the seat (live, or inside its reconnection window). */
  sessionId: string | null;
  connected: boolean;
  reconnection: Deferred<Client> | null;
  /** A bot plays for a human who has been gone longer than the reconnection window. */
  takeover: boolean;
  /** After a restart: the window in which the seat's human may come back before a bot steps in. */
  windowTimer: NodeJS.Timeout | null;
  chat: SlidingWindow;
}

export interface JoinContext {
  code: string;
  ended: boolean;
  instructorKey: string;
  /** The spectator cap, checked when a seat is reserved (omitted once the reservation is made). */
  spectators?: { allowed: boolean; count: () => number; cap: number };
}

export type JoinPlan =
  | { role: "instructor" }
  | { role: "spectator" }
  | { role: "player"; nation: Nation; name: string; reclaim: false }
  | { role: "player"; nation: Nation; reclaim: true; token: string };

export function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

export const newSeatToken = () => randomBytes(24).toString("base64url");

/**
 * The three seats of a table: who holds each, their token hashes, and the join rule. Knows
 * nothing of sockets beyond session ids, nothing of the game beyond stances.
 */
export class SeatBook {
  readonly seats: Record<Nation, Seat>;

  constructor(bots: Partial<Record<Nation, StanceId>>) {
    const seats = {} as Record<Nation, Seat>;
    for (const nation of NATIONS) {
      const stance = bots[nation];
      seats[nation] = {
        nation,
        name: stance ? `${STANCE_NAMES[stance]} bot` : "",
        tokenHash: null,
        designBot: stance !== undefined,
        sessionId: null,
        connected: false,
        reconnection: null,
        takeover: false,
        windowTimer: null,
        chat: new SlidingWindow(LIMITS.chatPerWindow, LIMITS.chatWindowMs),
      };
    }
    this.seats = seats;
  }

  get(nation: Nation): Seat {
    return this.seats[nation];
  }

  all(): Seat[] {
    return NATIONS.map((n) => this.seats[n]);
  }

  occupied(seat: Seat): boolean {
    return seat.designBot || seat.tokenHash !== null;
  }

  botActive(seat: Seat): boolean {
    return seat.designBot || seat.takeover;
  }

  full(): boolean {
    return this.all().every((s) => this.occupied(s));
  }

  /** Human seats that a player has claimed (the ones that get a reconnection window). */
  claimedHumanSeats(): Seat[] {
    return this.all().filter((s) => !s.designBot && s.tokenHash !== null);
  }

  /** Whether any seat of this table was claimed with `token`. */
  holdsToken(token: string): boolean {
    const hash = hashToken(token);
    return this.all().some((s) => s.tokenHash === hash);
  }

  /** Claims a seat for a new player: returns the token to hand them (only its hash is kept). */
  claim(seat: Seat, name: string): string {
    const token = newSeatToken();
    seat.tokenHash = hashToken(token);
    seat.name = name;
    return token;
  }

  /**
   * The seat's token came from a new connection: the old holder (if another) loses the seat and
   * its pending reconnection. Returns the old holder's session id, for the room to close it.
   */
  release(seat: Seat, newSessionId: string): string | null {
    const old = seat.sessionId;
    if (old === null || old === newSessionId) return null;
    seat.sessionId = null;
    const pending = seat.reconnection;
    seat.reconnection = null;
    pending?.reject(new Error("the seat was reclaimed with its token"));
    return old;
  }

  /** Frees a seat (a player left before the start). */
  free(seat: Seat): void {
    seat.tokenHash = null;
    seat.name = "";
  }

  /**
   * What a join request gets, or a ServerError (HTTP 4xx) the joiner can read. Changes
   * nothing; the matchmaking guard calls it before a seat is reserved, onJoin again.
   */
  planJoin(raw: unknown, ctx: JoinContext): JoinPlan {
    const parsed = JoinTableOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success) throw new ServerError(400, zodMessage(parsed.error));
    const o = parsed.data;
    const { code } = ctx;
    if (o.instructorKey !== undefined) {
      if (!sameSecret(o.instructorKey, ctx.instructorKey)) throw new ServerError(403, "That instructor key is not right.");
      return { role: "instructor" };
    }
    if (o.seatToken !== undefined) {
      const hash = hashToken(o.seatToken);
      const seat = this.all().find((s) => !s.designBot && s.tokenHash === hash);
      if (!seat) throw new ServerError(403, `That seat token does not belong to a seat at table ${code}. Join with your name instead.`);
      return { role: "player", nation: seat.nation, reclaim: true, token: o.seatToken };
    }
    if (o.spectate) {
      if (!ctx.spectators) return { role: "spectator" };
      const { allowed, count, cap } = ctx.spectators;
      if (!allowed) throw new ServerError(403, `Table ${code} does not admit spectators.`);
      if (count() >= cap) throw new ServerError(409, `Table ${code} has as many spectators as it admits (${cap}); its players and instructor can still join.`);
      return { role: "spectator" };
    }
    if (ctx.ended) throw new ServerError(409, `The game at table ${code} is over.`);
    if (o.name === undefined) throw new ServerError(400, "Please type a name.");
    if (o.nation !== undefined) {
      const seat = this.seats[o.nation];
      if (seat.designBot) throw new ServerError(409, `${NATION_NAMES[o.nation]} is played by a bot at this table.`);
      if (this.occupied(seat)) throw new ServerError(409, `${NATION_NAMES[o.nation]} is taken.`);
      return { role: "player", nation: o.nation, name: o.name, reclaim: false };
    }
    const free = NATIONS.find((n) => !this.occupied(this.seats[n]));
    if (!free) throw new ServerError(409, `Table ${code} is full.`);
    return { role: "player", nation: free, name: o.name, reclaim: false };
  }

  /** The public face of the seats (summary and presence). */
  summaries(stances: Record<Nation, string>): SeatSummary[] {
    return this.all().map((seat) => ({
      nation: seat.nation,
      name: seat.name,
      occupied: this.occupied(seat),
      connected: seat.connected,
      bot: this.botActive(seat),
      stance: stances[seat.nation],
    }));
  }
}
