import { describe, expect, it } from "vitest";
import { newGame } from "../../shared/rules/apply.ts";
import type { Actor } from "../../shared/rules/commands.ts";
import type { StoredStudent } from "../../server/storage/class-store.ts";
import { openStorage, type Storage, type StorageOptions } from "../../server/storage/open.ts";
import type { CommitEffects, NewTable } from "../../server/storage/store.ts";
import { mixedDeck } from "../support/cards.ts";
import { killedWhileCommitting } from "./crash.ts";

/**
 * The storage contract, run against every implementation (sqlite.test.ts, postgres.test.ts):
 * what a caller may rely on whichever database DATABASE_URL chose. `fresh()` names an empty
 * database; the suite opens it (and opens it again, as a restarted process would).
 */

const deck = mixedDeck();
const game = newGame(1, { rounds: 4, stances: { washington: "alliance-builder" } }, deck).state;
const clock0 = { deadline: null, paused: false, remainingMs: null };
const quiet: CommitEffects = { phaseChanged: false, phase: game.phase, round: game.round, clock: clock0, ended: false };
const seoul: Actor = { kind: "seat", nation: "seoul" };

export function newTable(code: string, createdAt = 1): NewTable {
  return {
    code,
    seed: "seed-" + code,
    options: game.options,
    settings: { timers: { event: 10, negotiation: 60, policy: 20, summary: 5 }, botThinkMs: 300, botDifficulty: "hard" },
    deck,
    bots: { washington: "alliance-builder" },
    rulesVersion: "rules-x",
    createdAt,
    phase: game.phase,
    round: game.round,
    stances: game.stances,
  };
}

const say = (text: string) => ({ type: "say", channel: "table", text }) as const;

export function storeSuite(name: string, fresh: () => Promise<StorageOptions>): void {
  const open = async (): Promise<{ storage: Storage; options: StorageOptions }> => {
    const options = await fresh();
    const storage = openStorage(options);
    await storage.ready();
    return { storage, options };
  };

  describe(`store contract: ${name}`, () => {
    it("a created table reads back whole; a code is taken once; decks are shared", async () => {
      const { storage } = await open();
      const s = storage.tables;
      expect(await s.hasTable("ABCDE")).toBe(false);
      expect(await s.getTable("ABCDE")).toBeNull();
      await s.createTable(newTable("ABCDE", 1_764_000_000_123));
      await s.createTable(newTable("FGHJK"));
      expect(await s.hasTable("ABCDE")).toBe(true);
      await expect(s.createTable(newTable("ABCDE"))).rejects.toThrow();
      const t = (await s.getTable("ABCDE"))!;
      expect(t).toEqual({
        code: "ABCDE",
        seed: "seed-ABCDE",
        options: game.options,
        settings: newTable("ABCDE").settings,
        deck,
        bots: { washington: "alliance-builder" },
        rulesVersion: "rules-x",
        status: "live",
        createdAt: 1_764_000_000_123,
        startedAt: null,
        endedAt: null,
        deadline: null,
        phase: game.phase,
        round: game.round,
        clock: clock0,
        stances: game.stances,
      });
      expect(JSON.stringify(t.deck)).toBe(JSON.stringify(deck)); // byte for byte, key order included
      expect(await s.commands("ABCDE")).toEqual([]);
      await storage.close();
    });

    it("commits read back in order, byte for byte; a command's bookkeeping is written with it; a duplicate seq changes nothing", async () => {
      const { storage } = await open();
      const s = storage.tables;
      await s.createTable(newTable("ABCDE"));
      const text = `quotes " ' \\ emoji 🇰🇷 nul \u0000 and 한국어`;
      await s.commit("ABCDE", { seq: 1, actor: seoul, at: 1_764_000_000_001, command: say(text), actionId: "a1" }, quiet);
      expect(await s.getSummaryRow("ABCDE")).toMatchObject({ phase: game.phase, round: game.round });
      const clock = { deadline: 1_764_000_090_000, paused: false, remainingMs: null };
      const stances = { ...game.stances, seoul: "progressive" as const };
      await s.commit("ABCDE", { seq: 2, actor: { kind: "system" }, at: 5, command: { type: "phaseTimeout", round: 1, phase: "event" }, actionId: null }, { phaseChanged: true, phase: "policy", round: 2, clock, ended: false, stances });
      await expect(s.commit("ABCDE", { seq: 2, actor: seoul, at: 6, command: say("again"), actionId: "a2" }, { ...quiet, phaseChanged: true, phase: "summary" })).rejects.toThrow();
      const log = await s.commands("ABCDE");
      expect(log).toEqual([
        { seq: 1, actor: seoul, at: 1_764_000_000_001, command: say(text) },
        { seq: 2, actor: { kind: "system" }, at: 5, command: { type: "phaseTimeout", round: 1, phase: "event" } },
      ]);
      const t = (await s.getTable("ABCDE"))!;
      expect(t).toMatchObject({ phase: "policy", round: 2, deadline: clock.deadline, clock, stances, status: "live" });
      // the end: status and time, once
      await s.commit("ABCDE", { seq: 3, actor: { kind: "instructor" }, at: 77, command: { type: "endTable" }, actionId: "i1" }, { phaseChanged: true, phase: "ended", round: 2, clock: clock0, ended: true });
      await s.commit("ABCDE", { seq: 4, actor: seoul, at: 99, command: say("after"), actionId: null }, { ...quiet, ended: true, phase: "ended", round: 2 });
      expect(await s.getTable("ABCDE")).toMatchObject({ status: "ended", endedAt: 77, phase: "ended" });
      expect(await s.getSummaryRow("ABCDE")).toEqual({ status: "ended", phase: "ended", round: 2, rounds: 4, stances });
      expect(await s.getSummaryRow("ZZZZZ")).toBeNull();
      await storage.close();
    });

    it("writes nobody awaits are applied in call order (a table's commits, clock and seats)", async () => {
      const { storage } = await open();
      const s = storage.tables;
      await s.createTable(newTable("ABCDE"));
      await s.createTable(newTable("FGHJK"));
      const writes: Promise<void>[] = [];
      for (let i = 1; i <= 60; i++) {
        for (const code of ["ABCDE", "FGHJK"]) {
          writes.push(s.commit(code, { seq: i, actor: seoul, at: i, command: say(`${code} ${i}`), actionId: `x${i}` }, { ...quiet, phaseChanged: i % 7 === 0, round: i }));
          writes.push(s.setClock(code, { deadline: null, paused: true, remainingMs: i }));
          writes.push(s.upsertSeat(code, { nation: "tokyo", name: `name ${i}`, tokenHash: `h${i}`, bot: false }));
        }
      }
      await Promise.all(writes);
      for (const code of ["ABCDE", "FGHJK"]) {
        const log = await s.commands(code);
        expect(log.map((c) => c.seq)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        expect(log.at(-1)!.command).toEqual(say(`${code} 60`));
        const t = (await s.getTable(code))!;
        expect(t.clock).toEqual({ deadline: null, paused: true, remainingMs: 60 });
        expect(t.round).toBe(56); // the last commit that changed the phase
        expect(await s.seats(code)).toEqual([{ nation: "tokyo", name: "name 60", tokenHash: "h60", bot: false }]);
      }
      await storage.close();
    });

    it("action ids come back newest first (for retries after a restart), without system commands, within the limit", async () => {
      const { storage } = await open();
      const s = storage.tables;
      await s.createTable(newTable("ABCDE"));
      await s.commit("ABCDE", { seq: 1, actor: seoul, at: 1, command: say("1"), actionId: "s-1" }, quiet);
      await s.commit("ABCDE", { seq: 2, actor: { kind: "system" }, at: 2, command: say("2"), actionId: null }, quiet);
      await s.commit("ABCDE", { seq: 3, actor: { kind: "instructor" }, at: 3, command: say("3"), actionId: "i-1" }, quiet);
      await s.commit("ABCDE", { seq: 4, actor: { kind: "seat", nation: "tokyo" }, at: 4, command: say("4"), actionId: "t-1" }, quiet);
      expect(await s.recentActionIds("ABCDE", 10)).toEqual([
        { actionId: "t-1", actor: { kind: "seat", nation: "tokyo" } },
        { actionId: "i-1", actor: { kind: "instructor" } },
        { actionId: "s-1", actor: seoul },
      ]);
      expect((await s.recentActionIds("ABCDE", 2)).map((a) => a.actionId)).toEqual(["t-1", "i-1"]);
      expect(await s.recentActionIds("ZZZZZ", 10)).toEqual([]);
      await storage.close();
    });

    it("seats: stored, overwritten, freed, in nation order", async () => {
      const { storage } = await open();
      const s = storage.tables;
      await s.createTable(newTable("ABCDE"));
      await s.upsertSeat("ABCDE", { nation: "washington", name: "Alliance builder bot", tokenHash: null, bot: true });
      await s.upsertSeat("ABCDE", { nation: "seoul", name: "Sora", tokenHash: "hash-1", bot: false });
      await s.upsertSeat("ABCDE", { nation: "seoul", name: "Sora Kim", tokenHash: "hash-2", bot: false });
      expect(await s.seats("ABCDE")).toEqual([
        { nation: "seoul", name: "Sora Kim", tokenHash: "hash-2", bot: false },
        { nation: "washington", name: "Alliance builder bot", tokenHash: null, bot: true },
      ]);
      await s.upsertSeat("ABCDE", { nation: "seoul", name: "", tokenHash: null, bot: false });
      expect((await s.seats("ABCDE"))[0]).toEqual({ nation: "seoul", name: "", tokenHash: null, bot: false });
      expect(await s.seats("ZZZZZ")).toEqual([]);
      await storage.close();
    });

    it("clock, start and status: stored outside commands; unfinished codes are the live tables, oldest first", async () => {
      const { storage } = await open();
      const s = storage.tables;
      await s.createTable(newTable("CCCCC", 30));
      await s.createTable(newTable("AAAAA", 10));
      await s.createTable(newTable("BBBBB", 20));
      await s.createTable(newTable("DDDDD", 20));
      await s.setStarted("AAAAA", 11);
      await s.setClock("AAAAA", { deadline: null, paused: true, remainingMs: 12_345 });
      expect(await s.getTable("AAAAA")).toMatchObject({ startedAt: 11, deadline: null, clock: { deadline: null, paused: true, remainingMs: 12_345 } });
      await s.setClock("AAAAA", { deadline: 1_764_000_123_456, paused: false, remainingMs: null });
      expect((await s.getTable("AAAAA"))!.clock).toEqual({ deadline: 1_764_000_123_456, paused: false, remainingMs: null });
      expect(await s.unfinishedCodes()).toEqual(["AAAAA", "BBBBB", "DDDDD", "CCCCC"]);
      await s.setStatus("BBBBB", "abandoned", 40);
      await s.setStatus("CCCCC", "unrecoverable", 50);
      await s.setStatus("CCCCC", "unrecoverable", 60); // the first time stays
      expect(await s.getTable("BBBBB")).toMatchObject({ status: "abandoned", endedAt: 40 });
      expect(await s.getTable("CCCCC")).toMatchObject({ status: "unrecoverable", endedAt: 50 });
      expect(await s.unfinishedCodes()).toEqual(["AAAAA", "DDDDD"]);
      await storage.close();
    });

    it("everything is there again after the database is closed and opened again", async () => {
      const { storage, options } = await open();
      await storage.tables.createTable(newTable("ABCDE"));
      await storage.tables.commit("ABCDE", { seq: 1, actor: seoul, at: 1, command: say("kept"), actionId: "k" }, quiet);
      await storage.classes.create(newClass("KMBTRW"));
      await storage.debrief.setWithholdPrivate("ABCDE", true);
      await storage.close();
      const again = openStorage(options);
      await again.ready();
      expect(await again.tables.commands("ABCDE")).toEqual([{ seq: 1, actor: seoul, at: 1, command: say("kept") }]);
      expect(await again.classes.has("KMBTRW")).toBe(true);
      expect(await again.debrief.withholdPrivate("ABCDE")).toBe(true);
      await again.close();
    });

    it("a process killed (SIGKILL) while committing loses no command whose commit had resolved", async () => {
      const { storage, options } = await open();
      await storage.tables.createTable(newTable("CRASH"));
      const acked = await killedWhileCommitting(options, "CRASH", 40);
      expect(acked).toBeGreaterThanOrEqual(40);
      const log = await storage.tables.commands("CRASH");
      expect(log.length).toBeGreaterThanOrEqual(acked);
      expect(log.map((c) => c.seq)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
      expect(log[acked - 1]!.command).toEqual(say(`command ${acked}`));
      await storage.close();
    });

    it("classes: created, read back, live codes, students in joining order, tables once each", async () => {
      const { storage } = await open();
      const c = storage.classes;
      expect(await c.has("KMBTRW")).toBe(false);
      expect(await c.get("KMBTRW")).toBeNull();
      await c.create(newClass("KMBTRW", 20));
      await c.create(newClass("PQRSTV", 10));
      await expect(c.create(newClass("KMBTRW"))).rejects.toThrow();
      expect(await c.get("KMBTRW")).toEqual({ ...newClass("KMBTRW", 20), status: "lobby", spectators: false, startedAt: null, endedAt: null });
      expect(await c.liveCodes()).toEqual(["PQRSTV", "KMBTRW"]);
      const b = student("b", 2);
      const a = student("a", 2);
      const z = student("z", 1);
      for (const st of [b, a, z]) await c.addStudent("KMBTRW", st);
      expect((await c.students("KMBTRW")).map((s) => s.id)).toEqual(["z", "a", "b"]);
      await c.saveStudent("KMBTRW", { ...a, status: "removed", readmitted: true, name: "A. Renamed", nameKey: "a renamed", tokenHash: "t2" });
      expect((await c.students("KMBTRW"))[1]).toEqual({ ...a, status: "removed", readmitted: true, name: "A. Renamed", nameKey: "a renamed", tokenHash: "t2" });
      await c.addTable("KMBTRW", "TBL02", 1);
      await c.addTable("KMBTRW", "TBL01", 0);
      await c.addTable("KMBTRW", "TBL01", 0);
      expect(await c.tables("KMBTRW")).toEqual(["TBL01", "TBL02"]);
      expect(await c.classOfTable("TBL02")).toBe("KMBTRW");
      expect(await c.classOfTable("NOPE1")).toBeNull();
      await c.setSpectators("KMBTRW", true);
      expect((await c.get("KMBTRW"))!.spectators).toBe(true);
      await c.setEnded("PQRSTV", 99);
      expect(await c.get("PQRSTV")).toMatchObject({ status: "ended", endedAt: 99 });
      expect(await c.liveCodes()).toEqual(["KMBTRW"]);
      await storage.close();
    });

    it("a class's start is all or nothing: its tables, every seated student and its status", async () => {
      const { storage } = await open();
      const c = storage.classes;
      await c.create(newClass("KMBTRW"));
      const [a, b] = [student("a", 1), student("b", 2)];
      await c.addStudent("KMBTRW", a);
      await c.addStudent("KMBTRW", b);
      const seatedA = { ...a, table: "TBL01", nation: "seoul" as const, status: "seated" as const };
      const broken = { ...b, table: "TBL01", nation: "tokyo" as const, status: "seated" as const, tokenHash: null as unknown as string };
      await expect(c.start("KMBTRW", { tables: [{ code: "TBL01", index: 0 }], seated: [seatedA, broken], at: 5 })).rejects.toThrow();
      expect(await c.get("KMBTRW")).toMatchObject({ status: "lobby", startedAt: null });
      expect(await c.tables("KMBTRW")).toEqual([]);
      expect((await c.students("KMBTRW"))[0]).toEqual(a);
      const seatedB = { ...b, table: "TBL02", nation: "tokyo" as const, status: "seated" as const };
      await c.start("KMBTRW", { tables: [{ code: "TBL01", index: 0 }, { code: "TBL02", index: 1 }], seated: [seatedA, seatedB], at: 6 });
      expect(await c.get("KMBTRW")).toMatchObject({ status: "running", startedAt: 6 });
      expect(await c.tables("KMBTRW")).toEqual(["TBL01", "TBL02"]);
      expect(await c.students("KMBTRW")).toEqual([seatedA, seatedB]);
      await storage.close();
    });

    it("debrief settings: withheld channels and a fork's parent, per table", async () => {
      const { storage } = await open();
      const d = storage.debrief;
      expect(await d.withholdPrivate("ABCDE")).toBe(false);
      expect(await d.parentOf("ABCDE")).toBeNull();
      await d.setWithholdPrivate("ABCDE", true);
      await d.setParent("ABCDE", { code: "PARNT", step: 17 });
      await d.setParent("FGHJK", { code: "ABCDE", step: 3 });
      expect(await d.withholdPrivate("ABCDE")).toBe(true);
      expect(await d.parentOf("ABCDE")).toEqual({ code: "PARNT", step: 17 });
      await d.setWithholdPrivate("ABCDE", false);
      expect(await d.withholdPrivate("ABCDE")).toBe(false);
      expect(await d.parentOf("ABCDE")).toEqual({ code: "PARNT", step: 17 });
      expect(await d.withholdPrivate("FGHJK")).toBe(false);
      await storage.close();
    });
  });
}

export function newClass(code: string, createdAt = 1) {
  return {
    code,
    title: `Class ${code} — 국제관계`,
    settings: { title: `Class ${code}`, rounds: 4, studentLimit: 90, deckName: null } as never,
    deck: code === "KMBTRW" ? deck : null,
    instructorHash: "hash-" + code,
    seed: 123_456_789,
    createdAt,
  };
}

function student(id: string, joinedAt: number): StoredStudent {
  return { id, name: `Student ${id}`, nameKey: `student ${id}`, tokenHash: `tok-${id}`, preference: id === "a" ? "seoul" : null, status: "waiting", readmitted: false, table: null, nation: null, joinedAt };
}
