import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client, type Room } from "@colyseus/sdk";
import { loadBuiltInDeck } from "../../server/content/fs-load.ts";
import type { ClassSeatMessage, InstructorReply } from "../../shared/protocol/class-messages.ts";
import { startPostgres, type RunningPostgres } from "../../tests/support/postgres.ts";
import { startProcesses, type ServerProcess } from "../../tests/support/processes.ts";
import { startRedis, type RunningRedis } from "../../tests/support/redis.ts";
import { BenchTable, leaveQuietly, openWithRetry, type Pace, type Seeded } from "./player.ts";
import { seedTables } from "./seed-tables.ts";
import { UNTHROTTLED } from "./server-child.ts";
import { inBatches, ms, percentile, sleep, Tally } from "./stats.ts";

/**
 * `npm run bench:load -- --processes 2`: the classroom-pace load on one process as today
 * (SQLite, no Redis), on one process through Redis and PostgreSQL, and on N processes sharing
 * them, in the same run. Each server process is a real `server/start.ts`; its CPU is read from
 * /proc, so the work per server CPU-second (accepted commands ÷ the CPU of every server process)
 * compares the set-ups even though the load generator shares this machine's cores. With N > 1,
 * the console's control round trip (instructor → class room → matchMaker.remoteRoomCall → table
 * on the other process → back) is timed while the load runs.
 */
export interface ProcessesRun {
  processes: number;
  tables: number;
  seconds: number;
  pace: Pace;
  rounds: number;
  port: number;
  warmupMs: number;
  controls: number;
}

const INSTRUCTOR_KEY = "bench-instructor-key";
const TICKS = 100; // USER_HZ on Linux

/** user + system CPU of a process in ms, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

interface SetupResult {
  label: string;
  processes: number;
  seconds: number;
  tally: Tally;
  /** CPU % of one core, per server process. */
  cpu: number[];
  latencies: number[];
  controls: { other: number[]; same: number[]; failed: number } | null;
}

async function listed(redis: RunningRedis): Promise<number> {
  return (await redis.hgetall("roomcaches")).length;
}

async function runSetup(label: string, o: ProcessesRun, count: number, shared: { redis: RunningRedis; postgres: RunningPostgres } | null, index: number): Promise<SetupResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-bench-procs-"));
  const databaseUrl = shared ? await shared.postgres.database(`bench_${index}_${Date.now() % 100000}`) : null;
  const seed = async () => {
    const t0 = performance.now();
    const stored = await seedTables(dataDir, o.tables, o.rounds, loadBuiltInDeck(), 8, databaseUrl);
    console.log(`  ${label}: ${o.tables} mid-game tables stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return stored;
  };
  // One process restores its stored tables as it starts; several pick them up once all of them run (spread over them).
  let seeded: Seeded[] = shared ? [] : await seed();
  const env: Record<string, string> = { ...UNTHROTTLED, DATA_DIR: dataDir, INSTRUCTOR_KEY, BOT_THINK_MS: "0", RECONNECT_SECONDS: "600", LOG_LEVEL: "warn" };
  if (shared) Object.assign(env, { REDIS_URL: shared.redis.url, DATABASE_URL: databaseUrl!, RECOVERY_SWEEP_MS: "2000" });
  const ports = Array.from({ length: count }, (_, i) => o.port + i);
  const procs = await startProcesses({ env, ports });
  try {
    if (shared) seeded = await seed();
    // With Redis the stored tables are brought back by the processes' sweeps, spread over them.
    let spread = "";
    if (shared) {
      const until = Date.now() + 120_000;
      const expected = o.tables;
      while ((await listed(shared.redis)) < expected && Date.now() < until) await sleep(200);
      const by = new Map<string, number>();
      for (const [, l] of await shared.redis.hgetall("roomcaches")) {
        const at = (JSON.parse(l) as { publicAddress?: string }).publicAddress ?? "?";
        by.set(at, (by.get(at) ?? 0) + 1);
      }
      spread = ` (rooms per process: ${[...by.entries()].map(([a, n]) => `${a} ${n}`).join(", ")})`;
    }
    const console_ = count > 1 && shared ? await openConsole(procs, shared.redis) : null;
    const tally = new Tally();
    const all = seeded.map((s, i) => new BenchTable(i + 1, procs[i % count]!.url, tally, o.pace, o.rounds, s));
    await inBatches(all, 10, (t) => openWithRetry(t));
    console.log(`  ${label}: ${o.tables} tables and ${o.tables * 3} clients seated on ${count} process(es)${spread}; playing for ${o.seconds} s…`);
    all.forEach((t) => t.kick());
    await sleep(o.warmupMs);
    tally.reset();
    const before = procs.map((p) => cpuMs(p.child.pid!));
    const start = performance.now();
    const controls = console_ ? timeControls(console_, o.controls, o.seconds * 1000) : Promise.resolve(null);
    await sleep(o.seconds * 1000);
    tally.running = false;
    const elapsed = (performance.now() - start) / 1000;
    const cpu = procs.map((p, i) => ((cpuMs(p.child.pid!) - before[i]!) / (elapsed * 1000)) * 100);
    const timed = await controls;
    await sleep(300);
    await inBatches(all, 100, (t) => t.close());
    if (console_) await console_.close();
    return { label, processes: count, seconds: elapsed, tally, cpu, latencies: tally.latencies.slice().sort((a, b) => a - b), controls: timed };
  } catch (e) {
    for (const p of procs) console.error(`  server process on port ${p.port} (${p.child.exitCode === null && p.child.signalCode === null ? "running" : "exited"}):\n${p.output().slice(-1500)}`);
    throw e;
  } finally {
    await Promise.all(procs.map((p) => p.kill()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

interface OpenConsole {
  instructor: Room;
  other: string;
  same: string | null;
  tables: number;
  close(): Promise<void>;
}

/** A class of thirty students (ten tables) and its instructor; finds a table on a process other than the class room's. */
async function openConsole(procs: ServerProcess[], redis: RunningRedis): Promise<OpenConsole> {
  const res = await fetch(`${procs[0]!.url}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "Bench console", rounds: 8, botThinkMs: 0, botDifficulty: "easy" }),
  });
  const answer = (await res.json()) as { code: string; instructorToken: string };
  const where = async () => new Map((await redis.hgetall("roomcaches")).map(([id, l]) => [id, (JSON.parse(l) as { publicAddress?: string }).publicAddress ?? ""]));
  const home = (await where()).get(answer.code)!;
  const homeUrl = procs.find((p) => home === `127.0.0.1:${p.port}`)?.url ?? procs[0]!.url;
  const instructor = await new Client(homeUrl).joinById(answer.code, { role: "instructor", token: answer.instructorToken });
  const classTables = new Set<string>();
  instructor.onMessage("*", () => {});
  instructor.onMessage("console", (m: { tables: { code: string }[] }) => m.tables.forEach((t) => classTables.add(t.code)));
  const rooms: Room[] = [instructor];
  for (let i = 0; i < 30; i++) {
    const sdk = new Client(procs[i % procs.length]!.url);
    const student = await sdk.joinById(answer.code, { role: "student", name: `Bench student ${i + 1}` });
    student.onMessage("*", () => {});
    student.onMessage("seat", (m: ClassSeatMessage) =>
      void sdk
        .consumeSeatReservation(m.reservation as never)
        .then((t) => (rooms.push(t), t.onMessage("*", () => {})))
        .catch((e: Error) => console.error(`  a bench student could not take their seat at ${m.table}: ${e.message || "connection error"}`)),
    );
    rooms.push(student);
  }
  const started = (await instructor.request("instructor", { action: "start" }, { timeout: 20_000 })) as InstructorReply;
  if (!started.ok) throw new Error(`the bench class did not start: ${JSON.stringify(started)}`);
  for (const until = Date.now() + 10_000; classTables.size < 10 && Date.now() < until; ) await sleep(100);
  const now = await where();
  const other = [...classTables].find((t) => now.get(t) && now.get(t) !== home) ?? null;
  const same = [...classTables].find((t) => now.get(t) === home) ?? null;
  if (!other) throw new Error(`no class table on another process than the class room ${home}: ${[...classTables].map((t) => `${t} ${now.get(t)}`).join(", ")}; rooms: ${JSON.stringify([...now.values()].reduce((m, a) => ({ ...m, [a]: (m[a] ?? 0) + 1 }), {} as Record<string, number>))}`);
  return { instructor, other, same, tables: classTables.size, close: async () => void (await Promise.all(rooms.map((r) => leaveQuietly(r)))) };
}

/** Pause/resume pairs on the far table (and the near one), spread over the run; the instructor's request round trip. */
async function timeControls(c: OpenConsole, pairs: number, spanMs: number): Promise<{ other: number[]; same: number[]; failed: number }> {
  const out = { other: [] as number[], same: [] as number[], failed: 0 };
  const gap = Math.max(50, spanMs / Math.max(1, pairs) / 2 - 20);
  for (let i = 0; i < pairs; i++) {
    for (const [table, bucket] of [[c.other, out.other], ...(c.same ? [[c.same, out.same]] : [])] as [string, number[]][]) {
      for (const kind of ["pause", "resume"] as const) {
        const t0 = performance.now();
        try {
          const reply = (await c.instructor.request("instructor", { action: "control", tables: [table], control: { kind } }, { timeout: 5000 })) as InstructorReply;
          if (reply.ok) bucket.push(performance.now() - t0);
          else out.failed += 1;
        } catch {
          out.failed += 1;
        }
      }
    }
    await sleep(gap);
  }
  out.other.sort((a, b) => a - b);
  out.same.sort((a, b) => a - b);
  return out;
}

function line(r: SetupResult): string {
  const total = r.cpu.reduce((a, b) => a + b, 0);
  const perCpuSecond = r.tally.accepted / ((total / 100) * r.seconds);
  return [
    `${r.label}: ${r.tally.accepted} commands accepted in ${r.seconds.toFixed(1)} s (${(r.tally.accepted / r.seconds).toFixed(0)}/s), ${r.tally.failed} failed, ${r.tally.rejected} refused`,
    `  command→view ms: p50 ${ms(percentile(r.latencies, 0.5))} p95 ${ms(percentile(r.latencies, 0.95))} p99 ${ms(percentile(r.latencies, 0.99))} (n=${r.latencies.length})`,
    `  server CPU per process: ${r.cpu.map((c, i) => `#${i + 1} ${c.toFixed(1)}%`).join(", ")} of one core (total ${total.toFixed(1)}%)`,
    `  work per server CPU-second: ${perCpuSecond.toFixed(0)} accepted commands`,
  ].join("\n");
}

const perCpu = (r: SetupResult) => r.tally.accepted / ((r.cpu.reduce((a, b) => a + b, 0) / 100) * r.seconds);

export async function runProcesses(o: ProcessesRun): Promise<void> {
  console.log(`Several processes: ${o.tables} tables at classroom pace (think ~${o.pace.thinkMs} ms, burst ${o.pace.burstMs} ms), ${o.seconds} s each; one process as today, one through Redis + PostgreSQL, ${o.processes} through Redis + PostgreSQL`);
  const postgres = await startPostgres();
  // A Redis of its own for each set-up: nothing of the previous one (its killed processes' counts) carries over.
  const withRedis = async <T>(fn: (redis: RunningRedis) => Promise<T>): Promise<T> => {
    const redis = await startRedis();
    try {
      return await fn(redis);
    } finally {
      await redis.stop();
    }
  };
  try {
    const results: SetupResult[] = [];
    results.push(await runSetup("1 process, SQLite, no Redis (as today)", o, 1, null, 0));
    results.push(await withRedis((redis) => runSetup("1 process, Redis + PostgreSQL", o, 1, { redis, postgres }, 1)));
    results.push(await withRedis((redis) => runSetup(`${o.processes} processes, Redis + PostgreSQL`, o, o.processes, { redis, postgres }, 2)));
    console.log(["", ...results.map(line)].join("\n"));
    const [today, one, many] = results as [SetupResult, SetupResult, SetupResult];
    const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)} %`;
    console.log(`Work per server CPU-second, ${o.processes} processes vs 1 as today: ${pct(perCpu(many), perCpu(today))} (goal: within 15 %); vs 1 through Redis + PostgreSQL: ${pct(perCpu(many), perCpu(one))}`);
    const c = many.controls;
    if (c) {
      console.log(
        `Console control round trip (instructor → class room → remoteRoomCall → table → back), during the load: ` +
          `table on the other process p50 ${ms(percentile(c.other, 0.5))} p95 ${ms(percentile(c.other, 0.95))} max ${ms(c.other.at(-1) ?? NaN)} ms (n=${c.other.length}, goal p95 < 100 ms); ` +
          `same process p50 ${ms(percentile(c.same, 0.5))} p95 ${ms(percentile(c.same, 0.95))} ms (n=${c.same.length}); ${c.failed} failed`,
      );
    }
  } finally {
    await postgres.stop();
  }
}
