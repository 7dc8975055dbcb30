import { matchMaker } from "@colyseus/core";
import { ROOM_NAME } from "../../shared/protocol/messages.ts";
import { forkBots, forkRecord, stateHash, type ForkAnswer, type ForkRequest } from "../../shared/replay/fork.ts";
import { Stepper } from "../../shared/replay/stepper.ts";
import { replay } from "../../shared/rules/record.ts";
import { NATIONS } from "../../shared/rules/vocabulary.ts";
import type { TableContext } from "../rooms/context.ts";
import { recordFromStore } from "../rooms/table/records.ts";
import { newTableCode } from "../rooms/table/setup.ts";
import type { DebriefSettingsStore } from "../storage/debrief-settings.ts";
import { storeRecordAsTable } from "./store-record.ts";

export type ForkResult = { ok: true; answer: ForkAnswer } | { ok: false; status: 400 | 409 | 503; error: string };

/**
 * A what-if fork: a new table whose record is the parent's up to `step`, stored like any table
 * and opened by the table room's own restore, so it plays on from exactly that state. Seats
 * are humans (free, joined by the table code) or bots; the fork names its parent.
 */
export async function forkTable(ctx: TableContext, settings: DebriefSettingsStore, parentCode: string, request: ForkRequest): Promise<ForkResult> {
  const parent = (await ctx.store.getTable(parentCode))!;
  const full = (await recordFromStore(ctx.store, parentCode))!;
  if (request.step > full.commands.length) return { ok: false, status: 400, error: `Table ${parentCode} has ${full.commands.length} steps; step ${request.step} does not exist.` };
  const stepper = new Stepper(full);
  const at = stepper.stateAt(request.step);
  if (at.phase === "ended") return { ok: false, status: 400, error: "The game is over at that step; fork from an earlier one." };
  const seats = forkBots(request.seats, parent.bots, NATIONS);
  if ("error" in seats) return { ok: false, status: 400, error: seats.error };

  let code = "";
  for (let i = 0; i < 100 && !code; i++) {
    const candidate = newTableCode();
    if (!matchMaker.getLocalRoomById(candidate) && !(await ctx.store.hasTable(candidate))) code = candidate;
  }
  if (!code) return { ok: false, status: 503, error: "Could not find a free table code; please try again." };

  const record = forkRecord(full, request.step);
  await storeRecordAsTable(ctx.store, code, record, { settings: parent.settings, bots: seats.bots, endIfEnded: false, at: Date.now() });
  await settings.setParent(code, { code: parentCode, step: request.step });
  const parentHash = stateHash(at);
  const forkHash = stateHash(replay((await recordFromStore(ctx.store, code))!));
  if (forkHash !== parentHash) {
    await ctx.store.setStatus(code, "unrecoverable", Date.now());
    return { ok: false, status: 409, error: "The fork does not replay to the parent's state; it was set aside." };
  }
  try {
    await matchMaker.createRoom(ROOM_NAME, { restore: code });
  } catch (e) {
    await ctx.store.setStatus(code, "unrecoverable", Date.now());
    ctx.log.error(`fork ${code} of ${parentCode} could not open: ${(e as Error).message}`);
    return { ok: false, status: 503, error: "The fork could not be opened; please try again." };
  }
  ctx.log.info(`table ${code} forked from ${parentCode} at step ${request.step} (humans: ${seats.humans.join(", ")})`);
  return { ok: true, answer: { code, parent: { code: parentCode, step: request.step }, parentHash, forkHash, humans: seats.humans } };
}
