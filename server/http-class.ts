import { matchMaker } from "@colyseus/core";
import express from "express";
import { ClassCodeSchema, DeckCheckRequestSchema, type ClassPublicInfo, type DeckCheckAnswer } from "../shared/protocol/class-messages.ts";
import type { ClassContext } from "./classes/context.ts";
import type { HttpLimiters } from "./rate-limits.ts";
import { createClass } from "./classes/create.ts";
import { checkUploadedDeck } from "./classes/deck.ts";
import type { ClassRoom } from "./rooms/ClassRoom.ts";

/** Requests per minute per client address (server/rate-limits.ts answers 429 with a sentence and Retry-After). */
export const CLASS_RATE_LIMITS = { create: 10, deckCheck: 30, lookup: 60 } as const;

/**
 * The class routes: POST /api/classes, POST /api/classes/deck-check, GET /api/classes/:code.
 * Bodies are JSON up to 2 MB (an instructor's deck file). Unknown codes count as failed
 * guesses (the server-wide `misses` limit), like unknown table codes.
 */
export function mountClassApi(app: express.Application, ctx: ClassContext, limiters: HttpLimiters): void {
  const json = express.json({ limit: "2mb" });
  const L = CLASS_RATE_LIMITS;
  const create = limiters.make(L.create, "new classes");
  const deckCheck = limiters.make(L.deckCheck, "deck checks");
  const lookup = limiters.make(L.lookup, "class look-ups");

  app.post("/api/classes/deck-check", deckCheck, json, (req, res) => {
    const body = DeckCheckRequestSchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: "Send { fileName, data } where data is the deck file's JSON." });
      return;
    }
    const checked = checkUploadedDeck(body.data.fileName, body.data.data);
    const answer: DeckCheckAnswer = checked.ok ? { ok: true, cards: checked.cards.length } : { ok: false, problems: checked.problems };
    res.json(answer);
  });

  app.post("/api/classes", create, json, async (req, res) => {
    const result = await createClass(ctx, req.body);
    if (!result.ok) {
      res.status(result.status).json(result.problems ? { error: result.error, problems: result.problems } : { error: result.error });
      return;
    }
    res.status(201).json(result.answer);
  });

  app.get("/api/classes/:code", limiters.misses, lookup, async (req, res) => {
    const code = ClassCodeSchema.safeParse(req.params.code);
    const room = code.success ? (matchMaker.getLocalRoomById(code.data) as ClassRoom | undefined) : undefined;
    const stored = code.success ? await ctx.classes.get(code.data) : null;
    if (!code.success || !stored) {
      res.status(404).json({ error: `There is no class with the code ${String(req.params.code).trim().toUpperCase().slice(0, 12)}.` });
      return;
    }
    const students = room ? room.roster.present.length : (await ctx.classes.students(code.data)).filter((s) => s.status !== "removed").length;
    const info: ClassPublicInfo = {
      code: code.data,
      title: stored.title,
      status: room?.cls.status ?? stored.status,
      students,
      limit: stored.settings.studentLimit,
      full: students >= stored.settings.studentLimit,
    };
    res.json(info);
  });
}
