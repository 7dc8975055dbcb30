/**
 * Load benchmark of the table server. Every figure is measured in the same run as its baseline.
 *
 *   npm run bench:load                                  # classroom pace capacity + bytes per command
 *   npm run bench:load -- --tables 200 --think 1000     # one load next to a bare echo room
 *   npm run bench:load -- --ladder 250,500,1000 --duration 30 --skip-bytes
 *   npm run bench:load -- --processes 2 --tables 100     # two processes (Redis + PostgreSQL) against one
 *
 * Classroom pace (the default): each seat acts on average every 5 s (`--think`), and within
 * 1 s (`--burst`) of every phase change, as when a timer ends for everyone at once. Tables
 * start from stored mid-game states (the stance bots' games stopped at the start of rounds
 * 1…8, evenly spread; restored by the server like after a restart), so late rounds with long
 * histories weigh as much as early ones, and a finished game is replaced by a new table. For
 * each table count of the ladder it prints p50/p95/p99 command→view and the server's CPU and
 * RSS, then the largest count with p99 ≤ 50 ms.
 *
 * Bytes: a few tables play whole 8-round games twice, views as deltas and VIEW_DELTAS=off;
 * the size of every view or delta message a client receives per accepted command, median and p99.
 *
 * With --tables: that many tables at --think (new tables, ten times human pace by default),
 * then a bare Colyseus echo room with the same clients and request rate, each request answered
 * by a view to all three clients of its room, as long as the table run's median message; --with-full adds the
 * same load with VIEW_DELTAS=off (how the server sent views before deltas) in the same run.
 *
 * --before DIR runs every table load a second time against the server of another checkout
 * (e.g. `git worktree add /tmp/before main && (cd /tmp/before && npm ci)`), with the same load
 * generator and the same server child (it imports that checkout's server), in the same run:
 * before/after figures side by side.
 *
 * Bounded: at most 1,500 tables, 300 s per measured run, 240 s for a bytes game; the server
 * runs in a child process (SIGKILLed at the end). BENCH_PROF=1 writes a CPU profile of the
 * table server's measured window (not its restore or seating) to bench/out/profiles/;
 * BENCH_PROF=heap a sampling heap profile of the objects that outlived a scavenge.
 * The load generator's clients are dealt to --generator-threads worker threads (2 by default,
 * bench/load/generator.ts), the echo room's as well as the tables': with one thread, its own
 * pauses (its garbage collector, a burst of views to apply) made every view that arrived
 * meanwhile look late. `--generator-threads 1` measures as before.
 * BENCH_SERVER_FLAGS passes Node/V8 flags to every server child (table and echo alike), e.g.
 * BENCH_SERVER_FLAGS="--trace-gc --max-semi-space-size=8".
 */
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { runProcesses } from "./load/processes.ts";
import { runBytes, runEcho, runTables } from "./load/runs.ts";
import { OWN_ROOT, serve } from "./load/server-child.ts";
import { ms, p, percentile, report } from "./load/stats.ts";

const { values: args } = parseArgs({
  options: {
    tables: { type: "string" },
    ladder: { type: "string", default: "250,500,750,1000" },
    duration: { type: "string", default: "30" },
    think: { type: "string" },
    burst: { type: "string", default: "1000" },
    rounds: { type: "string", default: "8" },
    port: { type: "string", default: "25690" },
    "bytes-tables": { type: "string", default: "6" },
    "skip-bytes": { type: "boolean", default: false },
    "skip-capacity": { type: "boolean", default: false },
    "with-full": { type: "boolean", default: false },
    before: { type: "string" },
    serve: { type: "string" },
    processes: { type: "string" },
    controls: { type: "string", default: "40" },
    data: { type: "string" },
    "generator-threads": { type: "string", default: "1" },
    root: { type: "string" },
  },
  allowPositionals: true,
});

const int = (v: string | undefined, min: number, max: number, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got ${v})`);
    process.exit(2);
  }
  return n;
};

/** This checkout, whose server the runs serve. */
const ENTRY = OWN_ROOT;
/** The --before checkout: its server runs in the child (with this bench's own child code), our load generator drives it. */
const BEFORE = args.before ? path.resolve(args.before) : null;
const WARMUP_MS = 3000;
/** Set in main: the threads the load generator's clients are dealt to. */
let THREADS = 1;
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : "n/a");

async function fixedLoad(tables: number, seconds: number, thinkMs: number, rounds: number, port: number, withFull: boolean): Promise<void> {
  const steps = 2 + (withFull ? 1 : 0) + (BEFORE ? 1 : 0);
  let step = 1;
  console.log(`${step++}/${steps} table server, views as deltas`);
  const run = (viewDeltas: boolean, entry = ENTRY) => runTables({ root: entry, tables, seconds, pace: { thinkMs, burstMs: thinkMs }, rounds, port, seeded: false, viewDeltas, warmupMs: WARMUP_MS, threads: THREADS });
  const table = await run(true);
  const perClient = table.tally.sent / table.clients / table.seconds;
  let full = null;
  if (withFull) {
    console.log(`${step++}/${steps} table server, full views (VIEW_DELTAS=off, as before)`);
    full = await run(false);
    full.label = "Trilateral table, full views";
  }
  let before = null;
  if (BEFORE) {
    console.log(`${step++}/${steps} table server of ${args.before} (before), views as deltas`);
    before = await run(true, BEFORE);
    before.label = `Trilateral table, before (${args.before})`;
  }
  console.log(`${step}/${steps} bare echo room, same clients and request rate, a view of the table's median message size to every client of the room`);
  const sizes = table.tally.messageBytes.slice().sort((a, b) => a - b);
  const echo = await runEcho(ENTRY, tables, seconds, perClient, port + 1, WARMUP_MS, Math.round(percentile(sizes, 0.5) || 0), THREADS);
  const bytesOf = (r: typeof table) => {
    const b = r.tally.messageBytes.slice().sort((x, y) => x - y);
    return `${r.label}: view/delta message bytes per client per accepted command: median ${percentile(b, 0.5)}, p99 ${percentile(b, 0.99)} (n=${b.length})`;
  };
  console.log(["", ...report(table), ...(full ? report(full) : []), ...(before ? report(before) : []), ...report(echo), "", bytesOf(table), ...(before ? [bytesOf(before)] : [])].join("\n"));
  const vs = (r: typeof table, name: string) =>
    `Ratio ${name}/echo: p50 ${ratio(p(r, 0.5), p(echo, 0.5))}, p95 ${ratio(p(r, 0.95), p(echo, 0.95))}, p99 ${ratio(p(r, 0.99), p(echo, 0.99))}; CPU ${ratio(r.cpuPercent, echo.cpuPercent)}; RSS ${ratio(r.rssMb, echo.rssMb)}`;
  console.log(vs(table, "table"));
  if (full) console.log(vs(full, "table with full views"));
  if (before) console.log(vs(before, "table before"));
}

async function bytes(tables: number, rounds: number, port: number): Promise<void> {
  console.log(`Bytes per client per accepted command: ${tables} tables play whole ${rounds}-round games, deltas, then full views`);
  const lines: string[] = [];
  const medians: number[] = [];
  const runs: [string, string, boolean][] = [["deltas          ", ENTRY, true], ["full views (off) ", ENTRY, false]];
  if (BEFORE) runs.push(["deltas, before  ", BEFORE, true]);
  for (const [label, entry, deltas] of runs) {
    const r = await runBytes(entry, tables, rounds, port, deltas);
    const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`;
    const total = r.sizes.reduce((a, b) => a + b, 0);
    medians.push(percentile(r.sizes, 0.5));
    lines.push(
      `  ${label}: median ${kb(percentile(r.sizes, 0.5))}, p95 ${kb(percentile(r.sizes, 0.95))}, p99 ${kb(percentile(r.sizes, 0.99))}, max ${kb(r.sizes.at(-1) ?? 0)}; ` +
        `${r.sizes.length} messages, ${(total / 2 ** 20).toFixed(1)} MB in all; ${r.games}/${tables} games in ${r.seconds.toFixed(0)} s`,
    );
  }
  console.log([...lines, `  median full/delta: ${ratio(medians[1]!, medians[0]!)}`].join("\n"));
}

/** The server's main thread per command, and its garbage collection, for a ladder row. */
const windowFigures = (r: Awaited<ReturnType<typeof runTables>>): string =>
  r.window && r.tally.accepted
    ? `; main thread ${(r.window.threadCpuUs / r.tally.accepted).toFixed(0)} µs and ${(r.window.gc.allocated / r.tally.accepted / 1024).toFixed(1)} KB allocated per command, GC pauses ${r.window.gc.pauseMs.toFixed(0)} ms in all (${r.window.gc.pauses}, the longest ${r.window.gc.maxPauseMs.toFixed(1)} ms)`
    : "";

async function capacity(ladder: number[], seconds: number, thinkMs: number, burstMs: number, rounds: number, port: number): Promise<void> {
  console.log(`Classroom pace: think ~${thinkMs} ms per seat, burst within ${burstMs} ms of each phase change, tables from stored rounds 1–${rounds}`);
  const rows: string[] = [];
  let best = 0;
  let bestBefore = 0;
  const row = (tables: number, r: Awaited<ReturnType<typeof runTables>>, ok: boolean, tag: string) =>
    `  ${tag}${String(tables).padStart(5)} tables ${String(tables * 3).padStart(5)} sockets: ${(r.tally.accepted / r.seconds).toFixed(0).padStart(4)} commands/s, p50 ${ms(p(r, 0.5))} p95 ${ms(p(r, 0.95))} p99 ${ms(p(r, 0.99))} ms, ` +
    `CPU ${r.cpuPercent.toFixed(0)}% (${r.tally.accepted ? ((r.cpuPercent * r.seconds * 10_000) / r.tally.accepted).toFixed(0) : "n/a"} µs per command), event loop ${(r.elu * 100).toFixed(0)}%${r.waitedForCpu !== null ? ` (waiting for a CPU ${(r.waitedForCpu * 100).toFixed(0)}%)` : ""}, RSS ${r.rssMb.toFixed(0)} MB, load generator CPU ${r.clientCpuPercent.toFixed(0)}% in ${r.clientThreads} thread${r.clientThreads === 1 ? "" : "s"} (event-loop delay p99 ${ms(r.clientLoopDelay.p99)} ms, its worst thread's)${r.server ? `, server event-loop delay p99 ${ms(r.server.loopP99)} ms` : ""}${windowFigures(r)}${ok ? "" : "  (over 50 ms or failures)"}`;
  for (const tables of ladder) {
    const run = (entry: string) => runTables({ root: entry, tables, seconds, pace: { thinkMs, burstMs }, rounds, port, seeded: true, viewDeltas: true, warmupMs: Math.max(WARMUP_MS, burstMs * 2), threads: THREADS });
    const r = await run(ENTRY);
    console.log(report(r).join("\n"));
    const ok = p(r, 0.99) <= 50 && r.tally.failed === 0;
    if (ok) best = Math.max(best, tables);
    rows.push(row(tables, r, ok, BEFORE ? "after " : ""));
    if (BEFORE) {
      const b = await run(BEFORE);
      b.label = `Trilateral table, before (${args.before})`;
      console.log(report(b).join("\n"));
      const okBefore = p(b, 0.99) <= 50 && b.tally.failed === 0;
      if (okBefore) bestBefore = Math.max(bestBefore, tables);
      rows.push(row(tables, b, okBefore, "before"));
    }
    if (!ok) break;
  }
  if (BEFORE) rows.push(`  before (${args.before}): largest table count with p99 ≤ 50 ms: ${bestBefore || "none"} (of those tried)`);
  console.log(["", "Capacity at classroom pace:", ...rows, `Largest table count with p99 ≤ 50 ms: ${best || "none"} (${best * 3} sockets)`].join("\n"));
}

async function main(): Promise<void> {
  const seconds = int(args.duration, 3, 300, "duration");
  const rounds = int(args.rounds, 1, 20, "rounds");
  const port = int(args.port, 1024, 65000, "port");
  THREADS = int(args["generator-threads"], 1, 8, "generator-threads");
  console.log(`Trilateral load benchmark: Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  if (args.processes !== undefined) {
    // bench/load/processes.ts: one process as today, one through Redis + PostgreSQL, N sharing them.
    const tables = int(args.tables ?? "100", 1, 1500, "tables");
    const pace = { thinkMs: int(args.think ?? "5000", 0, 60_000, "think"), burstMs: int(args.burst, 0, 60_000, "burst") };
    await runProcesses({ processes: int(args.processes, 2, 8, "processes"), tables, seconds, pace, rounds, port, warmupMs: Math.max(WARMUP_MS, pace.burstMs * 2), controls: int(args.controls, 1, 1000, "controls") });
  } else if (args.tables !== undefined) {
    await fixedLoad(int(args.tables, 1, 1500, "tables"), seconds, int(args.think ?? "300", 0, 60_000, "think"), rounds, port, args["with-full"]);
  } else {
    if (!args["skip-bytes"]) await bytes(int(args["bytes-tables"], 1, 50, "bytes-tables"), rounds, port);
    const ladder = args.ladder.split(",").map((x) => int(x.trim(), 1, 1500, "ladder"));
    if (!args["skip-capacity"]) await capacity(ladder, seconds, int(args.think ?? "5000", 0, 60_000, "think"), int(args.burst, 0, 60_000, "burst"), rounds, port);
  }
  console.log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other processes on this machine share its CPUs)`);
}

if (args.serve) {
  await serve(args.serve, Number(args.port), args.data ?? os.tmpdir(), args.root ?? OWN_ROOT);
} else {
  await main();
  process.exit(0);
}
