import { createHash, timingSafeEqual } from "node:crypto";
import express from "express";
import { z } from "zod";
import { loadSeeds } from "../shared/content/fs-load.ts";
import type { SeedRecord } from "../shared/content/seed-schema.ts";
import { TableCodeSchema } from "../shared/protocol/messages.ts";
import { recordFor } from "../shared/replay/audience.ts";
import { seedsForCards } from "../shared/replay/citations.ts";
import { anonymousName, DEBRIEF_FORMAT, type DebriefPayload } from "../shared/replay/payload.ts";
import { NATIONS, type Nation } from "../shared/rules/vocabulary.ts";
import { DebriefSettingsStore } from "./debrief/settings-store.ts";
import type { TableContext } from "./rooms/context.ts";
import { recordFromStore } from "./rooms/TableRoom.ts";
import { hashToken } from "./storage/store.ts";

/**
 * Hook for instructor tokens other than the server-wide INSTRUCTOR_KEY: the class helper
 * registers a check that a token is the instructor token of the class this table belongs to.
 */
export type InstructorCheck = (code: string, token: string) => boolean;

export interface DebriefApi {
  settings: DebriefSettingsStore;
  close(): void;
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

const first = (v: unknown): string | undefined => (Array.isArray(v) ? first(v[0]) : typeof v === "string" ? v : undefined);

const SettingsSchema = z.strictObject({ withholdPrivateChannels: z.boolean() });

type Access = { kind: "instructor" } | { kind: "seat"; nation: Nation } | { kind: "denied"; status: 401 | 403 | 404; error: string };

/**
 * The debrief API: GET /api/debrief/:code and PUT /api/debrief/:code/settings.
 * The instructor (x-instructor-key) reads any table, running or finished, whole. A seat of the
 * table (x-seat-token) reads it only once the game has ended, with everything the end reveals,
 * except bilateral channels when the table's setting withholds them. Nobody else reads anything.
 */
export function mountDebrief(app: express.Application, ctx: TableContext, instructorChecks: InstructorCheck[] = []): DebriefApi {
  const settings = new DebriefSettingsStore(ctx.store.file);
  let seeds: SeedRecord[] | null = null;
  const allSeeds = () => (seeds ??= loadSeeds().seeds);

  const isInstructor = (code: string, key: string | undefined) =>
    key !== undefined && (sameSecret(key, ctx.config.instructorKey) || instructorChecks.some((check) => check(code, key)));

  function accessOf(req: express.Request, code: string): Access {
    const key = first(req.get("x-instructor-key")) ?? first(req.query.key);
    const token = first(req.get("x-seat-token")) ?? first(req.query.seatToken);
    const stored = ctx.store.getTable(code);
    if (!stored) return { kind: "denied", status: 404, error: `There is no table with the code ${code}.` };
    if (isInstructor(code, key)) return { kind: "instructor" };
    if (token === undefined) {
      return { kind: "denied", status: key === undefined ? 401 : 403, error: "A debrief needs the instructor key, or after the game your seat at this table." };
    }
    const hash = hashToken(token);
    const seat = ctx.store.seats(code).find((s) => s.tokenHash !== null && s.tokenHash === hash);
    if (!seat) return { kind: "denied", status: 403, error: "That seat token is not one of this table's seats." };
    if (stored.status !== "ended") return { kind: "denied", status: 403, error: "The debrief opens when the game is over." };
    return { kind: "seat", nation: seat.nation };
  }

  const codeOf = (req: express.Request, res: express.Response): string | null => {
    const code = TableCodeSchema.safeParse(req.params.code);
    if (code.success) return code.data;
    res.status(404).json({ error: `There is no table with the code ${String(req.params.code).slice(0, 12)}.` });
    return null;
  };

  app.get("/api/debrief/:code", (req, res) => {
    const code = codeOf(req, res);
    if (!code) return;
    const access = accessOf(req, code);
    if (access.kind === "denied") {
      res.status(access.status).json({ error: access.error });
      return;
    }
    const stored = ctx.store.getTable(code)!;
    const full = recordFromStore(ctx.store, code)!;
    const withhold = access.kind === "seat" && settings.withholdPrivate(code);
    const record = recordFor(full, access.kind === "instructor" ? { kind: "instructor" } : { kind: "seat", withholdPrivateChannels: withhold });
    const anonymise = first(req.query.anonymise) === "1";
    const seats = ctx.store.seats(code);
    const names = {} as Record<Nation, string>;
    for (const nation of NATIONS) {
      const name = seats.find((s) => s.nation === nation)?.name ?? "";
      names[nation] = anonymise || name === "" ? anonymousName(nation) : name;
    }
    const payload: DebriefPayload = {
      format: DEBRIEF_FORMAT,
      code,
      status: stored.status,
      access: access.kind,
      seat: access.kind === "seat" ? access.nation : null,
      withheldPrivateChannels: withhold,
      names,
      bots: NATIONS.filter((n) => seats.find((s) => s.nation === n)?.bot || stored.bots[n] !== undefined),
      parent: null,
      record,
      seeds: seedsForCards(record.deck, allSeeds()),
    };
    res.setHeader("Cache-Control", "no-store");
    res.json(payload);
  });

  app.put("/api/debrief/:code/settings", express.json({ limit: "2kb" }), (req, res) => {
    const code = codeOf(req, res);
    if (!code) return;
    const access = accessOf(req, code);
    if (access.kind !== "instructor") {
      res.status(access.kind === "denied" ? access.status : 403).json({ error: access.kind === "denied" ? access.error : "Only the instructor changes a debrief's settings." });
      return;
    }
    const body = SettingsSchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: `Send {"withholdPrivateChannels": true|false}: ${body.error.issues.map((i) => i.message).join("; ")}` });
      return;
    }
    settings.setWithholdPrivate(code, body.data.withholdPrivateChannels);
    res.json({ code, withholdPrivateChannels: body.data.withholdPrivateChannels });
  });

  return { settings, close: () => settings.close() };
}
