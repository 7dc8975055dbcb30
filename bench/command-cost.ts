/**
 * CPU per accepted command of the table server's command path, without sockets: the engine,
 * the SQLite commit, and each seat's view message (viewFor → delta → hash → msgpack), over
 * whole recorded games (the stance bots' 8-round games, with `--chat` table-talk lines after
 * each move, since a class mostly talks). The main thread's CPU time (process.threadCpuUsage),
 * not wall time, so other work on the machine weighs less; and the bytes allocated per command
 * (garbage included), which hardly depend on the machine at all. The whole process's CPU time
 * also counted V8's helper threads, which collect garbage for whichever game made it: this
 * checkout against itself then gave 1.10–1.27×.
 *
 *   npm run bench:command                                 # this checkout
 *   npm run bench:command -- --before /tmp/before         # and another checkout, interleaved
 *
 * With --before, the other checkout's CommandPath, Broadcaster and Store are imported from its
 * directory and run on the same games, one game each in turn, in this process, each going
 * first every other game. `--before .` (this checkout against itself) shows the noise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import v8 from "node:v8";
import { loadBuiltInDeck } from "../server/content/fs-load.ts";
import type { Command } from "../shared/rules/commands.ts";
import { RULES_VERSION } from "../shared/rules/version.ts";
import { NATIONS } from "../shared/rules/vocabulary.ts";
import { PhaseClock } from "../server/rooms/table/phase-clock.ts";
import { playGame } from "./load/seed-tables.ts";

const { values: args } = parseArgs({
  options: {
    before: { type: "string" },
    games: { type: "string", default: "8" },
    reps: { type: "string", default: "3" },
    chat: { type: "string", default: "2" },
  },
});

interface Impl {
  label: string;
  CommandPath: typeof import("../server/rooms/table/command-path.ts").CommandPath;
  Broadcaster: typeof import("../server/rooms/table/broadcaster.ts").Broadcaster;
  /** The SQLite table store: `SqliteStore` since storage became an interface, `Store` before. */
  Store: typeof import("../server/storage/sqlite-table-store.ts").SqliteStore;
}

async function load(root: string, label: string): Promise<Impl> {
  const at = (p: string) => path.resolve(root, p);
  return {
    label,
    CommandPath: (await import(at("server/rooms/table/command-path.ts"))).CommandPath,
    Broadcaster: (await import(at("server/rooms/table/broadcaster.ts"))).Broadcaster,
    Store: fs.existsSync(at("server/storage/sqlite-table-store.ts"))
      ? (await import(at("server/storage/sqlite-table-store.ts"))).SqliteStore
      : (await import(at("server/storage/store.ts"))).Store,
  };
}

/** The main thread's CPU time (µs): the command path runs there; V8's helper threads (which do part of the garbage collector's work, whichever game made the garbage) are not counted. */
const cpu = () => {
  const c = process.threadCpuUsage();
  return c.user + c.system;
};

const deck = loadBuiltInDeck();
const chat = Math.max(0, Number(args.chat) || 0);
const games = Array.from({ length: Math.max(1, Number(args.games) || 8) }, (_, i) => playGame(1000 + i, 8, deck));
const impls = [await load(path.resolve(import.meta.dirname, ".."), "after (this checkout)")];
if (args.before) impls.push(await load(args.before, `before (${args.before})`));

const tally = impls.map(() => ({ cpu: 0, commands: 0, bytes: 0, commit: 0, allocated: 0 }));

/**
 * Bytes allocated on the JS heap while `run` runs (garbage included): the heap's growth plus
 * what each garbage collection in between freed (v8.GCProfiler). Unlike CPU time, this barely
 * depends on what else the machine is doing.
 */
async function allocatedBy(run: () => Promise<void>): Promise<number> {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const used0 = v8.getHeapStatistics().used_heap_size;
  await run();
  const used1 = v8.getHeapStatistics().used_heap_size;
  const gcs = profiler.stop()?.statistics ?? [];
  return used1 - used0 + gcs.reduce((a, g) => a + g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize, 0);
}
const dirs: string[] = [];
const stores = impls.map((impl) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-command-cost-"));
  dirs.push(dir);
  return new impl.Store(dir);
});
/** An untimed table's clock (no deadlines), as the server builds it. */
const untimed = () => new PhaseClock({ timers: null, schedule: () => ({ clear() {} }) as never, onExpire: () => {}, persist: () => {} });
const log = { info() {}, warn() {}, error() {}, debug() {}, child: () => log } as never;

let table = 0;
let turn = 0;
for (let rep = 0; rep < Math.max(1, Number(args.reps) || 3); rep++) {
  for (const g of games) {
    // Each goes first in turn: whichever runs second pays for the first one's garbage (an A/A run, this checkout against itself, gave 1.27× in a fixed order).
    const order = [...impls.entries()];
    if ((turn += 1) % 2 === 0) order.reverse();
    for (const [i, impl] of order) {
      const store = stores[i]!;
      const code = `B${(table += 1)}`;
      await store.createTable({ code, seed: g.seed, options: g.first.options, settings: { timers: null, botThinkMs: null }, deck, bots: {}, rulesVersion: RULES_VERSION, createdAt: 0, phase: g.first.phase, round: g.first.round, stances: g.first.stances });
      const views = new impl.Broadcaster({ deltas: true });
      const t = tally[i]!;
      const seats = NATIONS.map((nation) => ({ sessionId: nation, nation, send() {}, enqueueRaw: (b: Uint8Array) => void (t.bytes += b.length) }));
      const timedStore = {
        commit: async (...a: Parameters<typeof store.commit>) => {
          const c0 = cpu();
          await store.commit(...a);
          t.commit += cpu() - c0;
        },
      };
      const cp = new impl.CommandPath({ code, game: g.first, seq: 0, store: timedStore, clock: untimed(), log, onAccepted: (a) => views.broadcast(seats, (s) => ({ kind: "seat", nation: s.nation }), a.state, a.seq, a.events, a.phaseChanged) });
      for (const s of seats) views.sendFull(s, g.first, 0, { kind: "seat", nation: s.nation });
      const c0 = cpu();
      t.allocated += await allocatedBy(async () => {
        for (const { actor, command } of g.commands) {
          for (let k = 0; k < chat; k++) {
            const say: Command = { type: "say", channel: "table", text: `What do we do about this card? (${k})` };
            if ((await cp.execute(actor.kind === "seat" ? actor : { kind: "seat", nation: "seoul" }, say)).ok) t.commands += 1;
          }
          if (!(await cp.execute(actor, command)).ok) throw new Error(`${impl.label}: a recorded command was refused`);
          t.commands += 1;
        }
      });
      t.cpu += cpu() - c0;
    }
  }
}
for (const s of stores) await s.close();
dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));

console.log(`Command path CPU per accepted command (engine, SQLite commit, 3 seats' view messages), ${games.length} bot games × ${args.reps}, ${chat} chat lines per move; load average ${os.loadavg()[0]!.toFixed(1)}`);
impls.forEach((impl, i) => {
  const t = tally[i]!;
  console.log(`  ${impl.label}: ${(t.cpu / t.commands).toFixed(0)} µs per command (commit ${(t.commit / t.commands).toFixed(0)} µs), ${(t.allocated / t.commands / 1024).toFixed(1)} KB allocated per command, ${(t.bytes / t.commands / 3).toFixed(0)} bytes per seat per command, ${t.commands} commands`);
});
if (impls.length > 1) {
  const per = (i: number, k: "cpu" | "allocated") => tally[i]![k] / tally[i]!.commands;
  console.log(`  after/before CPU: ${(per(0, "cpu") / per(1, "cpu")).toFixed(2)}×; allocated: ${(per(0, "allocated") / per(1, "allocated")).toFixed(2)}×`);
}
