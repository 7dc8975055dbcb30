import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootTestServer, createTable, fullTable, INSTRUCTOR_KEY, joinTable, type TestServer } from "./support/harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25685, {
    RATE_CREATES_PER_MINUTE: "3",
    RATE_LOOKUPS_PER_MINUTE: "4",
    RATE_RECORDS_PER_MINUTE: "2",
    RATE_MISSES_PER_MINUTE: "3",
    RATE_JOINS_PER_MINUTE: "40",
    SPECTATORS_PER_TABLE: "2",
  });
});
afterAll(async () => {
  await t.shutdown();
});

const joinError = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as { code: number; message: string };
  }
  throw new Error("the join succeeded");
};

describe("abuse", () => {
  it("spectators have their own small cap; seated players and the instructor always get in", { timeout: 30_000 }, async () => {
    const { seoul, tokyo, washington, code } = await fullTable(t.sdk(), { rounds: 2 }); // create 1
    // a burst of spectators: only the cap gets in, even when they all ask at once
    const burst = await Promise.allSettled(Array.from({ length: 8 }, () => t.sdk().joinById(code, { spectate: true })));
    const admitted = burst.filter((r) => r.status === "fulfilled");
    expect(admitted).toHaveLength(2);
    const refused = burst.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 409 });
    expect(refused.reason.message).toMatch(/as many spectators as it admits \(2\)/);
    // the players and the instructor still get in
    const again = await joinTable(t.sdk(), code, { seatToken: tokyo.seat!.seatToken! });
    expect(again.seat!.nation).toBe("tokyo");
    const teacher = await joinTable(t.sdk(), code, { instructorKey: INSTRUCTOR_KEY });
    expect(teacher.seat!.role).toBe("instructor");
    for (const r of admitted) await (r as PromiseFulfilledResult<{ leave(): Promise<unknown> }>).value.leave();
    for (const s of [seoul, tokyo, washington, again, teacher]) await s.leave();
  });

  it("creates, look-ups, record fetches and failed guesses are limited per address with a clear 429", { timeout: 30_000 }, async () => {
    const solo = await createTable(t.sdk(), { name: "Solo", bots: { tokyo: "mainstream", washington: "alliance-builder" } }); // create 2
    const other = await createTable(t.sdk(), { name: "Solo", bots: { tokyo: "mainstream", washington: "alliance-builder" } }); // create 3
    const tooMany = await joinError(t.sdk().create("table", { name: "Fourth" }));
    expect(tooMany.code).toBe(429);
    expect(tooMany.message).toMatch(/Too many new tables from your address; try again in \d+ s\./);

    for (let i = 0; i < 4; i++) expect((await fetch(`${t.url}/api/tables/${solo.code}`)).status).toBe(200);
    const limited = await fetch(`${t.url}/api/tables/${solo.code}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ error: expect.stringMatching(/^Too many table look-ups/), retryAfterSeconds: expect.any(Number) });

    const record = () => fetch(`${t.url}/api/tables/${solo.code}/record`, { headers: { "x-instructor-key": INSTRUCTOR_KEY } });
    expect((await record()).status).toBe(200);
    expect((await record()).status).toBe(200);
    expect((await record()).status).toBe(429);

    // guessing: failed attempts count on their own, across look-ups and joins
    expect((await joinError(t.sdk().joinById("QQQQR", { name: "Guess" }))).code).toBe(404);
    expect((await joinError(t.sdk().joinById(other.code, { seatToken: "a-guessed-seat-token" }))).code).toBe(403);
    expect((await joinError(t.sdk().joinById(other.code, { instructorKey: "a-guess" }))).code).toBe(403);
    const guess = await joinError(t.sdk().joinById(other.code, { instructorKey: "another-guess" }));
    expect(guess.code).toBe(429);
    expect(guess.message).toMatch(/^Too many failed attempts/);
    // a limited request changed nothing: the table is as it was
    expect((await t.server.trilateral.store.getTable(other.code))!.status).toBe("live");
    for (const s of [solo, other]) await s.leave();
  });
});
