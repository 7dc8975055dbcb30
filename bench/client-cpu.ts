/**
 * The CPU an open table costs while nothing happens: a solo table waiting on its human, left
 * open in headless Chromium for WINDOW seconds, summed over every process of that browser
 * (utime + stime from /proc/<pid>/stat, descendants of the Chromium process included).
 * Run from bench/client.ts; Linux only (/proc).
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Browser } from "playwright-core";

const CLK_TCK = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: split after the last ")".
    const rest = raw.slice(raw.lastIndexOf(")") + 2).split(" ");
    // rest[0] = state (field 3), so field n is rest[n - 3].
    return { pid, ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return null;
  }
}

/** CPU seconds used so far by `root` and all its descendants that are alive now. */
export function treeCpuSeconds(root: number): number {
  const all = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => s !== null);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const self = all.find((s) => s.pid === pid);
    if (self) ticks += self.ticks;
    for (const c of children.get(pid) ?? []) stack.push(c.pid);
  }
  return ticks / CLK_TCK;
}

/** The Chromium browser process: the child of this Node process whose command line is Chromium's. */
export function chromiumPid(): number {
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    const s = readStat(Number(d));
    if (!s || s.ppid !== process.pid) continue;
    const cmd = (() => {
      try {
        return readFileSync(`/proc/${d}/cmdline`, "utf8");
      } catch {
        return "";
      }
    })();
    if (/chrom/i.test(cmd)) return s.pid;
  }
  throw new Error("no Chromium child process found");
}

export interface IdleSample {
  label: string;
  cpuSeconds: number;
  windowSeconds: number;
  /** Frames Phaser drew during the window (game.loop.frame advanced). */
  frames: number;
}

/**
 * Opens `url` (a table the page sits down at with the seat token put in sessionStorage), waits
 * for the first rendered table and `settleMs`, then measures WINDOW seconds of doing nothing.
 */
export async function idleCpu(
  launch: () => Promise<Browser>,
  o: { label: string; url: string; code: string; seatToken: string; nation: string; windowSeconds: number; settleMs?: number },
): Promise<IdleSample> {
  const browser = await launch();
  try {
    const pid = chromiumPid();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(
      ([c, t, n]) => sessionStorage.setItem(`trilateral:seat:${c}`, JSON.stringify({ seatToken: t, nation: n })),
      [o.code, o.seatToken, o.nation] as const,
    );
    const page = await context.newPage();
    await page.goto(o.url);
    await page.waitForFunction(() => performance.getEntriesByName("trilateral:table-rendered").length > 0, null, { timeout: 60_000 });
    await page.waitForTimeout(o.settleMs ?? 4000);
    const frame = () => page.evaluate(() => (window as unknown as { __trilateral?: { game?: { loop: { frame: number } } } }).__trilateral?.game?.loop.frame ?? 0);
    const f0 = await frame();
    const c0 = treeCpuSeconds(pid);
    await new Promise((r) => setTimeout(r, o.windowSeconds * 1000));
    const c1 = treeCpuSeconds(pid);
    const f1 = await frame();
    await context.close();
    return { label: o.label, cpuSeconds: c1 - c0, windowSeconds: o.windowSeconds, frames: f1 - f0 };
  } finally {
    await browser.close();
  }
}
