/**
 * One thread of the load generator (bench/load/generator.ts starts them): its share of the
 * simulated clients, with its own event loop and heap, so that one thread's pauses (its garbage
 * collector, a burst of views to apply) delay only its own share of the timings.
 *
 * Messages from the main thread: "open" (seat the clients), "start", "reset" (the measured
 * window begins), "stop" (it ends: the counts and timings are sent back), "close".
 */
import { randomUUID } from "node:crypto";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parentPort, workerData } from "node:worker_threads";
import { Client, type Room } from "@colyseus/sdk";
import type { CommandReply } from "../../shared/protocol/messages.ts";
import { BenchTable, leaveQuietly, openWithRetry, type Pace, type Seeded } from "./player.ts";
import { inBatches, sleep, Tally } from "./stats.ts";

export type GeneratorJob =
  | { kind: "table"; url: string; pace: Pace; rounds: number; tables: { index: number; seeded: Seeded }[] }
  | { kind: "echo"; url: string; rooms: number; perClientPerSecond: number; padBytes: number };

/** What a thread sends back when the window ends. */
export interface Collected {
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  games: number;
  resyncs: number;
  latencies: number[];
  messageBytes: number[];
  loopDelay: { p99: number; max: number };
}

interface Load {
  open(): Promise<void>;
  start(): void;
  close(): Promise<void>;
}

/** Tables of three SDK clients; a finished game is replaced by a new table. */
function tableLoad(job: Extract<GeneratorJob, { kind: "table" }>, tally: Tally): Load {
  const all = job.tables.map((t) => new BenchTable(t.index, job.url, tally, job.pace, job.rounds, t.seeded));
  return {
    open: () => inBatches(all, 20, (t) => openWithRetry(t)),
    start: () => all.forEach((t) => t.kick()),
    close: async () => {
      await sleep(300);
      await inBatches(all, 100, (t) => t.close());
    },
  };
}

/** Echo rooms of three clients, each sending a request at the table run's rate and timing the next view. */
function echoLoad(job: Extract<GeneratorJob, { kind: "echo" }>, tally: Tally): Load {
  const sdk = new Client(job.url);
  const clients: { room: Room; lastViewAt: number; timer: NodeJS.Timeout | null }[] = [];
  const interval = 1000 / Math.max(job.perClientPerSecond, 0.01);
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
  return {
    open: () =>
      inBatches(Array.from({ length: job.rooms }, (_, i) => i), 10, async () => {
        const first = await sdk.create("echo", { pad: job.padBytes });
        for (const room of [first, await sdk.joinById(first.roomId), await sdk.joinById(first.roomId)]) {
          const c = { room, lastViewAt: 0, timer: null as NodeJS.Timeout | null };
          room.onMessage("view", () => (c.lastViewAt = performance.now()));
          clients.push(c);
        }
      }),
    start: () => clients.forEach(loop),
    close: async () => {
      for (const c of clients) if (c.timer) clearTimeout(c.timer);
      await sleep(300);
      await Promise.all(clients.map((c) => leaveQuietly(c.room)));
    },
  };
}

function collect(tally: Tally, loopDelay: ReturnType<typeof monitorEventLoopDelay>): Collected {
  const { sent, accepted, rejected, failed, games, resyncs, latencies, messageBytes } = tally;
  return { sent, accepted, rejected, failed, games, resyncs, latencies, messageBytes, loopDelay: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 } };
}

if (parentPort) {
  const port = parentPort;
  const job = workerData as GeneratorJob;
  const tally = new Tally();
  tally.running = false; // seated clients wait for "start", so seating is not slowed by play
  const load = job.kind === "table" ? tableLoad(job, tally) : echoLoad(job, tally);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  const reply = (type: string, extra: object = {}) => port.postMessage({ type, ...extra });
  port.on("message", (m: { type: string }) => {
    if (m.type === "open") {
      load.open().then(() => reply("opened"), (e: Error) => reply("error", { message: e.message }));
    } else if (m.type === "start") {
      tally.running = true;
      load.start();
    } else if (m.type === "reset") {
      tally.reset();
      loopDelay.reset();
      loopDelay.enable();
      reply("reset");
    } else if (m.type === "stop") {
      tally.running = false;
      loopDelay.disable();
      reply("stopped", { collected: collect(tally, loopDelay) });
    } else if (m.type === "close") {
      load.close().then(() => reply("closed"), () => reply("closed"));
    }
  });
}
