import { matchMaker, ServerError } from "@colyseus/core";
import { z } from "zod";
import { CreateTableOptionsSchema, ROOM_NAME, TableCodeSchema } from "../shared/protocol/messages.ts";
import type { TableRoom } from "./rooms/TableRoom.ts";
import type { ClassRoom } from "./rooms/ClassRoom.ts";
import { CLASS_ROOM_NAME, ClassCodeSchema } from "../shared/protocol/class-messages.ts";

/**
 * Puts readable answers on the matchmaking HTTP routes (POST /matchmake/:method/:name), which
 * Colyseus otherwise answers with its own codes ("room "X" not found", 4212…):
 *
 * - create: the options are checked against CreateTableOptionsSchema → 400 with the problem;
 *   the room is created with `{create: options}` and the creator joins with `{name, nation}`.
 * - joinById: the code is normalised (trim, upper case) → 404 "There is no table with the code …";
 *   the table says whether this join can succeed (409 "Tokyo is taken.", 403 bad key, …)
 *   before a seat is reserved.
 * - join / joinOrCreate are refused: tables are joined by their code.
 * - reconnect (the SDK's automatic reconnection) passes through.
 *
 * Other room types (e.g. the benchmark's echo room) pass through untouched.
 */
type InvokeMethod = typeof matchMaker.controller.invokeMethod;

let original: InvokeMethod | null = null;

export function installMatchmakingGuard(): void {
  if (original) return;
  original = matchMaker.controller.invokeMethod;
  const passThrough = original;

  matchMaker.controller.invokeMethod = async function (method, roomNameOrId, clientOptions = {}, authOptions) {
    switch (method) {
      case "create": {
        if (roomNameOrId === CLASS_ROOM_NAME) throw new ServerError(400, "Classes are opened with POST /api/classes.");
        if (roomNameOrId !== ROOM_NAME) break;
        const parsed = CreateTableOptionsSchema.safeParse(clientOptions);
        if (!parsed.success) throw new ServerError(400, readable(parsed.error));
        const listing = await matchMaker.createRoom(ROOM_NAME, { create: parsed.data });
        const joinOptions: Record<string, unknown> = { name: parsed.data.name };
        if (parsed.data.nation) joinOptions.nation = parsed.data.nation;
        return matchMaker.reserveSeatFor(listing, joinOptions);
      }
      case "joinById": {
        const classCode = ClassCodeSchema.safeParse(roomNameOrId);
        if (classCode.success) {
          const cls = matchMaker.getLocalRoomById(classCode.data) as ClassRoom | undefined;
          if (!cls || cls.roomName !== CLASS_ROOM_NAME) throw new ServerError(404, `There is no class with the code ${classCode.data}.`);
          cls.planJoin(clientOptions); // throws a readable 4xx
          return matchMaker.reserveSeatFor(await matchMaker.getRoomById(cls.roomId), clientOptions);
        }
        const code = TableCodeSchema.safeParse(roomNameOrId);
        const room = code.success ? (matchMaker.getLocalRoomById(code.data) as TableRoom | undefined) : undefined;
        if (!room || room.roomName !== ROOM_NAME) {
          if (!code.success && matchMaker.getLocalRoomById(roomNameOrId)) break; // some other room type
          throw new ServerError(404, `There is no table with the code ${String(roomNameOrId).trim().toUpperCase().slice(0, 12)}.`);
        }
        room.planJoin(clientOptions); // throws a readable 4xx
        return matchMaker.reserveSeatFor(await matchMaker.getRoomById(room.roomId), clientOptions);
      }
      case "join":
      case "joinOrCreate":
        if (roomNameOrId === ROOM_NAME) throw new ServerError(400, "Join a table with its code, or create a new table.");
        if (roomNameOrId === CLASS_ROOM_NAME) throw new ServerError(400, "Join a class with its code; classes are opened with POST /api/classes.");
        break;
    }
    return passThrough.call(this, method, roomNameOrId, clientOptions, authOptions);
  };
}

function readable(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}
