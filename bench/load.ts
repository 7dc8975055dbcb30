/**
 * Load benchmark of the table server, next to a bare Colyseus echo room measured in the same run.
 *
 *   npm run bench:load -- --tables 50 [--duration 30] [--think 300] [--rounds 8]
 *
 * 1. Starts the real table server (createServer, no bots, temp DATA_DIR, SQLite and all) as a
 *    child process on 127.0.0.1, so its CPU and memory are its own.
 * 2. Opens N tables of three SDK clients each and plays scripted games concurrently: every
 *    client answers its views with a legal command after a think time (a finished game is
 *    replaced by a new table, so N tables stay busy for the whole run).
 * 3. Measures command→view latency: from `room.request("command")` to the `view` message that
 *    reflects it (the server sends that view just before the reply), p50/p95/p99, plus the
 *    server's CPU (process.cpuUsage) and RSS.
 * 4. Then starts a bare echo room server (bench/echo-room.ts) with the same number of rooms and
 *    clients, each sending requests at the per-client rate measured in step 3, and prints both
 *    with the ratio.
 *
 * Each phase warms up for 3 s before it counts. Loopback only; bounded: at most 500 tables
 * and 300 s per phase. BENCH_PROF=1 writes a CPU profile of the table server to bench/out/profiles/.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Client, type Room } from "@colyseus/sdk";
import { RESYNC_REQUEST, type CommandReply, type DeltaMessage, type ViewMessage } from "../shared/protocol/messages.ts";
import { applyViewPatch } from "../shared/protocol/view-delta.ts";
import type { Command } from "../shared/rules/commands.ts";
import { finishingCommand } from "../shared/rules/finish.ts";
import { legalCommands } from "../shared/rules/legal.ts";
import type { PlayerView } from "../shared/rules/view.ts";
import { NATIONS, type Nation } from "../shared/rules/vocabulary.ts";

const HOST = "127.0.0.1";
const WARMUP_MS = 3000;

const { values: args } = parseArgs({
  options: {
    tables: { type: "string", default: "50" },
    duration: { type: "string", default: "30" },
    think: { type: "string", default: "300" },
    rounds: { type: "string", default: "8" },
    port: { type: "string", default: "25690" },
    serve: { type: "string" },
    data: { type: "string" },
  },
  allowPositionals: true,
});

const clampInt = (v: string | undefined, min: number, max: number, name: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got ${v})`);
    process.exit(2);
  }
  return n;
};

// ───────────────────────────── server child ─────────────────────────────

interface ServerStats {
  cpu: NodeJS.CpuUsage;
  rss: number;
  heapUsed: number;
  elu: number;
}

async function serve(kind: string, port: number, dataDir: string): Promise<void> {
  let info = "";
  if (kind === "trilateral") {
    const { createServer } = await import("../server/app.ts");
    const { loadConfig } = await import("../server/config.ts");
    const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn", BOT_THINK_MS: "0", INSTRUCTOR_KEY: "bench-instructor-key" });
    let deck;
    try {
      const { loadBuiltInDeck } = await import("../shared/content/fs-load.ts");
      deck = loadBuiltInDeck();
      info = `built-in deck, ${deck.length} cards`;
    } catch (e) {
      const { mixedDeck } = await import("../tests/support/cards.ts");
      deck = mixedDeck();
      info = `test deck (${deck.length} cards; the built-in deck did not load: ${(e as Error).message.split("\n")[0]})`;
    }
    const fixed = deck;
    const server = createServer({ config, deck: () => fixed, serveClient: "none", restore: false });
    await server.listen(port, HOST);
  } else {
    const { createEchoServer } = await import("./echo-room.ts");
    await createEchoServer().listen(port, HOST);
    info = "echo room";
  }
  process.on("SIGINT", () => process.exit(0));
  let elu = performance.eventLoopUtilization();
  process.on("message", (m: { type: string }) => {
    if (m.type !== "stats") return;
    const now = performance.eventLoopUtilization();
    const delta = performance.eventLoopUtilization(now, elu);
    elu = now;
    const stats: ServerStats = { cpu: process.cpuUsage(), rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed, elu: delta.utilization };
    process.send!({ type: "stats", stats });
  });
  process.send!({ type: "ready", info });
}

class ServerChild {
  readonly child: ChildProcess;
  readonly url: string;
  info = "";
  private waiting: ((s: ServerStats) => void)[] = [];

  constructor(kind: string, port: number, dataDir: string) {
    this.url = `http://${HOST}:${port}`;
    this.child = fork(process.argv[1]!, ["--serve", kind, "--port", String(port), "--data", dataDir], {
      execPath: process.execPath,
      execArgv: process.env.BENCH_PROF && kind === "trilateral" ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve("bench/out/profiles")}`] : [],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (m: { type: string; stats?: ServerStats }) => {
      if (m.type === "stats" && m.stats) this.waiting.shift()?.(m.stats);
    });
  }

  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: { type: string; info?: string }) => {
        if (m.type !== "ready") return;
        this.info = m.info ?? "";
        this.child.off("message", onMessage);
        resolve();
      };
      this.child.on("message", onMessage);
      this.child.once("exit", (code) => reject(new Error(`server child exited (${code})`)));
    });
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
    this.child.kill(process.env.BENCH_PROF ? "SIGINT" : "SIGKILL");
    await exited;
  }
}

// ───────────────────────────── measurement ─────────────────────────────

interface Result {
  label: string;
  rooms: number;
  clients: number;
  seconds: number;
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  games: number;
  latencies: number[];
  cpuPercent: number;
  elu: number;
  rssMb: number;
  peakRssMb: number;
  clientCpuPercent: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function leaveQuietly(room: Room | null): Promise<void> {
  if (!room?.connection?.isOpen) return;
  await Promise.race([room.leave().catch(() => {}), sleep(1000)]);
}

/** Counts and latencies shared by every simulated client of one phase. */
class Tally {
  running = true;
  sent = 0;
  accepted = 0;
  rejected = 0;
  failed = 0;
  games = 0;
  latencies: number[] = [];
}

/** One simulated player: answers its views with legal commands after a think time. */
class BenchPlayer {
  room: Room | null = null;
  readonly nation: Nation;
  private view: PlayerView | null = null;
  private lastViewAt = 0;
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private counts = new Map<string, number>();
  private readonly tally: Tally;
  private readonly thinkMs: number;
  onEnded: (() => void) | null = null;
  ended = false;

  constructor(nation: Nation, tally: Tally, thinkMs: number) {
    this.nation = nation;
    this.tally = tally;
    this.thinkMs = thinkMs;
  }

  attach(room: Room): void {
    this.room = room;
    this.view = null;
    this.ended = false;
    this.counts.clear();
    let seq = -1;
    const hold = (view: PlayerView, at: number) => {
      seq = at;
      this.lastViewAt = performance.now();
      this.view = view;
      if (view.phase === "ended" && !this.ended) {
        this.ended = true;
        this.onEnded?.();
      }
      this.schedule();
    };
    room.onMessage("view", (m: ViewMessage) => hold(m.view, m.seq));
    room.onMessage("delta", (m: DeltaMessage) => {
      if (!this.view || m.base !== seq) return void room.request(RESYNC_REQUEST, {}).catch(() => {});
      hold(applyViewPatch(this.view, m.ops), m.seq);
    });
    room.onMessage("*", () => {});
  }

  schedule(): void {
    if (!this.tally.running || this.inFlight || this.timer || this.ended || !this.view) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.act();
    }, this.thinkMs * (0.5 + Math.random()));
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private choose(view: PlayerView): Command | null {
    const legal = legalCommands(view, this.nation).filter((c) => c.type !== "withdrawProposal");
    if (legal.length === 0) return null;
    const key = `${view.round}:${view.phase}`;
    const count = this.counts.get(key) ?? 0;
    this.counts.set(key, count + 1);
    if (count >= 3 || Math.random() < 0.3) {
      const finish = finishingCommand(view, this.nation);
      if (finish) return finish;
    }
    if (Math.random() < 0.25 && view.phase === "negotiation") {
      return { type: "say", channel: "table", text: `Round ${view.round}: shall we talk about ${view.card?.title ?? "this"}?` };
    }
    return legal[Math.floor(Math.random() * legal.length)]!;
  }

  private act(): void {
    const room = this.room;
    const view = this.view;
    if (!room || !view || !this.tally.running || view.phase === "ended") return;
    const command = this.choose(view);
    if (!command) return;
    this.inFlight = true;
    this.tally.sent += 1;
    const sentAt = performance.now();
    (room.request("command", { actionId: randomUUID(), command }, { timeout: 20_000 }) as Promise<CommandReply>)
      .then((reply) => {
        if (reply.ok) {
          this.tally.accepted += 1;
          if (this.lastViewAt >= sentAt) this.tally.latencies.push(this.lastViewAt - sentAt);
        } else {
          this.tally.rejected += 1;
        }
      })
      .catch(() => {
        this.tally.failed += 1;
      })
      .finally(() => {
        this.inFlight = false;
        this.schedule();
      });
  }
}

/** A table of three bench players; when its game ends, they sit down at a new table. */
class BenchTable {
  readonly players: BenchPlayer[];
  private readonly sdk: Client;
  private readonly index: number;
  private readonly rounds: number;
  private readonly tally: Tally;

  constructor(index: number, url: string, tally: Tally, thinkMs: number, rounds: number) {
    this.index = index;
    this.sdk = new Client(url);
    this.tally = tally;
    this.rounds = rounds;
    this.players = NATIONS.map((n) => new BenchPlayer(n, tally, thinkMs));
    for (const p of this.players) {
      p.onEnded = () => {
        if (this.players.every((x) => x.ended)) void this.nextGame();
      };
    }
  }

  async open(): Promise<void> {
    const [seoul, tokyo, washington] = this.players as [BenchPlayer, BenchPlayer, BenchPlayer];
    const first = await this.sdk.create("table", { name: `Seoul ${this.index}`, nation: "seoul", rounds: this.rounds });
    seoul.attach(first);
    tokyo.attach(await this.sdk.joinById(first.roomId, { name: `Tokyo ${this.index}`, nation: "tokyo" }));
    washington.attach(await this.sdk.joinById(first.roomId, { name: `Washington ${this.index}`, nation: "washington" }));
  }

  private async nextGame(): Promise<void> {
    this.tally.games += 1;
    if (!this.tally.running) return;
    await Promise.all(this.players.map((p) => leaveQuietly(p.room)));
    if (!this.tally.running) return;
    try {
      await this.open();
    } catch (e) {
      console.error(`table ${this.index}: could not start a new game: ${(e as Error).message}`);
    }
  }

  kick(): void {
    for (const p of this.players) p.schedule();
  }

  async close(): Promise<void> {
    for (const p of this.players) p.stop();
    await Promise.all(this.players.map((p) => leaveQuietly(p.room)));
  }
}

/** Samples the server's RSS every second. */
function sampleRss(server: ServerChild, peak: { mb: number }): () => void {
  const iv = setInterval(() => {
    void server.stats().then((s) => (peak.mb = Math.max(peak.mb, s.rss / 2 ** 20)));
  }, 1000);
  return () => clearInterval(iv);
}

async function measure(
  label: string,
  server: ServerChild,
  tally: Tally,
  rooms: number,
  clients: number,
  seconds: number,
  kick: () => void,
  settle: () => Promise<void>,
): Promise<Result> {
  const peak = { mb: 0 };
  // Warm up (JIT, connection buffers), then count from zero.
  kick();
  await sleep(WARMUP_MS);
  Object.assign(tally, { sent: 0, accepted: 0, rejected: 0, failed: 0, games: 0, latencies: [] });
  const before = await server.stats();
  const clientBefore = process.cpuUsage();
  const t0 = performance.now();
  const stopSampling = sampleRss(server, peak);
  await sleep(seconds * 1000);
  tally.running = false;
  const elapsed = (performance.now() - t0) / 1000;
  const after = await server.stats();
  const clientAfter = process.cpuUsage(clientBefore);
  stopSampling();
  await settle();
  const cpuMicros = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
  return {
    label,
    rooms,
    clients,
    seconds: elapsed,
    sent: tally.sent,
    accepted: tally.accepted,
    rejected: tally.rejected,
    failed: tally.failed,
    games: tally.games,
    latencies: tally.latencies.slice().sort((a, b) => a - b),
    cpuPercent: (cpuMicros / 1000 / (elapsed * 1000)) * 100,
    elu: after.elu,
    rssMb: after.rss / 2 ** 20,
    peakRssMb: Math.max(peak.mb, after.rss / 2 ** 20),
    clientCpuPercent: ((clientAfter.user + clientAfter.system) / 1000 / (elapsed * 1000)) * 100,
  };
}

async function runTables(tables: number, seconds: number, thinkMs: number, rounds: number, port: number): Promise<Result & { info: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-bench-"));
  const server = new ServerChild("trilateral", port, dataDir);
  try {
    await server.ready();
    const tally = new Tally();
    const all = Array.from({ length: tables }, (_, i) => new BenchTable(i + 1, server.url, tally, thinkMs, rounds));
    const opening = performance.now();
    await inBatches(all, 20, (t) => t.open());
    console.log(`  ${tables} tables and ${tables * 3} clients seated in ${((performance.now() - opening) / 1000).toFixed(1)} s; playing for ${seconds} s…`);
    const result = await measure(
      "Trilateral table",
      server,
      tally,
      tables,
      tables * 3,
      seconds,
      () => all.forEach((t) => t.kick()),
      async () => {
        await sleep(500);
        await Promise.all(all.map((t) => t.close()));
      },
    );
    return { ...result, info: server.info };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runEcho(rooms: number, seconds: number, perClientPerSecond: number, port: number): Promise<Result> {
  const server = new ServerChild("echo", port, os.tmpdir());
  try {
    await server.ready();
    const tally = new Tally();
    const sdk = new Client(server.url);
    const clients: { room: Room; lastViewAt: number; timer: NodeJS.Timeout | null }[] = [];
    await inBatches(
      Array.from({ length: rooms }, (_, i) => i),
      20,
      async () => {
        const first = await sdk.create("echo");
        const members = [first, await sdk.joinById(first.roomId), await sdk.joinById(first.roomId)];
        for (const room of members) {
          const c = { room, lastViewAt: 0, timer: null as NodeJS.Timeout | null };
          room.onMessage("view", () => (c.lastViewAt = performance.now()));
          clients.push(c);
        }
      },
    );
    const interval = 1000 / Math.max(perClientPerSecond, 0.01);
    const loop = (c: (typeof clients)[number]) => {
      if (!tally.running) return;
      c.timer = setTimeout(() => {
        const sentAt = performance.now();
        tally.sent += 1;
        (c.room.request("command", { actionId: randomUUID(), command: { type: "say", channel: "table", text: "hello, table" } }, { timeout: 20_000 }) as Promise<CommandReply>)
          .then((reply) => {
            if (reply.ok) {
              tally.accepted += 1;
              if (c.lastViewAt >= sentAt) tally.latencies.push(c.lastViewAt - sentAt);
            } else tally.rejected += 1;
          })
          .catch(() => (tally.failed += 1))
          .finally(() => loop(c));
      }, interval * (0.5 + Math.random()));
    };
    console.log(`  ${rooms} echo rooms and ${clients.length} clients, ${perClientPerSecond.toFixed(2)} requests/s per client, for ${seconds} s…`);
    return await measure(
      "Bare echo room",
      server,
      tally,
      rooms,
      clients.length,
      seconds,
      () => clients.forEach(loop),
      async () => {
        for (const c of clients) if (c.timer) clearTimeout(c.timer);
        await sleep(300);
        await Promise.all(clients.map((c) => leaveQuietly(c.room)));
      },
    );
  } finally {
    await server.stop();
  }
}

function report(r: Result): string[] {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "n/a");
  return [
    `${r.label}: ${r.rooms} rooms, ${r.clients} clients, ${r.seconds.toFixed(1)} s`,
    `  requests ${r.sent} (${(r.sent / r.seconds).toFixed(0)}/s): ${r.accepted} accepted, ${r.rejected} refused by the rules, ${r.failed} failed` +
      (r.games ? `; ${r.games} games finished` : ""),
    `  request→view latency ms: p50 ${f(percentile(r.latencies, 0.5))}  p95 ${f(percentile(r.latencies, 0.95))}  p99 ${f(percentile(r.latencies, 0.99))}  max ${f(r.latencies[r.latencies.length - 1] ?? NaN)}  (n=${r.latencies.length})`,
    `  server CPU ${r.cpuPercent.toFixed(1)}% of one core (event loop busy ${(r.elu * 100).toFixed(1)}%), RSS ${r.rssMb.toFixed(0)} MB (peak ${r.peakRssMb.toFixed(0)} MB); load generator CPU ${r.clientCpuPercent.toFixed(1)}%`,
  ];
}

async function main(): Promise<void> {
  const tables = clampInt(args.tables, 1, 500, "tables");
  const seconds = clampInt(args.duration, 3, 300, "duration");
  const thinkMs = clampInt(args.think, 0, 10_000, "think");
  const rounds = clampInt(args.rounds, 1, 20, "rounds");
  const port = clampInt(args.port, 1024, 65534, "port");
  console.log(`Trilateral load benchmark on ${HOST}: ${tables} tables × 3 clients, think ~${thinkMs} ms, ${rounds}-round games, ${seconds} s per phase`);
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  console.log("1/2 table server");
  const table = await runTables(tables, seconds, thinkMs, rounds, port);
  console.log(`  (${table.info})`);
  const perClient = table.sent / table.clients / table.seconds;
  console.log("2/2 bare echo room, same clients and request rate");
  const echo = await runEcho(tables, seconds, perClient, port + 1);

  const lines = ["", ...report(table), ...report(echo)];
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `${(a / b).toFixed(1)}×` : "n/a");
  const tl = table.latencies;
  const el = echo.latencies;
  lines.push(
    `Ratio table/echo: latency p50 ${ratio(percentile(tl, 0.5), percentile(el, 0.5))}, p95 ${ratio(percentile(tl, 0.95), percentile(el, 0.95))}, ` +
      `p99 ${ratio(percentile(tl, 0.99), percentile(el, 0.99))}; CPU ${ratio(table.cpuPercent, echo.cpuPercent)}; RSS ${ratio(table.rssMb, echo.rssMb)}`,
  );
  lines.push(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other processes on this machine share its CPUs)`);
  console.log(lines.join("\n"));
}

if (args.serve) {
  await serve(args.serve, Number(args.port), args.data ?? os.tmpdir());
} else {
  await main();
  process.exit(0);
}
