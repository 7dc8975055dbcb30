/**
 * What a durable commit costs: per command, wall time (µs, commits per second) and this
 * process's CPU (process.cpuUsage), for
 *   - the store alone: SQLite before the async interface (the synchronous Store of the ref
 *     before server/storage/sqlite-table-store.ts existed, extracted with git archive), SQLite
 *     now (awaited), PostgreSQL now (awaited; one table, then 16 tables committing side by side);
 *   - the whole command path (engine + commit + onAccepted), before and after, SQLite and PostgreSQL.
 * All in the same run, interleaved over rounds (the median is shown), on a throwaway PostgreSQL
 * (tests/support/postgres.ts) unless DATABASE_URL names one.
 *
 *   npm run bench:store
 *   npm run bench:store -- --commits 3000 --rounds 3 --before <git ref>
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { newGame } from "../shared/rules/apply.ts";
import type { Actor, Command } from "../shared/rules/commands.ts";
import { createLogger } from "../server/log.ts";
import { CommandPath } from "../server/rooms/table/command-path.ts";
import { PhaseClock } from "../server/rooms/table/phase-clock.ts";
import { openStorage, type Storage } from "../server/storage/open.ts";
import type { CommitEffects, NewTable, Store } from "../server/storage/store.ts";
import { mixedDeck } from "../tests/support/cards.ts";
import { startPostgres, type RunningPostgres } from "../tests/support/postgres.ts";
import { extractRef } from "./client-before.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const COMMITS = Number(opt("commits", "3000"));
const ROUNDS = Number(opt("rounds", "3"));
const PER_TABLE = 200; // a fresh table every 200 commands keeps the game state small for the path runs

/** The ref just before the async storage: the parent of the commit that added sqlite-table-store.ts. */
function defaultBefore(): string {
  const added = execFileSync("git", ["log", "--diff-filter=A", "--format=%H", "--", "server/storage/sqlite-table-store.ts"], { cwd: repoRoot, encoding: "utf8" }).trim().split("\n").at(-1);
  return added ? `${added}^` : "HEAD";
}

const deck = mixedDeck();
const game = newGame(1, { rounds: 4 }, deck).state;
const clock0 = { deadline: null, paused: false, remainingMs: null };
const table = (code: string): NewTable => ({ code, seed: 1, options: game.options, settings: { timers: null, botThinkMs: null }, deck, bots: {}, rulesVersion: "bench", createdAt: Date.now(), phase: game.phase, round: game.round, stances: game.stances });
const effects = (i: number): CommitEffects => ({ phaseChanged: i % 20 === 0, phase: game.phase, round: game.round, clock: clock0, ended: false });
const SEATS: Actor[] = [{ kind: "seat", nation: "seoul" }, { kind: "seat", nation: "tokyo" }, { kind: "seat", nation: "washington" }];
const say = (i: number): Command => ({ type: "say", channel: "table", text: `message ${i}` });

interface Sample {
  wallUs: number;
  cpuUs: number;
}

async function measure(n: number, run: () => Promise<void> | void): Promise<Sample> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wallUs: (wall * 1000) / n, cpuUs: (cpu.user + cpu.system) / n };
}

let codes = 0;
const nextCode = () => `B${String(++codes).padStart(5, "0")}`;

type SyncStore = { createTable(t: NewTable): void; commit(code: string, e: unknown, f: CommitEffects): void; close(): void };
type SyncPath = { execute(actor: Actor, command: Command): { ok: boolean } };
type PathClass = new (o: Record<string, unknown>) => SyncPath | { execute(actor: Actor, command: Command): Promise<{ ok: boolean }> };

const pathOptions = (code: string, store: unknown) => ({
  code,
  game,
  seq: 0,
  store,
  clock: new PhaseClock({ timers: null, schedule: () => ({ clear() {} }), onExpire() {}, persist() {} }),
  log: createLogger("silent"),
  onAccepted: () => {},
});

async function main(): Promise<void> {
  const beforeRef = opt("before", defaultBefore());
  const before = extractRef(repoRoot, beforeRef);
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-bench-store-"));
    dirs.push(d);
    return d;
  };
  let pg: RunningPostgres | null = null;
  let pgStorage: Storage | null = null;
  const sqliteNow = openStorage({ dataDir: tmp(), sqliteSync: "NORMAL", databaseUrl: null });
  try {
    const OldStore = ((await import(path.join(before.dir, "server/storage/store.ts"))) as { Store: new (dir: string) => SyncStore }).Store;
    const OldPath = ((await import(path.join(before.dir, "server/rooms/table/command-path.ts"))) as { CommandPath: PathClass }).CommandPath;
    const oldStore = new OldStore(tmp());
    let url = process.env.DATABASE_URL ?? "";
    if (!url) {
      pg = await startPostgres();
      url = await pg.database("bench");
    }
    pgStorage = openStorage({ dataDir: tmp(), sqliteSync: "NORMAL", databaseUrl: url });
    await pgStorage.ready();
    const pgStore = pgStorage.tables;
    const PG_COMMITS = Math.max(PER_TABLE, Math.round(COMMITS / 3));

    const storeAsync = async (s: Store, n: number) => {
      let code = "";
      for (let i = 0; i < n; i++) {
        if (i % PER_TABLE === 0) await s.createTable(table((code = nextCode())));
        await s.commit(code, { seq: (i % PER_TABLE) + 1, actor: SEATS[i % 3]!, at: i, command: say(i), actionId: `a${i}` }, effects(i));
      }
    };
    const runs: [string, number, () => Promise<void> | void][] = [
      [
        `store: SQLite before (sync, ${before.commit})`,
        COMMITS,
        () => {
          let code = "";
          for (let i = 0; i < COMMITS; i++) {
            if (i % PER_TABLE === 0) oldStore.createTable(table((code = nextCode())));
            oldStore.commit(code, { seq: (i % PER_TABLE) + 1, actor: SEATS[i % 3]!, at: i, command: say(i), actionId: `a${i}` }, effects(i));
          }
        },
      ],
      ["store: SQLite now (awaited)", COMMITS, () => storeAsync(sqliteNow.tables, COMMITS)],
      ["store: PostgreSQL, one table", PG_COMMITS, () => storeAsync(pgStore, PG_COMMITS)],
      ["store: PostgreSQL, 16 tables at once", PG_COMMITS * 4, () => Promise.all(Array.from({ length: 16 }, () => storeAsync(pgStore, (PG_COMMITS * 4) / 16))).then(() => {})],
      [
        `command path: SQLite before (${before.commit})`,
        COMMITS,
        () => {
          let p: SyncPath | null = null;
          for (let i = 0; i < COMMITS; i++) {
            if (i % PER_TABLE === 0) {
              const code = nextCode();
              oldStore.createTable(table(code));
              p = new OldPath(pathOptions(code, oldStore)) as SyncPath;
            }
            if (!p!.execute(SEATS[i % 3]!, say(i)).ok) throw new Error("refused");
          }
        },
      ],
      ["command path: SQLite now", COMMITS, () => pathAsync(sqliteNow.tables, COMMITS)],
      ["command path: PostgreSQL", PG_COMMITS, () => pathAsync(pgStore, PG_COMMITS)],
    ];
    async function pathAsync(s: Store, n: number): Promise<void> {
      let p: CommandPath | null = null;
      for (let i = 0; i < n; i++) {
        if (i % PER_TABLE === 0) {
          const code = nextCode();
          await s.createTable(table(code));
          p = new CommandPath(pathOptions(code, s) as ConstructorParameters<typeof CommandPath>[0]);
        }
        if (!(await p!.execute(SEATS[i % 3]!, say(i))).ok) throw new Error("refused");
      }
    }

    console.log(`Trilateral store benchmark: Node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(`  ${COMMITS} SQLite commits (synchronous=NORMAL, WAL), ${PG_COMMITS} PostgreSQL commits (default synchronous_commit=on) per run, ${ROUNDS} rounds interleaved; 1 in 20 changes the summary row`);
    console.log(`  PostgreSQL: ${pg ? "throwaway server from tests/support/postgres.ts on loopback" : "DATABASE_URL"}; its own CPU is not in the CPU column (only this process's)`);
    for (const [, n, run] of runs) await measure(n, run); // warm-up
    const samples = runs.map(() => [] as Sample[]);
    for (let r = 0; r < ROUNDS; r++) for (const [i, [, n, run]] of runs.entries()) samples[i]!.push(await measure(n, run));
    const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log("");
    console.log(`  ${"".padEnd(44)} ${"µs/commit".padStart(10)} ${"commits/s".padStart(10)} ${"CPU µs".padStart(8)}`);
    const rows = runs.map(([name], i) => {
      const wall = median(samples[i]!.map((s) => s.wallUs));
      const cpu = median(samples[i]!.map((s) => s.cpuUs));
      console.log(`  ${name.padEnd(44)} ${wall.toFixed(1).padStart(10)} ${Math.round(1e6 / wall).toString().padStart(10)} ${cpu.toFixed(1).padStart(8)}`);
      return { name, wall, cpu };
    });
    const ratio = (a: number, b: number) => `${(rows[a]!.wall / rows[b]!.wall).toFixed(2)}× wall, ${(rows[a]!.cpu / rows[b]!.cpu).toFixed(2)}× CPU`;
    console.log("");
    console.log(`  SQLite store, now / before: ${ratio(1, 0)}`);
    console.log(`  SQLite command path, now / before: ${ratio(5, 4)}`);
    console.log(`  PostgreSQL / SQLite (command path, now): ${ratio(6, 5)}`);
    console.log(`Load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} (other processes on this machine share its CPUs)`);
    oldStore.close();
  } finally {
    await sqliteNow.close();
    await pgStorage?.close();
    await pg?.stop();
    before.cleanup();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  }
}

await main();
