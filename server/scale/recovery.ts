import { matchMaker, type Presence } from "@colyseus/core";
import { CLASS_ROOM_NAME } from "../../shared/protocol/class-messages.ts";
import { ROOM_NAME } from "../../shared/protocol/messages.ts";
import type { Logger } from "../log.ts";

/** What recovery reads of the store: the codes that should have a live room somewhere. */
export interface RecoverySources {
  /** Tables that are not over (status "live"). */
  unfinishedTables(): string[] | Promise<string[]>;
  /** Classes in their lobby or running. */
  liveClasses(): string[] | Promise<string[]>;
  /** A table that no longer replays is set aside (as at a single process's start). */
  setAside(code: string): void | Promise<void>;
}

export interface RecoveryOptions {
  sources: RecoverySources;
  log: Logger;
  /** Several processes share Redis: dead processes are swept and the claim goes through presence. */
  multi: boolean;
  presence: () => Presence;
}

const claimKey = (code: string) => `trilateral:restore:${code}`;

/** How long one process holds its claim on a code it restores (the others leave it alone). */
const CLAIM_SECONDS = 30;

/**
 * Brings back tables and classes that should be live but have no room anywhere: at a single
 * process's start, every unfinished one (exactly as before); with several processes, those a
 * dead process left behind.
 *
 * A dead process is found by Colyseus itself: `matchMaker.healthCheckAllProcesses()` pings every
 * process whose IPC channel (`p:<processId>`) is gone from Redis, and one that does not answer is
 * excluded from room placement and its room listings are removed from the driver
 * (`driver.cleanup(processId)`). What remains to do here is the game's part: a code that is live
 * in the shared store but listed nowhere, seen so in two sweeps in a row (a table being created
 * is stored a moment before it is listed), is claimed through presence (`incr`, so one process
 * wins; released once done, and expiring if that process dies meanwhile) and recreated with `matchMaker.createRoom(…, { restore })`, which places it on the least
 * loaded process and replays its record there under the same code.
 */
export class Recovery {
  private readonly o: RecoveryOptions;
  private suspects = new Set<string>();
  private busy = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: RecoveryOptions) {
    this.o = options;
  }

  /** A single process's start: every unfinished table, then every live class. */
  async restoreAllAtStart(): Promise<{ tables: string[]; classes: string[] }> {
    const tables = await this.restoreEach(ROOM_NAME, await this.o.sources.unfinishedTables());
    const classes = await this.restoreEach(CLASS_ROOM_NAME, await this.o.sources.liveClasses());
    return { tables, classes };
  }

  /** Sweeps every `ms` until stop() (several processes only). */
  start(ms: number): void {
    this.stop();
    this.timer = setInterval(() => void this.sweep(), ms);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass: dead processes swept (Colyseus), then orphans seen twice restored. Returns what it restored. */
  async sweep(): Promise<string[]> {
    if (this.busy || matchMaker.state === matchMaker.MatchMakerState.SHUTTING_DOWN) return [];
    this.busy = true;
    try {
      if (this.o.multi) await matchMaker.healthCheckAllProcesses();
      const tables = await this.o.sources.unfinishedTables();
      const classes = await this.o.sources.liveClasses();
      const listed = await matchMaker.findRoomsByIds([...tables, ...classes]);
      const orphans = (codes: string[]) => codes.filter((c) => !listed.has(c));
      const seen = new Set([...orphans(tables), ...orphans(classes)]);
      const confirmed = (codes: string[]) => orphans(codes).filter((c) => this.suspects.has(c));
      const ready = { tables: confirmed(tables), classes: confirmed(classes) };
      this.suspects = new Set([...seen].filter((c) => !ready.tables.includes(c) && !ready.classes.includes(c)));
      const restored = [...(await this.restoreEach(ROOM_NAME, ready.tables, true)), ...(await this.restoreEach(CLASS_ROOM_NAME, ready.classes, true))];
      if (restored.length > 0) this.o.log.info(`recovered ${restored.length} room(s) a stopped process left: ${restored.join(", ")}`);
      return restored;
    } catch (e) {
      this.o.log.warn(`recovery sweep failed (next one in a moment): ${(e as Error).message}`);
      return [];
    } finally {
      this.busy = false;
    }
  }

  private async claim(code: string): Promise<boolean> {
    const key = claimKey(code);
    const presence = this.o.presence();
    const n = await presence.incr(key);
    if (n !== 1) return false;
    await presence.expire(key, CLAIM_SECONDS);
    return true;
  }

  private async restoreEach(roomName: string, codes: string[], claimed = false): Promise<string[]> {
    const done: string[] = [];
    for (const code of codes) {
      const claim = claimed && this.o.multi;
      if (claim && !(await this.claim(code))) continue;
      try {
        // Claimed: still listed nowhere? (Another process may have restored it just before.)
        if (claim && (await matchMaker.getRoomById(code))) continue;
        await matchMaker.createRoom(roomName, { restore: code });
        done.push(code);
      } catch (e) {
        const message = (e as { message?: unknown }).message ?? String(e);
        // At a start every failure is final (as it always was); a sweep retries what looks like a hiccup between processes.
        const transient = claimed && /timed out|ipc_timeout|no processId|shutting down|not available/i.test(String(message));
        if (roomName === ROOM_NAME && !transient) {
          this.o.log.error(`table ${code} could not be restored and is set aside: ${String(message)}`);
          await this.o.sources.setAside(code);
        } else {
          this.o.log.error(`${roomName === ROOM_NAME ? "table" : "class"} ${code} could not be restored: ${String(message)}`);
        }
      } finally {
        // Listed now (or set aside): the next process that finds it orphaned may claim it again.
        if (claim) await this.o.presence().del(claimKey(code));
      }
    }
    return done;
  }
}
