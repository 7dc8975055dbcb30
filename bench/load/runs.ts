import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import { GeneratorThreads } from "./generator.ts";
import { BenchTable, openWithRetry, type Pace, type Seeded } from "./player.ts";
import { seedTables } from "./seed-tables.ts";
import { ServerChild } from "./server-child.ts";
import { inBatches, measure, sleep, Tally, type Result } from "./stats.ts";

export interface TableRun {
  /** The checkout whose server is measured. */
  root: string;
  tables: number;
  seconds: number;
  pace: Pace;
  rounds: number;
  port: number;
  /** Start from stored mid-game states (rounds 1…rounds, evenly) instead of new tables. */
  seeded: boolean;
  viewDeltas: boolean;
  warmupMs: number;
  /** Threads the load generator's clients are dealt to (bench/load/generator.ts). */
  threads: number;
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
  const server = new ServerChild(o.root, "trilateral", o.port, dataDir, { VIEW_DELTAS: o.viewDeltas ? "on" : "off" });
  try {
    await server.ready();
    const opening = performance.now();
    const load = await GeneratorThreads.tables(o.threads, { kind: "table", url: server.url, pace: o.pace, rounds: o.rounds }, Array.from({ length: o.tables }, (_, i) => ({ index: i + 1, seeded: seeded[i] ?? null })));
    console.log(`  ${o.tables} tables and ${o.tables * 3} clients seated in ${((performance.now() - opening) / 1000).toFixed(1)} s by ${load.threads} generator thread${load.threads === 1 ? "" : "s"} (${server.info}); playing for ${o.seconds} s…`);
    const result = await measure("Trilateral table", server, load, o.tables, o.tables * 3, o.seconds, o.warmupMs);
    return { ...result, info: server.info };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The bare echo room with the same number of rooms and clients and the same request rate; each
 * request makes a view message for all three clients of its room, `padBytes` long.
 */
export async function runEcho(root: string, rooms: number, seconds: number, perClientPerSecond: number, port: number, warmupMs: number, padBytes: number, threads: number): Promise<Result> {
  const server = new ServerChild(root, "echo", port, os.tmpdir());
  try {
    await server.ready();
    const load = await GeneratorThreads.echo(threads, { kind: "echo", url: server.url, rooms, perClientPerSecond, padBytes });
    console.log(`  ${rooms} echo rooms and ${rooms * 3} clients (${load.threads} generator thread${load.threads === 1 ? "" : "s"}), ${perClientPerSecond.toFixed(2)} requests/s per client, each answered by a view of ~${padBytes} bytes to the room's 3 clients, for ${seconds} s…`);
    return await measure("Bare echo room", server, load, rooms, rooms * 3, seconds, warmupMs);
  } finally {
    await server.stop();
  }
}

/**
 * Bytes each client receives per accepted command over whole games (round 1 to the end):
 * `tables` fresh tables play `rounds`-round games quickly; every view or delta message after
 * the join view is counted. Returns the sizes, sorted.
 */
export async function runBytes(root: string, tables: number, rounds: number, port: number, viewDeltas: boolean): Promise<{ sizes: number[]; games: number; seconds: number }> {
  const dataDir = tempDir();
  const server = new ServerChild(root, "trilateral", port, dataDir, { VIEW_DELTAS: viewDeltas ? "on" : "off" });
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
