/**
 * How fast a debrief moves: the time to reach any step of a 500-command record, in Node (the
 * shared stepper) and in Chromium (the stepper alone, and a whole jump of the debrief page:
 * engine + viewFor + DOM + charts), and the class debrief's load time for 31 tables.
 * The baseline, in the same run, is replaying from the first command every time.
 *
 *   npm run bench:replay
 *   npm run bench:replay -- --jumps 2000 --tables 31 --commands 500
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { loadBuiltInDeck } from "../server/content/fs-load.ts";
import { applyRecorded, Stepper } from "../shared/replay/stepper.ts";
import { newGame } from "../shared/rules/apply.ts";
import type { GameRecord } from "../shared/rules/record.ts";
import { nextInt, seedToRng } from "../shared/rules/rng.ts";
import { CLIENT_DIST, CLIENT_VITE_CONFIG, createServer } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { storeRecordAsTable } from "../server/debrief/store-record.ts";
import { SqliteStore } from "../server/storage/sqlite-table-store.ts";
import { botGameRecord, longRecord } from "./replay-records.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const JUMPS = opt("jumps", 1000);
const TABLES = opt("tables", 31);
const COMMANDS = opt("commands", 500);
const KEY = "bench-instructor-key";
const PORT = 25790 + Number(process.env.TEST_PORT_OFFSET ?? 0);

const quantile = (xs: number[], q: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
const line = (label: string, xs: number[]) => console.log(`  ${label.padEnd(44)} median ${fmt(quantile(xs, 0.5)).padStart(10)}   p99 ${fmt(quantile(xs, 0.99)).padStart(10)}   (n=${xs.length})`);

function targets(n: number, last: number): number[] {
  let rng = seedToRng("jumps");
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [t, next] = nextInt(rng, last + 1);
    rng = next;
    out.push(t);
  }
  return out;
}

function fromScratch(record: GameRecord, n: number): void {
  let state = newGame(record.seed, record.options, record.deck).state;
  for (let i = 0; i < n; i++) state = applyRecorded(state, record.commands[i]!).state;
}

function nodeBench(record: GameRecord): void {
  console.log(`Node ${process.version}: a ${record.commands.length}-command record, ${JUMPS} jumps to random steps`);
  const built: number[] = [];
  let stepper: Stepper | null = null;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    stepper = new Stepper(record);
    built.push(performance.now() - t);
  }
  line("open the record (one pass, checkpoints)", built);
  const jumps = targets(JUMPS, stepper!.last);
  const times = jumps.map((n) => {
    const t = performance.now();
    stepper!.stateAt(n);
    return performance.now() - t;
  });
  line(`jump to any step (checkpoint every ${stepper!.checkpointEvery})`, times);
  const base = jumps.slice(0, Math.min(200, JUMPS)).map((n) => {
    const t = performance.now();
    fromScratch(record, n);
    return performance.now() - t;
  });
  line("baseline: replay from the start each time", base);
  console.log(`  ratio baseline / stepper (medians): ${(quantile(base, 0.5) / quantile(times, 0.5)).toFixed(1)}×`);
}

async function ensureClientBuilt(): Promise<void> {
  if (fs.existsSync(path.join(CLIENT_DIST, "index.html"))) return;
  const { build } = await import("vite");
  await build({ configFile: CLIENT_VITE_CONFIG, logLevel: "warn" });
}

async function seedStore(dataDir: string, records: { code: string; record: GameRecord }[]): Promise<void> {
  const store = new SqliteStore(dataDir);
  for (const { code, record } of records) {
    await storeRecordAsTable(store, code, record, { settings: { timers: null, botThinkMs: null }, bots: {}, names: { seoul: "Seoul player", tokyo: "Tokyo player", washington: "Washington player" }, endIfEnded: true, at: 1 });
  }
  await store.close();
}

function codeOf(i: number): string {
  const A = "ABCDEFGHJKMNPQRSTUVWXYZ";
  let s = "";
  let n = i;
  for (let k = 0; k < 4; k++) {
    s = A[n % A.length]! + s;
    n = Math.floor(n / A.length);
  }
  return `C${s}`;
}

async function browserBench(record: GameRecord, deck: ReturnType<typeof loadBuiltInDeck>): Promise<void> {
  await ensureClientBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-bench-replay-"));
  const tables = Array.from({ length: TABLES }, (_, i) => ({ code: codeOf(i), record: botGameRecord(deck, `class-${i}`) }));
  await seedStore(dataDir, [{ code: "BENCH", record }, ...tables]);
  const config = loadConfig({ DATA_DIR: dataDir, INSTRUCTOR_KEY: KEY, LOG_LEVEL: "error" });
  const server = createServer({ config, serveClient: "dist", restore: false });
  await server.listen(PORT, "127.0.0.1");
  const executablePath = process.env.CHROMIUM_PATH || (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const version = browser.version();
    await page.goto(`http://127.0.0.1:${PORT}/debrief/BENCH?key=${KEY}`);
    await page.waitForFunction(() => !!window.__debrief, null, { timeout: 60_000 });
    const last = await page.evaluate(() => window.__debrief!.last);
    const jumps = targets(Math.min(JUMPS, 400), last);
    const result = await page.evaluate((js: number[]) => {
      const engine: number[] = [];
      const full: number[] = [];
      for (const n of js) {
        const t0 = performance.now();
        window.__debrief!.stateAt(n);
        engine.push(performance.now() - t0);
      }
      let prev = -1;
      for (const n of js) {
        const target = n === prev ? (n + 1) % (window.__debrief!.last + 1) : n;
        const t0 = performance.now();
        window.__debrief!.go(target);
        void document.body.offsetHeight; // style and layout of the new step included
        full.push(performance.now() - t0);
        prev = target;
      }
      return { engine, full };
    }, jumps);
    console.log(`Chromium ${version}: the same record in the debrief page, ${jumps.length} jumps`);
    line("jump to any step: the stepper alone", result.engine);
    line("jump to any step: the whole page (view, DOM, charts)", result.full);

    const codes = tables.map((t) => t.code).join(",");
    const loads: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`http://127.0.0.1:${PORT}/debrief/compare?tables=${codes}&key=${KEY}`);
      await page.waitForFunction(() => !!window.__compare, null, { timeout: 120_000 });
      loads.push(await page.evaluate(() => performance.now()));
    }
    const commands = tables.reduce((s, t) => s + t.record.commands.length, 0);
    console.log(`Class debrief, ${TABLES} finished 8-round bot tables (${commands} commands in all):`);
    line("navigation start → page drawn", loads);
  } finally {
    await browser.close();
    await server.gracefullyShutdown(false).catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const deck = loadBuiltInDeck();
const record = longRecord(deck, COMMANDS);
nodeBench(record);
await browserBench(record, deck);
process.exit(0);
