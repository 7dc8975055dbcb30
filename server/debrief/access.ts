import { createHash, timingSafeEqual } from "node:crypto";
import type express from "express";
import type { Nation } from "../../shared/rules/vocabulary.ts";
import type { TableContext } from "../rooms/context.ts";
import { hashToken } from "../storage/store.ts";

/**
 * Hook for instructor tokens other than the server-wide INSTRUCTOR_KEY: the class helper
 * registers a check that a token is the instructor token of the class this table belongs to.
 */
export type InstructorCheck = (code: string, token: string) => boolean;

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

export function isInstructor(ctx: TableContext, checks: readonly InstructorCheck[], code: string, key: string | undefined): boolean {
  return key !== undefined && (sameSecret(key, ctx.config.instructorKey) || checks.some((check) => check(code, key)));
}

/** Who this request is for this table: the instructor, a seat after the game, or nobody. */
export function accessOf(ctx: TableContext, checks: readonly InstructorCheck[], req: express.Request, code: string): Access {
  const key = instructorKeyOf(req);
  const token = first(req.get("x-seat-token")) ?? first(req.query.seatToken);
  const stored = ctx.store.getTable(code);
  if (!stored) return { kind: "denied", status: 404, error: `There is no table with the code ${code}.` };
  if (isInstructor(ctx, checks, code, key)) return { kind: "instructor" };
  if (token === undefined) {
    return { kind: "denied", status: key === undefined ? 401 : 403, error: "A debrief needs the instructor key, or after the game your seat at this table." };
  }
  const hash = hashToken(token);
  const seat = ctx.store.seats(code).find((s) => s.tokenHash !== null && s.tokenHash === hash);
  if (!seat) return { kind: "denied", status: 403, error: "That seat token is not one of this table's seats." };
  if (stored.status !== "ended") return { kind: "denied", status: 403, error: "The debrief opens when the game is over." };
  return { kind: "seat", nation: seat.nation };
}
