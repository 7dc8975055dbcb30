import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client as SDKClient } from "@colyseus/sdk";
import { parseRecord, type GameRecord } from "../../shared/rules/record.ts";
import { INSTRUCTOR_KEY, joinTable, sleep, type TestSeat } from "../integration/support/harness.ts";
import { startPostgres, type RunningPostgres } from "../support/postgres.ts";
import { startProcesses, type ServerProcess } from "../support/processes.ts";
import { startRedis, type RunningRedis } from "../support/redis.ts";

/**
 * Several real server processes sharing one Redis and one PostgreSQL, as production runs them
 * (a process per core). The tests reach each process directly, as nginx would.
 */
export interface Cluster {
  redis: RunningRedis;
  postgres: RunningPostgres;
  processes: ServerProcess[];
  /** Which process (index) holds each room, from Colyseus's room listing in Redis. */
  where(): Promise<Map<string, { processId: string; index: number }>>;
  record(code: string): Promise<GameRecord>;
  stop(): Promise<void>;
}

export async function startCluster(o: { ports: number[]; env?: Record<string, string> }): Promise<Cluster> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  // DATA_DIR holds nothing with DATABASE_URL set; a folder of its own all the same.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-scale-"));
  let processes: ServerProcess[];
  try {
    processes = await startProcesses({
      ports: o.ports,
      env: {
        REDIS_URL: redis.url,
        DATABASE_URL: await postgres.database("trilateral"),
        DATA_DIR: dataDir,
        INSTRUCTOR_KEY,
        BOT_THINK_MS: "0",
        RECONNECT_SECONDS: "60",
        RECOVERY_SWEEP_MS: "500",
        ...o.env,
      },
    });
  } catch (e) {
    await Promise.all([redis.stop(), postgres.stop()]);
    throw e;
  }
  const live = () => processes.find((p) => p.child.exitCode === null && p.child.signalCode === null)!;
  return {
    redis,
    postgres,
    processes,
    where: async () => {
      const out = new Map<string, { processId: string; index: number }>();
      for (const [roomId, listing] of await redis.hgetall("roomcaches")) {
        const l = JSON.parse(listing) as { processId: string; publicAddress?: string };
        const index = processes.findIndex((p) => l.publicAddress === `127.0.0.1:${p.port}`);
        out.set(roomId, { processId: l.processId, index });
      }
      return out;
    },
    record: async (code) => {
      const res = await fetch(`${live().url}/api/tables/${code}/record`, { headers: { "x-instructor-key": INSTRUCTOR_KEY } });
      if (res.status !== 200) throw new Error(`record of ${code}: ${res.status} ${await res.text()}`);
      return parseRecord(await res.text());
    },
    stop: async () => {
      await Promise.all(processes.map((p) => p.kill()));
      await Promise.all([redis.stop(), postgres.stop()]);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * What the browser client does after a drop (client/src/net/connection.ts, rejoin.ts): the SDK's
 * own reconnection cannot bring a session back once its process is gone (the session lived in
 * that process's memory), so the tab sits down again with its seat token, through whichever
 * process answers (nginx's next upstream), retrying while the table is brought back.
 */
export async function rejoinSeat(urls: () => string[], old: TestSeat, timeoutMs = 30_000): Promise<TestSeat> {
  old.room.reconnection.enabled = false;
  old.room.reconnection.maxRetries = 0;
  old.room.removeAllListeners();
  const seatToken = old.seat!.seatToken!;
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (let i = 0; Date.now() < deadline; i++) {
    const list = urls();
    const url = list[i % list.length]!;
    try {
      return await joinTable(new SDKClient(url), old.code, { seatToken });
    } catch (e) {
      last = (e as Error).message;
      await sleep(250);
    }
  }
  throw new Error(`could not return to ${old.code}: ${last}`);
}
