import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { newGame } from "../../shared/rules/apply.ts";
import { mixedDeck } from "../../tests/support/cards.ts";
import { summaryFromStore } from "../rooms/table/records.ts";
import { SqliteStore } from "./sqlite-table-store.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function store(): SqliteStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-store-"));
  dirs.push(dir);
  return new SqliteStore(dir);
}

describe("summary rows", () => {
  it("a stored table's summary comes from its row, kept by every commit, without replaying the log", async () => {
    const s = store();
    const deck = mixedDeck();
    const game = newGame(1, { rounds: 4, stances: { washington: "alliance-builder" } }, deck).state;
    await s.createTable({ code: "ABCDE", seed: 1, options: game.options, settings: { timers: null, botThinkMs: null }, deck, bots: { washington: "alliance-builder" }, rulesVersion: "x", createdAt: 1, phase: game.phase, round: game.round, stances: game.stances });
    await s.upsertSeat("ABCDE", { nation: "seoul", name: "Sora", tokenHash: "h", bot: false });
    await s.upsertSeat("ABCDE", { nation: "washington", name: "Alliance builder bot", tokenHash: null, bot: true });
    const clock = { deadline: null, paused: false, remainingMs: null };
    // a command that changed the phase, round and a stance; then one that ends the game
    await s.commit("ABCDE", { seq: 1, actor: { kind: "system" }, at: 2, command: { type: "phaseTimeout", round: 1, phase: "event" }, actionId: null }, { phaseChanged: true, phase: "policy", round: 3, clock, ended: false, stances: { ...game.stances, seoul: "progressive" } });
    // junk in the log: a replay would fail, the summary does not need one
    await s.commit("ABCDE", { seq: 2, actor: { kind: "system" }, at: 3, command: { type: "phaseTimeout", round: 99, phase: "event" }, actionId: null }, { phaseChanged: true, phase: "ended", round: 3, clock, ended: true });
    const summary = (await summaryFromStore(s, "ABCDE"))!;
    expect(summary).toMatchObject({ code: "ABCDE", phase: "ended", round: 3, rounds: 4, ended: true });
    expect(summary.seats.map((x) => [x.nation, x.name, x.occupied, x.bot, x.stance])).toEqual([
      ["seoul", "Sora", true, false, "progressive"],
      ["tokyo", "", false, false, game.stances.tokyo],
      ["washington", "Alliance builder bot", true, true, "alliance-builder"],
    ]);
    expect(await summaryFromStore(s, "ZZZZZ")).toBeNull();
    await s.close();
  });
});
