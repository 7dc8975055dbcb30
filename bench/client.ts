/**
 * npm run bench:client — the browser client's production bundle and its time to the first table.
 *
 *  1. Builds the client (Vite, client/vite.config.ts) and prints every JS/CSS/HTML file of
 *     client/dist with its raw and gzip size (zlib level 9), split into what the landing page
 *     loads and what is fetched when the table opens, plus totals.
 *  2. Starts the real server (server/start.ts) on a free loopback port with a temporary DATA_DIR.
 *  3. In headless Chromium, RUNS times (default 5), each in a fresh browser context (cold cache):
 *     creates a solo table programmatically (the SDK, from Node: one human seat, two bots),
 *     hands its seat token to the page, navigates to /?table=CODE and reads the client's
 *     performance mark "trilateral:table-rendered" (set after the first frame the Phaser table
 *     scene draws with a view). Prints the median and every run; also the landing page's
 *     first contentful paint.
 *
 *  4. Idle CPU: a solo table waiting on its human, open for IDLE_SECONDS (default 20) in a fresh
 *     headless Chromium, CPU seconds summed over all of the browser's processes (/proc): with
 *     the loop drawing every frame (`?sleep=0`, what main does) and with the sleeping loop, in
 *     the same run; and with a classroom timer counting down (one frame a second).
 *
 *  0. Before: the same bundle sizes and idle CPU for BEFORE_REF (default main; "none" skips it),
 *     extracted with git archive and served by its own server, in the same run.
 *
 * Env: RUNS (default 5), IDLE_SECONDS (default 20; 0 skips step 4), BEFORE_REF, CHROMIUM_PATH / PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH (default /usr/bin/chromium).
 * Results are also written to bench/out/client.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";
import { Client } from "@colyseus/sdk";
import { chromium } from "playwright-core";
import { CLASSROOM_TIMERS, type PhaseTimers, type SeatMessage } from "../shared/protocol/messages.ts";
import { extractRef } from "./client-before.ts";
import { idleCpu, type IdleSample } from "./client-cpu.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const RUNS = Number(process.env.RUNS ?? 5);
const IDLE_SECONDS = Number(process.env.IDLE_SECONDS ?? 20);
const BEFORE_REF = process.env.BEFORE_REF ?? "main";

const chromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const launch = () => chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });

/** The same bundle and idle measurements on another ref (its own server and client build). */
async function measureBefore(ref: string): Promise<{ ref: string; commit: string; sizes: FileSize[]; idle: IdleSample | null }> {
  const x = extractRef(repoRoot, ref);
  console.log(`\nBefore: ${ref} (${x.commit}), extracted to ${x.dir}; its server builds its client…`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "trilateral-bench-client-before-"));
  const server = await startServer(port, dataDir, x.dir);
  try {
    const sizes = bundleSizes(path.join(x.dir, "client", "dist"));
    printSizes(sizes, `before: ${ref} ${x.commit}`);
    let idle: IdleSample | null = null;
    if (IDLE_SECONDS > 0) {
      const base = `http://127.0.0.1:${port}`;
      const { code, seatToken, leave } = await createSoloTable(base);
      idle = await idleCpu(launch, { label: `before: ${ref} ${x.commit}`, url: `${base}/?table=${code}&test=1`, code, seatToken, nation: "seoul", windowSeconds: IDLE_SECONDS });
      await leave();
    }
    return { ref, commit: x.commit, sizes, idle };
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
    x.cleanup();
  }
}

function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

function pad(s: string, n: number, right = false): string {
  return right ? s.padStart(n) : s.padEnd(n);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function buildClient(): Promise<number> {
  const { build } = await import("vite");
  const started = performance.now();
  await build({ configFile: path.join(repoRoot, "client", "vite.config.ts"), logLevel: "warn" });
  return performance.now() - started;
}

interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
  when: "landing" | "table";
}

function bundleSizes(dist = path.join(repoRoot, "client", "dist")): FileSize[] {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const files = ["index.html", ...readdirSync(path.join(dist, "assets")).map((f) => `assets/${f}`)].filter((f) => /\.(js|css|html)$/.test(f));
  return files.map((file) => {
    const body = readFileSync(path.join(dist, file));
    // index.html names what the landing page loads (entry, CSS, modulepreloads); the rest is lazy.
    const when: FileSize["when"] = file === "index.html" || html.includes(file) ? "landing" : "table";
    return {
      file,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      when,
    };
  });
}

function printSizes(sizes: FileSize[], title = "client/dist"): void {
  console.log(`\nProduction bundle (${title}), gzip = zlib level 9, brotli = quality 11`);
  console.log(`${pad("file", 34)} ${pad("loaded", 8)} ${pad("raw", 11, true)} ${pad("gzip", 11, true)} ${pad("brotli", 11, true)}`);
  for (const s of [...sizes].sort((a, b) => (a.when === b.when ? b.raw - a.raw : a.when === "landing" ? -1 : 1))) {
    console.log(`${pad(s.file, 34)} ${pad(s.when, 8)} ${pad(kB(s.raw), 11, true)} ${pad(kB(s.gzip), 11, true)} ${pad(kB(s.brotli), 11, true)}`);
  }
  const sum = (xs: FileSize[], k: "raw" | "gzip" | "brotli") => xs.reduce((a, s) => a + s[k], 0);
  for (const [label, xs] of [
    ["landing page", sizes.filter((s) => s.when === "landing")],
    ["table (lazy)", sizes.filter((s) => s.when === "table")],
    ["total", sizes],
  ] as const) {
    console.log(`${pad(`= ${label}`, 34)} ${pad("", 8)} ${pad(kB(sum(xs, "raw")), 11, true)} ${pad(kB(sum(xs, "gzip")), 11, true)} ${pad(kB(sum(xs, "brotli")), 11, true)}`);
  }
  const js = sizes.filter((s) => s.file.endsWith(".js"));
  const css = sizes.filter((s) => s.file.endsWith(".css"));
  console.log(`JS: ${kB(sum(js, "raw"))} raw, ${kB(sum(js, "gzip"))} gzip · CSS: ${kB(sum(css, "raw"))} raw, ${kB(sum(css, "gzip"))} gzip`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(port: number, dataDir: string, cwd = repoRoot): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["server/start.ts"], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, BOT_THINK_MS: "0", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += String(d)));
  child.stderr!.on("data", (d) => (output += String(d)));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error(`the server did not answer /health within 120 s:\n${output}`);
}

/** A solo table created from Node; returns its code and the human seat's token. */
async function createSoloTable(base: string, timers: PhaseTimers = null): Promise<{ code: string; seatToken: string; leave: () => Promise<void> }> {
  const client = new Client(base);
  const room = await client.create("table", {
    name: "Bench",
    nation: "seoul",
    rounds: 3,
    timers,
    bots: { tokyo: "mainstream", washington: "alliance-builder" },
  });
  const seat = await new Promise<SeatMessage>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no seat message")), 10_000);
    room.onMessage("seat", (m: SeatMessage) => {
      clearTimeout(timer);
      resolve(m);
    });
    room.onMessage("view", () => undefined);
    room.onMessage("delta", () => undefined);
    room.onMessage("notice", () => undefined);
  });
  if (!seat.seatToken) throw new Error("the seat message had no token");
  // The page takes the seat over with its token (the server closes this connection); leave only if it is still open.
  const leave = () =>
    Promise.race([room.leave(true).then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, 1000))]).then(() => room.removeAllListeners());
  return { code: seat.code, seatToken: seat.seatToken, leave };
}

function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH || "/usr/bin/chromium";
  if (!existsSync(p)) throw new Error(`No Chromium at ${p}: set CHROMIUM_PATH.`);
  return p;
}

async function main(): Promise<void> {
  console.log("Building the client…");
  const buildMs = await buildClient();
  console.log(`built in ${(buildMs / 1000).toFixed(1)} s`);
  const sizes = bundleSizes();
  printSizes(sizes, "this build: client/dist");

  const before = BEFORE_REF === "none" ? null : await measureBefore(BEFORE_REF);

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "trilateral-bench-client-"));
  const base = `http://127.0.0.1:${port}`;
  console.log(`\nStarting the server on ${base} …`);
  const server = await startServer(port, dataDir);
  const browser = await launch();
  const idle: IdleSample[] = [];
  const tableMs: number[] = [];
  const landingFcp: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const { code, seatToken, leave } = await createSoloTable(base);
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      await context.addInitScript(
        ([c, t]) => sessionStorage.setItem(`trilateral:seat:${c}`, JSON.stringify({ seatToken: t, nation: "seoul" })),
        [code, seatToken] as const,
      );
      const page = await context.newPage();
      await page.goto(`${base}/?table=${code}&test=1`);
      await page.waitForFunction(() => performance.getEntriesByName("trilateral:table-rendered").length > 0, null, { timeout: 60_000 });
      const ms = await page.evaluate(() => performance.getEntriesByName("trilateral:table-rendered")[0]!.startTime);
      tableMs.push(ms);

      const landing = await context.newPage();
      await landing.goto(`${base}/`);
      await landing.waitForSelector(".path-card");
      const fcp = await landing.evaluate(
        () =>
          new Promise<number>((resolve) => {
            new PerformanceObserver((list) => {
              const e = list.getEntriesByName("first-contentful-paint")[0];
              if (e) resolve(e.startTime);
            }).observe({ type: "paint", buffered: true });
            setTimeout(() => resolve(Number.NaN), 5000);
          }),
      );
      landingFcp.push(fcp);
      console.log(`run ${i + 1}: first table rendered ${ms.toFixed(0)} ms after navigation (cold cache); landing FCP ${fcp.toFixed(0)} ms (warm)`);
      await context.close();
      await leave();
    }
    await browser.close();
    if (IDLE_SECONDS > 0) {
      console.log(`\nIdle table: CPU over ${IDLE_SECONDS} s, all Chromium processes, fresh browser each`);
      if (before?.idle) console.log(`${pad(before.idle.label, 48)} ${before.idle.cpuSeconds.toFixed(2).padStart(6)} CPU-s / ${IDLE_SECONDS} s   (${before.idle.frames} frames drawn)`);
      for (const variant of [
        { label: "this build, drawing every frame (?sleep=0)", query: "&sleep=0", timers: null },
        { label: "this build, sleeping loop", query: "", timers: null },
        { label: "this build, sleeping loop, phase timer running", query: "", timers: CLASSROOM_TIMERS },
      ]) {
        const { code, seatToken, leave } = await createSoloTable(base, variant.timers);
        const sample = await idleCpu(launch, { label: variant.label, url: `${base}/?table=${code}&test=1${variant.query}`, code, seatToken, nation: "seoul", windowSeconds: IDLE_SECONDS });
        idle.push(sample);
        console.log(`${pad(sample.label, 48)} ${sample.cpuSeconds.toFixed(2).padStart(6)} CPU-s / ${IDLE_SECONDS} s   (${sample.frames} frames drawn)`);
        await leave();
      }
      const [drawing, sleeping] = idle;
      if (drawing && sleeping) console.log(`ratio sleeping/drawing: ${(sleeping.cpuSeconds / Math.max(drawing.cpuSeconds, 0.01)).toFixed(3)}`);
      if (before?.idle && sleeping) console.log(`ratio this build/${before.ref}: ${(sleeping.cpuSeconds / Math.max(before.idle.cpuSeconds, 0.01)).toFixed(3)}`);
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(
    `\nNavigation → first rendered table (headless Chromium, SwiftShader WebGL, 1280×720, cold cache): median ${median(tableMs).toFixed(0)} ms over ${RUNS} runs ` +
      `(min ${Math.min(...tableMs).toFixed(0)}, max ${Math.max(...tableMs).toFixed(0)})`,
  );
  console.log(`Landing page first contentful paint: median ${median(landingFcp).toFixed(0)} ms`);

  const out = path.join(repoRoot, "bench", "out");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    path.join(out, "client.json"),
    JSON.stringify({ at: new Date().toISOString(), buildMs, sizes, tableRenderedMs: tableMs, medianTableRenderedMs: median(tableMs), landingFcpMs: landingFcp, idle, before }, null, 2),
  );
}

await main();
