import { CloseCode, type Client } from "@colyseus/core";
import { RESYNC_REQUEST, type CommandReply, type NoticeMessage, type TableSummary, type ViewMessage } from "../../shared/protocol/messages.ts";
import type { Actor, Command } from "../../shared/rules/commands.ts";
import type { GameState } from "../../shared/rules/state.ts";
import { NATION_NAMES, type Nation } from "../../shared/rules/vocabulary.ts";
import type { TableControl } from "../../shared/protocol/class-messages.ts";
import { broadcastTableMessage, sendTableMessage } from "./send.ts";
import type { Logger } from "../log.ts";
import type { TableContext } from "./context.ts";
import { LIMITS } from "./limits.ts";
import { SafeRoom } from "./SafeRoom.ts";
import { TableState } from "./state.ts";
import { BotDriver } from "./table/bot-driver.ts";
import { classAfterCommand, classCall, classDeck, classOptionsOf, holdStudentSeats } from "./table/class-entries.ts";
import { control } from "./table/controls.ts";
import { inOneWrite, socketOf } from "./table/one-write.ts";
import { Broadcaster } from "./table/broadcaster.ts";
import { CommandPath, reject, type Accepted } from "./table/command-path.ts";
import { PhaseClock, type ClockAnswer } from "./table/phase-clock.ts";
import { liveSummary, writePresence, type PresenceFacts } from "./table/presence.ts";
import { countSpectators, handleCommandRequest, handleResync, newClientInfo, viewerOf, type ClientInfo } from "./table/requests.ts";
import { SeatBook, type JoinPlan, type Seat } from "./table/seats.ts";
import { createTable, restoreTable, type TableSetup } from "./table/setup.ts";

export { recordFromStore, summaryFromStore } from "./table/records.ts";

/** Options of matchMaker.createRoom("table", …): a new table, or a stored one to bring back. */
export type TableCreateOptions = { restore: string } | { create: unknown } | Record<string, unknown>;

/**
 * One game table: translates Colyseus hooks into calls on its parts (server/rooms/table/):
 * seats and tokens, the command path, the phase clock, the bots, the broadcaster. Every move
 * of the game goes through `this.path` (see `runCommand`).
 */
export class TableRoom extends SafeRoom<{ state: TableState; metadata: { code: string } }> {
  /** Set by createServer for its own subclass. */
  static context: TableContext | null = null;

  private ctxCache: TableContext | null = null;
  private tableLog: Logger | null = null;
  private started = false;
  private ended = false;
  private emptySince = Date.now();
  seats!: SeatBook;
  path!: CommandPath;
  phaseClock!: PhaseClock;
  bots!: BotDriver;
  views!: Broadcaster;

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

  // ───────────────────────────── lifecycle ─────────────────────────────

  async onCreate(options: TableCreateOptions): Promise<void> {
    this.patchRate = 200; // presence and the room clock 5× a second: half the timer work of 100 ms over 1,000 rooms
    this.autoDispose = false;
    this.maxClients = LIMITS.maxClients;
    this.maxMessagesPerSecond = 200; // a flood guard far above the per-client action limit
    this.state = new TableState();
    const restoring = options && typeof options === "object" && "restore" in options && typeof options.restore === "string";
    const cls = classOptionsOf(options);
    const setup = restoring
      ? await restoreTable(this.ctx, (options as { restore: string }).restore)
      : await createTable(classDeck(this.ctx, cls), options && typeof options === "object" && "create" in options ? options.create : options);
    this.roomId = setup.code;
    this.metadata = { code: setup.code };
    this.tableLog = this.ctx.log.child(setup.code);
    this.assemble(setup);
    if (restoring) this.resumeRestored(setup);
    else if (cls) await holdStudentSeats(this, cls, this.ctx.config.reconnectSeconds);

    this.onMessage("command", (client: Client, payload: unknown) => this.onCommandRequest(client, payload));
    this.onMessage(RESYNC_REQUEST, (client: Client) => this.resync(client));
    this.onMessage("*", (client: Client, type: string | number) => {
      this.views.notice(client, "warning", `The server does not understand "${String(type).slice(0, 40)}" messages.`);
    });
    this.clock.setInterval(() => this.checkIdle(), 30_000);
    this.syncPresence();
  }

  private assemble(setup: TableSetup): void {
    const { config, store } = this.ctx;
    this.seats = new SeatBook(setup.bots);
    for (const stored of setup.seats) {
      const seat = this.seats.get(stored.nation);
      seat.name = stored.name || seat.name;
      if (seat.designBot && !stored.bot && stored.tokenHash !== null) seat.designBot = false; // a class's late joiner took the bot's seat
      if (!seat.designBot) seat.tokenHash = stored.tokenHash;
    }
    this.phaseClock = new PhaseClock({
      timers: setup.settings.timers,
      schedule: (fn, ms) => this.clock.setTimeout(fn, ms),
      onExpire: (round, phase) =>
        void this.path.execute({ kind: "system" }, { type: "phaseTimeout", round, phase }).then((reply) => {
          if (!reply.ok && reply.code !== "STALE_TIMEOUT" && reply.code !== "GAME_OVER") this.log.warn(`phase timeout refused: ${reply.code} ${reply.message}`);
        }),
      persist: (snapshot) => this.stored("the phase clock", store.setClock(this.roomId, snapshot)),
    });
    this.path = new CommandPath({ code: setup.code, game: setup.game, seq: setup.seq, store, clock: this.phaseClock, log: this.log, onAccepted: (a) => this.accepted(a) });
    for (const { actionId, actor } of setup.actionIds) if (actor.kind !== "system") this.path.remember(actor, actionId);
    this.bots = new BotDriver({
      seed: setup.seed,
      thinkMs: setup.settings.botThinkMs ?? config.botThinkMs,
      difficulty: setup.settings.botDifficulty ?? "normal",
      log: this.log,
      game: () => this.path.state,
      running: () => this.started && !this.ended && !this.phaseClock.paused,
      plays: (nation) => this.seats.botActive(this.seats.get(nation)),
      execute: (actor, command) => this.path.execute(actor, command),
      later: (fn, ms) => this.later(fn, ms),
      cancel: (h) => this.cancel(h),
    });
    this.views = new Broadcaster({ deltas: config.viewDeltas });
  }

  private resumeRestored(setup: TableSetup): void {
    // Humans get the usual window to come back before a bot takes their seat.
    for (const seat of this.seats.claimedHumanSeats()) {
      seat.windowTimer = this.later(() => {
        seat.windowTimer = null;
        if (seat.sessionId === null) this.seatAbandoned(seat);
      }, this.ctx.config.reconnectSeconds * 1000);
    }
    const game = this.path.state;
    this.ended = game.phase === "ended";
    this.started = setup.started;
    if (this.started && !this.ended) {
      this.phaseClock.restore(game, setup.clock ?? { deadline: null, paused: false, remainingMs: null });
      this.bots.schedule();
    }
    this.log.info(`restored at command ${this.path.seq} (round ${game.round}, ${game.phase}${this.phaseClock.paused ? ", paused" : ""})`);
  }

  async onJoin(client: Client, options: unknown): Promise<void> {
    const plan = this.planJoin(options, false);
    const info = newClientInfo(plan.role, plan.role === "player" ? plan.nation : null);
    if (plan.role === "player") {
      const seat = this.seats.get(plan.nation);
      if (plan.reclaim) {
        this.displace(seat, client.sessionId);
        info.seatToken = plan.token;
      } else {
        info.seatToken = this.seats.claim(seat, plan.name);
        await this.ctx.store.upsertSeat(this.roomId, { nation: seat.nation, name: seat.name, tokenHash: seat.tokenHash, bot: false }); // before its holder hears of the token
      }
      seat.sessionId = client.sessionId;
      seat.connected = true;
      this.cancel(seat.windowTimer);
      seat.windowTimer = null;
      if (seat.takeover) {
        seat.takeover = false;
        this.bots.cancel(seat.nation);
        this.broadcastNotice("info", `${NATION_NAMES[seat.nation]}'s player is back at the table.`, client);
      }
      this.log.info(`${seat.name} ${plan.reclaim ? "rejoined" : "took"} ${NATION_NAMES[seat.nation]}`);
    } else {
      this.log.info(`${plan.role} joined`);
    }
    client.userData = info;
    this.emptySince = 0;
    this.welcome(client, info);
    this.syncPresence();
    this.maybeStart();
  }

  /** `seat` and a full view: on join and on reconnection. */
  private welcome(client: Client, info: ClientInfo): void {
    sendTableMessage(client, "seat", { code: this.roomId, role: info.role, nation: info.nation, seatToken: info.seatToken });
    this.views.sendFull(client, this.path.state, this.path.seq, viewerOf(info));
  }

  /** A client's view went out of step (a gap, a failed patch, a hash mismatch): the full view again. */
  private resync(client: Client): ViewMessage | CommandReply {
    return handleResync(client.userData as ClientInfo | undefined, (info) => {
      this.views.sendFull(client, this.path.state, this.path.seq, viewerOf(info));
      return this.views.fullMessage(this.path.state, this.path.seq, viewerOf(info));
    });
  }

  /** A valid seat token arrived for a seat someone else holds: the newcomer takes it at once. */
  private displace(seat: Seat, newSessionId: string): void {
    const old = this.seats.release(seat, newSessionId);
    const oldClient = old === null ? undefined : this.clients.get(old);
    if (!oldClient) return;
    this.views.notice(oldClient, "warning", "This seat was opened in another window; this one is now closed.");
    oldClient.leave(CloseCode.CONSENTED);
  }

  async onDrop(client: Client, code?: number): Promise<void> {
    const info = client.userData as ClientInfo | undefined;
    if (!info) return; // never finished joining
    const seat = info.nation ? this.seats.get(info.nation) : null;
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
      const seat = this.seats.get(info.nation);
      if (seat.sessionId === client.sessionId) seat.connected = true;
    }
    this.welcome(client, info);
    this.syncPresence();
  }

  onLeave(client: Client): void {
    const info = client.userData as ClientInfo | undefined;
    if (info?.nation) {
      const seat = this.seats.get(info.nation);
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
    this.phaseClock?.stop(); // unset when onCreate refused the table
    this.cancelAllLater();
    this.log.info(`table closed in this process (${this.ended ? "game over" : "unfinished, kept in storage"})`);
  }

  /**
   * A human left (or their reconnection window passed). Before the game starts the seat is
   * simply free again; once it runs, a bot plays the seat until its human returns.
   */
  seatAbandoned(seat: Seat): void {
    if (this.ended || seat.designBot) return;
    if (!this.started) {
      this.log.info(`${NATION_NAMES[seat.nation]} is free again (${seat.name || "its player"} left before the start)`);
      this.seats.free(seat);
      this.stored("a freed seat", this.ctx.store.upsertSeat(this.roomId, { nation: seat.nation, name: "", tokenHash: null, bot: false }));
      this.syncPresence();
      return;
    }
    if (seat.takeover) return;
    seat.takeover = true;
    this.log.info(`a bot takes ${NATION_NAMES[seat.nation]} until its player returns`);
    this.broadcastNotice("info", `A bot is playing ${NATION_NAMES[seat.nation]} until its player comes back.`);
    this.syncPresence();
    this.bots.schedule();
  }

  private checkIdle(): void {
    if (this.started || this.ended || this.clients.length > 0 || this.emptySince === 0) return;
    if (Date.now() - this.emptySince < LIMITS.abandonUnstartedAfterMs) return;
    this.log.info("closing: nobody came back to this unstarted table");
    this.stored("the table's status", this.ctx.store.setStatus(this.roomId, "abandoned", Date.now()));
    void this.disconnect();
  }

  /** Spectators may join (a class may close its tables to them); the cap is SPECTATORS_PER_TABLE. */
  allowSpectators = true;

  /**
   * What a join request gets, or a readable 4xx ServerError; changes nothing. The matchmaking
   * guard calls it before a seat is reserved (with the spectator cap: connected spectators plus
   * pending reservations), onJoin again without it. Players and instructors are never capped.
   */
  planJoin(raw: unknown, reserving = true): JoinPlan {
    const spectators = reserving
      ? { allowed: this.allowSpectators, cap: this.ctx.config.limits.spectatorsPerTable, count: () => countSpectators(this.clients, this) }
      : undefined;
    return this.seats.planJoin(raw, { code: this.roomId, ended: this.ended, instructorKey: this.ctx.config.instructorKey, spectators });
  }

  maybeStart(): void {
    if (this.started || this.ended || !this.seats.full()) return;
    this.started = true;
    this.stored("the start", this.ctx.store.setStarted(this.roomId, Date.now()));
    this.phaseClock.start(this.path.state);
    this.log.info("every seat is filled: the game begins");
    this.broadcastNotice("info", "Every seat is filled: the game begins.");
    this.syncPresence();
    this.bots.schedule();
  }

  // ───────────────────────────── commands ─────────────────────────────

  private async onCommandRequest(client: Client, payload: unknown): Promise<CommandReply> {
    try {
      const o = { path: this.path, seats: this.seats, started: () => this.started, ended: () => this.ended };
      return await inOneWrite(socketOf(client), () => handleCommandRequest(o, client.userData as ClientInfo | undefined, client.sessionId, payload)); // delta and reply in one write
    } catch (e) {
      this.guard("onMessage", () => { throw e; });
      return reject("SERVER_ERROR", "Something went wrong at this table; your action was not applied.");
    }
  }

  /** After every accepted (and stored) command: game over, presence, views, bots. */
  private accepted(a: Accepted): void {
    if (a.state.phase === "ended" && !this.ended) {
      this.ended = true;
      this.bots.cancelAll();
      for (const seat of this.seats.all()) {
        this.cancel(seat.windowTimer);
        seat.windowTimer = null;
      }
      this.log.info(`game over after ${a.seq} commands (${a.state.ended?.reason ?? "ended"})`);
      this.autoDispose = true; // the room goes away once its last client leaves; the record stays in SQLite
    }
    classAfterCommand(this, a);
    this.syncPresence();
    const clients = this.clients as Iterable<Client>;
    this.views.broadcast(clients, (c) => (c.userData ? viewerOf(c.userData as ClientInfo) : null), a.state, a.seq, a.events, a.phaseChanged);
    this.bots.schedule();
  }

  // ───────────────────────────── for other modules ─────────────────────────────

  /** Runs an engine command as `actor` (e.g. the instructor or the system) through the command path. */
  runCommand(actor: Actor, command: Command): Promise<CommandReply> {
    return this.path.execute(actor, command);
  }

  /** Phase clock controls; presence and bots follow. */
  pauseClock = (): ClockAnswer => this.afterClock(this.phaseClock.pause());
  resumeClock = (): ClockAnswer => this.afterClock(this.phaseClock.resume());
  extendClock = (ms: number): ClockAnswer => this.afterClock(this.phaseClock.extend(ms));

  /** Class tables (server/rooms/table/class-entries.ts, controls.ts), reached by matchMaker.remoteRoomCall. */
  control = (c: TableControl): Promise<CommandReply> => control(this, c);
  classCall = (op: Parameters<typeof classCall>[1], args: unknown[]): unknown => classCall(this, op, args);
  after = (fn: () => void, ms: number): NodeJS.Timeout => this.later(fn, ms);
  storeSeat = (n: Nation): Promise<void> => this.ctx.store.upsertSeat(this.roomId, { nation: n, name: this.seats.get(n).name, tokenHash: this.seats.get(n).tokenHash, bot: this.seats.get(n).designBot });

  /** A write nobody waits for (the store keeps a table's writes in order); a failure is logged. */
  private stored = (what: string, write: Promise<void>): void => void write.catch((e: unknown) => this.log.error(`could not store ${what}: ${(e as Error).message}`));

  private afterClock(answer: ClockAnswer): ClockAnswer {
    if (answer.ok) {
      this.syncPresence();
      this.bots.schedule();
    }
    return answer;
  }

  /** A notice every connection of this table reads. */
  broadcastNotice(level: NoticeMessage["level"], text: string, except?: Client): void {
    broadcastTableMessage(this, "notice", { level, text } satisfies NoticeMessage, except ? { except } : undefined);
  }

  private facts(): PresenceFacts {
    const game = this.path.state;
    return { code: this.roomId, game, seats: this.seats, started: this.started, ended: this.ended, deadline: this.phaseClock.deadline, paused: this.phaseClock.paused };
  }

  syncPresence(): void {
    writePresence(this.state, this.facts());
  }

  /** The public summary for the join screen. */
  summary(): TableSummary {
    return liveSummary(this.facts());
  }

  /** Seat tokens may fetch the record once the game is over. */
  holdsSeatToken(token: string): boolean {
    return this.seats.holdsToken(token);
  }

  /** For tests and monitoring: the engine state (never sent to a client as is) and its command count. */
  get gameState(): GameState {
    return this.path.state;
  }
  get commandCount(): number {
    return this.path.seq;
  }
}
