import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ColyseusTestServer } from "@colyseus/testing";
import { Client as SDKClient, Room as SDKRoom } from "@colyseus/sdk";
import { createServer, type TrilateralServer } from "../../../server/app.ts";
import { loadConfig, type Config } from "../../../server/config.ts";
import { RESYNC_REQUEST, type CommandReply, type CreateTableOptions, type DeltaMessage, type JoinTableOptions, type NoticeMessage, type SeatMessage, type ViewMessage } from "../../../shared/protocol/messages.ts";
import { applyViewPatch, wireHash } from "../../../shared/protocol/view-delta.ts";
import { CommandReplySchema } from "../../../shared/protocol/reply-codes.ts";
import { TABLE_MESSAGES } from "../../../shared/protocol/server-messages.ts";
import type { Command, CommandInput } from "../../../shared/rules/commands.ts";
import { legalCommands } from "../../../shared/rules/legal.ts";
import { nextFloat, nextInt, seedToRng } from "../../../shared/rules/rng.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import type { Nation } from "../../../shared/rules/vocabulary.ts";
import { mixedDeck } from "../../support/cards.ts";

export const INSTRUCTOR_KEY = "test-instructor-key";

export interface TestServer {
  server: TrilateralServer;
  colyseus: ColyseusTestServer;
  config: Config;
  dataDir: string;
  url: string;
  port: number;
  sdk(): SDKClient;
  shutdown(): Promise<void>;
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-it-"));
}

/** A real server on 127.0.0.1:`port` with a temp DATA_DIR, the test deck and bots that think in 0 ms. */
/**
 * Test ports are fixed per file so that files never collide; TEST_PORT_OFFSET shifts them all,
 * so that two checkouts can run their suites side by side on one machine.
 */
export function testPort(port: number): number {
  return port + Number(process.env.TEST_PORT_OFFSET ?? 0);
}

export async function bootTestServer(basePort: number, env: Record<string, string> = {}, dataDir = tempDataDir()): Promise<TestServer> {
  const port = testPort(basePort);
  const config = loadConfig({
    ...(process.env.TEST_POSTGRES_URL && env.DATABASE_URL === undefined ? { DATABASE_URL: await databaseOf(process.env.TEST_POSTGRES_URL, dataDir) } : {}),
    DATA_DIR: dataDir,
    INSTRUCTOR_KEY,
    BOT_THINK_MS: "0",
    RECONNECT_SECONDS: "120",
    LOG_LEVEL: "error",
    ...env,
  });
  const server = createServer({ config, deck: mixedDeck, serveClient: "none" });
  await server.listen(port, "127.0.0.1");
  const colyseus = new ColyseusTestServer(server);
  const url = `http://127.0.0.1:${port}`;
  return {
    server,
    colyseus,
    config,
    dataDir,
    url,
    port,
    sdk: () => new SDKClient(url),
    shutdown: async () => {
      await colyseus.shutdown();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * TEST_POSTGRES_URL (a PostgreSQL to run the integration suite on, `npm run test:postgres`):
 * each DATA_DIR gets its own database there, so a restart on the same DATA_DIR finds its tables.
 */
const databases = new Map<string, Promise<string>>();
function databaseOf(url: string, dataDir: string): Promise<string> {
  let db = databases.get(dataDir);
  if (!db) databases.set(dataDir, (db = freshDatabase(url)));
  return db;
}

async function freshDatabase(url: string): Promise<string> {
  const { default: pg } = await import("pg");
  const name = `it_${randomUUID().replaceAll("-", "")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitFor<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000, everyMs = 10): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Every raw frame each SDK room receives (state patches included), for the leak test. */
const frameLog = new WeakMap<object, { t: number; bytes: Buffer }[]>();
const proto = SDKRoom.prototype as unknown as { onMessageCallback(event: MessageEvent): void };
const originalOnMessage = proto.onMessageCallback;
proto.onMessageCallback = function (this: object, event: MessageEvent) {
  let frames = frameLog.get(this);
  if (!frames) frameLog.set(this, (frames = []));
  frames.push({ t: performance.now(), bytes: Buffer.from(event.data as ArrayBuffer) });
  originalOnMessage.call(this, event);
};
export function framesOf(room: object): { t: number; bytes: Buffer }[] {
  return frameLog.get(room) ?? [];
}

/** A view the test client holds: a full "view" message, or the result of applying a "delta" to the one before. */
export type HeldView = ViewMessage & { via: "view" | "delta" };

/**
 * A player at the table through the real SDK: keeps every view it held and everything received.
 * Deltas are applied with the shared functions (applyViewPatch, checked against the server's
 * hash when one comes); a gap, a patch that does not fit or a hash mismatch asks for "resync".
 */
export class TestSeat {
  room: SDKRoom;
  seat: SeatMessage | null = null;
  views: HeldView[] = [];
  /** Every delta message received (as sent). */
  deltas: DeltaMessage[] = [];
  /** Problems found in the delta stream, each healed by a resync. */
  gaps: string[] = [];
  /** Drop this many of the next deltas (as if lost), to test gap detection. */
  dropDeltas = 0;
  private resyncing = false;
  /** For each view, the index of the frame that carried it (into framesOf(room)). */
  viewFrames: number[] = [];
  notices: NoticeMessage[] = [];
  other: { type: string | number; message: unknown }[] = [];
  /** Frame index (into framesOf(room)) of the first view of the ended game. */
  endedAtFrame = -1;

  constructor(room: SDKRoom) {
    this.room = room;
    this.attach(room);
  }

  attach(room: SDKRoom): void {
    this.room = room;
    // Every message is parsed with the client's registry: one the schema refuses fails the test run.
    room.onMessage("seat", (raw: unknown) => {
      this.seat = TABLE_MESSAGES.seat.parse(raw);
    });
    room.onMessage("view", (raw: unknown) => {
      const m = TABLE_MESSAGES.view.parse(raw);
      this.resyncing = false;
      this.hold({ ...m, via: "view" }, room);
    });
    room.onMessage("delta", (raw: unknown) => {
      const m = TABLE_MESSAGES.delta.parse(raw);
      this.deltas.push(m);
      if (this.dropDeltas > 0) {
        this.dropDeltas -= 1;
        return;
      }
      if (this.resyncing) return;
      const current = this.views[this.views.length - 1];
      if (!current || current.seq !== m.base) return this.resync(room, `holding ${current?.seq ?? "nothing"}, delta ${m.base}→${m.seq}`);
      let view: PlayerView;
      try {
        view = applyViewPatch(current.view, m.ops);
      } catch (e) {
        return this.resync(room, `patch ${m.base}→${m.seq}: ${(e as Error).message}`);
      }
      const hash = wireHash(view);
      if (m.hash !== undefined && m.hash !== hash) return this.resync(room, `hash after ${m.seq}`);
      this.hold({ view, events: m.events, seq: m.seq, hash, via: "delta" }, room);
    });
    room.onMessage("notice", (raw: unknown) => {
      this.notices.push(TABLE_MESSAGES.notice.parse(raw));
    });
    room.onMessage("*", (type: string | number, message: unknown) => {
      this.other.push({ type, message });
    });
  }

  private hold(m: HeldView, room: SDKRoom): void {
    this.views.push(m);
    this.viewFrames.push(framesOf(room).length - 1);
    if (m.view.phase === "ended" && this.endedAtFrame < 0) this.endedAtFrame = framesOf(room).length - 1;
    this.onView?.(m);
  }

  private resync(room: SDKRoom, why: string): void {
    this.gaps.push(why);
    this.resyncing = true;
    room.request(RESYNC_REQUEST, {}, { timeout: 10_000 }).catch(() => {
      this.resyncing = false;
    });
  }

  onView: ((m: ViewMessage) => void) | null = null;

  get view(): PlayerView {
    const last = this.views[this.views.length - 1];
    if (!last) throw new Error("no view yet");
    return last.view;
  }

  get seq(): number {
    return this.views[this.views.length - 1]?.seq ?? -1;
  }

  get nation(): Nation {
    const n = this.seat?.nation;
    if (!n) throw new Error("not seated");
    return n;
  }

  get code(): string {
    return this.room.roomId;
  }

  async act(command: CommandInput, actionId: string = randomUUID()): Promise<CommandReply> {
    return CommandReplySchema.parse(await this.room.request("command", { actionId, command }, { timeout: 10_000 }));
  }

  async raw(payload: unknown): Promise<CommandReply> {
    return (await this.room.request("command", payload, { timeout: 10_000 })) as CommandReply;
  }

  async waitForView(what: string, check: (v: ViewMessage) => boolean, timeoutMs = 10_000): Promise<ViewMessage> {
    return waitFor(what, () => this.views.slice().reverse().find(check), timeoutMs);
  }

  async waitForSeat(): Promise<SeatMessage> {
    return waitFor("seat message", () => this.seat);
  }

  async leave(): Promise<void> {
    if (!this.room.connection?.isOpen) return;
    await Promise.race([this.room.leave(), sleep(2000)]);
  }
}

export async function createTable(sdk: SDKClient, options: CreateTableOptions): Promise<TestSeat> {
  const room = await sdk.create("table", options);
  const seat = new TestSeat(room);
  await seat.waitForSeat();
  await waitFor("first view", () => seat.views.length > 0);
  return seat;
}

export async function joinTable(sdk: SDKClient, code: string, options: JoinTableOptions): Promise<TestSeat> {
  const room = await sdk.joinById(code, options);
  const seat = new TestSeat(room);
  await seat.waitForSeat();
  await waitFor("first view", () => seat.views.length > 0);
  return seat;
}

/** Seoul creates, Tokyo and Washington join: a full human table. */
export async function fullTable(
  sdk: SDKClient,
  options: Partial<CreateTableOptions> = {},
): Promise<{ seoul: TestSeat; tokyo: TestSeat; washington: TestSeat; code: string }> {
  const seoul = await createTable(sdk, { name: "Sora", nation: "seoul", rounds: 3, ...options });
  const code = seoul.code;
  const tokyo = await joinTable(sdk, code, { name: "Taro", nation: "tokyo" });
  const washington = await joinTable(sdk, code, { name: "Wes", nation: "washington" });
  return { seoul, tokyo, washington, code };
}

/**
 * A scripted player: answers every view with a legal command (weighted random, like the
 * legal-random bot), and finishes its part of a phase after `perPhase` actions, so a game
 * without timers always ends. One request in flight at a time.
 */
export class AutoPlayer {
  readonly seat: TestSeat;
  private rng: number;
  private inFlight = false;
  private counts = new Map<string, number>();
  private stopped = false;
  readonly perPhase: number;
  readonly replies: CommandReply[] = [];
  readonly sent: { command: Command; t: number; round: number }[] = [];
  /** When set, decides every move instead of the random choice (null = nothing to do yet). */
  script: ((view: PlayerView) => Command | null) | null = null;

  constructor(seat: TestSeat, seed: string, perPhase = 3) {
    this.seat = seat;
    this.rng = seedToRng(seed);
    this.perPhase = perPhase;
    seat.onView = () => this.kick();
  }

  stop(): void {
    this.stopped = true;
  }

  kick(): void {
    if (this.inFlight || this.stopped) return;
    const view = this.seat.views[this.seat.views.length - 1]?.view;
    if (!view || view.phase === "ended") return;
    const nation = this.seat.nation;
    const key = `${view.round}:${view.phase}`;
    const count = this.counts.get(key) ?? 0;
    const command = this.script ? this.script(view) : this.choose(view, nation, count);
    if (!command) return;
    this.counts.set(key, count + 1);
    this.inFlight = true;
    this.sent.push({ command, t: performance.now(), round: view.round });
    this.seat
      .act(command)
      .then((reply) => {
        this.replies.push(reply);
      })
      .catch(() => {
        /* the connection went away; a later view kicks again */
      })
      .finally(() => {
        this.inFlight = false;
        // A rejected command (the table moved on) leaves no new view: look again.
        setTimeout(() => this.kick(), 5);
      });
  }

  private choose(view: PlayerView, nation: Nation, count: number): Command | null {
    const legal = legalCommands(view, nation).filter((c) => c.type !== "withdrawProposal");
    if (legal.length === 0) return null;
    if (count >= this.perPhase) {
      return (
        legal.find((c) => c.type === "ready") ??
        legal.find((c) => c.type === "respond") ??
        legal.find((c) => c.type === "commitPolicy" && c.policy !== "hold-steady") ??
        legal.find((c) => c.type === "commitPolicy") ??
        null
      );
    }
    const [f, r1] = nextFloat(this.rng);
    this.rng = r1;
    // Mostly answer proposals and move on; sometimes table one.
    const pool = f < 0.25 ? legal.filter((c) => c.type === "tableProposal") : legal.filter((c) => c.type !== "tableProposal");
    const from = pool.length > 0 ? pool : legal;
    const [i, r2] = nextInt(this.rng, from.length);
    this.rng = r2;
    return from[i]!;
  }
}

/** Lets the auto players play until every seat has seen the end of the game. */
export async function playToEnd(players: AutoPlayer[], timeoutMs = 45_000): Promise<void> {
  for (const p of players) p.kick();
  await waitFor("the end of the game", () => players.every((p) => p.seat.views.some((v) => v.view.phase === "ended")), timeoutMs, 20);
}
