import { performance } from "node:perf_hooks";
import type { Collected } from "./generator-worker.ts";
import type { ServerChild, ServerStats } from "./server-child.ts";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

/** Counts and latencies shared by every simulated client of one run. */
export class Tally {
  running = true;
  sent = 0;
  accepted = 0;
  rejected = 0;
  failed = 0;
  games = 0;
  resyncs = 0;
  latencies: number[] = [];
  /** Bytes of each view or delta message a client received for an accepted command (not the join view). */
  messageBytes: number[] = [];
  reset(): void {
    Object.assign(this, { sent: 0, accepted: 0, rejected: 0, failed: 0, games: 0, resyncs: 0, latencies: [], messageBytes: [] });
  }
}

export interface Result {
  label: string;
  rooms: number;
  clients: number;
  seconds: number;
  tally: Tally;
  latencies: number[];
  cpuPercent: number;
  elu: number;
  /** Share of the window the server's main thread was runnable but waiting for a CPU (Linux), or null. */
  waitedForCpu: number | null;
  rssMb: number;
  peakRssMb: number;
  clientCpuPercent: number;
  /** How many threads the load generator's clients were dealt to. */
  clientThreads: number;
  /** The load generator's own event-loop delay (ms), its worst thread's: a view that arrives while that thread is busy is timed late by that much. */
  clientLoopDelay: { p99: number; max: number };
  /** The server's side of the window (ms), when its child reports it. */
  server: ServerStats["server"] | null;
  /** The server's main thread's CPU (µs) and its garbage collection over the window. */
  window: ServerStats["window"] | null;
}

/** What `measure` drives: the load generator's threads (bench/load/generator.ts). */
export interface LoadDriver {
  readonly threads: number;
  start(): void;
  reset(): Promise<void>;
  stop(): Promise<Collected>;
  close(): Promise<void>;
}

/** Warms up, then counts for `seconds`: latencies from the generator's threads, CPU and RSS from the server child. */
export async function measure(label: string, server: ServerChild, load: LoadDriver, rooms: number, clients: number, seconds: number, warmupMs: number): Promise<Result> {
  let peak = 0;
  load.start();
  await sleep(warmupMs);
  await load.reset();
  server.profile("start");
  server.windowStart();
  const before = await server.stats();
  const clientBefore = process.cpuUsage();
  const t0 = performance.now();
  const iv = setInterval(() => void server.stats().then((s) => (peak = Math.max(peak, s.rss / 2 ** 20))), 1000);
  await sleep(seconds * 1000);
  const collected = await load.stop();
  const elapsed = (performance.now() - t0) / 1000;
  const after = await server.stats();
  server.profile("stop");
  const clientAfter = process.cpuUsage(clientBefore);
  clearInterval(iv);
  const { loopDelay: _loop, ...counts } = collected;
  const tally = Object.assign(new Tally(), counts, { running: false });
  const result: Result = {
    label,
    rooms,
    clients,
    seconds: elapsed,
    tally,
    latencies: collected.latencies.slice().sort((a, b) => a - b),
    cpuPercent: ((after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system)) / 1000 / (elapsed * 1000)) * 100,
    elu: after.elu,
    // Between the child's two answers, by its own clock (an older checkout's child reports neither: null).
    waitedForCpu: typeof after.runqueueNs === "number" && typeof before.runqueueNs === "number" && after.at > before.at ? (after.runqueueNs - before.runqueueNs) / 1e6 / (after.at - before.at) : null,
    rssMb: after.rss / 2 ** 20,
    peakRssMb: Math.max(peak, after.rss / 2 ** 20),
    clientCpuPercent: ((clientAfter.user + clientAfter.system) / 1000 / (elapsed * 1000)) * 100,
    clientThreads: load.threads,
    clientLoopDelay: collected.loopDelay,
    server: after.server ?? null,
    window: after.window ?? null,
  };
  await load.close();
  return result;
}

export const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "n/a");
export const p = (r: Result, q: number) => percentile(r.latencies, q);

export function report(r: Result): string[] {
  const t = r.tally;
  return [
    `${r.label}: ${r.rooms} rooms, ${r.clients} clients, ${r.seconds.toFixed(1)} s`,
    `  requests ${t.sent} (${(t.sent / r.seconds).toFixed(0)}/s): ${t.accepted} accepted, ${t.rejected} refused by the rules, ${t.failed} failed` +
      (t.games ? `; ${t.games} games finished` : "") + (t.resyncs ? `; ${t.resyncs} resyncs` : ""),
    `  command→view ms: p50 ${ms(p(r, 0.5))}  p95 ${ms(p(r, 0.95))}  p99 ${ms(p(r, 0.99))}  max ${ms(r.latencies.at(-1) ?? NaN)}  (n=${r.latencies.length})`,
    `  server CPU ${r.cpuPercent.toFixed(1)}% of one core (${t.accepted ? ((r.cpuPercent * r.seconds * 10) / t.accepted).toFixed(2) : "n/a"} ms per accepted command) (event loop busy ${(r.elu * 100).toFixed(1)}%${r.waitedForCpu !== null ? `, waiting for a CPU ${(r.waitedForCpu * 100).toFixed(1)}% of the time` : ""}), RSS ${r.rssMb.toFixed(0)} MB (peak ${r.peakRssMb.toFixed(0)} MB); load generator CPU ${r.clientCpuPercent.toFixed(1)}% (${r.clientThreads} thread${r.clientThreads === 1 ? "" : "s"}), its event-loop delay p99 ${ms(r.clientLoopDelay.p99)} max ${ms(r.clientLoopDelay.max)} ms`,
    ...(r.window && t.accepted
      ? [
          `  server main thread ${(r.window.threadCpuUs / t.accepted).toFixed(0)} µs of CPU per accepted command; ${(r.window.gc.allocated / t.accepted / 1024).toFixed(1)} KB allocated per command; ` +
            `garbage collection: ${r.window.gc.pauses} pauses, ${r.window.gc.pauseMs.toFixed(0)} ms in all (${((r.window.gc.pauseMs / 10) / r.seconds).toFixed(1)}% of the time), the longest ${r.window.gc.maxPauseMs.toFixed(1)} ms`,
        ]
      : []),
    ...(r.server
      ? [
          `  server side: event-loop delay p99 ${ms(r.server.loopP99)} max ${ms(r.server.loopMax)} ms` +
            (r.server.handlingP99 !== null ? `; a command request taken up → its reply (engine, durable commit, views sent) p50 ${ms(r.server.handlingP50 ?? NaN)} p99 ${ms(r.server.handlingP99)} ms` : ""),
        ]
      : []),
  ];
}
