/**
 * The PostgreSQL schema: the same tables and columns as the SQLite files (sqlite-table-store.ts,
 * sqlite-class-store.ts, sqlite-debrief-settings.ts). JSON is kept as TEXT, as in SQLite, so a
 * command reads back byte for byte (jsonb would reorder keys); epoch milliseconds are BIGINT;
 * flags are 0/1 INTEGERs as in SQLite. Created idempotently at start, under an advisory lock
 * so that several processes starting together do not race.
 */
export const PG_SCHEMA_LOCK = 7_305_011;

export const PG_SCHEMA = `
CREATE TABLE IF NOT EXISTS decks (
  hash  TEXT PRIMARY KEY,
  cards TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tables (
  code          TEXT PRIMARY KEY,
  seed          TEXT NOT NULL,
  options       TEXT NOT NULL,
  settings      TEXT NOT NULL,
  deck_hash     TEXT NOT NULL REFERENCES decks (hash),
  bots          TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'live',
  created_at    BIGINT NOT NULL,
  started_at    BIGINT,
  ended_at      BIGINT,
  deadline      BIGINT,
  phase         TEXT NOT NULL,
  round         INTEGER NOT NULL,
  paused        INTEGER NOT NULL DEFAULT 0,
  remaining_ms  BIGINT,
  stances       TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS tables_status ON tables (status);
CREATE TABLE IF NOT EXISTS commands (
  code      TEXT NOT NULL,
  seq       INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  at        BIGINT NOT NULL,
  command   TEXT NOT NULL,
  action_id TEXT,
  PRIMARY KEY (code, seq)
);
CREATE TABLE IF NOT EXISTS seats (
  code       TEXT NOT NULL,
  nation     TEXT NOT NULL,
  name       TEXT NOT NULL DEFAULT '',
  token_hash TEXT,
  bot        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (code, nation)
);
CREATE TABLE IF NOT EXISTS classes (
  code            TEXT PRIMARY KEY,
  title           TEXT NOT NULL,
  settings        TEXT NOT NULL,
  deck            TEXT,
  instructor_hash TEXT NOT NULL,
  seed            BIGINT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'lobby',
  spectators      INTEGER NOT NULL DEFAULT 0,
  created_at      BIGINT NOT NULL,
  started_at      BIGINT,
  ended_at        BIGINT
);
CREATE INDEX IF NOT EXISTS classes_status ON classes (status);
CREATE TABLE IF NOT EXISTS class_students (
  class_code TEXT NOT NULL REFERENCES classes (code),
  id         TEXT NOT NULL,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  preference TEXT,
  status     TEXT NOT NULL,
  readmitted INTEGER NOT NULL DEFAULT 0,
  table_code TEXT,
  nation     TEXT,
  joined_at  BIGINT NOT NULL,
  PRIMARY KEY (class_code, id)
);
CREATE TABLE IF NOT EXISTS class_tables (
  class_code TEXT NOT NULL REFERENCES classes (code),
  table_code TEXT NOT NULL,
  idx        INTEGER NOT NULL,
  PRIMARY KEY (class_code, table_code)
);
CREATE INDEX IF NOT EXISTS class_tables_table ON class_tables (table_code);
CREATE TABLE IF NOT EXISTS debrief_settings (
  code             TEXT PRIMARY KEY,
  withhold_private INTEGER NOT NULL DEFAULT 0,
  parent_code      TEXT,
  parent_step      INTEGER
);
`;
