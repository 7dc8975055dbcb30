import { createHash, timingSafeEqual } from "node:crypto";
import type express from "express";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { TableContext } from "../rooms/context.ts";
import { hashToken } from "../storage/store.ts";

/**
 * Hook for instructor tokens other than the server-wide INSTRUCTOR_KEY: the class helper
 * registers a check that a token is the instructor token of the class this table belongs to.
 */
export type InstructorCheck = (code: string, token: string) => boolean | Promise<boolean>;

export type Access =
  | { kind: "instructor" }
  /** A seat of this table, once the game has ended. */
  | { kind: "seat"; nation: Nation }
  | { kind: "denied"; status: 401 | 403 | 404; error: string };

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === "string" ? v : undefined);

export const instructorKeyOf = (req: express.Request) => first(req.get("x-instructor-key")) ?? first(req.query.key);

export async function isInstructor(ctx: TableContext, checks: readonly InstructorCheck[], code: string, key: string | undefined): Promise<boolean> {
  if (key === undefined) return false;
  if (sameSecret(key, ctx.config.instructorKey)) return true;
  for (const check of checks) if (await check(code, key)) return true;
  return false;
}

/** Who this request is for this table: the instructor, a seat after the game, or nobody. */
export async function accessOf(ctx: TableContext, checks: readonly InstructorCheck[], req: express.Request, code: string): Promise<Access> {
  const key = instructorKeyOf(req);
  const token = first(req.get("x-seat-token")) ?? first(req.query.seatToken);
  const stored = await ctx.store.getTable(code);
  if (!stored) return { kind: "denied", status: 404, error: `There is no table with the code ${code}.` };
  if (await isInstructor(ctx, checks, code, key)) return { kind: "instructor" };
  if (token === undefined) {
    return { kind: "denied", status: key === undefined ? 401 : 403, error: "A debrief needs the instructor key, or after the game your seat at this table." };
  }
  const hash = hashToken(token);
  const seat = (await ctx.store.seats(code)).find((s) => s.tokenHash !== null && s.tokenHash === hash);
  if (!seat) return { kind: "denied", status: 403, error: "That seat token is not one of this table's seats." };
  if (stored.status !== "ended") return { kind: "denied", status: 403, error: "The debrief opens when the game is over." };
  return { kind: "seat", nation: seat.nation };
}
