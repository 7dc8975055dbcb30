import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Client, Room } from "@colyseus/sdk";
import { RESYNC_REQUEST, type CommandReply, type DeltaMessage, type ViewMessage } from "../../shared/protocol/messages.ts";
import jsonPatch from "fast-json-patch";
import type { Command } from "../../shared/rules/commands.ts";
import { finishingCommand } from "../../shared/rules/finish.ts";
import { legalCommands } from "../../shared/rules/legal.ts";
import type { PlayerView } from "../../shared/rules/view.ts";
import { NATIONS, type Nation } from "../../shared/rules/vocabulary.ts";
import { sleep, type Tally } from "./stats.ts";

/** The size of the frame being handled, for counting bytes per message. */
const proto = Room.prototype as unknown as { onMessageCallback(event: MessageEvent): void };
const original = proto.onMessageCallback;
proto.onMessageCallback = function (this: { lastFrameBytes?: number }, event: MessageEvent) {
  this.lastFrameBytes = (event.data as ArrayBuffer).byteLength;
  original.call(this, event);
};
const frameBytes = (room: Room) => (room as unknown as { lastFrameBytes?: number }).lastFrameBytes ?? 0;

export interface Pace {
  /** Mean time between a seat's actions (uniform from half to one and a half times it). */
  thinkMs: number;
  /** After a phase change every seat acts within this window (the burst when a timer ends for everyone). */
  burstMs: number;
}

export async function leaveQuietly(room: Room | null): Promise<void> {
  if (!room?.connection?.isOpen) return;
  await Promise.race([room.leave().catch(() => {}), sleep(1000)]);
}

/** One simulated player: follows its view (full, then deltas) and answers with legal commands. */
export class BenchPlayer {
  room: Room | null = null;
  readonly nation: Nation;
  private view: PlayerView | null = null;
  private seq = -1;
  private phaseKey = "";
  private lastViewAt = 0;
  private inFlight = false;
  private timer: NodeJS.Timeout | null = null;
  private counts = new Map<string, number>();
  private burst = false;
  private readonly tally: Tally;
  private readonly pace: Pace;
  onEnded: (() => void) | null = null;
  ended = false;

  constructor(nation: Nation, tally: Tally, pace: Pace) {
    this.nation = nation;
    this.tally = tally;
    this.pace = pace;
  }

  attach(room: Room): void {
    this.room = room;
    this.view = null;
    this.seq = -1;
    this.ended = false;
    this.counts.clear();
    room.onMessage("view", (m: ViewMessage) => {
      if (this.view) this.tally.messageBytes.push(frameBytes(room)); // a later full view: VIEW_DELTAS=off, or a resync
      this.hold(m.view, m.seq);
    });
    room.onMessage("delta", (m: DeltaMessage) => {
      if (!this.view || m.base !== this.seq) {
        this.tally.resyncs += 1;
        void room.request(RESYNC_REQUEST, {}).catch(() => {});
        return;
      }
      this.tally.messageBytes.push(frameBytes(room));
      try {
        // In place: the player's copy is its own (a copy per delta would cost the load generator the whole view).
        this.hold(jsonPatch.applyPatch(this.view, m.ops, false, true).newDocument, m.seq);
      } catch {
        this.view = null;
        this.tally.resyncs += 1;
        void room.request(RESYNC_REQUEST, {}).catch(() => {});
      }
    });
    room.onMessage("*", () => {});
  }

  private hold(view: PlayerView, seq: number): void {
    this.seq = seq;
    this.lastViewAt = performance.now();
    this.view = view;
    const key = `${view.round}:${view.phase}`;
    if (key !== this.phaseKey) {
      this.phaseKey = key;
      this.burst = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    }
    if (view.phase === "ended" && !this.ended) {
      this.ended = true;
      this.onEnded?.();
    }
    this.schedule();
  }

  schedule(): void {
    if (!this.tally.running || this.inFlight || this.timer || this.ended || !this.view) return;
    const delay = this.burst ? Math.random() * this.pace.burstMs : this.pace.thinkMs * (0.5 + Math.random());
    this.burst = false;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.act();
    }, delay);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private choose(view: PlayerView): Command | null {
    const legal = legalCommands(view, this.nation).filter((c) => c.type !== "withdrawProposal");
    if (legal.length === 0) return null;
    const key = `${view.round}:${view.phase}`;
    const count = this.counts.get(key) ?? 0;
    this.counts.set(key, count + 1);
    if (count >= 3 || Math.random() < 0.3) {
      const finish = finishingCommand(view, this.nation);
      if (finish) return finish;
    }
    if (Math.random() < 0.35 && view.phase === "negotiation") {
      return { type: "say", channel: "table", text: `Round ${view.round}: shall we talk about ${view.card?.title ?? "this"}?` };
    }
    return legal[Math.floor(Math.random() * legal.length)]!;
  }

  private act(): void {
    const room = this.room;
    const view = this.view;
    if (!room || !view || !this.tally.running || view.phase === "ended") return;
    const command = this.choose(view);
    if (!command) return;
    this.inFlight = true;
    this.tally.sent += 1;
    const sentAt = performance.now();
    (room.request("command", { actionId: randomUUID(), command }, { timeout: 20_000 }) as Promise<CommandReply>)
      .then((reply) => {
        if (reply.ok) {
          this.tally.accepted += 1;
          if (this.lastViewAt >= sentAt) this.tally.latencies.push(this.lastViewAt - sentAt);
        } else this.tally.rejected += 1;
      })
      .catch(() => {
        this.tally.failed += 1;
      })
      .finally(() => {
        this.inFlight = false;
        this.schedule();
      });
  }
}

/** Seat tokens of a table stored before the run (a mid-game state), or null for a new table. */
export type Seeded = { code: string; tokens: Record<Nation, string> } | null;

/** A table of three bench players; when its game ends, they sit down at a new table. */
export class BenchTable {
  readonly players: BenchPlayer[];
  private readonly sdk: Client;
  private seeded: Seeded;
  private readonly index: number;
  private readonly tally: Tally;
  private readonly rounds: number;
  /** Sit down at a new table when the game ends (false: play one game). */
  again = true;

  constructor(index: number, url: string, tally: Tally, pace: Pace, rounds: number, seeded: Seeded = null) {
    this.index = index;
    this.tally = tally;
    this.rounds = rounds;
    this.sdk = new Client(url);
    this.seeded = seeded;
    this.players = NATIONS.map((n) => new BenchPlayer(n, tally, pace));
    for (const p of this.players) p.onEnded = () => void (this.players.every((x) => x.ended) && this.nextGame());
  }

  async open(): Promise<void> {
    const [seoul, tokyo, washington] = this.players as [BenchPlayer, BenchPlayer, BenchPlayer];
    if (this.seeded) {
      const { code, tokens } = this.seeded;
      await Promise.all(this.players.map(async (p) => p.attach(await this.sdk.joinById(code, { seatToken: tokens[p.nation] }))));
      this.seeded = null;
      return;
    }
    const first = await this.sdk.create("table", { name: `Seoul ${this.index}`, nation: "seoul", rounds: this.rounds });
    seoul.attach(first);
    tokyo.attach(await this.sdk.joinById(first.roomId, { name: `Tokyo ${this.index}`, nation: "tokyo" }));
    washington.attach(await this.sdk.joinById(first.roomId, { name: `Washington ${this.index}`, nation: "washington" }));
  }

  private async nextGame(): Promise<void> {
    this.tally.games += 1;
    if (!this.tally.running || !this.again) return;
    await Promise.all(this.players.map((p) => leaveQuietly(p.room)));
    if (!this.tally.running) return;
    try {
      await this.open();
    } catch (e) {
      console.error(`table ${this.index}: could not start a new game: ${(e as Error).message}`);
    }
  }

  kick(): void {
    for (const p of this.players) p.schedule();
  }

  async close(): Promise<void> {
    for (const p of this.players) p.stop();
    await Promise.all(this.players.map((p) => leaveQuietly(p.room)));
  }
}

/** Seats a table; on a loaded machine a seat reservation may expire before it is used: try again. */
export async function openWithRetry(t: BenchTable, tries = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await t.open();
    } catch (e) {
      await t.close();
      if (i >= tries) throw e;
      await sleep(500 * i);
    }
  }
}
