import { matchMaker } from "@colyseus/core";
import { CLASS_ROOM_NAME } from "../../shared/protocol/class-messages.ts";
import type { ClassContext } from "./context.ts";

/** At start, after the tables: every class in its lobby or running comes back with its roster and tables. */
export async function restoreClasses(ctx: ClassContext): Promise<string[]> {
  const restored: string[] = [];
  for (const code of await ctx.classes.liveCodes()) {
    try {
      await matchMaker.createRoom(CLASS_ROOM_NAME, { restore: code });
      restored.push(code);
    } catch (e) {
      ctx.log.error(`class ${code} could not be restored: ${(e as Error).message}`);
    }
  }
  if (restored.length > 0) ctx.log.info(`restored ${restored.length} class(es): ${restored.join(", ")}`);
  return restored;
}
