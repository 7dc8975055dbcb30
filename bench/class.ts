/**
 * Class benchmark: seating a whole class, and the instructor console's lag while it plays.
 *
 *   npm run bench:class -- --students 91 [--duration 30] [--pace 4000] [--port 25790 + TEST_PORT_OFFSET]
 *
 * 1. Starts the real server (createServer: class rooms, tables, SQLite) as a child process on
 *    127.0.0.1, so its CPU is its own; opens a class over HTTP; N SDK students join it; the
 *    instructor joins its console.
 * 2. Start: time from sending the instructor's "start" request to each student's first view of
 *    their table (class room `seat` → consumeSeatReservation → the table's `view`): p50/p95/max.
 *    Baseline in the same run: one player creating a solo table (client.create) to its first
 *    view, five times.
 * 3. Classroom pace: every student acts every ~`pace` ms (±50 %; chat mostly, and the command
 *    that finishes their part of the phase one time in four), bots think 1.2 s, for `duration` s.
 *    Console lag: from the reply to a student's accepted command to the first console message
 *    showing that table at that command's seq or later (the console polls its tables every
 *    250 ms). Baseline: the same commands' round trip, request to reply.
 *
 * Loopback only; at most 300 students and 300 s.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Client, type Room } from "@colyseus/sdk";
import type { ClassSeatMessage, ConsoleMessage, CreateClassAnswer } from "../shared/protocol/class-messages.ts";
import type { CommandReply, DeltaMessage, ViewMessage } from "../shared/protocol/messages.ts";
import { applyViewPatch } from "../shared/protocol/view-delta.ts";
import { finishingCommand } from "../shared/rules/finish.ts";
import type { PlayerView } from "../shared/rules/view.ts";

const HOST = "127.0.0.1";
const KEY = "bench-instructor-key";
const { values: args } = parseArgs({
  options: {
    students: { type: "string", default: "91" },
    duration: { type: "string", default: "30" },
    pace: { type: "string", default: "4000" },
    port: { type: "string", default: String(25790 + Number(process.env.TEST_PORT_OFFSET ?? 0)) },
    serve: { type: "string" },
    data: { type: "string" },
  },
  allowPositionals: true,
});

function whole(v: string | undefined, min: number, max: number, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got ${v})`);
    process.exit(2);
  }
  return n;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : "n/a");
const spread = (xs: number[]) => `p50 ${ms(quantile(xs, 0.5))}, p95 ${ms(quantile(xs, 0.95))}, max ${ms(quantile(xs, 1))} (n=${xs.length})`;

// ───────────────────────────── the server, in a child process ─────────────────────────────

async function serve(port: number, dataDir: string): Promise<void> {
  const { createServer } = await import("../server/app.ts");
  const { loadConfig } = await import("../server/config.ts");
  const config = loadConfig({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: process.env.LOG_LEVEL ?? "warn", BOT_THINK_MS: "1200", INSTRUCTOR_KEY: KEY });
  await createServer({ config, serveClient: "none", restore: false }).listen(port, HOST);
  process.on("message", (m: { type: string }) => {
    if (m.type === "cpu") process.send!({ type: "cpu", cpu: process.cpuUsage() });
  });
  process.send!({ type: "ready" });
}

function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = fork(process.argv[1]!, ["--serve", "1", "--port", String(port), "--data", dataDir], { execPath: process.execPath, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.on("message", (m: { type: string }) => m.type === "ready" && resolve(child));
    child.once("exit", (code) => reject(new Error(`server exited (${code})`)));
  });
}

const serverCpu = (child: ChildProcess) =>
  new Promise<NodeJS.CpuUsage>((resolve) => {
    const on = (m: { type: string; cpu?: NodeJS.CpuUsage }) => {
      if (m.type !== "cpu") return;
      child.off("message", on);
      resolve(m.cpu!);
    };
    child.on("message", on);
    child.send({ type: "cpu" });
  });

// ───────────────────────────── clients ─────────────────────────────

/** A student's table view, kept current from "view" and "delta" messages. */
class Player {
  classRoom!: Room;
  table: Room | null = null;
  view: PlayerView | null = null;
  seq = -1;
  firstViewAt = 0;
  /** When each seq's view arrived. */
  arrivals: { seq: number; at: number }[] = [];
  readonly sdk: Client;
  constructor(sdk: Client) {
    this.sdk = sdk;
  }

  async sit(m: ClassSeatMessage): Promise<void> {
    const room = await this.sdk.consumeSeatReservation(m.reservation as never);
    this.table = room;
    room.onMessage("seat", () => {});
    room.onMessage("notice", () => {});
    room.onMessage("view", (v: ViewMessage) => this.hold(v.view, v.seq));
    room.onMessage("delta", (d: DeltaMessage) => {
      if (!this.view || d.base !== this.seq) return void room.request("resync", {}).catch(() => {});
      this.hold(applyViewPatch(this.view, d.ops), d.seq);
    });
  }

  private hold(view: PlayerView, seq: number): void {
    const now = performance.now();
    if (this.firstViewAt === 0) this.firstViewAt = now;
    this.view = view;
    this.seq = seq;
    this.arrivals.push({ seq, at: now });
  }

  async act(): Promise<{ ok: boolean; at: number; rtt: number }> {
    if (!this.table || !this.view) return { ok: false, at: 0, rtt: 0 };
    const sent = performance.now();
    const finish = Math.random() < 0.25 && this.view.seat ? finishingCommand(this.view, this.view.seat) : null;
    const command = finish ?? { type: "say" as const, channel: "table" as const, text: `note ${randomUUID().slice(0, 6)}` };
    const reply = (await this.table.request("command", { actionId: randomUUID(), command }, { timeout: 10_000 })) as CommandReply;
    const at = performance.now();
    return { ok: reply.ok, at, rtt: at - sent };
  }
}

async function inBatches<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

async function soloBaseline(url: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const room = await new Client(url).create("table", { name: "Solo", bots: { tokyo: "mainstream", washington: "alliance-builder" } });
    await new Promise<void>((resolve) => room.onMessage("view", () => resolve()));
    times.push(performance.now() - t0);
    await room.leave();
  }
  return times;
}

async function main(): Promise<void> {
  // The SDK warns about messages that arrive with the join, before a handler can be attached.
  const warn = console.warn;
  console.warn = (...a: unknown[]) => (String(a[0]).includes("onMessage() not registered") ? undefined : warn(...a));
  const students = whole(args.students, 1, 300, "students");
  const seconds = whole(args.duration, 3, 300, "duration");
  const pace = whole(args.pace, 200, 60_000, "pace");
  const port = whole(args.port, 1024, 65534, "port");
  const url = `http://${HOST}:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-bench-class-"));
  console.log(`Class benchmark on ${HOST}: ${students} students (${Math.ceil(students / 3)} tables), classroom pace ~${pace} ms per student, ${seconds} s of play`);
  console.log(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const server = await startServer(port, dataDir);
  try {
    const solo = await soloBaseline(url);
    const res = await fetch(`${url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "Bench", studentLimit: 300 }) });
    const cls = (await res.json()) as CreateClassAnswer;
    const players = await inBatches(Array.from({ length: students }, (_, i) => i), 20, async (i) => {
      const p = new Player(new Client(url));
      p.classRoom = await p.sdk.joinById(cls.code, { role: "student", name: `Student ${i + 1}` });
      for (const type of ["you", "lobby", "notice"]) p.classRoom.onMessage(type, () => {});
      p.classRoom.onMessage("seat", (m: ClassSeatMessage) => void p.sit(m));
      return p;
    });
    const console_ = await new Client(url).joinById(cls.code, { role: "instructor", token: cls.instructorToken });
    const seen = new Map<string, { seq: number; at: number }[]>();
    for (const type of ["lobby", "roster", "notice"]) console_.onMessage(type, () => {});
    console_.onMessage("console", (m: ConsoleMessage) => {
      const now = performance.now();
      for (const t of m.tables) (seen.get(t.code) ?? seen.set(t.code, []).get(t.code)!).push({ seq: t.seq, at: now });
    });

    const startCpu = await serverCpu(server);
    const startClientCpu = process.cpuUsage();
    const t0 = performance.now();
    const started = (await console_.request("instructor", { action: "start" }, { timeout: 60_000 })) as { ok: boolean; message?: string };
    if (!started.ok) throw new Error(`start refused: ${started.message}`);
    while (players.some((p) => p.firstViewAt === 0) && performance.now() - t0 < 60_000) await sleep(20);
    const seating = players.filter((p) => p.firstViewAt > 0).map((p) => p.firstViewAt - t0);
    const missing = players.length - seating.length;
    const seatingMs = performance.now() - t0;
    const seatedCpu = await serverCpu(server);
    const clientCpu = process.cpuUsage(startClientCpu);
    const pct = (user: number, system: number) => `${(((user + system) / 1000 / seatingMs) * 100).toFixed(0)}%`;
    const startLoad = `server CPU ${pct(seatedCpu.user - startCpu.user, seatedCpu.system - startCpu.system)} of one core, the ${students} simulated browsers (this process) ${pct(clientCpu.user, clientCpu.system)}`;

    // Classroom pace: every student acts now and then; console lag per accepted command.
    const lags: number[] = [];
    const rtts: number[] = [];
    let accepted = 0;
    let refused = 0;
    const cpu0 = await serverCpu(server);
    const until = performance.now() + seconds * 1000;
    const byTable = new Map<string, Player[]>();
    for (const p of players) if (p.table) (byTable.get(p.table.roomId) ?? byTable.set(p.table.roomId, []).get(p.table.roomId)!).push(p);
    await Promise.all(
      players.map(async (p) => {
        await sleep(Math.random() * pace);
        while (performance.now() < until) {
          const r = await p.act();
          if (!r.ok) refused += 1;
          else {
            accepted += 1;
            const code = p.table!.roomId;
            const seq = p.seq;
            const at = r.at;
            rtts.push(r.rtt);
            void firstAt(() => seen.get(code), seq, at).then((lag) => lag !== null && lags.push(lag));
          }
          await sleep(pace * (0.5 + Math.random()));
        }
      }),
    );
    await sleep(1500);
    const cpu1 = await serverCpu(server);
    const cpuPercent = ((cpu1.user - cpu0.user + cpu1.system - cpu0.system) / 1000 / (seconds * 1000)) * 100;

    console.log("");
    console.log(`Start → every student's first view (${students} students, ${byTable.size} tables): ${spread(seating)}${missing ? `; ${missing} never got a view` : ""}`);
    console.log(`  while seating: ${startLoad}`);
    console.log(`  baseline, a solo table created by one player → its first view: ${spread(solo)}; ratio p50 ${(quantile(seating, 0.5) / quantile(solo, 0.5)).toFixed(1)}×`);
    console.log(`Console update lag at classroom pace (${accepted} accepted commands, ${refused} refused, ${(accepted / seconds).toFixed(1)}/s): ${spread(lags)}`);
    console.log(`  baseline, the same commands' round trip (request → reply): ${spread(rtts)}; ratio p95 ${(quantile(lags, 0.95) / quantile(rtts, 0.95)).toFixed(1)}×`);
    console.log(`Server CPU while playing: ${cpuPercent.toFixed(0)}% of one core. Load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    await Promise.all([...players.flatMap((p) => [p.classRoom.leave().catch(() => {}), p.table?.leave().catch(() => {})]), console_.leave().catch(() => {})]);
  } finally {
    server.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The lag from `from` until `list` shows `seq` or later (0 if it already did; null after 10 s). */
async function firstAt(list: () => { seq: number; at: number }[] | undefined, seq: number, from: number): Promise<number | null> {
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline) {
    const hit = list()?.find((s) => s.seq >= seq);
    if (hit) return Math.max(0, hit.at - from);
    await sleep(10);
  }
  return null;
}

if (args.serve) await serve(Number(args.port), args.data ?? os.tmpdir());
else {
  await main();
  process.exit(0);
}
