import type { CommandReply } from "../../../shared/protocol/messages.ts";
import type { ReplyCode } from "../../../shared/protocol/reply-codes.ts";
import { applyCommand } from "../../../shared/rules/apply.ts";
import type { Actor, Command } from "../../../shared/rules/commands.ts";
import type { GameEvent } from "../../../shared/rules/events.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import { NATIONS } from "../../../shared/rules/vocabulary.ts";
import type { Logger } from "../../log.ts";
import type { CommitEntry, CommitEffects } from "../../storage/store.ts";
import { BoundedMap, LIMITS } from "../limits.ts";
import type { ClockPlan, PhaseClock } from "./phase-clock.ts";

export const reject = (code: ReplyCode, message: string): CommandReply => ({ ok: false, code, message });

/** A command that the engine accepted and the store holds. */
export interface Accepted {
  seq: number;
  actor: Actor;
  command: Command;
  events: GameEvent[];
  state: GameState;
  /** The phase (or round) changed with this command. */
  phaseChanged: boolean;
}

export interface CommandPathOptions {
  code: string;
  game: GameState;
  seq: number;
  store: { commit(code: string, entry: CommitEntry, effects: CommitEffects): Promise<void> };
  clock: Pick<PhaseClock, "plan" | "apply">;
  log: Logger;
  /** Runs after the command is durable: presence, views, bots. */
  onAccepted: (accepted: Accepted) => void;
  now?: () => number;
}

/** Who remembers replies for an actor's action ids: one map per seat, one for the instructor. */
const replyKey = (actor: Actor): string => (actor.kind === "seat" ? actor.nation : actor.kind);

/**
 * The only way a game moves: idempotency (a retried action id gets its first reply) → the
 * engine (`applyCommand`) → the durable commit (awaited: nobody hears of a command before the
 * store holds it) → `onAccepted` (broadcast, presence, bots). A refusal changes nothing; a
 * failed write leaves the game as it was and answers SERVER_ERROR.
 *
 * Commands take turns: one that arrives while a commit is pending runs once that command is
 * done, on the state it left, so a table's commands are committed and broadcast in order.
 * (With SQLite the commit is already settled when it returns: a turn costs a resolved promise.)
 */
export class CommandPath {
  private readonly o: CommandPathOptions;
  private readonly now: () => number;
  private game: GameState;
  private count: number;
  private replies = new Map<string, BoundedMap<string, CommandReply>>();
  /** The last command's turn: the next one starts when it settles. */
  private turn: Promise<CommandReply> = Promise.resolve({ ok: true });

  constructor(o: CommandPathOptions) {
    this.o = o;
    this.now = o.now ?? Date.now;
    this.game = o.game;
    this.count = o.seq;
  }

  get state(): GameState {
    return this.game;
  }

  /** Number of accepted commands so far (the seq of the last one). */
  get seq(): number {
    return this.count;
  }

  private repliesOf(actor: Actor): BoundedMap<string, CommandReply> {
    const key = replyKey(actor);
    let map = this.replies.get(key);
    if (!map) this.replies.set(key, (map = new BoundedMap(LIMITS.rememberedActions)));
    return map;
  }

  /** After a restart: an action id that is already in the log gets `{ ok: true }` again. */
  remember(actor: Actor, actionId: string, reply: CommandReply = { ok: true }): void {
    this.repliesOf(actor).set(actionId, reply);
  }

  /**
   * A client's action: the remembered reply for a retried `actionId`; else `gate()` (request
   * checks that come after idempotency, e.g. the chat limit) and `execute`. Replies other than
   * SERVER_ERROR are remembered, so a retry never applies a command twice.
   */
  submit(actor: Actor, command: Command, actionId: string, gate?: () => CommandReply | null): Promise<CommandReply> {
    return this.inTurn(() => this.submitNow(actor, command, actionId, gate));
  }

  /** Runs one command as `actor` (a seat, a bot's seat, `instructor` or `system`), after any pending one. */
  execute(actor: Actor, command: Command, actionId: string | null = null): Promise<CommandReply> {
    return this.inTurn(() => this.executeNow(actor, command, actionId));
  }

  private inTurn(work: () => Promise<CommandReply>): Promise<CommandReply> {
    const run = this.turn.then(work, work);
    this.turn = run;
    return run;
  }

  private async submitNow(actor: Actor, command: Command, actionId: string, gate?: () => CommandReply | null): Promise<CommandReply> {
    const replies = this.repliesOf(actor);
    const earlier = replies.get(actionId);
    if (earlier) return earlier;
    const refused = gate?.();
    if (refused) return refused;
    const reply = await this.executeNow(actor, command, actionId);
    if (reply.ok || reply.code !== "SERVER_ERROR") replies.set(actionId, reply);
    return reply;
  }

  private async executeNow(actor: Actor, command: Command, actionId: string | null): Promise<CommandReply> {
    const at = this.now();
    const result = applyCommand(this.game, { actor, at, command });
    if (!result.ok) return reject(result.error.code, result.error.message);

    const next = result.state;
    const seq = this.count + 1;
    const ended = next.phase === "ended";
    const plan: ClockPlan = this.o.clock.plan(next, at);
    const stancesChanged = NATIONS.some((n) => next.stances[n] !== this.game.stances[n]);
    try {
      await this.o.store.commit(
        this.o.code,
        { seq, actor, at, command, actionId },
        { phaseChanged: plan.changed, phase: next.phase, round: next.round, clock: plan, ended, ...(stancesChanged ? { stances: next.stances } : {}) },
      );
    } catch (e) {
      this.o.log.error(`could not store command ${seq}; it was not applied: ${(e as Error).message}`);
      return reject("SERVER_ERROR", "The server could not save that action; please try again.");
    }
    const phaseChanged = next.phase !== this.game.phase || next.round !== this.game.round;
    this.game = next;
    this.count = seq;
    this.o.clock.apply(plan, next);
    try {
      this.o.onAccepted({ seq, actor, command, events: result.events, state: next, phaseChanged });
    } catch (e) {
      // The command is stored and applied; a failure while telling others about it is logged, not a refusal.
      this.o.log.error(`after command ${seq}: ${(e as Error).stack ?? (e as Error).message}`);
    }
    return { ok: true };
  }
}
