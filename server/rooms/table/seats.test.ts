import { describe, expect, it } from "vitest";
import { SeatBook } from "./seats.ts";

const ctx = { code: "KMBTR", ended: false, instructorKey: "the-key" };
const errorOf = (fn: () => unknown): { code: number; message: string } => {
  try {
    fn();
  } catch (e) {
    return e as { code: number; message: string };
  }
  throw new Error("no error");
};

describe("seats and tokens", () => {
  it("seats a player in the nation asked for, or the first free one; bot seats are never free", () => {
    const book = new SeatBook({ washington: "mainstream" });
    expect(book.get("washington")).toMatchObject({ designBot: true, name: "Mainstream bot" });
    expect(book.planJoin({ name: "Ana" }, ctx)).toEqual({ role: "player", nation: "seoul", name: "Ana", reclaim: false });
    expect(errorOf(() => book.planJoin({ name: "Ana", nation: "washington" }, ctx))).toMatchObject({ code: 409, message: "Washington is played by a bot at this table." });
    book.claim(book.get("seoul"), "Ana");
    expect(book.planJoin({ name: "Bo" }, ctx)).toMatchObject({ nation: "tokyo" });
    expect(errorOf(() => book.planJoin({ name: "Bo", nation: "seoul" }, ctx))).toMatchObject({ code: 409, message: "Seoul is taken." });
    book.claim(book.get("tokyo"), "Bo");
    expect(book.full()).toBe(true);
    expect(errorOf(() => book.planJoin({ name: "Cy" }, ctx))).toMatchObject({ code: 409, message: "Table KMBTR is full." });
  });

  it("a seat token reclaims its own seat only; only its hash is kept", () => {
    const book = new SeatBook({});
    const token = book.claim(book.get("tokyo"), "Taro");
    expect(book.get("tokyo").tokenHash).not.toContain(token);
    expect(book.planJoin({ seatToken: token }, ctx)).toEqual({ role: "player", nation: "tokyo", reclaim: true, token });
    expect(errorOf(() => book.planJoin({ seatToken: "x".repeat(32) }, ctx)).code).toBe(403);
    expect(book.holdsToken(token)).toBe(true);
    book.free(book.get("tokyo"));
    expect(book.holdsToken(token)).toBe(false);
  });

  it("the instructor key is checked; spectators need nothing; bad options are a readable 400", () => {
    const book = new SeatBook({});
    expect(book.planJoin({ instructorKey: "the-key" }, ctx)).toEqual({ role: "instructor" });
    expect(errorOf(() => book.planJoin({ instructorKey: "nope" }, ctx)).code).toBe(403);
    expect(book.planJoin({ spectate: true }, ctx)).toEqual({ role: "spectator" });
    expect(errorOf(() => book.planJoin({ name: "A", actor: "seoul" }, ctx)).code).toBe(400);
    expect(errorOf(() => book.planJoin({}, ctx))).toMatchObject({ code: 400, message: "Please type a name." });
    expect(errorOf(() => book.planJoin({ name: "Late" }, { ...ctx, ended: true })).code).toBe(409);
  });
});
