import type { Card } from "../../shared/content/card-schema.ts";
import type { Actor, Command } from "../../shared/rules/commands.ts";
import type { RecordedCommand } from "../../shared/rules/record.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { ClockSnapshot } from "../rooms/table/phase-clock.ts";
import type { PgDatabase } from "./pg-database.ts";
import {
  deckHashOf,
  type CommitEffects,
  type CommitEntry,
  type NewTable,
  type Store,
  type StoredSeat,
  type StoredTable,
  type SummaryRow,
  type TableStatus,
} from "./store.ts";
import { summaryFromRow, tableFromRow, type SummaryColumns, type TableRow } from "./table-rows.ts";

/**
 * The tables in PostgreSQL (DATABASE_URL): the schema of pg-schema.ts, the behaviour of the
 * SQLite store. Every call about one table goes through that table's queue (PgDatabase.inOrder),
 * so its writes are committed in call order; `commit` is one statement (a data-modifying CTE
 * when the summary row changes too), atomic without a BEGIN/COMMIT round trip, and resolves
 * once PostgreSQL has committed it.
 */


const Q = {
  hasTable: "SELECT 1 AS x FROM tables WHERE code = $1",
  summaryRow: "SELECT status, phase, round, stances, (options::json ->> 'rounds')::int AS rounds FROM tables WHERE code = $1",
  getTable: "SELECT t.*, d.cards AS deck FROM tables t JOIN decks d ON d.hash = t.deck_hash WHERE t.code = $1",
  insertDeck: "INSERT INTO decks (hash, cards) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING",
  insertTable: `INSERT INTO tables (code, seed, options, settings, deck_hash, bots, rules_version, status, created_at, phase, round, stances)
    VALUES ($1, $2, $3, $4, $5, $6, $7, 'live', $8, $9, $10, $11)`,
  insertCommand: "INSERT INTO commands (code, seq, actor, at, command, action_id) VALUES ($1, $2, $3, $4, $5, $6)",
  commitWithRow: `WITH logged AS (INSERT INTO commands (code, seq, actor, at, command, action_id) VALUES ($1, $2, $3, $4, $5, $6))
    UPDATE tables SET phase = $7, round = $8, deadline = $9, paused = $10, remaining_ms = $11,
      stances = COALESCE($12::text, stances),
      ended_at = CASE WHEN $13::boolean AND status = 'live' THEN $4 ELSE ended_at END,
      status = CASE WHEN $13::boolean AND status = 'live' THEN 'ended' ELSE status END
    WHERE code = $1`,
  setStatus: "UPDATE tables SET status = $1, ended_at = COALESCE(ended_at, $2) WHERE code = $3",
  setStarted: "UPDATE tables SET started_at = $1 WHERE code = $2",
  setClock: "UPDATE tables SET deadline = $1, paused = $2, remaining_ms = $3 WHERE code = $4",
  commands: "SELECT seq, actor, at, command FROM commands WHERE code = $1 ORDER BY seq",
  actionIds: "SELECT action_id, actor FROM commands WHERE code = $1 AND action_id IS NOT NULL ORDER BY seq DESC LIMIT $2",
  upsertSeat: `INSERT INTO seats (code, nation, name, token_hash, bot) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (code, nation) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash, bot = excluded.bot`,
  seats: `SELECT nation, name, token_hash, bot FROM seats WHERE code = $1 ORDER BY nation COLLATE "C"`,
  unfinished: `SELECT code FROM tables WHERE status = 'live' ORDER BY created_at, code COLLATE "C"`,
} as const;

/** A named (server-side prepared) statement. */
const q = (name: keyof typeof Q, values: unknown[]) => ({ name: `t_${name}`, text: Q[name], values });

export class PgStore implements Store {
  readonly kind = "postgres" as const;
  private readonly db: PgDatabase;
  /** Decks already stored by this process, by identity of the card array. */
  private deckHashes = new WeakMap<readonly Card[], string>();

  constructor(db: PgDatabase) {
    this.db = db;
  }

  ready(): Promise<void> {
    return this.db.ready();
  }

  private table<T>(code: string, work: () => Promise<T>): Promise<T> {
    return this.db.inOrder(`table:${code}`, work);
  }

  hasTable(code: string): Promise<boolean> {
    return this.table(code, async () => (await this.db.rows(q("hasTable", [code]))).length > 0);
  }

  private async deckHash(deck: readonly Card[]): Promise<string> {
    const known = this.deckHashes.get(deck);
    if (known) return known;
    const json = JSON.stringify(deck);
    const hash = deckHashOf(json);
    await this.db.run(q("insertDeck", [hash, json]));
    this.deckHashes.set(deck, hash);
    return hash;
  }

  createTable(t: NewTable): Promise<void> {
    return this.table(t.code, async () => {
      const deckHash = await this.deckHash(t.deck);
      const values = [t.code, JSON.stringify(t.seed), JSON.stringify(t.options), JSON.stringify(t.settings), deckHash, JSON.stringify(t.bots), t.rulesVersion, t.createdAt, t.phase, t.round, JSON.stringify(t.stances)];
      await this.db.run(q("insertTable", values));
    });
  }

  getTable(code: string): Promise<StoredTable | null> {
    return this.table(code, async () => {
      const row = (await this.db.rows<TableRow & { deck: string }>(q("getTable", [code])))[0];
      if (!row) return null;
      return tableFromRow(row, JSON.parse(row.deck) as Card[]);
    });
  }

  getSummaryRow(code: string): Promise<SummaryRow | null> {
    return this.table(code, async () => {
      const row = (await this.db.rows<SummaryColumns>(q("summaryRow", [code])))[0];
      return row ? summaryFromRow(row) : null;
    });
  }

  commit(code: string, entry: CommitEntry, effects: CommitEffects): Promise<void> {
    const logged = [code, entry.seq, JSON.stringify(entry.actor), entry.at, JSON.stringify(entry.command), entry.actionId];
    if (!effects.phaseChanged && !effects.ended && !effects.stances) {
      return this.table(code, async () => void (await this.db.run(q("insertCommand", logged))));
    }
    const c = effects.clock;
    const values = [...logged, effects.phase, effects.round, c.deadline, c.paused ? 1 : 0, c.remainingMs, effects.stances ? JSON.stringify(effects.stances) : null, effects.ended];
    return this.table(code, async () => void (await this.db.run(q("commitWithRow", values))));
  }

  setStarted(code: string, at: number): Promise<void> {
    return this.table(code, async () => void (await this.db.run(q("setStarted", [at, code]))));
  }

  setClock(code: string, clock: ClockSnapshot): Promise<void> {
    return this.table(code, async () => void (await this.db.run(q("setClock", [clock.deadline, clock.paused ? 1 : 0, clock.remainingMs, code]))));
  }

  setStatus(code: string, status: TableStatus, at: number): Promise<void> {
    return this.table(code, async () => void (await this.db.run(q("setStatus", [status, at, code]))));
  }

  commands(code: string): Promise<RecordedCommand[]> {
    return this.table(code, async () => {
      const rows = await this.db.rows<{ seq: number; actor: string; at: number; command: string }>(q("commands", [code]));
      return rows.map((r) => ({ seq: r.seq, actor: JSON.parse(r.actor) as Actor, at: r.at, command: JSON.parse(r.command) as Command }));
    });
  }

  recentActionIds(code: string, limit: number): Promise<{ actionId: string; actor: Actor }[]> {
    return this.table(code, async () => {
      const rows = await this.db.rows<{ action_id: string; actor: string }>(q("actionIds", [code, limit]));
      return rows.map((r) => ({ actionId: r.action_id, actor: JSON.parse(r.actor) as Actor }));
    });
  }

  upsertSeat(code: string, seat: StoredSeat): Promise<void> {
    return this.table(code, async () => void (await this.db.run(q("upsertSeat", [code, seat.nation, seat.name, seat.tokenHash, seat.bot ? 1 : 0]))));
  }

  seats(code: string): Promise<StoredSeat[]> {
    return this.table(code, async () => {
      const rows = await this.db.rows<{ nation: string; name: string; token_hash: string | null; bot: number }>(q("seats", [code]));
      return rows.map((r) => ({ nation: r.nation as Nation, name: r.name, tokenHash: r.token_hash, bot: r.bot === 1 }));
    });
  }

  async unfinishedCodes(): Promise<string[]> {
    return (await this.db.rows<{ code: string }>(q("unfinished", []))).map((r) => r.code);
  }

  /** The database is shared with the class and debrief stores: Storage.close() ends it. */
  async close(): Promise<void> {}
}
