import type { Client } from "@colyseus/core";
import type { ConsoleMessage, ConsoleTable } from "../../shared/protocol/class-messages.ts";
import { sendClassMessage } from "../rooms/send.ts";
import type { StoredStudent } from "../storage/class-store.ts";
import { tableSnapshot } from "./table-ops.ts";

/** What the feed needs of its class room. */
export interface ConsoleHost {
  tables: readonly string[];
  instructors: ReadonlySet<Client>;
  roster: { all: readonly StoredStudent[] };
}

/** A table whose only change is the clock is resent this often. */
const REFRESH_MS = 10_000;

/**
 * The instructor console's feed: polls every table of the class (tableSnapshot, a
 * remoteRoomCall, so tables in other processes answer too), puts the students' ids on the seats,
 * and sends the instructors only the tables that changed. A tick that is still waiting for its
 * tables is not started again.
 */
export class ConsoleFeed {
  private readonly host: ConsoleHost;
  private latest = new Map<string, ConsoleTable>();
  private sentKey = new Map<string, string>();
  private sentAt = new Map<string, number>();
  private busy = false;

  constructor(host: ConsoleHost) {
    this.host = host;
  }

  /** The last snapshot of every table (for late-joiner seating and tests). */
  get snapshots(): ReadonlyMap<string, ConsoleTable> {
    return this.latest;
  }

  async refresh(): Promise<void> {
    const tables = this.host.tables.slice();
    const snaps = await Promise.all(tables.map((code) => tableSnapshot(code)));
    const seatOf = new Map<string, StoredStudent>();
    for (const st of this.host.roster.all) if (st.table && st.nation && st.status !== "removed") seatOf.set(`${st.table}:${st.nation}`, st);
    tables.forEach((code, i) => {
      const snap = snaps[i];
      if (!snap) {
        // No answer (its process died, or it is being restored): shown as recovering, as last seen.
        const last = this.latest.get(code);
        if (last && !last.ended) this.latest.set(code, { ...last, recovering: true });
        return;
      }
      for (const seat of snap.seats) {
        const st = seatOf.get(`${code}:${seat.nation}`);
        seat.studentId = st?.id ?? null;
        if (st && !seat.bot) seat.name = st.name;
      }
      this.latest.set(code, snap);
    });
  }

  async tick(now = Date.now()): Promise<void> {
    if (this.busy || this.host.instructors.size === 0 || this.host.tables.length === 0) return;
    this.busy = true;
    try {
      await this.refresh();
      const changed: ConsoleTable[] = [];
      for (const [code, snap] of this.latest) {
        const key = stableKey(snap);
        if (this.sentKey.get(code) !== key || now - (this.sentAt.get(code) ?? 0) >= REFRESH_MS) {
          changed.push(snap);
          this.sentKey.set(code, key);
          this.sentAt.set(code, now);
        }
      }
      if (changed.length === 0) return;
      const message: ConsoleMessage = { at: now, full: false, tables: changed };
      for (const c of this.host.instructors) sendClassMessage(c, "console", message);
    } finally {
      this.busy = false;
    }
  }

  /** Every table as last seen, to an instructor who just joined. */
  sendFull(client: Client): void {
    const message: ConsoleMessage = { at: Date.now(), full: true, tables: this.host.tables.flatMap((code) => this.latest.get(code) ?? []) };
    sendClassMessage(client, "console", message);
    if (this.latest.size < this.host.tables.length) {
      void this.refresh().then(() => sendClassMessage(client, "console", { at: Date.now(), full: true, tables: this.host.tables.flatMap((code) => this.latest.get(code) ?? []) } satisfies ConsoleMessage));
    }
  }
}

/** A table's snapshot without the fields that change only with the passing of time. */
function stableKey(t: ConsoleTable): string {
  return JSON.stringify({ ...t, timeLeftSeconds: t.paused ? t.timeLeftSeconds : 0, seats: t.seats.map((s) => ({ ...s, idleSeconds: s.idleSeconds >= 60 })) });
}
