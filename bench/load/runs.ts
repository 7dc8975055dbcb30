import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client, type Room } from "@colyseus/sdk";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import type { CommandReply } from "../../shared/protocol/messages.ts";
import { BenchTable, leaveQuietly, type Pace, type Seeded } from "./player.ts";
import { seedTables } from "./seed-tables.ts";
import { ServerChild } from "./server-child.ts";
import { inBatches, measure, sleep, Tally, type Result } from "./stats.ts";

export interface TableRun {
  entry: string;
  tables: number;
  seconds: number;
  pace: Pace;
  rounds: number;
  port: number;
  /** Start from stored mid-game states (rounds 1…rounds, evenly) instead of new tables. */
  seeded: boolean;
  viewDeltas: boolean;
  warmupMs: number;
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-bench-"));

/** N tables of three SDK clients against the real server; a finished game is replaced by a new table. */
export async function runTables(o: TableRun): Promise<Result & { info: string }> {
  const dataDir = tempDir();
  let seeded: Seeded[] = [];
  if (o.seeded) {
    const t0 = performance.now();
    seeded = await seedTables(dataDir, o.tables, o.rounds, loadBuiltInDeck());
    console.log(`  ${o.tables} mid-game tables stored (rounds 1–${o.rounds}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const server = new ServerChild(o.entry, "trilateral", o.port, dataDir, { VIEW_DELTAS: o.viewDeltas ? "on" : "off" });
  try {
    await server.ready();
    const tally = new Tally();
    tally.running = false; // seated tables wait for the start (measure), so seating is not slowed by play
    const all = Array.from({ length: o.tables }, (_, i) => new BenchTable(i + 1, server.url, tally, o.pace, o.rounds, seeded[i] ?? null));
    const opening = performance.now();
    await inBatches(all, 20, (t) => openWithRetry(t));
    console.log(`  ${o.tables} tables and ${o.tables * 3} clients seated in ${((performance.now() - opening) / 1000).toFixed(1)} s (${server.info}); playing for ${o.seconds} s…`);
    const result = await measure("Trilateral table", server, tally, o.tables, o.tables * 3, o.seconds, o.warmupMs, () => all.forEach((t) => t.kick()), async () => {
      await sleep(300);
      await inBatches(all, 100, (t) => t.close());
    });
    return { ...result, info: server.info };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Seats a table; on a loaded machine a seat reservation may expire before it is used: try again. */
export async function openWithRetry(t: BenchTable, tries = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await t.open();
    } catch (e) {
      await t.close();
      if (i >= tries) throw e;
      await sleep(500 * i);
    }
  }
}

/**
 * The bare echo room with the same number of rooms and clients and the same request rate; each
 * request makes a view message for all three clients of its room, `padBytes` long.
 */
export async function runEcho(entry: string, rooms: number, seconds: number, perClientPerSecond: number, port: number, warmupMs: number, padBytes = 0): Promise<Result> {
  const server = new ServerChild(entry, "echo", port, os.tmpdir());
  try {
    await server.ready();
    const tally = new Tally();
    const sdk = new Client(server.url);
    const clients: { room: Room; lastViewAt: number; timer: NodeJS.Timeout | null }[] = [];
    await inBatches(Array.from({ length: rooms }, (_, i) => i), 10, async () => {
      const first = await sdk.create("echo", { pad: padBytes });
      for (const room of [first, await sdk.joinById(first.roomId), await sdk.joinById(first.roomId)]) {
        const c = { room, lastViewAt: 0, timer: null as NodeJS.Timeout | null };
        room.onMessage("view", () => (c.lastViewAt = performance.now()));
        clients.push(c);
      }
    });
    const interval = 1000 / Math.max(perClientPerSecond, 0.01);
    const loop = (c: (typeof clients)[number]) => {
      if (!tally.running) return;
      c.timer = setTimeout(() => {
        const sentAt = performance.now();
        tally.sent += 1;
        (c.room.request("command", { actionId: randomUUID(), command: { type: "say", channel: "table", text: "hello, table" } }, { timeout: 20_000 }) as Promise<CommandReply>)
          .then((reply) => {
            if (!reply.ok) return void (tally.rejected += 1);
            tally.accepted += 1;
            if (c.lastViewAt >= sentAt) tally.latencies.push(c.lastViewAt - sentAt);
          })
          .catch(() => (tally.failed += 1))
          .finally(() => loop(c));
      }, interval * (0.5 + Math.random()));
    };
    console.log(`  ${rooms} echo rooms and ${clients.length} clients, ${perClientPerSecond.toFixed(2)} requests/s per client, each answered by a view of ~${padBytes} bytes to the room's 3 clients, for ${seconds} s…`);
    return await measure("Bare echo room", server, tally, rooms, clients.length, seconds, warmupMs, () => clients.forEach(loop), async () => {
      for (const c of clients) if (c.timer) clearTimeout(c.timer);
      await sleep(300);
      await Promise.all(clients.map((c) => leaveQuietly(c.room)));
    });
  } finally {
    await server.stop();
  }
}

/**
 * Bytes each client receives per accepted command over whole games (round 1 to the end):
 * `tables` fresh tables play `rounds`-round games quickly; every view or delta message after
 * the join view is counted. Returns the sizes, sorted.
 */
export async function runBytes(entry: string, tables: number, rounds: number, port: number, viewDeltas: boolean): Promise<{ sizes: number[]; games: number; seconds: number }> {
  const dataDir = tempDir();
  const server = new ServerChild(entry, "trilateral", port, dataDir, { VIEW_DELTAS: viewDeltas ? "on" : "off" });
  try {
    await server.ready();
    const tally = new Tally();
    const games = { done: 0 };
    const pace = { thinkMs: 20, burstMs: 20 };
    const all = Array.from({ length: tables }, (_, i) => new BenchTable(i + 1, server.url, tally, pace, rounds));
    for (const t of all) t.again = false;
    await inBatches(all, 10, (t) => openWithRetry(t));
    const t0 = performance.now();
    all.forEach((t) => t.kick());
    // Until every table has finished one whole game (bounded to 240 s).
    while (tally.games < tables && performance.now() - t0 < 240_000) await sleep(100);
    games.done = tally.games;
    tally.running = false;
    const sizes = tally.messageBytes.slice().sort((a, b) => a - b);
    await inBatches(all, 100, (t) => t.close());
    return { sizes, games: games.done, seconds: (performance.now() - t0) / 1000 };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
