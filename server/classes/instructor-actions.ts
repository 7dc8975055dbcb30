import { CloseCode } from "@colyseus/core";
import { placeLateJoiner, seatClass, type LiveTable } from "../../shared/class/seating.ts";
import { botStance } from "../../shared/class/seating.ts";
import { InstructorRequestSchema, type InstructorReply, type InstructorRequest, type TableControl, type TableControlResult } from "../../shared/protocol/class-messages.ts";
import type { ClassReplyCode } from "../../shared/protocol/reply-codes.ts";
import { seedToRng } from "../../shared/rules/rng.ts";
import { NATIONS, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";
import type { ClassRoom } from "../rooms/ClassRoom.ts";
import type { StoredStudent } from "../storage/class-store.ts";
import { controlTable, createClassTable, instructorReservation, releaseSeat, setTableSpectators } from "./table-ops.ts";

/** The instructor's requests on the class room, each answered {ok} or {ok:false, code, message}. */

const refuse = (code: ClassReplyCode, message: string): InstructorReply => ({ ok: false, code, message });

export async function handleInstructorRequest(room: ClassRoom, payload: unknown): Promise<InstructorReply> {
  const parsed = InstructorRequestSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse("INVALID_MESSAGE", `That request is not valid: ${issue ? `${issue.path.join(".") || "request"}: ${issue.message}` : "unknown problem"}`);
  }
  const request: InstructorRequest = parsed.data;
  switch (request.action) {
    case "start":
      return start(room);
    case "remove":
      return remove(room, request.studentId);
    case "readmit": {
      const st = await room.roster.readmit(request.studentId);
      if (!st) return refuse("UNKNOWN_STUDENT", "There is no such student in this class.");
      room.rosterChanged();
      return { ok: true };
    }
    case "control":
      return control(room, request.tables, request.control);
    case "endClass":
      return endClass(room);
    case "openTable": {
      if (!room.tables.includes(request.table)) return refuse("UNKNOWN_TABLE", `Table ${request.table} is not part of this class.`);
      return { ok: true, reservation: await instructorReservation(request.table, room.ctx.config.instructorKey) };
    }
    case "spectators": {
      room.cls.spectators = request.allowed;
      await room.ctx.classes.setSpectators(room.roomId, request.allowed);
      await Promise.all(room.tables.map((t) => setTableSpectators(t, request.allowed)));
      return { ok: true };
    }
  }
}

/** The seed of the class's table number `index` (so a class's tables differ, reproducibly). */
const tableSeed = (classSeed: number, index: number) => seedToRng(`${classSeed}:table:${index}`) & 0x7fffffff;

async function start(room: ClassRoom): Promise<InstructorReply> {
  if (room.cls.status === "running") return refuse("ALREADY_STARTED", "The class has already started.");
  if (room.cls.status === "ended") return refuse("CLASS_ENDED", "The class has ended.");
  const students = room.roster.present;
  if (students.length === 0) return refuse("NO_STUDENTS", "Nobody has joined yet: wait for at least one student.");
  const plan = seatClass(students.map((s) => ({ id: s.id, preference: s.preference })), { seed: room.cls.seed, botStances: room.cls.settings.botStances });
  const byId = new Map(students.map((s) => [s.id, s] as const));
  // Mark the class running first, so a student joining meanwhile is seated as a late joiner.
  room.cls.status = "running";
  let codes: string[];
  const t0 = performance.now();
  try {
    codes = await Promise.all(
    plan.map((table) => {
      const names: Partial<Record<Nation, string>> = {};
      const bots: Partial<Record<Nation, StanceId>> = {};
      for (const nation of NATIONS) {
        const seat = table.seats[nation];
        if (seat.kind === "student") names[nation] = byId.get(seat.studentId)!.name;
        else bots[nation] = seat.stance;
      }
      return createClassTable(room.cls.settings, room.cls, { students: names, bots }, tableSeed(room.cls.seed, table.index), table.index);
    }),
    );
  } catch (e) {
    room.cls.status = "lobby";
    room.log.error(`could not open the tables: ${(e as Error).message}`);
    return refuse("SERVER_ERROR", "The server could not open the tables; nothing was started. Try again.");
  }
  const now = Date.now();
  const seated: StoredStudent[] = [];
  plan.forEach((table, i) => {
    for (const nation of NATIONS) {
      const seat = table.seats[nation];
      if (seat.kind === "student") seated.push(room.roster.assign(byId.get(seat.studentId)!, codes[i]!, nation));
    }
  });
  await room.ctx.classes.start(room.roomId, { tables: plan.map((table, i) => ({ code: codes[i]!, index: table.index })), seated, at: now });
  room.tables.push(...codes);
  room.cls.startedAt = now;
  const t1 = performance.now();
  room.rosterChanged();
  await Promise.all(students.map((s) => room.sendSeat(s)));
  room.log.info(`started: ${students.length} student(s) at ${codes.length} table(s); tables opened in ${(t1 - t0).toFixed(0)} ms, seats sent ${(performance.now() - t1).toFixed(0)} ms later`);
  return { ok: true };
}

/** A student who joins a running class: a bot's seat at a running table, or a new table. */
export async function seatLateJoiner(room: ClassRoom, student: StoredStudent): Promise<void> {
  const humans = new Set(room.roster.present.filter((s) => s.table && s.nation).map((s) => `${s.table}:${s.nation}`));
  const live: LiveTable[] = room.tables.map((code) => ({
    code,
    ended: room.feed.snapshots.get(code)?.ended ?? false,
    seats: Object.fromEntries(NATIONS.map((n) => [n, humans.has(`${code}:${n}`) ? "human" : "bot"])) as Record<Nation, "human" | "bot">,
  }));
  const place = placeLateJoiner(live, student.preference);
  let table: string;
  if (place.kind === "botSeat") {
    table = place.table;
  } else {
    const index = room.tables.length;
    let rng = seedToRng(`${room.cls.seed}:late:${index}`);
    const bots: Partial<Record<Nation, StanceId>> = {};
    for (const n of NATIONS.filter((x) => x !== place.nation)) [bots[n], rng] = botStance(n, room.cls.settings.botStances, rng);
    table = await createClassTable(room.cls.settings, room.cls, { students: { [place.nation]: student.name }, bots }, tableSeed(room.cls.seed, index), index);
    await room.ctx.classes.addTable(room.roomId, table, index);
    room.tables.push(table);
  }
  await room.roster.seat(student, table, place.nation);
  room.log.info(`${student.name} (late) sits at ${table} as ${place.nation}${place.kind === "botSeat" ? ", taking over from a bot" : ""}`);
  room.rosterChanged();
  await room.sendSeat(student);
}

async function remove(room: ClassRoom, studentId: string): Promise<InstructorReply> {
  const before = room.roster.byId(studentId);
  if (!before) return refuse("UNKNOWN_STUDENT", "There is no such student in this class.");
  const seat = before.table && before.nation ? { table: before.table, nation: before.nation } : null;
  await room.roster.remove(studentId);
  const client = room.students.get(studentId);
  if (client) {
    room.notice(client, "warning", "The instructor removed you from this class.");
    client.leave(CloseCode.CONSENTED);
  }
  if (seat && room.cls.status === "running") {
    try {
      await releaseSeat(seat.table, seat.nation);
    } catch (e) {
      room.log.warn(`could not hand ${seat.table} ${seat.nation} to a bot: ${(e as Error).message}`);
    }
  }
  room.rosterChanged();
  return { ok: true };
}

async function control(room: ClassRoom, which: "all" | string[], what: TableControl): Promise<InstructorReply> {
  if (room.cls.status !== "running") return refuse(room.cls.status === "ended" ? "CLASS_ENDED" : "NOT_STARTED", "The class's tables are not running.");
  const targets = which === "all" ? room.tables.slice() : [...new Set(which)];
  const unknown = targets.filter((t) => !room.tables.includes(t));
  if (unknown.length > 0) return refuse("UNKNOWN_TABLE", `Not a table of this class: ${unknown.join(", ")}.`);
  const results: TableControlResult[] = await Promise.all(targets.map((t) => controlTable(t, what)));
  // "On every table" skips tables that are already over, rather than failing on them.
  const counted = which === "all" ? results.filter((r) => r.ok || r.code !== "GAME_OVER") : results;
  const refused = counted.filter((r) => !r.ok);
  room.log.info(`${what.kind} on ${which === "all" ? "every table" : targets.join(", ")}: ${counted.length - refused.length} done, ${refused.length} refused`);
  void room.feed.tick();
  if (refused.length === 0) return { ok: true, results };
  return { ok: false, code: "PARTIAL", message: `${refused.length} of ${counted.length} table(s) refused: ${refused[0]!.message ?? refused[0]!.code}`, results };
}

async function endClass(room: ClassRoom): Promise<InstructorReply> {
  if (room.cls.status === "ended") return refuse("CLASS_ENDED", "The class has already ended.");
  const results = room.cls.status === "running" ? await Promise.all(room.tables.map((t) => controlTable(t, { kind: "end" }))) : [];
  const now = Date.now();
  await room.ctx.classes.setEnded(room.roomId, now);
  room.cls.status = "ended";
  room.cls.endedAt = now;
  room.log.info("ended by the instructor");
  room.broadcastLobby();
  return { ok: true, results };
}
