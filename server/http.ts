import { createHash, timingSafeEqual } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import type express from "express";
import { ROOM_NAME, TableCodeSchema } from "../shared/protocol/messages.ts";
import { serializeRecord } from "../shared/rules/record.ts";
import type { TableContext } from "./rooms/context.ts";
import type { HttpLimiters } from "./rate-limits.ts";
import { hashToken } from "./storage/store.ts";
import { recordFromStore, summaryFromStore, type TableRoom } from "./rooms/TableRoom.ts";

const startedAt = Date.now();

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

function liveTable(code: string): TableRoom | undefined {
  const room = matchMaker.getLocalRoomById(code) as TableRoom | undefined;
  return room && room.roomName === ROOM_NAME ? room : undefined;
}

function liveTableCount(): number {
  return matchMaker.stats.local.roomCount;
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === "string" ? v : undefined);

/** The JSON API: /health, /api/tables/:code, /api/tables/:code/record. */
export function mountApi(app: express.Application, ctx: TableContext, limiters: HttpLimiters): void {
  app.get("/health", (_req, res) => {
    res.json({ ok: true, tables: liveTableCount(), uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
  });

  app.get("/api/tables/:code", limiters.misses, limiters.lookup, async (req, res) => {
    const code = TableCodeSchema.safeParse(req.params.code);
    if (!code.success) {
      res.status(404).json({ error: `There is no table with the code ${String(req.params.code).slice(0, 12)}.` });
      return;
    }
    const summary = liveTable(code.data)?.summary() ?? (await summaryFromStore(ctx.store, code.data));
    if (!summary) {
      res.status(404).json({ error: `There is no table with the code ${code.data}.` });
      return;
    }
    res.json(summary);
  });

  app.get("/api/tables/:code/record", limiters.misses, limiters.record, async (req, res) => {
    const code = TableCodeSchema.safeParse(req.params.code);
    const stored = code.success ? await ctx.store.getTable(code.data) : null;
    if (!code.success || !stored) {
      res.status(404).json({ error: `There is no table with the code ${String(req.params.code).slice(0, 12)}.` });
      return;
    }
    const key = first(req.get("x-instructor-key")) ?? first(req.query.key);
    const seatToken = first(req.query.seatToken) ?? first(req.get("x-seat-token"));
    let allowed = key !== undefined && sameSecret(key, ctx.config.instructorKey);
    if (!allowed && seatToken !== undefined) {
      const ended = stored.status === "ended";
      if (!ended) {
        res.status(403).json({ error: "The record is available to the table once the game is over (the instructor key opens it earlier)." });
        return;
      }
      allowed = (await ctx.store.seats(code.data)).some((s) => s.tokenHash !== null && s.tokenHash === hashToken(seatToken));
    }
    if (!allowed) {
      res
        .status(key === undefined && seatToken === undefined ? 401 : 403)
        .json({ error: "The record needs the instructor key (header x-instructor-key or ?key=), or after the game a seat token (?seatToken=)." });
      return;
    }
    const record = (await recordFromStore(ctx.store, code.data))!;
    res.type("application/json").send(serializeRecord(record));
  });

  app.use("/api", (_req, res) => {
    res.status(404).json({ error: "No such API route." });
  });
}
