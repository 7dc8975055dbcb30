import { CloseCode, ServerError, type Client } from "@colyseus/core";
import {
  ClassJoinOptionsSchema,
  INSTRUCTOR_REQUEST,
  type ClassRosterMessage,
  type InstructorReply,
} from "../../shared/protocol/class-messages.ts";
import type { NoticeMessage } from "../../shared/protocol/messages.ts";
import type { ClassMessagesOut } from "../../shared/protocol/server-messages.ts";
import { sendClassMessage } from "./send.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import { ConsoleFeed } from "../classes/console.ts";
import type { ClassContext } from "../classes/context.ts";
import { handleInstructorRequest, seatLateJoiner } from "../classes/instructor-actions.ts";
import { Roster } from "../classes/roster.ts";
import { matchesHash, sameSecret } from "../classes/secrets.ts";
import { seatReservation, setTableSpectators } from "../classes/table-ops.ts";
import type { Logger } from "../log.ts";
import type { StoredClass, StoredStudent } from "../storage/class-store.ts";
import { LIMITS, SlidingWindow } from "./limits.ts";
import { SafeRoom } from "./SafeRoom.ts";

type ClassClient =
  | { role: "instructor"; requests: SlidingWindow }
  | { role: "student"; studentId: string; token: string | null; requests: SlidingWindow };

type JoinPlan =
  | { role: "instructor" }
  | { role: "student"; name: string; preference: Nation | null }
  | { role: "student"; student: StoredStudent; token: string };

/** How long a dropped student's or instructor's connection is held for the SDK's reconnection. */
const RECONNECT_SECONDS = 60;

/**
 * One class: the lobby students wait in, the roster, the seating at Start, late joiners, and
 * the instructor's console and controls over every table of the class. The class's room id is
 * its code. Game state never passes through here: students play in their table rooms.
 */
export class ClassRoom extends SafeRoom {
  static context: ClassContext | null = null;

  cls!: StoredClass;
  roster!: Roster;
  tables: string[] = [];
  readonly students = new Map<string, Client>();
  readonly instructors = new Set<Client>();
  /** Students whose connection dropped and may still come back through the SDK's reconnection. */
  private readonly dropped = new Set<string>();
  feed!: ConsoleFeed;
  private classLog: Logger | null = null;

  get ctx(): ClassContext {
    const ctx = (this.constructor as typeof ClassRoom).context;
    if (!ctx) throw new Error("ClassRoom used without a server context (use createServer).");
    return ctx;
  }

  get log(): Logger {
    return this.classLog ?? this.ctx.log;
  }

  async onCreate(options: { code?: unknown; restore?: unknown }): Promise<void> {
    const code = typeof options?.restore === "string" ? options.restore : typeof options?.code === "string" ? options.code : "";
    const stored = await this.ctx.classes.get(code);
    if (!stored) throw new ServerError(404, `There is no class with the code ${code}.`);
    this.cls = stored;
    this.roomId = code;
    this.autoDispose = false;
    this.maxClients = stored.settings.studentLimit + 20;
    this.maxMessagesPerSecond = 100;
    this.classLog = this.ctx.log.child(`class ${code}`);
    [this.roster, this.tables] = await Promise.all([Roster.load(this.ctx.classes, code), this.ctx.classes.tables(code)]);
    this.feed = new ConsoleFeed(this);
    this.onMessage(INSTRUCTOR_REQUEST, (client: Client, payload: unknown) => this.onInstructorRequest(client, payload));
    this.onMessage("*", (client: Client, type: string | number) => this.notice(client, "warning", `The class does not understand "${String(type).slice(0, 40)}" messages.`));
    this.clock.setInterval(() => void this.feed.tick(), 250);
    if (typeof options?.restore === "string") for (const table of this.tables) void setTableSpectators(table, this.cls.spectators);
    this.log.info(`${typeof options?.restore === "string" ? "restored" : "opened"}: "${stored.title}", ${this.roster.present.length} student(s), ${this.tables.length} table(s)`);
  }

  // ───────────────────────────── joining ─────────────────────────────

  /** What a join gets, or a ServerError (4xx) the joiner can read. Changes nothing. */
  planJoin(raw: unknown): JoinPlan {
    const parsed = ClassJoinOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const nested = issue && "errors" in issue ? (issue.errors as { message: string }[][]).flat()[0]?.message : undefined;
      throw new ServerError(400, nested ?? issue?.message ?? "Join a class as a student with a name, or as its instructor with the token.");
    }
    const o = parsed.data;
    if (o.role === "instructor") {
      const ok = matchesHash(o.token, this.cls.instructorHash) || sameSecret(o.token, this.ctx.config.instructorKey);
      if (!ok) throw new ServerError(403, "That instructor token does not open this class.");
      return { role: "instructor" };
    }
    if ("rejoinToken" in o) {
      const back = this.roster.rejoin(o.rejoinToken);
      if (!back.ok) throw new ServerError(back.status, back.message);
      return { role: "student", student: back.student, token: o.rejoinToken };
    }
    if (this.cls.status === "ended") throw new ServerError(409, "This class has ended.");
    const check = this.roster.checkJoin(o.name, this.cls.settings.studentLimit);
    if (!check.ok) throw new ServerError(check.status, check.message);
    return { role: "student", name: o.name, preference: o.preference ?? null };
  }

  async onJoin(client: Client, options: unknown): Promise<void> {
    const plan = this.planJoin(options);
    const requests = new SlidingWindow(LIMITS.actionsPerSecond, 1000);
    if (plan.role === "instructor") {
      client.userData = { role: "instructor", requests } satisfies ClassClient;
      this.instructors.add(client);
      sendClassMessage(client, "lobby", this.lobby());
      sendClassMessage(client, "roster", this.rosterMessage());
      this.feed.sendFull(client);
      return;
    }
    let student: StoredStudent;
    let token: string;
    if ("student" in plan) {
      student = plan.student;
      token = plan.token;
    } else {
      const joined = await this.roster.join(plan.name, plan.preference, this.cls.settings.studentLimit, Date.now());
      if (!joined.ok) throw new ServerError(joined.status, joined.message);
      student = joined.student;
      token = joined.token;
      this.log.info(`${student.name} ${joined.returning ? "was let back in" : "joined"}`);
    }
    const old = this.students.get(student.id);
    if (old && old !== client) {
      this.notice(old, "warning", "You opened this class in another window; this one is now closed.");
      old.leave(CloseCode.CONSENTED);
    }
    client.userData = { role: "student", studentId: student.id, token, requests } satisfies ClassClient;
    this.students.set(student.id, client);
    this.dropped.delete(student.id);
    this.welcome(client, student, token);
    this.rosterChanged();
    if (this.cls.status === "running" && student.table === null) await seatLateJoiner(this, student);
    else if (this.cls.status === "running") await this.sendSeat(student);
  }

  private welcome(client: Client, student: StoredStudent, token: string): void {
    const you: ClassMessagesOut["you"] = { classCode: this.roomId, studentId: student.id, name: student.name, rejoinToken: token, status: student.status };
    sendClassMessage(client, "you", you);
    sendClassMessage(client, "lobby", this.lobby(student));
  }

  async onDrop(client: Client): Promise<void> {
    const info = client.userData as ClassClient | undefined;
    if (info?.role === "student") this.dropped.add(info.studentId);
    this.rosterChanged();
    try {
      await this.allowReconnection(client, RECONNECT_SECONDS);
    } catch {
      /* gone: onLeave follows */
    }
  }

  async onReconnect(client: Client): Promise<void> {
    const info = client.userData as ClassClient | undefined;
    if (info?.role === "instructor") {
      sendClassMessage(client, "lobby", this.lobby());
      sendClassMessage(client, "roster", this.rosterMessage());
      this.feed.sendFull(client);
      return;
    }
    const student = info ? this.roster.byId(info.studentId) : undefined;
    if (!student || student.status === "removed" || !info || info.role !== "student") return void client.leave(CloseCode.CONSENTED);
    this.dropped.delete(student.id);
    this.welcome(client, student, info.token ?? "");
    this.rosterChanged();
    if (this.cls.status === "running" && student.table) await this.sendSeat(student);
  }

  onLeave(client: Client): void {
    const info = client.userData as ClassClient | undefined;
    if (info?.role === "instructor") this.instructors.delete(client);
    else if (info?.role === "student" && this.students.get(info.studentId) === client) {
      this.students.delete(info.studentId);
      this.dropped.delete(info.studentId);
      this.rosterChanged();
    }
  }

  onDispose(): void {
    this.cancelAllLater();
  }

  // ───────────────────────────── what clients get ─────────────────────────────

  lobby(student?: StoredStudent): ClassMessagesOut["lobby"] {
    const status = this.cls.status;
    let message = "Waiting for the instructor to start. You will be seated at a table of three; bots fill empty seats.";
    if (status === "ended") message = "The class has ended. Thank you for playing.";
    else if (status === "running" && student?.table) message = `You are seated at table ${student.table}.`;
    else if (status === "running") message = "The class has started: finding you a seat…";
    return {
      code: this.roomId,
      title: this.cls.title,
      status,
      students: this.roster.present.length,
      limit: this.cls.settings.studentLimit,
      tables: this.tables.length,
      message,
    };
  }

  rosterMessage(): ClassRosterMessage {
    return { students: this.roster.entries(new Set(this.connectedStudents())) };
  }

  private connectedStudents(): string[] {
    return [...this.students.keys()].filter((id) => !this.dropped.has(id));
  }

  /** The roster and the lobby counts changed: tell the instructors (and everyone the new count). */
  rosterChanged(): void {
    const roster = this.rosterMessage();
    for (const c of this.instructors) sendClassMessage(c, "roster", roster);
    this.broadcastLobby();
  }

  broadcastLobby(): void {
    for (const c of this.instructors) sendClassMessage(c, "lobby", this.lobby());
    for (const [id, c] of this.students) sendClassMessage(c, "lobby", this.lobby(this.roster.byId(id)));
  }

  notice(client: Client, level: NoticeMessage["level"], text: string): void {
    sendClassMessage(client, "notice", { level, text } satisfies NoticeMessage);
  }

  /** A seat reservation for a seated student who is connected (fresh seat token each time). */
  async sendSeat(student: StoredStudent): Promise<void> {
    const client = this.students.get(student.id);
    if (!client || !student.table || !student.nation) return;
    try {
      const seat: ClassMessagesOut["seat"] = await seatReservation(student.table, student.nation, student.name);
      sendClassMessage(client, "seat", seat);
      sendClassMessage(client, "lobby", this.lobby(student));
    } catch (e) {
      this.log.warn(`could not seat ${student.name} at ${student.table}: ${(e as Error).message}`);
      this.notice(client, "error", `Your table ${student.table} is not answering; please refresh in a moment.`);
    }
  }

  // ───────────────────────────── instructor ─────────────────────────────

  private async onInstructorRequest(client: Client, payload: unknown): Promise<InstructorReply> {
    const info = client.userData as ClassClient | undefined;
    if (!info || info.role !== "instructor") return { ok: false, code: "NOT_INSTRUCTOR", message: "Only the class's instructor can do that." };
    if (!info.requests.take(Date.now())) return { ok: false, code: "RATE_LIMITED", message: `Slow down: at most ${LIMITS.actionsPerSecond} requests a second.` };
    try {
      return await handleInstructorRequest(this, payload);
    } catch (e) {
      this.guard("onMessage", () => {
        throw e;
      });
      return { ok: false, code: "SERVER_ERROR", message: "Something went wrong in the class; nothing was changed." };
    }
  }
}
