import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
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

/** The child's side: the real table server (SQLite, restore of the stored tables) or the bare echo room. */
export async function serve(kind: string, port: number, dataDir: string): Promise<void> {
  let info: string;
  if (kind === "trilateral") {
    const { createServer } = await import("../../server/app.ts");
    const { loadConfig } = await import("../../server/config.ts");
    const { loadBuiltInDeck } = await import("../../server/content/fs-load.ts");
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
  const handling = kind === "trilateral" ? await timeCommandHandling() : null;
  let elu = performance.eventLoopUtilization();
  const profiler = process.env.BENCH_PROF && kind === "trilateral" ? await windowProfiler() : null;
  process.on("message", (m: { type: string }) => {
    if (m.type === "profile-start") return void profiler?.start();
    if (m.type === "profile-stop") return void profiler?.stop();
    if (m.type === "window-start") {
      loopDelay.reset();
      handling?.reset();
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
    process.send!({ type: "stats", stats: { cpu: process.cpuUsage(), rss: mem.rss, heapUsed: mem.heapUsed, elu: delta.utilization, runqueueNs: runqueueNs(), at: performance.now(), server } satisfies ServerStats });
  });
  process.send!({ type: "ready", info });
}

/** Times each command request the table rooms take up, to its reply, in µs (the bench's child only: the server itself is unchanged). */
async function timeCommandHandling(): Promise<ReturnType<typeof createHistogram>> {
  const { TableRoom } = await import("../../server/rooms/TableRoom.ts");
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
    stop: () =>
      void post("HeapProfiler.stopSampling").then((r) => {
        const dir = path.resolve("bench/out/profiles");
        fs.mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `table-server-${new Date().toISOString().replace(/[:.]/g, "-")}.heapprofile`);
        fs.writeFileSync(file, JSON.stringify((r as { profile: unknown }).profile));
        console.log(`  heap profile of the measured window (objects that outlived a scavenge): ${path.relative(process.cwd(), file)}`);
      }),
  };
}

/** The bench's side: a server in a child process, so its CPU and memory are its own. */
export class ServerChild {
  readonly child: ChildProcess;
  readonly url: string;
  info = "";
  private waiting: ((s: ServerStats) => void)[] = [];

  constructor(entry: string, kind: string, port: number, dataDir: string, env: Record<string, string> = {}) {
    this.url = `http://${HOST}:${port}`;
    this.child = fork(entry, ["--serve", kind, "--port", String(port), "--data", dataDir], {
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
