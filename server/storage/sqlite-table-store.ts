import fs from "node:fs";
import path from "node:path";
import { DatabaseSync, type StatementSync } from "node:sqlite";
import type { Card } from "../../shared/content/card-schema.ts";
import type { Actor, Command } from "../../shared/rules/commands.ts";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { RecordedCommand } from "../../shared/rules/record.ts";
import type { ClockSnapshot } from "../rooms/table/phase-clock.ts";
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
import { WalCheckpointer } from "./wal-checkpointer.ts";
import { summaryFromRow, tableFromRow, type SummaryColumns, type TableRow } from "./table-rows.ts";

/**
 * The embedded store (the default): one SQLite file (node:sqlite, WAL) in DATA_DIR. Its work
 * is synchronous, so every promise it returns is already settled: when `commit` resolves, the
 * command is in the WAL and survives a crash of the process.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS decks (
  hash  TEXT PRIMARY KEY,
  cards TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tables (
  code          TEXT PRIMARY KEY,
  seed          TEXT NOT NULL,
  options       TEXT NOT NULL,
  settings      TEXT NOT NULL,
  deck_hash     TEXT NOT NULL REFERENCES decks (hash),
  bots          TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'live',
  created_at    INTEGER NOT NULL,
  started_at    INTEGER,
  ended_at      INTEGER,
  deadline      INTEGER,
  phase         TEXT NOT NULL,
  round         INTEGER NOT NULL,
  paused        INTEGER NOT NULL DEFAULT 0,
  remaining_ms  INTEGER,
  stances       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS tables_status ON tables (status);
CREATE TABLE IF NOT EXISTS commands (
  code      TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  at        INTEGER NOT NULL,
  command   TEXT NOT NULL,
  action_id TEXT,
  PRIMARY KEY (code, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seats (
  code       TEXT NOT NULL,
  nation     TEXT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',
  token_hash TEXT,
  bot        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, nation)
) WITHOUT ROWID;
`;


/** Columns added after the first release: added to an older file when it is opened. */
const ADDED_COLUMNS: Record<string, string> = {
  paused: "INTEGER NOT NULL DEFAULT 0",
  remaining_ms: "INTEGER",
  stances: "TEXT NOT NULL DEFAULT '{}'",
};

export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  /** The SQLite file (the class and debrief stores open their own connections to it). */
  readonly file: string;
  private db: DatabaseSync;
  private s: Record<string, StatementSync>;
  /** Decks already stored, by identity of the card array (the built-in deck is one array). */
  private deckHashes = new WeakMap<readonly Card[], string>();
  /** Decks read back, by hash: every table of a deck shares one array (and the engine's checked cards). */
  private decksRead = new Map<string, Card[]>();
  private checkpointer: WalCheckpointer;

  constructor(dataDir: string, options: { sync?: "NORMAL" | "FULL" } = {}) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, "trilateral.sqlite");
    this.db = new DatabaseSync(this.file);
    this.db.exec("PRAGMA journal_mode = WAL");
    this.db.exec(`PRAGMA synchronous = ${options.sync === "FULL" ? "FULL" : "NORMAL"}`);
    // With synchronous=NORMAL a commit survives a crash of the process at once; the fsync (the
    // guarantee against a power cut) comes with the checkpoint, which a worker thread runs
    // every 5 s (wal-checkpointer.ts) instead of the commit that crosses SQLite's threshold.
    this.db.exec("PRAGMA journal_size_limit = 67108864");
    this.db.exec("PRAGMA busy_timeout = 5000");
    this.db.exec("PRAGMA foreign_keys = ON");
    this.db.exec(SCHEMA);
    this.checkpointer = new WalCheckpointer(this.file, this.db, { onError: (m) => console.error(m) });
    const columns = new Set((this.db.prepare("PRAGMA table_info(tables)").all() as { name: string }[]).map((c) => c.name));
    for (const [name, type] of Object.entries(ADDED_COLUMNS)) {
      if (!columns.has(name)) this.db.exec(`ALTER TABLE tables ADD COLUMN ${name} ${type}`);
    }
    this.s = {
      hasTable: this.db.prepare("SELECT 1 AS x FROM tables WHERE code = ?"),
      summaryRow: this.db.prepare("SELECT status, phase, round, stances, json_extract(options, '$.rounds') AS rounds FROM tables WHERE code = ?"),
      getTable: this.db.prepare("SELECT * FROM tables WHERE code = ?"),
      getDeck: this.db.prepare("SELECT cards FROM decks WHERE hash = ?"),
      insertDeck: this.db.prepare("INSERT OR IGNORE INTO decks (hash, cards) VALUES (?, ?)"),
      insertTable: this.db.prepare(
        `INSERT INTO tables (code, seed, options, settings, deck_hash, bots, rules_version, status, created_at, phase, round, stances)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'live', ?, ?, ?, ?)`,
      ),
      insertCommand: this.db.prepare("INSERT INTO commands (code, seq, actor, at, command, action_id) VALUES (?, ?, ?, ?, ?, ?)"),
      afterCommand: this.db.prepare("UPDATE tables SET phase = ?, round = ?, deadline = ?, paused = ?, remaining_ms = ? WHERE code = ?"),
      setStances: this.db.prepare("UPDATE tables SET stances = ? WHERE code = ?"),
      endTable: this.db.prepare("UPDATE tables SET status = 'ended', ended_at = ? WHERE code = ? AND status = 'live'"),
      setStatus: this.db.prepare("UPDATE tables SET status = ?, ended_at = COALESCE(ended_at, ?) WHERE code = ?"),
      setStarted: this.db.prepare("UPDATE tables SET started_at = ? WHERE code = ?"),
      setClock: this.db.prepare("UPDATE tables SET deadline = ?, paused = ?, remaining_ms = ? WHERE code = ?"),
      commands: this.db.prepare("SELECT seq, actor, at, command FROM commands WHERE code = ? ORDER BY seq"),
      actionIds: this.db.prepare(
        "SELECT action_id, actor FROM commands WHERE code = ? AND action_id IS NOT NULL ORDER BY seq DESC LIMIT ?",
      ),
      upsertSeat: this.db.prepare(
        `INSERT INTO seats (code, nation, name, token_hash, bot) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (code, nation) DO UPDATE SET name = excluded.name, token_hash = excluded.token_hash, bot = excluded.bot`,
      ),
      seats: this.db.prepare("SELECT nation, name, token_hash, bot FROM seats WHERE code = ? ORDER BY nation"),
      unfinished: this.db.prepare("SELECT code FROM tables WHERE status = 'live' ORDER BY created_at, code"),
    };
  }

  async hasTable(code: string): Promise<boolean> {
    return this.s.hasTable!.get(code) !== undefined;
  }

  /** Stores a deck once (tables share decks by content hash) and returns its hash. */
  private deckHash(deck: readonly Card[]): string {
    const known = this.deckHashes.get(deck);
    if (known) return known;
    const json = JSON.stringify(deck);
    const hash = deckHashOf(json);
    this.s.insertDeck!.run(hash, json);
    this.deckHashes.set(deck, hash);
    return hash;
  }

  async createTable(t: NewTable): Promise<void> {
    const deckHash = this.deckHash(t.deck);
    this.s.insertTable!.run(
      t.code,
      JSON.stringify(t.seed),
      JSON.stringify(t.options),
      JSON.stringify(t.settings),
      deckHash,
      JSON.stringify(t.bots),
      t.rulesVersion,
      t.createdAt,
      t.phase,
      t.round,
      JSON.stringify(t.stances),
    );
  }

  async getTable(code: string): Promise<StoredTable | null> {
    const row = this.s.getTable!.get(code) as (TableRow & { deck_hash: string }) | undefined;
    if (!row) return null;
    let deck = this.decksRead.get(row.deck_hash);
    if (!deck) {
      const cards = this.s.getDeck!.get(row.deck_hash) as { cards: string } | undefined;
      if (!cards) throw new Error(`the deck of table ${code} is missing`);
      deck = JSON.parse(cards.cards) as Card[];
      this.decksRead.set(row.deck_hash, deck);
    }
    return tableFromRow(row, deck);
  }

  async getSummaryRow(code: string): Promise<SummaryRow | null> {
    const row = this.s.summaryRow!.get(code) as SummaryColumns | undefined;
    return row ? summaryFromRow(row) : null;
  }

  /** One accepted command and its bookkeeping in a single transaction (one INSERT when only the log changes). */
  async commit(code: string, entry: CommitEntry, effects: CommitEffects): Promise<void> {
    const insert = () =>
      this.s.insertCommand!.run(code, entry.seq, JSON.stringify(entry.actor), entry.at, JSON.stringify(entry.command), entry.actionId);
    if (!effects.phaseChanged && !effects.ended && !effects.stances) {
      insert(); // one statement: atomic on its own
      return;
    }
    this.db.exec("BEGIN IMMEDIATE");
    try {
      insert();
      const c = effects.clock;
      this.s.afterCommand!.run(effects.phase, effects.round, c.deadline, c.paused ? 1 : 0, c.remainingMs, code);
      if (effects.stances) this.s.setStances!.run(JSON.stringify(effects.stances), code);
      if (effects.ended) this.s.endTable!.run(entry.at, code);
      this.db.exec("COMMIT");
    } catch (e) {
      try {
        this.db.exec("ROLLBACK");
      } catch {
        /* the transaction may already be gone */
      }
      throw e;
    }
  }

  async setStarted(code: string, at: number): Promise<void> {
    this.s.setStarted!.run(at, code);
  }

  async setClock(code: string, clock: ClockSnapshot): Promise<void> {
    this.s.setClock!.run(clock.deadline, clock.paused ? 1 : 0, clock.remainingMs, code);
  }

  async setStatus(code: string, status: TableStatus, at: number): Promise<void> {
    this.s.setStatus!.run(status, at, code);
  }

  async commands(code: string): Promise<RecordedCommand[]> {
    const rows = this.s.commands!.all(code) as unknown as { seq: number; actor: string; at: number; command: string }[];
    return rows.map((r) => ({ seq: r.seq, actor: JSON.parse(r.actor) as Actor, at: r.at, command: JSON.parse(r.command) as Command }));
  }

  async recentActionIds(code: string, limit: number): Promise<{ actionId: string; actor: Actor }[]> {
    const rows = this.s.actionIds!.all(code, limit) as unknown as { action_id: string; actor: string }[];
    return rows.map((r) => ({ actionId: r.action_id, actor: JSON.parse(r.actor) as Actor }));
  }

  async upsertSeat(code: string, seat: StoredSeat): Promise<void> {
    this.s.upsertSeat!.run(code, seat.nation, seat.name, seat.tokenHash, seat.bot ? 1 : 0);
  }

  async seats(code: string): Promise<StoredSeat[]> {
    const rows = this.s.seats!.all(code) as unknown as { nation: string; name: string; token_hash: string | null; bot: number }[];
    return rows.map((r) => ({ nation: r.nation as Nation, name: r.name, tokenHash: r.token_hash, bot: r.bot === 1 }));
  }

  async unfinishedCodes(): Promise<string[]> {
    return (this.s.unfinished!.all() as unknown as { code: string }[]).map((r) => r.code);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    await this.checkpointer.close();
    if (this.db.isOpen) this.db.close();
  }
}
