import { matchMaker, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { z } from "zod";
import type { ScaleConfig } from "../config.ts";

/**
 * What `defineServer` needs to run as one of several processes: Colyseus's Redis presence
 * (pub/sub, IPC for matchMaker.remoteRoomCall and remote room creation) and Redis driver (the
 * shared room listing that matchmaking reads), plus the address clients reach this process at.
 * Without REDIS_URL: nothing, and Colyseus keeps its in-process presence and driver.
 */
export interface ClusterOptions {
  presence?: Presence;
  driver?: RedisDriver;
  publicAddress?: string;
  selectProcessIdToCreateRoom?: () => Promise<string>;
}

export function clusterOptions(scale: ScaleConfig | null): ClusterOptions {
  if (!scale) return {};
  return {
    presence: new RedisPresence(scale.redisUrl),
    driver: new RedisDriver(scale.redisUrl),
    publicAddress: scale.publicAddress,
    selectProcessIdToCreateRoom: leastLoadedProcess,
  };
}

/** How long a placement counts against its process if that process's own room count never shows it. */
const PLACED_MS = 2000;
/** Per process: the room count it reported when this process placed a room there, one entry per room. */
const placed = new Map<string, { base: number; at: number }[]>();

/**
 * Colyseus's default placement (the process with the fewest rooms, from the counts each process
 * keeps in presence) with the rooms this process has just placed added in: a class opens its
 * tables all at once (Promise.all), and every one of those calls would otherwise read the same
 * counts and land on the same process. A process's load is its reported count, or the count it
 * reported at the first recent placement plus the placements since, whichever is higher (so a
 * placement stops counting once the process's own count includes it).
 */
export async function leastLoadedProcess(_roomName?: string, clientOptions?: unknown): Promise<string> {
  const all = await matchMaker.stats.fetchAll();
  if (!all.some((p) => p.processId === matchMaker.processId) && matchMaker.state === matchMaker.MatchMakerState.READY) {
    // A busy moment made another process's room request time out, and Colyseus excluded this
    // process from placement; it re-adds itself when it next persists its counts (at least once a
    // minute). Until then it would place everything elsewhere, itself included: count it, and persist now.
    all.push({ processId: matchMaker.processId, roomCount: matchMaker.stats.local.roomCount, ccu: matchMaker.stats.local.ccu });
    void matchMaker.stats.persist(true);
  }
  if (all.length === 0) return matchMaker.processId;
  const spread = groupPlacement(clientOptions, all.map((p) => p.processId));
  if (spread) return spread;
  const now = Date.now();
  const load = (p: { processId: string; roomCount: number }) => {
    const recent = (placed.get(p.processId) ?? []).filter((e) => now - e.at < PLACED_MS);
    placed.set(p.processId, recent);
    return recent.length === 0 ? p.roomCount : Math.max(p.roomCount, recent[0]!.base + recent.length);
  };
  let best = all[0]!;
  let bestLoad = load(best);
  for (const p of all.slice(1)) {
    const l = load(p);
    if (l < bestLoad) [best, bestLoad] = [p, l];
  }
  placed.get(best.processId)!.push({ base: best.roomCount, at: now });
  return best.processId;
}

const PlacementSchema = z.object({ group: z.string(), index: z.number().int().nonnegative() });

/**
 * A class's tables are dealt over the processes in turn (table i of class C on process
 * (h(C) + i) mod n, processes in id order), so a class always spans every process it can and
 * one process dying takes only its share of the class; the offset h(C) keeps one-table classes
 * from all landing on the same process. Other rooms: null (least loaded, above).
 */
export function groupPlacement(clientOptions: unknown, processIds: readonly string[]): string | null {
  const parsed = PlacementSchema.safeParse((clientOptions as { placement?: unknown } | undefined)?.placement);
  if (!parsed.success || processIds.length === 0) return null;
  const ids = [...processIds].sort();
  let h = 0;
  for (const ch of parsed.data.group) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return ids[(h + parsed.data.index) % ids.length]!;
}
