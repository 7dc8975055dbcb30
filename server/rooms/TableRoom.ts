import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { CloseCode, getMessageBytes, matchMaker, Protocol, ServerError, type Client, type Deferred, type Delayed } from "@colyseus/core";
import { z } from "zod";
import { botPolicy } from "../../shared/bots/registry.ts";
import {
  CreateTableOptionsSchema,
  CommandRequestSchema,
  JoinTableOptionsSchema,
  TABLE_CODE_ALPHABET,
  TABLE_CODE_LENGTH,
  type CommandReply,
  type NoticeMessage,
  type SeatMessage,
  type TableSummary,
  type ViewMessage,
} from "../../shared/protocol/messages.ts";
import type { Card } from "../../shared/content/card-schema.ts";
import { applyCommand, newGame } from "../../shared/rules/apply.ts";
import { seat as seatActor, SYSTEM, type Actor, type Command } from "../../shared/rules/commands.ts";
import type { GameEvent } from "../../shared/rules/events.ts";
import { finishingCommand } from "../../shared/rules/finish.ts";
import { newRecord, replay, type GameRecord } from "../../shared/rules/record.ts";
import { seedToRng } from "../../shared/rules/rng.ts";
import { SetupError } from "../../shared/rules/setup.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { RULES_VERSION } from "../../shared/rules/version.ts";
import { eventsFor, viewFor, type PlayerView, type Viewer } from "../../shared/rules/view.ts";
import { NATION_NAMES, NATIONS, STANCE_NAMES, type Nation, type StanceId } from "../../shared/rules/vocabulary.ts";
import type { Logger } from "../log.ts";
import { hashToken, type Store, type StoredTable, type TableSettings } from "../storage/store.ts";
import type { TableContext } from "./context.ts";
import { BoundedMap, LIMITS, SlidingWindow } from "./limits.ts";
import { SafeRoom } from "./SafeRoom.ts";
import { viewHash } from "../../shared/protocol/view-delta.ts";
import { SeatPresence, TableState } from "./state.ts";

type Role = SeatMessage["role"];

/** Per-connection data, kept in client.userData (Colyseus carries it over a reconnection). */
interface ClientInfo {
  role: Role;
  nation: Nation | null;
  seatToken: string | null;
  actions: SlidingWindow;
}

/** One of the three seats, as the server tracks it (the secret parts never leave the server). */
interface Seat {
  nation: Nation;
  name: string;
  /** sha256 of the seat token; null until a human claims the seat. */
  tokenHash: string | null;
  /** A bot seat chosen at creation. */
  designBot: boolean;
  /** The human connection holding the seat (live, or inside its reconnection window). */
  sessionId: string | null;
  connected: boolean;
  reconnection: Deferred<Client> | null;
  /** A bot plays for a human who has been gone longer than the reconnection window. */
  takeover: boolean;
  /** After a restart: the window in which the seat's human may come back before a bot steps in. */
  windowTimer: NodeJS.Timeout | null;
  botTimer: NodeJS.Timeout | null;
  botRng: number;
  botPhase: string;
  botCount: number;
  chat: SlidingWindow;
  replies: BoundedMap<string, CommandReply>;
}

/** Options of matchMaker.createRoom("table", …): a new table, or a stored one to bring back. */
export type TableCreateOptions = { restore: string } | { create: unknown } | Record<string, unknown>;

type JoinPlan =
  | { role: "instructor" }
  | { role: "spectator" }
  | { role: "player"; nation: Nation; name: string; reclaim: false }
  | { role: "player"; nation: Nation; reclaim: true; token: string };

const reject = (code: string, message: string): CommandReply => ({ ok: false, code, message });

function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message))
    .join("; ");
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function newTableCode(): string {
  let code = "";
  for (let i = 0; i < TABLE_CODE_LENGTH; i++) code += TABLE_CODE_ALPHABET[randomInt(TABLE_CODE_ALPHABET.length)];
  return code;
}

const newSeatToken = () => randomBytes(24).toString("base64url");

const phaseKey = (s: Pick<GameState, "round" | "phase">) => `${s.round}:${s.phase}`;

/** The game record of a stored table, as GET /api/tables/:code/record returns it. */
export function recordFromStore(store: Store, code: string): GameRecord | null {
  const t = store.getTable(code);
  if (!t) return null;
  const record = newRecord(t.seed, t.options, t.deck);
  return { ...record, rulesVersion: t.rulesVersion, commands: store.commands(code) };
}

/** A summary of a table that is not live in this process (ended, abandoned…), from SQLite. */
export function summaryFromStore(store: Store, code: string): TableSummary | null {
  const t = store.getTable(code);
  if (!t) return null;
  const seats = store.seats(code);
  let stances: Partial<Record<Nation, StanceId>> = t.options.stances ?? {};
  try {
    const record = recordFromStore(store, code);
    if (record && record.rulesVersion === RULES_VERSION) stances = replay(record).stances;
  } catch {
    /* a summary does not need the stances badly enough to fail */
  }
  return {
    code,
    phase: t.phase,
    round: t.round,
    rounds: t.options.rounds,
    ended: t.status !== "live",
    seats: NATIONS.map((nation) => {
      const s = seats.find((x) => x.nation === nation);
      return {
        nation,
        name: s?.name ?? "",
        occupied: !!s && (s.bot || s.tokenHash !== null),
        connected: false,
        bot: !!s?.bot,
        stance: stances[nation] ?? "",
      };
    }),
  };
}

/**
 * One game table. The room is a thin, authoritative shell around the shared engine: every
 * command (player, bot, timer) goes through `execute`, which asks the engine, writes the
 * accepted command to SQLite, and only then tells the clients, each through its own viewFor.
 */
export class TableRoom extends SafeRoom<{ state: TableState; metadata: { code: string } }> {
  /** Set by createServer for its own subclass. */
  static context: TableContext | null = null;

  private ctxCache: TableContext | null = null;
  private game!: GameState;
  private seq = 0;
  private table!: { code: string; seed: number | string; settings: TableSettings; bots: Partial<Record<Nation, StanceId>> };
  private seats!: Record<Nation, Seat>;
  private started = false;
  private ended = false;
  private deadline: number | null = null;
  private timerKey = "";
  private phaseTimer: Delayed | null = null;
  private instructorReplies = new BoundedMap<string, CommandReply>(LIMITS.rememberedActions);
  private emptySince = Date.now();
  private tableLog: Logger | null = null;

  protected get ctx(): TableContext {
    if (!this.ctxCache) {
      const ctx = (this.constructor as typeof TableRoom).context;
      if (!ctx) throw new Error("TableRoom used without a server context (use createServer).");
      this.ctxCache = ctx;
    }
    return this.ctxCache;
  }

  protected get log(): Logger {
    return this.tableLog ?? this.ctx.log;
  }

  private get thinkMs(): number {
    return this.table.settings.botThinkMs ?? this.ctx.config.botThinkMs;
  }

  // ───────────────────────────── lifecycle ─────────────────────────────

  onCreate(options: TableCreateOptions): void {
    this.patchRate = 100;
    this.autoDispose = false;
    this.maxClients = LIMITS.maxClients;
    this.maxMessagesPerSecond = 200; // a flood guard far above the per-client action limit
    this.state = new TableState();

    if (options && typeof options === "object" && "restore" in options && typeof options.restore === "string") {
      this.restore(options.restore);
    } else {
      const raw = options && typeof options === "object" && "create" in options ? options.create : options;
      this.createNew(raw);
    }
    this.metadata = { code: this.roomId };
    this.tableLog = this.ctx.log.child(this.roomId);

    this.onMessage("command", (client: Client, payload: unknown) => this.onCommandRequest(client, payload));
    this.onMessage("*", (client: Client, type: string | number) => {
      this.notice(client, "warning", `The server does not understand "${String(type).slice(0, 40)}" messages.`);
    });
    this.clock.setInterval(() => this.checkIdle(), 30_000);
    this.syncPresence();
  }

  private createNew(raw: unknown): void {
    const parsed = CreateTableOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success) throw new ServerError(400, zodMessage(parsed.error));
    const o = parsed.data;
    const botSeats = NATIONS.filter((n) => o.bots[n] !== undefined);
    if (botSeats.length >= NATIONS.length) throw new ServerError(400, "Leave at least one seat for a human player.");
    if (o.nation && o.bots[o.nation] !== undefined) {
      throw new ServerError(400, `You chose to play ${NATION_NAMES[o.nation]}, but ${NATION_NAMES[o.nation]} is also listed as a bot seat.`);
    }

    const { store } = this.ctx;
    let code = "";
    for (let attempt = 0; attempt < 100 && !code; attempt++) {
      const candidate = newTableCode();
      if (!store.hasTable(candidate) && !matchMaker.getLocalRoomById(candidate)) code = candidate;
    }
    if (!code) throw new ServerError(503, "Could not find a free table code; please try again.");

    const seed = o.seed ?? randomInt(0, 2 ** 31);
    const gameOptions = { rounds: o.rounds, deckOrder: o.deckOrder, stances: o.bots };
    let deck: readonly Card[];
    try {
      deck = this.ctx.deck();
    } catch (e) {
      this.ctx.log.error(`the deck could not be loaded: ${(e as Error).message}`);
      throw new ServerError(503, "The server's deck of event cards could not be loaded; tell your instructor.");
    }
    let created: GameState;
    try {
      created = newGame(seed, gameOptions, deck).state;
    } catch (e) {
      if (e instanceof SetupError) throw new ServerError(400, e.message);
      throw e;
    }

    this.roomId = code;
    this.table = { code, seed, settings: { timers: o.timers, botThinkMs: o.botThinkMs ?? null, botDifficulty: o.botDifficulty }, bots: o.bots };
    this.game = created;
    this.seq = 0;
    try {
      this.storeNewTable(code, seed, created, deck, o.bots);
    } catch (e) {
      this.ctx.log.error(`table ${code} could not be stored: ${(e as Error).message}`);
      throw new ServerError(503, "The server could not save a new table; please try again.");
    }
    this.ctx.log.info(`table ${code} created (${o.rounds} rounds, ${o.timers ? "timed" : "untimed"}, bots: ${botSeats.join(", ") || "none"})`);
  }

  private storeNewTable(code: string, seed: number | string, created: GameState, deck: readonly Card[], bots: Partial<Record<Nation, StanceId>>): void {
    const { store } = this.ctx;
    store.createTable({
      code,
      seed,
      options: created.options,
      settings: this.table.settings,
      deck,
      bots,
      rulesVersion: RULES_VERSION,
      createdAt: Date.now(),
      phase: created.phase,
      round: created.round,
    });
    this.seats = this.freshSeats();
    for (const nation of NATIONS) {
      const seat = this.seats[nation];
      if (seat.designBot) store.upsertSeat(code, { nation, name: seat.name, tokenHash: null, bot: true });
    }
  }

  private freshSeats(): Record<Nation, Seat> {
    const seats = {} as Record<Nation, Seat>;
    for (const nation of NATIONS) {
      const stance = this.table.bots[nation];
      seats[nation] = {
        nation,
        name: stance ? `${STANCE_NAMES[stance]} bot` : "",
        tokenHash: null,
        designBot: stance !== undefined,
        sessionId: null,
        connected: false,
        reconnection: null,
        takeover: false,
        windowTimer: null,
        botTimer: null,
        botRng: seedToRng(`${this.table.seed}:${nation}`),
        botPhase: "",
        botCount: 0,
        chat: new SlidingWindow(LIMITS.chatPerWindow, LIMITS.chatWindowMs),
        replies: new BoundedMap(LIMITS.rememberedActions),
      };
    }
    return seats;
  }

  /** Brings a stored, unfinished table back: replays its log through the engine. */
  private restore(code: string): void {
    const { store } = this.ctx;
    const t: StoredTable | null = store.getTable(code);
    if (!t) throw new ServerError(404, `There is no stored table ${code}.`);
    if (t.status !== "live") throw new ServerError(409, `Table ${code} is ${t.status}; only unfinished tables are restored.`);
    if (t.rulesVersion !== RULES_VERSION) {
      throw new ServerError(409, `Table ${code} was played under ${t.rulesVersion}; this build runs ${RULES_VERSION}.`);
    }
    const record = recordFromStore(store, code)!;
    const state = replay(record); // throws ReplayError if the log does not replay

    this.roomId = code;
    this.table = { code, seed: t.seed, settings: t.settings, bots: t.bots };
    this.game = state;
    this.seq = record.commands.length;
    this.seats = this.freshSeats();
    for (const stored of store.seats(code)) {
      const seat = this.seats[stored.nation];
      if (!seat) continue;
      seat.name = stored.name || seat.name;
      if (!seat.designBot) seat.tokenHash = stored.tokenHash;
    }
    // Retried actions after the restart still get their original answer.
    for (const { actionId, actor } of store.recentActionIds(code, LIMITS.rememberedActions * 4).reverse()) {
      if (actor.kind === "seat") this.seats[actor.nation]?.replies.set(actionId, { ok: true });
      else if (actor.kind === "instructor") this.instructorReplies.set(actionId, { ok: true });
    }
    // Humans get the usual window to come back before a bot takes their seat.
    for (const nation of NATIONS) {
      const seat = this.seats[nation];
      if (seat.designBot || seat.tokenHash === null) continue;
      seat.windowTimer = this.later(() => {
        seat.windowTimer = null;
        if (seat.sessionId === null) this.seatAbandoned(seat);
      }, this.ctx.config.reconnectSeconds * 1000);
    }

    this.ended = state.phase === "ended";
    this.started = t.startedAt !== null;
    if (this.started && !this.ended) {
      this.timerKey = phaseKey(state);
      this.deadline = this.table.settings.timers ? (t.deadline ?? Date.now() + this.phaseSeconds(state) * 1000) : null;
      this.armPhaseTimer();
      this.scheduleBots();
    }
    this.ctx.log.info(`table ${code} restored at command ${this.seq} (round ${state.round}, ${state.phase})`);
  }

  onJoin(client: Client, options: unknown): void {
    const plan = this.planJoin(options);
    const info: ClientInfo = {
      role: plan.role,
      nation: plan.role === "player" ? plan.nation : null,
      seatToken: null,
      actions: new SlidingWindow(LIMITS.actionsPerSecond, 1000),
    };
    if (plan.role === "player") {
      const seat = this.seats[plan.nation];
      if (plan.reclaim) {
        this.displace(seat, client.sessionId);
        info.seatToken = plan.token;
      } else {
        info.seatToken = newSeatToken();
        seat.tokenHash = hashToken(info.seatToken);
        seat.name = plan.name;
        this.ctx.store.upsertSeat(this.roomId, { nation: seat.nation, name: seat.name, tokenHash: seat.tokenHash, bot: false });
      }
      seat.sessionId = client.sessionId;
      seat.connected = true;
      if (seat.windowTimer) {
        this.cancel(seat.windowTimer);
        seat.windowTimer = null;
      }
      if (seat.takeover) {
        seat.takeover = false;
        this.cancel(seat.botTimer);
        seat.botTimer = null;
        this.broadcastNotice("info", `${NATION_NAMES[seat.nation]}'s player is back at the table.`, client);
      }
      this.log.info(`${seat.name} ${plan.reclaim ? "rejoined" : "took"} ${NATION_NAMES[seat.nation]}`);
    } else {
      this.log.info(`${plan.role} joined`);
    }
    client.userData = info;
    this.emptySince = 0;
    const seatMessage: SeatMessage = { code: this.roomId, role: info.role, nation: info.nation, seatToken: info.seatToken };
    client.send("seat", seatMessage);
    this.sendView(client, []);
    this.syncPresence();
    this.maybeStart();
  }

  /** A valid seat token arrived for a seat someone else holds: the newcomer takes it at once. */
  private displace(seat: Seat, newSessionId: string): void {
    const old = seat.sessionId;
    if (old === null || old === newSessionId) return;
    seat.sessionId = null;
    if (seat.reconnection) {
      const pending = seat.reconnection;
      seat.reconnection = null;
      pending.reject(new Error("the seat was reclaimed with its token"));
    }
    const oldClient = this.clients.get(old);
    if (oldClient) {
      this.notice(oldClient, "warning", "This seat was opened in another window; this one is now closed.");
      oldClient.leave(CloseCode.CONSENTED);
    }
  }

  async onDrop(client: Client, code?: number): Promise<void> {
    const info = client.userData as ClientInfo | undefined;
    if (!info) return; // never finished joining
    const seat = info.nation ? this.seats[info.nation] : null;
    const holds = seat !== null && seat.sessionId === client.sessionId;
    if (holds) {
      seat.connected = false;
      this.syncPresence();
      this.log.info(`${NATION_NAMES[seat.nation]} dropped (code ${code ?? "?"}); holding the seat for ${this.ctx.config.reconnectSeconds}s`);
    }
    const reconnection = this.allowReconnection(client, this.ctx.config.reconnectSeconds);
    if (holds) seat.reconnection = reconnection;
    try {
      await reconnection;
    } catch {
      /* window passed or seat reclaimed: onLeave follows */
    } finally {
      if (seat && seat.reconnection === reconnection) seat.reconnection = null;
    }
  }

  onReconnect(client: Client): void {
    const info = client.userData as ClientInfo | undefined;
    if (!info) return;
    if (info.nation) {
      const seat = this.seats[info.nation];
      if (seat.sessionId === client.sessionId) seat.connected = true;
    }
    client.send("seat", { code: this.roomId, role: info.role, nation: info.nation, seatToken: info.seatToken } satisfies SeatMessage);
    this.sendView(client, []);
    this.syncPresence();
  }

  onLeave(client: Client): void {
    const info = client.userData as ClientInfo | undefined;
    if (info?.nation) {
      const seat = this.seats[info.nation];
      if (seat.sessionId === client.sessionId) {
        seat.sessionId = null;
        seat.connected = false;
        seat.reconnection = null;
        this.seatAbandoned(seat);
        this.syncPresence();
      }
    }
    if (this.clients.length === 0) this.emptySince = Date.now();
  }

  onDispose(): void {
    this.cancelAllLater();
    this.log.info(`table closed in this process (${this.ended ? "game over" : "unfinished, kept in storage"})`);
  }

  /**
   * A human left (or their reconnection window passed). Before the game starts the seat is
   * simply free again; once it runs, a bot plays the seat until its human returns.
   */
  private seatAbandoned(seat: Seat): void {
    if (this.ended || seat.designBot) return;
    if (!this.started) {
      this.log.info(`${NATION_NAMES[seat.nation]} is free again (${seat.name || "its player"} left before the start)`);
      seat.tokenHash = null;
      seat.name = "";
      this.ctx.store.upsertSeat(this.roomId, { nation: seat.nation, name: "", tokenHash: null, bot: false });
      this.syncPresence();
      return;
    }
    this.startTakeover(seat);
  }

  /** A human is gone for good (for now): a bot of the seat's current stance plays until they return. */
  private startTakeover(seat: Seat): void {
    if (seat.designBot || seat.takeover) return;
    seat.takeover = true;
    this.log.info(`a bot takes ${NATION_NAMES[seat.nation]} until its player returns`);
    this.broadcastNotice("info", `A bot is playing ${NATION_NAMES[seat.nation]} until its player comes back.`);
    this.syncPresence();
    this.maybeStart();
    this.scheduleBots();
  }

  private checkIdle(): void {
    if (this.started || this.ended || this.clients.length > 0 || this.emptySince === 0) return;
    if (Date.now() - this.emptySince < LIMITS.abandonUnstartedAfterMs) return;
    this.log.info("closing: nobody came back to this unstarted table");
    this.ctx.store.setStatus(this.roomId, "abandoned", Date.now());
    void this.disconnect();
  }

  // ───────────────────────────── joining ─────────────────────────────

  private occupied(seat: Seat): boolean {
    return seat.designBot || seat.tokenHash !== null;
  }

  private botActive(seat: Seat): boolean {
    return seat.designBot || seat.takeover;
  }

  /**
   * What a join request gets, or a ServerError (HTTP 4xx) the joiner can read. Changes
   * nothing; the matchmaking guard calls it before a seat is reserved, onJoin again.
   */
  planJoin(raw: unknown): JoinPlan {
    const parsed = JoinTableOptionsSchema.safeParse(raw ?? {});
    if (!parsed.success) throw new ServerError(400, zodMessage(parsed.error));
    const o = parsed.data;
    const code = this.roomId;
    if (o.instructorKey !== undefined) {
      if (!sameSecret(o.instructorKey, this.ctx.config.instructorKey)) throw new ServerError(403, "That instructor key is not right.");
      return { role: "instructor" };
    }
    if (o.seatToken !== undefined) {
      const hash = hashToken(o.seatToken);
      const seat = NATIONS.map((n) => this.seats[n]).find((s) => !s.designBot && s.tokenHash === hash);
      if (!seat) throw new ServerError(403, `That seat token does not belong to a seat at table ${code}. Join with your name instead.`);
      return { role: "player", nation: seat.nation, reclaim: true, token: o.seatToken };
    }
    if (o.spectate) return { role: "spectator" };
    if (this.ended) throw new ServerError(409, `The game at table ${code} is over.`);
    if (o.name === undefined) throw new ServerError(400, "Please type a name.");
    if (o.nation !== undefined) {
      const seat = this.seats[o.nation];
      if (seat.designBot) throw new ServerError(409, `${NATION_NAMES[o.nation]} is played by a bot at this table.`);
      if (this.occupied(seat)) throw new ServerError(409, `${NATION_NAMES[o.nation]} is taken.`);
      return { role: "player", nation: o.nation, name: o.name, reclaim: false };
    }
    const free = NATIONS.find((n) => !this.occupied(this.seats[n]));
    if (!free) throw new ServerError(409, `Table ${code} is full.`);
    return { role: "player", nation: free, name: o.name, reclaim: false };
  }

  private maybeStart(): void {
    if (this.started || this.ended) return;
    if (!NATIONS.every((n) => this.occupied(this.seats[n]))) return;
    this.started = true;
    const now = Date.now();
    this.timerKey = phaseKey(this.game);
    this.deadline = this.table.settings.timers ? now + this.phaseSeconds(this.game) * 1000 : null;
    this.ctx.store.setStarted(this.roomId, now, this.deadline);
    this.armPhaseTimer();
    this.log.info("every seat is filled: the game begins");
    this.broadcastNotice("info", "Every seat is filled: the game begins.");
    this.syncPresence();
    this.scheduleBots();
  }

  // ───────────────────────────── commands ─────────────────────────────

  private onCommandRequest(client: Client, payload: unknown): CommandReply {
    try {
      return this.handleCommand(client, payload);
    } catch (e) {
      this.guard("onMessage", () => {
        throw e;
      });
      return reject("SERVER_ERROR", "Something went wrong at this table; your action was not applied.");
    }
  }

  private handleCommand(client: Client, payload: unknown): CommandReply {
    const info = client.userData as ClientInfo | undefined;
    if (!info) return reject("NOT_SEATED", "You have not joined this table.");
    const now = Date.now();
    if (!info.actions.take(now)) {
      return reject("RATE_LIMITED", `Slow down: at most ${LIMITS.actionsPerSecond} actions a second.`);
    }
    const parsed = CommandRequestSchema.safeParse(payload);
    if (!parsed.success) return reject("INVALID_MESSAGE", `That action is not valid: ${zodMessage(parsed.error)}`);
    const { actionId, command } = parsed.data;

    let actor: Actor;
    let replies: BoundedMap<string, CommandReply>;
    if (info.role === "instructor") {
      actor = { kind: "instructor" };
      replies = this.instructorReplies;
    } else if (info.role === "player" && info.nation) {
      const seat = this.seats[info.nation];
      if (seat.sessionId !== client.sessionId) return reject("NOT_SEATED", "This window no longer holds your seat.");
      actor = seatActor(info.nation);
      replies = seat.replies;
    } else {
      return reject("NOT_SEATED", "Spectators cannot act; join with a seat to play.");
    }

    const earlier = replies.get(actionId);
    if (earlier) return earlier;

    if (command.type === "say" && actor.kind === "seat" && !this.seats[actor.nation].chat.take(now)) {
      return reject("RATE_LIMITED", `Slow down: at most ${LIMITS.chatPerWindow} messages every ${LIMITS.chatWindowMs / 1000} seconds.`);
    }
    if (!this.started && command.type !== "say" && !this.ended) {
      return reject("NOT_STARTED", "The game starts when every seat is filled.");
    }
    const reply = this.execute(actor, command, actionId);
    if (reply.ok || reply.code !== "SERVER_ERROR") replies.set(actionId, reply);
    return reply;
  }

  /**
   * The only way the game moves: ask the engine, write the accepted command to SQLite
   * (synchronously, before anyone hears of it), then update presence, views, timers and bots.
   */
  private execute(actor: Actor, command: Command, actionId: string | null): CommandReply {
    const at = Date.now();
    const result = applyCommand(this.game, { actor, at, command });
    if (!result.ok) return reject(result.error.code, result.error.message);

    const next = result.state;
    const seq = this.seq + 1;
    const ended = next.phase === "ended";
    const key = phaseKey(next);
    let deadline = this.deadline;
    if (!this.started || ended || !this.table.settings.timers) deadline = null;
    else if (key !== this.timerKey) deadline = at + this.phaseSeconds(next) * 1000;

    try {
      this.ctx.store.commit(
        this.roomId,
        { seq, actor, at, command, actionId },
        { phaseChanged: key !== this.timerKey || deadline !== this.deadline, phase: next.phase, round: next.round, deadline, ended },
      );
    } catch (e) {
      this.log.error(`could not store command ${seq}; it was not applied: ${(e as Error).message}`);
      return reject("SERVER_ERROR", "The server could not save that action; please try again.");
    }

    this.game = next;
    this.seq = seq;
    if (key !== this.timerKey || deadline !== this.deadline) {
      this.timerKey = key;
      this.deadline = deadline;
      this.armPhaseTimer();
    }
    if (ended) this.onGameEnded();
    this.syncPresence();
    this.broadcastViews(result.events);
    this.scheduleBots();
    return { ok: true };
  }

  private onGameEnded(): void {
    this.ended = true;
    this.deadline = null;
    this.phaseTimer?.clear();
    this.phaseTimer = null;
    for (const nation of NATIONS) {
      const seat = this.seats[nation];
      this.cancel(seat.botTimer);
      seat.botTimer = null;
      this.cancel(seat.windowTimer);
      seat.windowTimer = null;
    }
    this.log.info(`game over after ${this.seq} commands (${this.game.ended?.reason ?? "ended"})`);
    // The room goes away once its last client leaves; the record stays in SQLite.
    this.autoDispose = true;
  }

  // ───────────────────────────── timers ─────────────────────────────

  private phaseSeconds(s: Pick<GameState, "phase">): number {
    const timers = this.table.settings.timers;
    if (!timers || s.phase === "ended") return 0;
    return timers[s.phase];
  }

  private armPhaseTimer(): void {
    this.phaseTimer?.clear();
    this.phaseTimer = null;
    if (this.deadline === null || this.ended) return;
    const { round, phase } = this.game;
    this.phaseTimer = this.clock.setTimeout(() => {
      this.phaseTimer = null;
      // The room clock ticks with the patches, so it may run a little ahead of the wall clock:
      // never call a deadline early.
      if (this.deadline !== null && this.deadline > Date.now()) return this.armPhaseTimer();
      const reply = this.execute(SYSTEM, { type: "phaseTimeout", round, phase }, null);
      if (!reply.ok && reply.code !== "STALE_TIMEOUT" && reply.code !== "GAME_OVER") {
        this.log.warn(`phase timeout refused: ${reply.code} ${reply.message}`);
      }
    }, Math.max(0, this.deadline - Date.now()));
  }

  // ───────────────────────────── bots ─────────────────────────────

  /** Gives every bot-played seat a turn after its think time (one pending turn per seat). */
  private scheduleBots(): void {
    if (!this.started || this.ended) return;
    for (const nation of NATIONS) {
      const seat = this.seats[nation];
      if (!this.botActive(seat) || seat.botTimer) continue;
      seat.botTimer = this.later(() => {
        seat.botTimer = null;
        this.botTurn(seat);
      }, this.thinkMs);
    }
  }

  private botTurn(seat: Seat): void {
    if (!this.botActive(seat) || this.ended || !this.started) return;
    const nation = seat.nation;
    const key = phaseKey(this.game);
    if (seat.botPhase !== key) {
      seat.botPhase = key;
      seat.botCount = 0;
    }
    const view = viewFor(this.game, { kind: "seat", nation });
    let command: Command | null = null;
    if (seat.botCount < LIMITS.botCommandsPerPhase) {
      try {
        const choice = botPolicy(this.game.stances[nation], this.table.settings.botDifficulty ?? "normal")(view, nation, seat.botRng);
        seat.botRng = choice.rng;
        command = choice.command;
      } catch (e) {
        this.log.error(`the ${NATION_NAMES[nation]} bot failed (it will finish the phase instead): ${(e as Error).stack ?? e}`);
        seat.botCount = LIMITS.botCommandsPerPhase;
      }
    }
    if (seat.botCount >= LIMITS.botCommandsPerPhase) command = finishingCommand(view, nation);
    if (!command) return;
    seat.botCount += 1;
    const reply = this.execute(seatActor(nation), command, null);
    if (!reply.ok) {
      this.log.debug(`the ${NATION_NAMES[nation]} bot's ${command.type} was refused: ${reply.code}`);
      // Try again (bounded: after the cap only the finishing command is tried, once more).
      if (seat.botCount <= LIMITS.botCommandsPerPhase && !seat.botTimer) {
        seat.botTimer = this.later(() => {
          seat.botTimer = null;
          this.botTurn(seat);
        }, this.thinkMs);
      }
    }
  }

  // ───────────────────────────── what clients see ─────────────────────────────

  private viewerOf(info: ClientInfo): Viewer {
    if (info.role === "instructor") return { kind: "instructor" };
    if (info.role === "player" && info.nation) return { kind: "seat", nation: info.nation };
    return { kind: "spectator" };
  }

  private viewMessage(viewer: Viewer, events: readonly GameEvent[]): ViewMessage {
    const view = viewFor(this.game, viewer);
    return { view, events: eventsFor(events, viewer, this.game), seq: this.seq, hash: viewHash(view) };
  }

  private sendView(client: Client, events: readonly GameEvent[]): void {
    const info = client.userData as ClientInfo | undefined;
    if (!info) return;
    client.send("view", this.viewMessage(this.viewerOf(info), events));
  }

  /**
   * Each client gets its own viewer's view. A view is built and encoded once per distinct
   * viewer (observers and spectators share theirs), exactly as client.send("view", …) would.
   */
  private broadcastViews(events: readonly GameEvent[]): void {
    const encoded = new Map<string, Buffer>();
    for (const client of this.clients) {
      const info = client.userData as ClientInfo | undefined;
      if (!info) continue;
      const viewer = this.viewerOf(info);
      const key = viewer.kind === "seat" ? viewer.nation : viewer.kind;
      let bytes = encoded.get(key);
      if (!bytes) {
        bytes = getMessageBytes.raw(Protocol.ROOM_DATA, "view", this.viewMessage(viewer, events));
        encoded.set(key, bytes);
      }
      client.enqueueRaw(bytes);
    }
  }

  private notice(client: Client, level: NoticeMessage["level"], text: string): void {
    client.send("notice", { level, text } satisfies NoticeMessage);
  }

  private broadcastNotice(level: NoticeMessage["level"], text: string, except?: Client): void {
    this.broadcast("notice", { level, text } satisfies NoticeMessage, except ? { except } : undefined);
  }

  private syncPresence(): void {
    const st = this.state;
    st.code = this.roomId;
    st.phase = this.game.phase;
    st.round = this.game.round;
    st.rounds = this.game.options.rounds;
    st.deadline = this.deadline ?? 0;
    st.started = this.started;
    for (const nation of NATIONS) {
      const seat = this.seats[nation];
      let p = st.seats.get(nation);
      if (!p) {
        p = new SeatPresence();
        p.nation = nation;
        st.seats.set(nation, p);
      }
      p.name = seat.name;
      p.occupied = this.occupied(seat);
      p.connected = seat.connected;
      p.bot = this.botActive(seat);
      p.stance = this.game.stances[nation];
    }
  }

  /** The public summary for the join screen. */
  summary(): TableSummary {
    return {
      code: this.roomId,
      phase: this.game.phase,
      round: this.game.round,
      rounds: this.game.options.rounds,
      ended: this.ended,
      seats: NATIONS.map((nation) => {
        const seat = this.seats[nation];
        return {
          nation,
          name: seat.name,
          occupied: this.occupied(seat),
          connected: seat.connected,
          bot: this.botActive(seat),
          stance: this.game.stances[nation],
        };
      }),
    };
  }

  /** Seat tokens may fetch the record once the game is over. */
  holdsSeatToken(token: string): boolean {
    const hash = hashToken(token);
    return NATIONS.some((n) => this.seats[n].tokenHash === hash);
  }

  /** For tests and monitoring: the engine state (never sent to a client as is). */
  get gameState(): GameState {
    return this.game;
  }

  get commandCount(): number {
    return this.seq;
  }
}
