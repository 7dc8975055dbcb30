import { matchMaker } from "@colyseus/core";
import type { Card } from "../../shared/content/card-schema.ts";
import type { ConsoleTable, TableControl, TableControlResult } from "../../shared/protocol/class-messages.ts";
import type { ClassMessagesOut } from "../../shared/protocol/server-messages.ts";
import { ROOM_NAME, type CommandReply, type CreateTableOptions } from "../../shared/protocol/messages.ts";
import type { Nation, StanceId } from "../../shared/rules/vocabulary.ts";
import type { ClassSettings } from "../storage/class-store.ts";

/**
 * What a class asks of its tables, wherever they live: every call goes through
 * matchMaker.remoteRoomCall (a direct call in this process, IPC over presence otherwise), to the
 * table room's `classCall` (server/rooms/table/class-entries.ts) and `control`
 * (server/rooms/table/controls.ts).
 */

/** The part of matchMaker.createRoom("table", …) options that makes a table a class table. */
export interface ClassTableOptions {
  classCode: string;
  /** The class's own deck (an instructor's upload); the server's deck when absent. */
  deck?: Card[];
  /** Seats held for named students (they get their seat tokens through classSeat). */
  students: Partial<Record<Nation, string>>;
  spectators: boolean;
}

const CALL_TIMEOUT_MS = 3000;
/** The console's controls and its table listing answer within a second, even for a table whose process just died. */
const CONSOLE_TIMEOUT_MS = 900;

export async function createClassTable(
  settings: ClassSettings,
  cls: { code: string; deck: Card[] | null; spectators: boolean },
  seats: { students: Partial<Record<Nation, string>>; bots: Partial<Record<Nation, StanceId>> },
  seed: number,
  /** The table's number in its class: spreads a class's tables over the processes (server/scale/cluster.ts). */
  index: number,
): Promise<string> {
  const create: CreateTableOptions = {
    name: "Class",
    rounds: settings.rounds,
    timers: settings.timers,
    deckOrder: settings.deckOrder,
    bots: seats.bots,
    botDifficulty: settings.botDifficulty,
    seed,
    ...(settings.botThinkMs !== undefined ? { botThinkMs: settings.botThinkMs } : {}),
  };
  const classOptions: ClassTableOptions = { classCode: cls.code, students: seats.students, spectators: cls.spectators, ...(cls.deck ? { deck: cls.deck } : {}) };
  const listing = await matchMaker.createRoom(ROOM_NAME, { create, class: classOptions, placement: { group: cls.code, index } });
  return listing.roomId;
}

/** A fresh seat token for the student at (table, nation), and a reservation that uses it. */
export async function seatReservation(table: string, nation: Nation, name: string): Promise<ClassMessagesOut["seat"]> {
  const { seatToken, handover } = (await matchMaker.remoteRoomCall(table, "classCall", ["seat", [nation, name]], CALL_TIMEOUT_MS)) as { seatToken: string; handover: boolean };
  const listing = await matchMaker.getRoomById(table);
  const reservation = await matchMaker.reserveSeatFor(listing, { seatToken });
  return { table, nation, reservation: reservation as unknown as ClassMessagesOut["seat"]["reservation"], handover };
}

/** A removed student's seat goes to a bot; their seat token stops working. */
export async function releaseSeat(table: string, nation: Nation): Promise<void> {
  await matchMaker.remoteRoomCall(table, "classCall", ["release", [nation]], CALL_TIMEOUT_MS);
}

/** The omniscient instructor view of a table, reserved with the server's key (which never leaves the server). */
export async function instructorReservation(table: string, instructorKey: string): Promise<ClassMessagesOut["seat"]["reservation"]> {
  const listing = await matchMaker.getRoomById(table);
  return (await matchMaker.reserveSeatFor(listing, { instructorKey })) as unknown as ClassMessagesOut["seat"]["reservation"];
}

export async function controlTable(table: string, control: TableControl): Promise<TableControlResult> {
  try {
    const reply = (await matchMaker.remoteRoomCall(table, "control", [control], CONSOLE_TIMEOUT_MS)) as CommandReply;
    return reply.ok ? { table, ok: true } : { table, ok: false, code: reply.code, message: reply.message };
  } catch (e) {
    return { table, ok: false, code: "UNAVAILABLE", message: `Table ${table} did not answer: ${(e as Error).message}` };
  }
}

export async function tableSnapshot(table: string): Promise<ConsoleTable | null> {
  try {
    return (await matchMaker.remoteRoomCall(table, "classCall", ["snapshot", []], CONSOLE_TIMEOUT_MS)) as ConsoleTable;
  } catch {
    return null;
  }
}

export async function setTableSpectators(table: string, allowed: boolean): Promise<void> {
  try {
    await matchMaker.remoteRoomCall(table, "classCall", ["spectators", [allowed]], CALL_TIMEOUT_MS);
  } catch {
    /* an ended or closed table has no spectators to allow */
  }
}
