import { matchMaker } from "@colyseus/core";
import express from "express";
import { rateLimit, type Options } from "express-rate-limit";
import { ClassCodeSchema, DeckCheckRequestSchema, type ClassPublicInfo, type DeckCheckAnswer } from "../shared/protocol/class-messages.ts";
import type { ClassContext } from "./classes/context.ts";
import { createClass } from "./classes/create.ts";
import { checkUploadedDeck } from "./classes/deck.ts";
import type { ClassRoom } from "./rooms/ClassRoom.ts";

/** Per client address; a refusal is a 429 with a sentence and a Retry-After header. */
function limiter(limit: number, windowMs: number, what: string) {
  const options: Partial<Options> = {
    windowMs,
    limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, res, _next, used) => {
      res.status(429).json({ error: `Too many ${what} from this address; wait ${Math.ceil(used.windowMs / 1000)} seconds and try again.` });
    },
  };
  return rateLimit(options);
}

export const CLASS_RATE_LIMITS = {
  create: { limit: 10, windowMs: 60_000 },
  deckCheck: { limit: 30, windowMs: 60_000 },
  lookup: { limit: 60, windowMs: 60_000 },
} as const;

/**
 * The class routes: POST /api/classes, POST /api/classes/deck-check, GET /api/classes/:code.
 * Bodies are JSON up to 2 MB (an instructor's deck file).
 */
export function mountClassApi(app: express.Application, ctx: ClassContext): void {
  const json = express.json({ limit: "2mb" });
  const L = CLASS_RATE_LIMITS;

  app.post("/api/classes/deck-check", limiter(L.deckCheck.limit, L.deckCheck.windowMs, "deck checks"), json, (req, res) => {
    const body = DeckCheckRequestSchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: "Send { fileName, data } where data is the deck file's JSON." });
      return;
    }
    const checked = checkUploadedDeck(body.data.fileName, body.data.data);
    const answer: DeckCheckAnswer = checked.ok ? { ok: true, cards: checked.cards.length } : { ok: false, problems: checked.problems };
    res.json(answer);
  });

  app.post("/api/classes", limiter(L.create.limit, L.create.windowMs, "new classes"), json, async (req, res) => {
    const result = await createClass(ctx, req.body);
    if (!result.ok) {
      res.status(result.status).json(result.problems ? { error: result.error, problems: result.problems } : { error: result.error });
      return;
    }
    res.status(201).json(result.answer);
  });

  app.get("/api/classes/:code", limiter(L.lookup.limit, L.lookup.windowMs, "class look-ups"), (req, res) => {
    const code = ClassCodeSchema.safeParse(req.params.code);
    const room = code.success ? (matchMaker.getLocalRoomById(code.data) as ClassRoom | undefined) : undefined;
    const stored = code.success ? ctx.classes.get(code.data) : null;
    if (!code.success || !stored) {
      res.status(404).json({ error: `There is no class with the code ${String(req.params.code).trim().toUpperCase().slice(0, 12)}.` });
      return;
    }
    const students = room ? room.roster.present.length : ctx.classes.students(code.data).filter((s) => s.status !== "removed").length;
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
