import type { Client as SDKClient, Room as SDKRoom } from "@colyseus/sdk";
import type {
  ClassLobbyMessage,
  ClassRosterMessage,
  ClassSeatMessage,
  ClassYouMessage,
  ConsoleMessage,
  ConsoleTable,
  CreateClassAnswer,
  CreateClassRequest,
  InstructorReply,
  InstructorRequest,
} from "../../../shared/protocol/class-messages.ts";
import type { NoticeMessage } from "../../../shared/protocol/messages.ts";
import { CLASS_MESSAGES, InstructorReplySchema } from "../../../shared/protocol/server-messages.ts";
import { TestSeat, waitFor } from "./harness.ts";

/** A class opened over HTTP, as the Run-a-class form does. */
export async function openClass(url: string, request: CreateClassRequest): Promise<CreateClassAnswer> {
  const res = await fetch(`${url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  if (res.status !== 201) throw new Error(`POST /api/classes: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateClassAnswer;
}

/** A student through the real SDK: the class room, and the table room once seated. */
export class ClassStudent {
  readonly sdk: SDKClient;
  room!: SDKRoom;
  you: ClassYouMessage | null = null;
  lobby: ClassLobbyMessage | null = null;
  seats: ClassSeatMessage[] = [];
  notices: NoticeMessage[] = [];
  table: TestSeat | null = null;
  errors: string[] = [];
  /** When the first view of the table arrived (ms epoch). */
  firstViewAt = 0;

  constructor(sdk: SDKClient) {
    this.sdk = sdk;
  }

  static async join(sdk: SDKClient, code: string, options: Record<string, unknown>): Promise<ClassStudent> {
    const s = new ClassStudent(sdk);
    s.attach(await sdk.joinById(code, { role: "student", ...options }));
    await waitFor("the you message", () => s.you);
    return s;
  }

  attach(room: SDKRoom): void {
    this.room = room;
    // Every message is parsed with the client's registry: one the schema refuses fails the test run.
    room.onMessage("you", (raw: unknown) => (this.you = CLASS_MESSAGES.you.parse(raw)));
    room.onMessage("lobby", (raw: unknown) => (this.lobby = CLASS_MESSAGES.lobby.parse(raw)));
    room.onMessage("notice", (raw: unknown) => this.notices.push(CLASS_MESSAGES.notice.parse(raw)));
    room.onMessage("seat", (raw: unknown) => {
      const m = CLASS_MESSAGES.seat.parse(raw);
      this.seats.push(m);
      this.takeSeat(m).catch((e: Error) => this.errors.push(`seat at ${m.table}: ${e.message}`));
    });
  }

  private async takeSeat(m: ClassSeatMessage): Promise<void> {
    const tableRoom = await this.sdk.consumeSeatReservation(m.reservation as never);
    if (this.table) {
      this.table.attach(tableRoom);
    } else {
      this.table = new TestSeat(tableRoom);
      this.table.onView = () => {
        if (this.firstViewAt === 0) this.firstViewAt = Date.now();
      };
    }
  }

  async waitForTable(timeoutMs = 20_000): Promise<TestSeat> {
    return waitFor(`a table view (seats ${this.seats.length}, errors: ${this.errors.join("; ") || "none"})`, () => (this.table && this.table.views.length > 0 ? this.table : null), timeoutMs);
  }

  async instructorRequest(request: unknown): Promise<InstructorReply> {
    return InstructorReplySchema.parse(await this.room.request("instructor", request, { timeout: 10_000 }));
  }

  async leave(): Promise<void> {
    await this.table?.leave();
    if (this.room.connection?.isOpen) await Promise.race([this.room.leave(), new Promise((r) => setTimeout(r, 2000))]);
  }
}

/** The instructor's console through the SDK. */
export class ClassInstructor {
  room!: SDKRoom;
  roster: ClassRosterMessage | null = null;
  lobby: ClassLobbyMessage | null = null;
  consoleMessages: { at: number; received: number; message: ConsoleMessage }[] = [];
  tables = new Map<string, ConsoleTable>();

  static async join(sdk: SDKClient, code: string, token: string): Promise<ClassInstructor> {
    const i = new ClassInstructor();
    const room = await sdk.joinById(code, { role: "instructor", token });
    i.room = room;
    room.onMessage("roster", (raw: unknown) => (i.roster = CLASS_MESSAGES.roster.parse(raw)));
    room.onMessage("lobby", (raw: unknown) => (i.lobby = CLASS_MESSAGES.lobby.parse(raw)));
    room.onMessage("notice", (raw: unknown) => CLASS_MESSAGES.notice.parse(raw));
    room.onMessage("console", (raw: unknown) => {
      const m = CLASS_MESSAGES.console.parse(raw);
      i.consoleMessages.push({ at: m.at, received: Date.now(), message: m });
      if (m.full) i.tables.clear();
      for (const t of m.tables) i.tables.set(t.code, t);
    });
    return i;
  }

  async request(request: InstructorRequest): Promise<InstructorReply> {
    return InstructorReplySchema.parse(await this.room.request("instructor", request, { timeout: 20_000 }));
  }

  async leave(): Promise<void> {
    if (this.room.connection?.isOpen) await Promise.race([this.room.leave(), new Promise((r) => setTimeout(r, 2000))]);
  }
}
