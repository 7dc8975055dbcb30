import { Room, ServerError, type RoomException, type RoomMethodName, type RoomOptions } from "@colyseus/core";
import type { Logger } from "../log.ts";

/**
 * Base class of every room. Implementing onUncaughtException makes Colyseus wrap every hook,
 * message handler and clock timer in try/catch, so an error in one table is logged and the
 * table (and every other table, and the process) keeps running.
 *
 * Work scheduled outside the Colyseus clock goes through `later()`, which is guarded the same
 * way and cancelled when the room is disposed.
 */
export abstract class SafeRoom<T extends RoomOptions = RoomOptions> extends Room<T> {
  protected abstract get log(): Logger;
  private timers = new Set<NodeJS.Timeout>();
  /** Errors caught so far (for monitoring and tests). */
  errorCount = 0;

  onUncaughtException(error: RoomException, methodName: RoomMethodName): void {
    const cause = (error as Error).cause;
    // A ServerError with an HTTP 4xx status is a refusal meant for the client (bad options, table full…).
    if (cause instanceof ServerError && cause.code >= 400 && cause.code < 500) {
      this.log.debug(`${methodName} refused: ${cause.message}`);
      return;
    }
    this.errorCount += 1;
    const detail = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause ?? error.message);
    this.log.error(`uncaught error in ${methodName} (the table keeps running): ${detail}`);
  }

  /** What a join with these options gets (a readable ServerError when refused); rooms joined by code override it. */
  planJoin(_options: unknown): unknown {
    return null;
  }

  /**
   * planJoin's refusal as data, for the matchmaking guard through matchMaker.remoteRoomCall
   * (which reports any error thrown in another process as "timed out"): null when the join can go ahead.
   */
  joinRefusal(options: unknown): { code: number; message: string } | null {
    try {
      this.planJoin(options);
      return null;
    } catch (e) {
      if (e instanceof ServerError) return { code: e.code, message: e.message };
      throw e;
    }
  }

  /** Runs `fn` after `ms` (a plain Node timer, ms precision), guarded like a Colyseus hook. */
  protected later(fn: () => void, ms: number): NodeJS.Timeout {
    const handle = setTimeout(() => {
      this.timers.delete(handle);
      this.guard("setTimeout", fn);
    }, ms);
    this.timers.add(handle);
    return handle;
  }

  protected cancel(handle: NodeJS.Timeout | null | undefined): void {
    if (!handle) return;
    clearTimeout(handle);
    this.timers.delete(handle);
  }

  protected cancelAllLater(): void {
    for (const h of this.timers) clearTimeout(h);
    this.timers.clear();
  }

  /** Calls `fn`, reporting (not throwing) anything it throws. Returns whether it succeeded. */
  protected guard(where: RoomMethodName, fn: () => void): boolean {
    try {
      fn();
      return true;
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.onUncaughtException(Object.assign(new Error(err.message, { cause: err }), { name: "GuardedException" }) as RoomException, where);
      return false;
    }
  }
}
