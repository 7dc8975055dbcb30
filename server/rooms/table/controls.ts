import type { TableControl } from "../../../shared/protocol/class-messages.ts";
import type { CommandReply } from "../../../shared/protocol/messages.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { TableRoom } from "../TableRoom.ts";

const INSTRUCTOR = { kind: "instructor" } as const;

/** The engine command each control enters the record as. */
export function commandOf(c: TableControl): Command {
  switch (c.kind) {
    case "pause":
      return { type: "pause" };
    case "resume":
      return { type: "resume" };
    case "extend":
      return { type: "extendPhase", seconds: c.seconds };
    case "advance":
      return { type: "advancePhase" };
    case "inject":
      return { type: "injectCard", cardId: c.cardId };
    case "broadcast":
      return { type: "broadcast", text: c.text };
    case "end":
      return { type: "endTable" };
  }
}

/**
 * An instructor's control of one table (TableRoom.control, reached by remoteRoomCall): first
 * the engine command (so it is in the record, or refused with the engine's reason), then the
 * phase clock for pause, resume and extend, and a notice for a broadcast.
 */
export async function control(room: TableRoom, c: TableControl): Promise<CommandReply> {
  const reply = await room.runCommand(INSTRUCTOR, commandOf(c));
  if (!reply.ok) return reply;
  if (c.kind === "pause") room.pauseClock();
  if (c.kind === "resume") room.resumeClock();
  if (c.kind === "extend") room.extendClock(c.seconds * 1000);
  if (c.kind === "broadcast") room.broadcastNotice("info", `From the instructor: ${c.text}`);
  return reply;
}
