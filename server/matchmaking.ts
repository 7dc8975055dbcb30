import { matchMaker, ServerError } from "@colyseus/core";
import { z } from "zod";
import { CreateTableOptionsSchema, ROOM_NAME, TableCodeSchema } from "../shared/protocol/messages.ts";
import type { IRoomCache } from "@colyseus/core";
import { CLASS_ROOM_NAME, ClassCodeSchema } from "../shared/protocol/class-messages.ts";

/**
 * Puts readable answers on the matchmaking HTTP routes (POST /matchmake/:method/:name), which
 * Colyseus otherwise answers with its own codes ("room "X" not found", 4212…):
 *
 * - create: the options are checked against CreateTableOptionsSchema → 400 with the problem;
 *   the room is created with `{create: options}` and the creator joins with `{name, nation}`.
 * - joinById: the code is normalised (trim, upper case) and looked up in Colyseus's room listing
 *   (the Redis driver's with REDIS_URL, so the room may live on another process) → 404 "There is
 *   no table with the code …"; the room says whether this join can succeed (409 "Tokyo is
 *   taken.", 403 bad key, …) through matchMaker.remoteRoomCall, before a seat is reserved there.
 * - join / joinOrCreate are refused: tables are joined by their code.
 * - reconnect (the SDK's automatic reconnection) passes through.
 *
 * Other room types (e.g. the benchmark's echo room) pass through untouched.
 */
type InvokeMethod = typeof matchMaker.controller.invokeMethod;

let original: InvokeMethod | null = null;

/** Whether a code that no process lists should have a room (a table not over, a class not ended): it is being brought back. */
export type AwaitedLookup = (code: string) => boolean | Promise<boolean>;
let expected: { table: AwaitedLookup; class: AwaitedLookup } = { table: () => false, class: () => false };

export function installMatchmakingGuard(lookups?: { table: AwaitedLookup; class: AwaitedLookup }): void {
  if (lookups) expected = lookups;
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
          const listing = await matchMaker.getRoomById(classCode.data);
          if (!listing || listing.name !== CLASS_ROOM_NAME) {
            if (await expected.class(classCode.data)) throw recovering(`The class ${classCode.data}`);
            throw new ServerError(404, `There is no class with the code ${classCode.data}.`);
          }
          await checkJoin(listing, clientOptions, `The class ${classCode.data}`);
          return matchMaker.reserveSeatFor(listing, clientOptions);
        }
        const code = TableCodeSchema.safeParse(roomNameOrId);
        const listing = code.success ? await matchMaker.getRoomById(code.data) : undefined;
        if (!listing || listing.name !== ROOM_NAME) {
          if (!code.success && (await matchMaker.getRoomById(String(roomNameOrId)))) break; // some other room type
          if (code.success && (await expected.table(code.data))) throw recovering(`Table ${code.data}`);
          throw new ServerError(404, `There is no table with the code ${String(roomNameOrId).trim().toUpperCase().slice(0, 12)}.`);
        }
        await checkJoin(listing, clientOptions, `Table ${listing.roomId}`);
        return matchMaker.reserveSeatFor(listing, clientOptions);
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

/** How long the room holding a code has to say whether a join can succeed. */
const CHECK_TIMEOUT_MS = 1500;

/**
 * The room's `planJoin`, wherever the room lives (`joinRefusal`, server/rooms/SafeRoom.ts): a direct
 * call in this process, IPC over Redis otherwise. Its refusal arrives as `{ code, message }` and is
 * thrown here as a ServerError. A room that does not answer is on a process that may have died: Colyseus's
 * own health check removes that process's listings, and the table comes back elsewhere (server/scale/recovery.ts).
 */
async function checkJoin(listing: IRoomCache, options: unknown, what: string): Promise<void> {
  let refusal: { code: number; message: string } | null;
  try {
    refusal = (await matchMaker.remoteRoomCall(listing.roomId, "joinRefusal", [options ?? {}], CHECK_TIMEOUT_MS)) as typeof refusal;
  } catch {
    if (listing.processId !== matchMaker.processId) void matchMaker.healthCheckProcessId(listing.processId);
    throw recovering(what);
  }
  if (refusal) throw new ServerError(refusal.code, refusal.message);
}

/** 503 (not a miss: retrying is right, and it does not count against the address like a guessed code). */
function recovering(what: string): ServerError {
  return new ServerError(503, `${what} is being brought back after a server failure; try again in a few seconds.`);
}
