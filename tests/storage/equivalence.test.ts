import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Command } from "../../shared/rules/commands.ts";
import { NATIONS, type Nation } from "../../shared/rules/vocabulary.ts";
import { openStorage, type Storage } from "../../server/storage/open.ts";
import type { CommitEffects, Store, TableStatus } from "../../server/storage/store.ts";
import { startPostgres, type RunningPostgres } from "../support/postgres.ts";
import { newTable } from "./store-suite.ts";

/**
 * Property: any sequence of writes to a table (commands with random text and bookkeeping,
 * clock changes, seats, status), fired without waiting as the server does, reads back the
 * same from SQLite and from PostgreSQL, and as it was written.
 */

let pg: RunningPostgres;
let dir: string;
let sqlite: Storage;
let postgres: Storage;

beforeAll(async () => {
  pg = await startPostgres();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-equivalence-"));
  sqlite = openStorage({ dataDir: dir, sqliteSync: "NORMAL", databaseUrl: null });
  postgres = openStorage({ dataDir: dir, sqliteSync: "NORMAL", databaseUrl: await pg.database("equivalence") });
  await Promise.all([sqlite.ready(), postgres.ready()]);
});
afterAll(async () => {
  await sqlite?.close();
  await postgres?.close();
  await pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const time = fc.integer({ min: 0, max: 2 ** 50 });
const nation = fc.constantFrom<Nation>(...NATIONS);
const actor: fc.Arbitrary<Actor> = fc.oneof(nation.map((n) => ({ kind: "seat", nation: n }) as Actor), fc.constant<Actor>({ kind: "system" }), fc.constant<Actor>({ kind: "instructor" }));
const text = fc.string({ unit: "binary", maxLength: 40 });
/** Names are plain TEXT columns: the protocol refuses control characters in them (PostgreSQL cannot hold NUL in TEXT). */
const name = fc.string({ unit: "binary", maxLength: 24 }).filter((s) => !/\p{Cc}/u.test(s));
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ type: fc.constant("say"), channel: fc.constantFrom("table", "seoul-tokyo"), text }),
  fc.record({ type: fc.constant("phaseTimeout"), round: fc.integer({ min: 1, max: 12 }), phase: fc.constantFrom("event", "negotiation") }),
  // whatever JSON a command holds comes back as it went in (keys in their order)
  fc.record({ type: fc.constant("broadcast"), text, extra: fc.jsonValue({ maxDepth: 2 }) }),
) as fc.Arbitrary<Command>;
const clock = fc.record({ deadline: fc.option(time, { nil: null }), paused: fc.boolean(), remainingMs: fc.option(fc.integer({ min: 0, max: 10 ** 7 }), { nil: null }) });
const stances = fc.record({ seoul: fc.constantFrom("progressive", "conservative"), tokyo: fc.constantFrom("mainstream", "hawkish"), washington: fc.constantFrom("alliance-builder", "burden-shifter") });
const effects: fc.Arbitrary<CommitEffects> = fc.record(
  {
    phaseChanged: fc.boolean(),
    phase: fc.constantFrom("event", "negotiation", "policy", "summary", "ended"),
    round: fc.integer({ min: 1, max: 12 }),
    clock,
    ended: fc.boolean(),
    stances,
  },
  { requiredKeys: ["phaseChanged", "phase", "round", "clock", "ended"] },
) as fc.Arbitrary<CommitEffects>;

type Op =
  | { op: "commit"; actor: Actor; at: number; command: Command; actionId: string | null; effects: CommitEffects }
  | { op: "clock"; clock: CommitEffects["clock"] }
  | { op: "seat"; nation: Nation; name: string; tokenHash: string | null; bot: boolean }
  | { op: "status"; status: TableStatus; at: number }
  | { op: "started"; at: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("commit" as const), actor, at: time, command, actionId: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: null }), effects }) },
  fc.record({ op: fc.constant("clock" as const), clock }),
  fc.record({ op: fc.constant("seat" as const), nation, name, tokenHash: fc.option(fc.stringMatching(/^[0-9a-f]{8}$/), { nil: null }), bot: fc.boolean() }),
  fc.record({ op: fc.constant("status" as const), status: fc.constantFrom<TableStatus>("live", "ended", "abandoned", "unrecoverable"), at: time }),
  fc.record({ op: fc.constant("started" as const), at: time }),
);

/** Fires every write at once, as the server does (the store keeps them in call order). */
async function apply(s: Store, code: string, ops: Op[]): Promise<void> {
  let seq = 0;
  const writes = ops.map((o) => {
    switch (o.op) {
      case "commit":
        return s.commit(code, { seq: ++seq, actor: o.actor, at: o.at, command: o.command, actionId: o.actionId }, o.effects);
      case "clock":
        return s.setClock(code, o.clock);
      case "seat":
        return s.upsertSeat(code, { nation: o.nation, name: o.name, tokenHash: o.tokenHash, bot: o.bot });
      case "status":
        return s.setStatus(code, o.status, o.at);
      case "started":
        return s.setStarted(code, o.at);
    }
  });
  await Promise.all(writes);
}

async function readBack(s: Store, code: string) {
  return {
    table: await s.getTable(code),
    summary: await s.getSummaryRow(code),
    commands: await s.commands(code),
    seats: await s.seats(code),
    actionIds: await s.recentActionIds(code, 1000),
    unfinished: (await s.unfinishedCodes()).includes(code),
  };
}

let tables = 0;

describe("SQLite and PostgreSQL agree", () => {
  it("random write sequences read back identically from both stores, and as written", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const code = `P${String(++tables).padStart(4, "0")}`;
        await sqlite.tables.createTable(newTable(code, tables));
        await postgres.tables.createTable(newTable(code, tables));
        await Promise.all([apply(sqlite.tables, code, ops), apply(postgres.tables, code, ops)]);
        const [a, b] = await Promise.all([readBack(sqlite.tables, code), readBack(postgres.tables, code)]);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        const commits = ops.filter((o) => o.op === "commit");
        expect(JSON.stringify(a.commands.map((c) => c.command))).toBe(JSON.stringify(commits.map((c) => c.command)));
        expect(a.commands.map((c) => c.actor)).toEqual(commits.map((c) => c.actor));
      }),
      { numRuns: Number(process.env.STORE_PROPERTY_RUNS ?? 40) },
    );
  });
});
