import { matchMaker, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
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

/** How long a placement counts against its process before that process's own room count shows it. */
const PLACED_MS = 2000;
const placed = new Map<string, number>();

/**
 * Colyseus's default placement (the process with the fewest rooms, from the counts each process
 * keeps in presence) with the rooms this process has just placed added in: a class opens its
 * tables all at once (Promise.all), and every one of those calls would otherwise read the same
 * counts and land on the same process.
 */
export async function leastLoadedProcess(): Promise<string> {
  const all = await matchMaker.stats.fetchAll();
  if (all.length === 0) return matchMaker.processId;
  let best = all[0]!;
  const load = (p: { processId: string; roomCount: number }) => p.roomCount + (placed.get(p.processId) ?? 0);
  for (const p of all) if (load(p) < load(best)) best = p;
  placed.set(best.processId, (placed.get(best.processId) ?? 0) + 1);
  setTimeout(() => {
    const n = (placed.get(best.processId) ?? 1) - 1;
    if (n <= 0) placed.delete(best.processId);
    else placed.set(best.processId, n);
  }, PLACED_MS).unref();
  return best.processId;
}
