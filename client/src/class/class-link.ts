import { Client, type Room } from "@colyseus/sdk";
import {
  INSTRUCTOR_REQUEST,
  type ClassJoinOptions,
  type ClassLobbyMessage,
  type ClassRosterMessage,
  type ClassSeatMessage,
  type ClassYouMessage,
  type ConsoleMessage,
  type InstructorReply,
  type InstructorRequest,
} from "../../../shared/protocol/class-messages.ts";
import type { NoticeMessage } from "../../../shared/protocol/messages.ts";
import { joinErrorText } from "../net/connection.ts";
import { onClassMessages } from "../net/messages.ts";
import { InstructorReplySchema } from "../../../shared/protocol/server-messages.ts";

/** What a class page hears from the class room. Every handler is optional. */
export interface ClassHandlers {
  you?(m: ClassYouMessage): void;
  lobby?(m: ClassLobbyMessage): void;
  roster?(m: ClassRosterMessage): void;
  seat?(m: ClassSeatMessage): void;
  console?(m: ConsoleMessage): void;
  notice?(m: NoticeMessage): void;
  /** The server closed this page's place in the class (the instructor removed the student, another window took over). */
  closed?(): void;
  /** "online" | "reconnecting" | "lost" (with the reason in words). */
  status?(status: "online" | "reconnecting" | "lost", detail?: string): void;
}

const CONSENTED_LEAVE = 4000;

/**
 * The one link of a class page (join page, lobby, projector, console) to the class room, whose
 * room id is the class code. Drops reconnect through the SDK; if the SDK gives up (a server
 * restart), it joins again with `rejoinOptions()` (the student's rejoin token, the instructor's token).
 */
export class ClassLink {
  #client: Client;
  #room: Room | null = null;
  #left = false;

  readonly code: string;
  readonly handlers: ClassHandlers;
  readonly rejoinOptions: () => ClassJoinOptions | null;

  private constructor(code: string, handlers: ClassHandlers, rejoinOptions: () => ClassJoinOptions | null, serverUrl: string) {
    this.code = code;
    this.handlers = handlers;
    this.rejoinOptions = rejoinOptions;
    this.#client = new Client(serverUrl);
  }

  static async open(code: string, options: ClassJoinOptions, handlers: ClassHandlers, rejoinOptions: () => ClassJoinOptions | null, serverUrl = location.origin): Promise<ClassLink> {
    const link = new ClassLink(code, handlers, rejoinOptions, serverUrl);
    await link.#join(options);
    return link;
  }

  /** The Colyseus client, for consuming a seat reservation the class room hands out. */
  get client(): Client {
    return this.#client;
  }

  async #join(options: ClassJoinOptions): Promise<void> {
    let room: Room;
    try {
      room = await this.#client.joinById(this.code, options);
    } catch (error) {
      throw new Error(classJoinErrorText(error, this.code), { cause: error });
    }
    this.#wire(room);
  }

  #wire(room: Room): void {
    this.#room = room;
    const h = this.handlers;
    room.reconnection.minUptime = 0;
    room.reconnection.maxRetries = 40;
    onClassMessages(room, {
      you: (m) => h.you?.(m),
      lobby: (m) => h.lobby?.(m),
      roster: (m) => h.roster?.(m),
      seat: (m) => h.seat?.(m),
      console: (m) => h.console?.(m),
      notice: (m) => h.notice?.(m),
    });
    room.onDrop(() => h.status?.("reconnecting"));
    room.onReconnect(() => h.status?.("online"));
    room.onLeave((closeCode: number) => {
      if (this.#room !== room || this.#left) return;
      if (closeCode === CONSENTED_LEAVE) {
        this.#room = null;
        h.closed?.();
        return;
      }
      void this.#recover();
    });
    h.status?.("online");
  }

  async #recover(): Promise<void> {
    this.handlers.status?.("reconnecting");
    let reason = "";
    for (let attempt = 0; attempt < 6; attempt++) {
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      if (this.#left) return;
      const options = this.rejoinOptions();
      if (!options) break;
      try {
        await this.#join(options);
        return;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        if (/no class|removed|not the instructor|refused/i.test(reason)) break;
      }
    }
    if (!this.#left) this.handlers.status?.("lost", reason);
  }

  /** An instructor request, always answered: a refusal or a lost connection comes back as { ok: false } in words. */
  async instruct(request: InstructorRequest): Promise<InstructorReply> {
    const room = this.#room;
    if (!room) return { ok: false, code: "OFFLINE", message: "Not connected to the class." };
    try {
      const reply = InstructorReplySchema.safeParse(await room.request(INSTRUCTOR_REQUEST, request, { timeout: 15_000 }));
      return reply.success ? reply.data : { ok: false, code: "OFFLINE", message: "The class sent an answer this page cannot read." };
    } catch (error) {
      return { ok: false, code: "OFFLINE", message: `The class did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async leave(): Promise<void> {
    this.#left = true;
    const room = this.#room;
    this.#room = null;
    if (room) await room.leave(true).catch(() => undefined);
  }
}

/** The matchmaker's words for a class room, made plain. */
export function classJoinErrorText(error: unknown, code: string): string {
  const message = (error as { message?: string } | undefined)?.message ?? String(error);
  if (/not found|disposed/i.test(message)) return `There is no class with the code ${code}. Check the letters on the projector.`;
  return joinErrorText(error, code);
}
