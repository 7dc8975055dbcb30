import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Client, type Room } from "@colyseus/sdk";
import type { BrowserContext } from "@playwright/test";
import { RESYNC_REQUEST, type CommandReply, type CreateTableOptions, type JoinTableOptions, type SeatMessage, type ViewMessage } from "../../shared/protocol/messages.ts";
import type { CommandInput } from "../../shared/rules/commands.ts";
import type { PlayerView } from "../../shared/rules/view.ts";
import { applyDelta } from "../../client/src/store/view-sync.ts";
import { TABLE_MESSAGES } from "../../shared/protocol/server-messages.ts";
import { onTableMessages } from "../../client/src/net/messages.ts";

/**
 * Helpers for the offline specs: a seat played from Node through the SDK (it keeps its view
 * from full views and deltas, like the browser client), and a server process of the spec's own
 * that can be killed and started again on the same DATA_DIR.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export async function until<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export class NodeSeat {
  view: PlayerView | null = null;
  seq = 0;
  seat: SeatMessage | null = null;
  readonly room: Room;

  constructor(room: Room) {
    this.room = room;
    onTableMessages(room, {
      seat: (m) => (this.seat = m),
      view: (m) => this.#full(m),
      delta: (m) => {
        const out = applyDelta(this.view ? { view: this.view, seq: this.seq } : null, m);
        if (out.kind === "applied") {
          this.view = out.view;
          this.seq = out.seq;
        } else if (out.kind === "resync") {
          void room.request(RESYNC_REQUEST, {}).then((r: unknown) => {
            const full = TABLE_MESSAGES.view.safeParse(r);
            if (full.success) this.#full(full.data);
          });
        }
      },
      notice: () => undefined,
    });
  }

  #full(m: ViewMessage): void {
    this.view = m.view;
    this.seq = m.seq;
  }

  static async create(base: string, options: CreateTableOptions): Promise<NodeSeat> {
    const s = new NodeSeat(await new Client(base).create("table", options));
    await until("the first view", () => s.view && s.seat);
    return s;
  }

  static async join(base: string, code: string, options: JoinTableOptions): Promise<NodeSeat> {
    const s = new NodeSeat(await new Client(base).joinById(code, options));
    await until("the first view", () => s.view && s.seat);
    return s;
  }

  act(command: CommandInput): Promise<CommandReply> {
    return this.room.request("command", { actionId: randomUUID(), command }, { timeout: 10_000 }) as Promise<CommandReply>;
  }

  async leave(): Promise<void> {
    await Promise.race([this.room.leave(true).catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
    this.room.removeAllListeners();
  }
}

/** The page sits down at `code` with this seat token, as a refresh would (sessionStorage). */
export async function handSeatTo(context: BrowserContext, code: string, seatToken: string, nation: string): Promise<void> {
  await context.addInitScript(
    ([c, t, n]) => sessionStorage.setItem(`trilateral:seat:${c}`, JSON.stringify({ seatToken: t, nation: n })),
    [code, seatToken, nation] as const,
  );
}

export interface OwnServer {
  base: string;
  start(): Promise<void>;
  kill(): Promise<void>;
  output(): string;
}

/** The real server (server/start.ts, serving the client build) on its own port and DATA_DIR. */
export function ownServer(port: number): OwnServer {
  const dataDir = mkdtempSync(path.join(tmpdir(), "trilateral-e2e-restart-"));
  let child: ChildProcess | null = null;
  let out = "";
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    output: () => out,
    async start() {
      child = spawn(process.execPath, ["server/start.ts"], {
        cwd: repoRoot,
        env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, BOT_THINK_MS: "0", RECONNECT_SECONDS: "60", LOG_LEVEL: "info" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
      const end = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`the server exited:\n${out}`);
        const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
        if (ok) return;
        if (Date.now() > end) throw new Error(`the server did not come up:\n${out}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async kill() {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once("exit", r));
      c.kill("SIGKILL");
      await exited;
    },
  };
}
