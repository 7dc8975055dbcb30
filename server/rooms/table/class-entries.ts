import { CloseCode } from "@colyseus/core";
import { z } from "zod";
import { CardSchema, type Card } from "../../../shared/content/card-schema.ts";
import type { ConsoleFlag, ConsoleTable } from "../../../shared/protocol/class-messages.ts";
import type { CommandReply } from "../../../shared/protocol/messages.ts";
import { deterrenceOf } from "../../../shared/rules/deterrence.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, type Nation } from "../../../shared/rules/vocabulary.ts";
import { hashToken } from "../../storage/store.ts";
import type { TableRoom } from "../TableRoom.ts";
import type { Accepted } from "./command-path.ts";
import { newSeatToken } from "./seats.ts";

/**
 * A table that belongs to a class: the class room reaches it through these entries (by
 * matchMaker.remoteRoomCall on `classCall`, so it works across processes). Seats held for named
 * students, fresh seat tokens for them, a bot's seat handed to a late joiner at the next phase
 * boundary, a removed student's seat back to a bot, the console's snapshot, spectators only
 * with the instructor's permission. Instructor controls are in controls.ts.
 */

/** matchMaker.createRoom("table", { create, class }) — built by server/classes/table-ops.ts. */
export const ClassTableOptionsSchema = z.object({
  classCode: z.string(),
  deck: z.array(CardSchema).optional(),
  students: z.partialRecord(z.enum(["seoul", "tokyo", "washington"]), z.string()),
  spectators: z.boolean(),
});
export type ClassTableOptions = z.infer<typeof ClassTableOptionsSchema>;

export function classOptionsOf(options: unknown): ClassTableOptions | null {
  if (!options || typeof options !== "object" || !("class" in options)) return null;
  const parsed = ClassTableOptionsSchema.safeParse((options as { class: unknown }).class);
  return parsed.success ? parsed.data : null;
}

/** The deck a class table is dealt from: the class's own, else the server's. */
export function classDeck<T extends { deck: () => readonly Card[] }>(ctx: T, cls: ClassTableOptions | null): T {
  return cls?.deck ? { ...ctx, deck: () => cls.deck! } : ctx;
}

interface ClassFacts {
  lastActionAt: Record<Nation, number>;
  /** Seats a bot plays until the current phase ends, for the late joiner who now holds them. */
  handover: Set<Nation>;
}

const facts = new WeakMap<TableRoom, ClassFacts>();
function factsOf(room: TableRoom): ClassFacts {
  let f = facts.get(room);
  if (!f) {
    const now = Date.now();
    facts.set(room, (f = { lastActionAt: { seoul: now, tokyo: now, washington: now }, handover: new Set() }));
  }
  return f;
}

/** A new class table: its student seats are held (occupied, so the game starts at once); each student gets the reconnection window to arrive. */
export async function holdStudentSeats(room: TableRoom, cls: ClassTableOptions, reconnectSeconds: number): Promise<void> {
  room.allowSpectators = cls.spectators;
  const writes: Promise<void>[] = [];
  for (const nation of NATIONS) {
    const name = cls.students[nation];
    if (name === undefined) continue;
    const seat = room.seats.get(nation);
    room.seats.claim(seat, name);
    writes.push(room.storeSeat(nation));
    seat.windowTimer = room.after(() => {
      seat.windowTimer = null;
      if (seat.sessionId === null) room.seatAbandoned(seat);
    }, reconnectSeconds * 1000);
  }
  await Promise.all(writes);
  factsOf(room);
  room.maybeStart();
}

/** After every accepted command: idle clocks, and handovers at the phase boundary. */
export function classAfterCommand(room: TableRoom, a: Accepted): void {
  const f = facts.get(room);
  if (!f) return;
  if (a.actor.kind === "seat") f.lastActionAt[a.actor.nation] = Date.now();
  if (!a.phaseChanged || f.handover.size === 0) return;
  for (const nation of f.handover) {
    const seat = room.seats.get(nation);
    seat.handover = false;
    if (seat.sessionId !== null) {
      seat.takeover = false;
      room.broadcastNotice("info", `${seat.name} now plays ${NATION_NAMES[nation]}.`);
    }
    f.lastActionAt[nation] = Date.now();
  }
  f.handover.clear();
  room.syncPresence();
}

type ClassCall = "seat" | "release" | "snapshot" | "spectators";

/** The class room's calls (TableRoom.classCall). */
export function classCall(room: TableRoom, op: ClassCall, args: unknown[]): unknown {
  switch (op) {
    case "seat":
      return seatStudent(room, args[0] as Nation, String(args[1]));
    case "release":
      return releaseSeat(room, args[0] as Nation);
    case "snapshot":
      return consoleSnapshot(room);
    case "spectators":
      room.allowSpectators = args[0] === true;
      return { ok: true };
  }
}

/**
 * A seat for a class's student, with a fresh seat token (any earlier token stops working). A
 * bot's seat is the late joiner's from now on, but the bot finishes the current phase.
 */
async function seatStudent(room: TableRoom, nation: Nation, name: string): Promise<{ seatToken: string; handover: boolean }> {
  const seat = room.seats.get(nation);
  const f = factsOf(room);
  let handover = false;
  if (seat.designBot && room.gameState.phase !== "ended") {
    seat.designBot = false;
    seat.takeover = true;
    seat.handover = true;
    f.handover.add(nation);
    handover = true;
  }
  const token = room.seats.claim(seat, name);
  room.syncPresence();
  await room.storeSeat(nation); // before the student hears of the token
  return { seatToken: token, handover };
}

/** A removed student's seat: their token stops working, their window closes, a bot plays on. */
async function releaseSeat(room: TableRoom, nation: Nation): Promise<CommandReply> {
  const seat = room.seats.get(nation);
  seat.tokenHash = hashToken(newSeatToken());
  seat.name = `${STANCE_NAMES[room.gameState.stances[nation]]} bot`;
  seat.handover = false;
  factsOf(room).handover.delete(nation);
  const stored = room.storeSeat(nation);
  const holder = seat.sessionId ? room.clients.getById(seat.sessionId) : undefined;
  seat.sessionId = null;
  seat.connected = false;
  if (holder) holder.leave(CloseCode.CONSENTED);
  room.seatAbandoned(seat);
  room.syncPresence();
  await stored;
  return { ok: true };
}

export const IDLE_FLAG_SECONDS = 60;

/** The table at a glance for the instructor's console (names of students are added by the class). */
export function consoleSnapshot(room: TableRoom, now = Date.now()): ConsoleTable {
  const g = room.gameState;
  const f = factsOf(room);
  const clock = room.phaseClock;
  const ended = g.phase === "ended";
  const deadline = clock.deadline ?? 0;
  const timeLeftSeconds = clock.paused ? Math.ceil((clock.remainingMs ?? 0) / 1000) : deadline > 0 ? Math.max(0, Math.ceil((deadline - now) / 1000)) : 0;
  const seats = NATIONS.map((nation) => {
    const seat = room.seats.get(nation);
    const bot = room.seats.botActive(seat);
    return { nation, name: seat.name, bot, connected: bot || seat.connected, idleSeconds: bot || ended ? 0 : Math.floor((now - f.lastActionAt[nation]) / 1000), studentId: null };
  });
  const flags: ConsoleFlag[] = [];
  if (g.crises > 0 && !ended) flags.push("crisis");
  if (seats.some((s) => !s.connected)) flags.push("disconnected");
  if (!ended && !clock.paused && seats.some((s) => s.idleSeconds >= IDLE_FLAG_SECONDS)) flags.push("idle");
  if (clock.paused) flags.push("paused");
  if (ended) flags.push("ended");
  return {
    code: room.roomId,
    seq: room.commandCount,
    round: g.round,
    rounds: g.options.rounds,
    phase: g.phase,
    deadline,
    timeLeftSeconds,
    paused: clock.paused,
    ended,
    seats,
    trust: { ...g.trust },
    threat: g.threat,
    deterrence: deterrenceOf(g).total,
    crises: g.crises,
    flags,
  };
}
