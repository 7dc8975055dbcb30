import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client as SDKClient } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommandReply } from "../../shared/protocol/messages.ts";
import { parseRecord, type GameRecord } from "../../shared/rules/record.ts";
import { startPostgres, type RunningPostgres } from "../support/postgres.ts";
import { AutoPlayer, createTable, fullTable, INSTRUCTOR_KEY, joinTable, playToEnd, sleep, tempDataDir, testPort, waitFor, type TestSeat } from "./support/harness.ts";

const PORT = testPort(25674);
const URL_BASE = `http://127.0.0.1:${PORT}`;
const ENTRY = fileURLToPath(new URL("./support/server-entry.ts", import.meta.url));
const dataDir = tempDataDir();
const children: ChildProcess[] = [];
let pg: RunningPostgres;

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await sleep(100);
  fs.rmSync(dataDir, { recursive: true, force: true });
  await pg?.stop();
});

/** Starts the real server as a child process and waits until it listens. */
async function startServer(storageEnv: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [ENTRY], {
    cwd: path.resolve(path.dirname(ENTRY), "../../.."),
    env: {
      ...process.env,
      ...storageEnv,
      HOST: "127.0.0.1",
      PORT: String(PORT),
      DATA_DIR: dataDir,
      INSTRUCTOR_KEY,
      RECONNECT_SECONDS: "30",
      BOT_THINK_MS: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  await waitFor("the server to listen", () => out.includes("Trilateral is running at") || child.exitCode !== null, 20_000, 20);
  if (child.exitCode !== null) throw new Error(`the server exited:\n${out}`);
  return { child, output: () => out };
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

async function fetchRecord(code: string): Promise<GameRecord> {
  const res = await fetch(`${URL_BASE}/api/tables/${code}/record`, { headers: { "x-instructor-key": INSTRUCTOR_KEY } });
  expect(res.status).toBe(200);
  return parseRecord(await res.text());
}

/** The old tab is gone with the server: its SDK must not try to reconnect to the new process. */
function forget(...seats: TestSeat[]): void {
  for (const s of seats) s.room.reconnection.enabled = false;
}

/** The same crash against each storage: SQLite in DATA_DIR, and PostgreSQL (DATABASE_URL). */
const STORAGES: [string, () => Promise<Record<string, string>>][] = [
  ["SQLite", async () => ({ DATABASE_URL: "" })],
  ["PostgreSQL", async () => ({ DATABASE_URL: await pg.database("crash") })],
];

describe.each(STORAGES)("crash safety (%s)", (_name, storage) => {
  it("a server killed with SIGKILL mid-game comes back with every table, timer and seat", { timeout: 60_000 }, async () => {
    const storageEnv = await storage();
    const first = await startServer(storageEnv);
    expect(first.output()).toContain(storageEnv.DATABASE_URL ? "(storage: PostgreSQL at 127.0.0.1:" : "(storage: SQLite in ");
    const sdk = new SDKClient(URL_BASE);

    // A timed three-human table, played into round 1 with chat, a private proposal and a response.
    const timers = { event: 300, negotiation: 600, policy: 300, summary: 120 };
    const { seoul, tokyo, washington, code } = await fullTable(sdk, { rounds: 3, timers });
    await waitFor("the clock runs", () => seoul.room.state.started && seoul.room.state.deadline > 0);
    const seats = { seoul, tokyo, washington };
    for (const s of [seoul, tokyo, washington]) {
      const respond = s.view.phase === "event" && s.view.responsesDue.includes(s.nation) ? s.view.card?.response?.options[0] : undefined;
      if (respond) expect(await s.act({ type: "respond", optionId: respond.id })).toEqual({ ok: true });
    }
    await waitFor("negotiation", () => seoul.view.phase === "negotiation");
    expect(
      await seoul.act({ type: "tableProposal", parties: ["seoul", "tokyo"], terms: [{ kind: "jointStatement", topic: "united-front" }], note: "between us" }),
    ).toEqual({ ok: true });
    expect(await washington.act({ type: "ready" })).toEqual({ ok: true });

    // An untimed solo table with two bots, a few moves in.
    const solo = await createTable(sdk, { name: "Solo", nation: "seoul", rounds: 3, bots: { tokyo: "hawkish", washington: "alliance-builder" } });
    const soloPlayer = new AutoPlayer(solo, "solo-before", 2);
    soloPlayer.kick();
    await waitFor("the solo game moves", () => solo.seq >= 6, 10_000);
    soloPlayer.stop();
    await sleep(100);

    // A burst of chat in flight when the process dies: every command that got {ok:true} must survive.
    const burst: { text: string; reply: CommandReply | null }[] = [];
    const channels = { seoul: "seoul-tokyo", tokyo: "tokyo-washington", washington: "seoul-washington" } as const;
    for (let i = 0; i < 4; i++) {
      for (const n of ["seoul", "tokyo", "washington"] as const) {
        const entry = { text: `burst ${n} ${i}`, reply: null as CommandReply | null };
        burst.push(entry);
        seats[n]
          .act({ type: "say", channel: channels[n], text: entry.text })
          .then((r) => (entry.reply = r))
          .catch(() => {});
      }
    }
    await waitFor("some replies", () => burst.filter((b) => b.reply).length >= 5, 5000, 1);
    forget(seoul, tokyo, washington, solo);
    await kill9(first.child);
    const acknowledged = burst.filter((b) => b.reply?.ok).map((b) => b.text);
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);

    // What each seat knew just before the kill (its views are complete: a view precedes each reply).
    const before = {
      seoul: seoul.views[seoul.views.length - 1]!,
      tokyo: tokyo.views[tokyo.views.length - 1]!,
      washington: washington.views[washington.views.length - 1]!,
      solo: solo.views[solo.views.length - 1]!,
    };
    const deadlineBefore = seoul.room.state.deadline;

    // Start again on the same DATA_DIR (or database).
    const second = await startServer(storageEnv);
    expect(second.output()).toMatch(new RegExp(`restored 2 unfinished table\\(s\\): .*${code}`));
    const summary = await (await fetch(`${URL_BASE}/api/tables/${code}`)).json();
    expect(summary).toMatchObject({ code, ended: false, round: before.seoul.view.round, phase: before.seoul.view.phase });

    const record = await fetchRecord(code);
    const said = record.commands.flatMap((c) => (c.command.type === "say" ? [c.command.text] : []));
    for (const text of acknowledged) expect(said, `acknowledged "${text}" was lost`).toContain(text);
    expect(record.commands.map((c) => c.seq)).toEqual(record.commands.map((_, i) => i + 1));

    // Players rejoin their seats with their tokens and find everything as it was.
    const sdk2 = new SDKClient(URL_BASE);
    const again: Record<"seoul" | "tokyo" | "washington", TestSeat> = {
      seoul: await joinTable(sdk2, code, { seatToken: seoul.seat!.seatToken! }),
      tokyo: await joinTable(sdk2, code, { seatToken: tokyo.seat!.seatToken! }),
      washington: await joinTable(sdk2, code, { seatToken: washington.seat!.seatToken! }),
    };
    for (const n of ["seoul", "tokyo", "washington"] as const) {
      const now = again[n].views[0]!;
      expect(again[n].seat!.nation).toBe(n);
      expect(now.seq).toBe(record.commands.length);
      // every acknowledged command is there; a command that died unanswered may have landed too
      expect(now.seq).toBeGreaterThanOrEqual(before[n].seq);
      if (now.seq === before[n].seq) {
        expect(now.view).toEqual(before[n].view);
      } else {
        const { messages: m1, ...rest1 } = now.view;
        const { messages: m0, ...rest0 } = before[n].view;
        expect(rest1).toEqual(rest0);
        expect(m1.slice(0, m0.length)).toEqual(m0);
      }
      expect(now.view.round).toBe(before[n].view.round);
      expect(now.view.phase).toBe(before[n].view.phase);
      expect(now.view.trust).toEqual(before[n].view.trust);
      expect(now.view.support).toEqual(before[n].view.support);
    }
    expect(again.tokyo.view.proposals.map((p) => p.note)).toEqual(["between us"]);
    expect(again.washington.view.ready).toContain("washington");
    // the timer is re-armed from the stored deadline, not restarted
    await waitFor("presence", () => again.seoul.room.state.started);
    expect(again.seoul.room.state.deadline).toBe(deadlineBefore);
    // the table plays on
    expect(await again.seoul.act({ type: "say", channel: "table", text: "we are back" })).toEqual({ ok: true });

    // The solo table: the human rejoins and the bots carry on to the end.
    const soloAgain = await joinTable(sdk2, solo.code, { seatToken: solo.seat!.seatToken! });
    expect(soloAgain.views[0]!.view).toEqual(before.solo.view);
    await playToEnd([new AutoPlayer(soloAgain, "solo-after", 1)], 30_000);
    expect(soloAgain.view.ended).not.toBeNull();

    for (const s of [...Object.values(again), soloAgain]) await s.leave();
    await kill9(second.child);
  });
});
