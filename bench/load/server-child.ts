import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import { createHistogram, monitorEventLoopDelay, performance } from "node:perf_hooks";

export const HOST = "127.0.0.1";

export interface ServerStats {
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
  elu: number;
  /** Linux: ns the main thread spent runnable but waiting for a CPU (/proc/self/schedstat), or null. */
  runqueueNs: number | null;
  /** performance.now() of the child when it answered (its own clock: a starved child answers late). */
  at: number;
  /**
   * Since the window began (ms): the server's event-loop delay (how long a message that arrived
   * could wait before the server looked at it), and for the table server the time from taking up
   * a command request to its reply (engine, durable commit, views sent). Absent from an older checkout's child.
   */
  server?: { loopP99: number; loopMax: number; handlingP50: number | null; handlingP99: number | null };
  /** Since the window began: the main thread's CPU time (µs) and its garbage collection (absent from older children). */
  window?: { threadCpuUs: number; gc: GcTally };
}

/** Garbage collection over a window: bytes allocated on the JS heap (garbage included), and the pauses. */
export interface GcTally {
  allocated: number;
  pauses: number;
  pauseMs: number;
  maxPauseMs: number;
}

/** Counts a window's garbage collection with v8.GCProfiler (read as often as wanted: it sums across reads). */
function gcCounter(): { reset(): void; read(): GcTally } {
  let profiler: v8.GCProfiler | null = null;
  let used0 = 0;
  const t: GcTally = { allocated: 0, pauses: 0, pauseMs: 0, maxPauseMs: 0 };
  let freed = 0;
  const drain = () => {
    for (const g of profiler?.stop()?.statistics ?? []) {
      freed += g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize;
      t.pauses += 1;
      t.pauseMs += g.cost / 1000;
      t.maxPauseMs = Math.max(t.maxPauseMs, g.cost / 1000);
    }
    profiler = new v8.GCProfiler();
    profiler.start();
  };
  return {
    reset() {
      drain();
      Object.assign(t, { allocated: 0, pauses: 0, pauseMs: 0, maxPauseMs: 0 });
      freed = 0;
      used0 = v8.getHeapStatistics().used_heap_size;
    },
    read() {
      drain();
      return { ...t, allocated: v8.getHeapStatistics().used_heap_size - used0 + freed };
    },
  };
}

/** The second field of /proc/self/schedstat: time spent waiting on a run queue (other processes had the CPUs). */
function runqueueNs(): number | null {
  try {
    return Number(fs.readFileSync("/proc/self/schedstat", "utf8").split(" ")[1]);
  } catch {
    return null;
  }
}

/** Limits high enough that the bench's one address is never throttled. */
export const UNTHROTTLED = {
  RATE_LOOKUPS_PER_MINUTE: "1000000",
  RATE_RECORDS_PER_MINUTE: "1000000",
  RATE_JOINS_PER_MINUTE: "1000000",
  RATE_CREATES_PER_MINUTE: "1000000",
  RATE_MISSES_PER_MINUTE: "1000000",
};

/** A module of the checkout at `root` (this one, or the --before one), to import. */
const from = (root: string, file: string) => pathToFileURL(path.join(root, file)).href;

/** This checkout (the bench's own code runs every child; `root` says whose server it serves). */
export const OWN_ROOT = path.resolve(import.meta.dirname, "../..");

/** The child's side: the real table server (SQLite, restore of the stored tables) or the bare echo room. */
export async function serve(kind: string, port: number, dataDir: string, root: string): Promise<void> {
  let info: string;
  if (kind === "trilateral") {
    const { createServer } = (await import(from(root, "server/app.ts"))) as typeof import("../../server/app.ts");
    const { loadConfig } = (await import(from(root, "server/config.ts"))) as typeof import("../../server/config.ts");
    const { loadBuiltInDeck } = (await import(from(root, "server/content/fs-load.ts"))) as typeof import("../../server/content/fs-load.ts");
    const config = loadConfig({
      ...UNTHROTTLED,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: "warn",
      BOT_THINK_MS: "0",
      INSTRUCTOR_KEY: "bench-instructor-key",
      VIEW_DELTAS: process.env.VIEW_DELTAS ?? "on",
      RECONNECT_SECONDS: "600",
    });
    const deck = loadBuiltInDeck();
    const t0 = performance.now();
    const server = createServer({ config, deck: () => deck, serveClient: "none" });
    await server.listen(port, HOST);
    const restored = server.trilateral.restored.length;
    info = `built-in deck, ${deck.length} cards; views ${config.viewDeltas ? "as deltas" : "in full (VIEW_DELTAS=off)"}` +
      (restored ? `; ${restored} stored tables restored in ${((performance.now() - t0) / 1000).toFixed(1)} s` : "");
  } else {
    const { createEchoServer } = await import("../echo-room.ts");
    await createEchoServer().listen(port, HOST);
    info = "echo room";
  }
  process.on("SIGINT", () => process.exit(0));
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const handling = kind === "trilateral" ? await timeCommandHandling(root) : null;
  let elu = performance.eventLoopUtilization();
  const gc = gcCounter();
  let cpu0: NodeJS.CpuUsage | null = null;
  const profiler = process.env.BENCH_PROF && kind === "trilateral" ? await windowProfiler() : null;
  process.on("message", (m: { type: string }) => {
    if (m.type === "profile-start") return void profiler?.start();
    if (m.type === "profile-stop") return void profiler?.stop();
    if (m.type === "window-start") {
      loopDelay.reset();
      handling?.reset();
      gc.reset();
      cpu0 = process.threadCpuUsage();
      return;
    }
    if (m.type !== "stats") return;
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, elu);
    elu = now;
    const mem = process.memoryUsage();
    const server = {
      loopP99: loopDelay.percentile(99) / 1e6,
      loopMax: loopDelay.max / 1e6,
      handlingP50: handling && handling.count ? handling.percentile(50) / 1000 : null,
      handlingP99: handling && handling.count ? handling.percentile(99) / 1000 : null,
    };
    const thread = cpu0 ? process.threadCpuUsage(cpu0) : null;
    const window = thread ? { threadCpuUs: thread.user + thread.system, gc: gc.read() } : undefined;
    process.send!({ type: "stats", stats: { cpu: process.cpuUsage(), rss: mem.rss, heapUsed: mem.heapUsed, elu: delta.utilization, runqueueNs: runqueueNs(), at: performance.now(), server, window } satisfies ServerStats });
  });
  process.send!({ type: "ready", info });
}

/** Times each command request the table rooms take up, to its reply, in µs (the bench's child only: the server itself is unchanged). */
async function timeCommandHandling(root: string): Promise<ReturnType<typeof createHistogram>> {
  const { TableRoom } = (await import(from(root, "server/rooms/TableRoom.ts"))) as typeof import("../../server/rooms/TableRoom.ts");
  const histogram = createHistogram();
  const proto = TableRoom.prototype as unknown as { onCommandRequest(...a: unknown[]): Promise<unknown> };
  const original = proto.onCommandRequest;
  proto.onCommandRequest = async function (this: unknown, ...a: unknown[]) {
    const t0 = performance.now();
    try {
      return await original.apply(this, a);
    } finally {
      histogram.record(Math.max(1, Math.round((performance.now() - t0) * 1000)));
    }
  };
  return histogram;
}

/** BENCH_PROF=1: a CPU profile of the measured window only (not the restore or the seating), in bench/out/profiles/; BENCH_PROF=heap: a heap profile. */
async function windowProfiler(): Promise<{ start(): void; stop(): void }> {
  const { Session } = await import("node:inspector");
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
  if (process.env.BENCH_PROF === "heap" || process.env.BENCH_PROF === "alloc") return heapProfiler(post, process.env.BENCH_PROF === "alloc");
  await post("Profiler.enable");
  await post("Profiler.setSamplingInterval", { interval: 500 });
  return {
    start: () => void post("Profiler.start"),
    stop: () =>
      void post("Profiler.stop").then((r) => {
        const dir = path.resolve("bench/out/profiles");
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `table-server-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
        fs.writeFileSync(file, JSON.stringify((r as { profile: unknown }).profile));
        console.log(`  CPU profile of the measured window: ${path.relative(process.cwd(), file)}`);
      }),
  };
}

/**
 * BENCH_PROF=heap: a sampling heap profile of the measured window, of the objects that outlived
 * a scavenge (those a minor GC collected are left out): what the young generation copies and
 * promotes, the cost behind long scavenge pauses. BENCH_PROF=alloc: every allocation, garbage
 * included (what makes scavenges frequent).
 */
async function heapProfiler(post: (method: string, params?: object) => Promise<unknown>, all: boolean): Promise<{ start(): void; stop(): void }> {
  await post("HeapProfiler.enable");
  return {
    start: () => void post("HeapProfiler.startSampling", { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: all }),
    // A minor collection first: the young generation's garbage of the last moments would
    // otherwise still count as having outlived a scavenge.
    stop: () => {
      if (!all) minorGc();
      void post("HeapProfiler.stopSampling").then((r) => {
        const dir = path.resolve("bench/out/profiles");
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `table-server-${new Date().toISOString().replace(/[:.]/g, "-")}.heapprofile`);
        fs.writeFileSync(file, JSON.stringify((r as { profile: unknown }).profile));
        console.log(`  heap profile of the measured window (objects that outlived a scavenge): ${path.relative(process.cwd(), file)}`);
      });
    },
  };
}

/** A minor (young-generation) collection, through V8's gc extension turned on for the moment. */
function minorGc(): void {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as (o: { type: string }) => void)({ type: "minor" });
}

/** The bench's side: a server in a child process, so its CPU and memory are its own. */
export class ServerChild {
  readonly child: ChildProcess;
  readonly url: string;
  info = "";
  private waiting: ((s: ServerStats) => void)[] = [];

  /** `root`: the checkout whose server the child serves (this bench's own code runs the child). */
  constructor(root: string, kind: string, port: number, dataDir: string, env: Record<string, string> = {}) {
    this.url = `http://${HOST}:${port}`;
    this.child = fork(path.join(OWN_ROOT, "bench/load.ts"), ["--serve", kind, "--port", String(port), "--data", dataDir, "--root", root], {
      execPath: process.execPath,
      // BENCH_SERVER_FLAGS: V8/Node flags for the server child, e.g. "--trace-gc" (table and echo alike).
      execArgv: (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean),
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (m: { type: string; stats?: ServerStats }) => {
      if (m.type === "stats" && m.stats) this.waiting.shift()?.(m.stats);
    });
  }

  ready(timeoutMs = 240_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("the server child did not start in time")), timeoutMs);
      const onMessage = (m: { type: string; info?: string }) => {
        if (m.type !== "ready") return;
        clearTimeout(timer);
        this.info = m.info ?? "";
        this.child.off("message", onMessage);
        resolve();
      };
      this.child.on("message", onMessage);
      this.child.once("exit", (code) => reject(new Error(`server child exited (${code})`)));
    });
  }

  /** BENCH_PROF=1: starts or stops the child's CPU profile (of the measured window). */
  profile(action: "start" | "stop"): void {
    if (process.env.BENCH_PROF) this.child.send({ type: `profile-${action}` });
  }

  /** The measured window begins: the child's event-loop delay and command timings start again. */
  windowStart(): void {
    this.child.send({ type: "window-start" });
  }

  stats(): Promise<ServerStats> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send({ type: "stats" });
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.kill("SIGKILL");
    await exited;
  }
}
