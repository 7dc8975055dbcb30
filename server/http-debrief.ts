import express from "express";
import { z } from "zod";
import { TableCodeSchema } from "../shared/protocol/messages.ts";
import { ForkRequestSchema } from "../shared/replay/fork.ts";
import { NATIONS } from "../shared/rules/vocabulary.ts";
import { accessOf, instructorKeyOf, isInstructor, type InstructorCheck } from "./debrief/access.ts";
import { forkTable } from "./debrief/fork.ts";
import { debriefPayload } from "./debrief/payload.ts";
import type { DebriefSettingsStore } from "./storage/debrief-settings.ts";
import type { HttpLimiters } from "./rate-limits.ts";
import type { TableContext } from "./rooms/context.ts";

export type { InstructorCheck } from "./debrief/access.ts";

export interface DebriefApi {
  settings: DebriefSettingsStore;
  /** The class helper's hook: accept a class's instructor token for that class's tables. */
  instructorChecks: InstructorCheck[];
}

const SettingsSchema = z.strictObject({ withholdPrivateChannels: z.boolean() });
const MAX_COMPARE = 60;

const issues = (e: z.ZodError) => e.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");

/**
 * The debrief API.
 *   GET  /api/debrief/:code            one table, as this reader may see it
 *   GET  /api/debrief?tables=A,B,…     several tables at once (instructor: the class comparison)
 *   PUT  /api/debrief/:code/settings   {withholdPrivateChannels} (instructor)
 *   POST /api/debrief/:code/fork       {step, seats} (instructor, or a solo player on their own finished game)
 * The instructor (x-instructor-key) reads any table, running or finished, whole. A seat of the
 * table (x-seat-token) reads it only once the game has ended, with everything the end reveals,
 * except bilateral channels when the table's setting withholds them. Nobody else reads anything.
 */
export function mountDebrief(app: express.Application, ctx: TableContext, limiters: HttpLimiters): DebriefApi {
  const settings = ctx.debriefSettings;
  const instructorChecks: InstructorCheck[] = [];
  const anonymiseOf = (req: express.Request) => req.query.anonymise === "1";

  const codeOf = (req: express.Request, res: express.Response): string | null => {
    const code = TableCodeSchema.safeParse(req.params.code);
    if (code.success) return code.data;
    res.status(404).json({ error: `There is no table with the code ${String(req.params.code).slice(0, 12)}.` });
    return null;
  };

  /** The table and who is asking, or null once a refusal has been sent. */
  const admit = async (req: express.Request, res: express.Response) => {
    const code = codeOf(req, res);
    if (!code) return null;
    const access = await accessOf(ctx, instructorChecks, req, code);
    if (access.kind !== "denied") return { code, access };
    res.status(access.status).json({ error: access.error });
    return null;
  };

  app.get("/api/debrief/:code", limiters.misses, limiters.record, async (req, res) => {
    const admitted = await admit(req, res);
    if (!admitted) return;
    const { code, access } = admitted;
    const payload = await debriefPayload(ctx, settings, code, access, anonymiseOf(req));
    res.setHeader("Cache-Control", "no-store");
    res.json(payload);
  });

  app.get("/api/debrief", limiters.misses, limiters.record, async (req, res) => {
    const raw = typeof req.query.tables === "string" ? req.query.tables.split(",").filter(Boolean) : [];
    const codes = [...new Set(raw.map((c) => TableCodeSchema.safeParse(c)).filter((c) => c.success).map((c) => c.data))];
    if (codes.length === 0 || codes.length > MAX_COMPARE) {
      res.status(400).json({ error: `Name 1 to ${MAX_COMPARE} tables: /api/debrief?tables=ABCDE,FGHJK.` });
      return;
    }
    const key = instructorKeyOf(req);
    const allowed = await Promise.all(codes.map((c) => isInstructor(ctx, instructorChecks, c, key)));
    const refused = codes.filter((_c, i) => !allowed[i]);
    if (refused.length > 0) {
      res.status(key === undefined ? 401 : 403).json({ error: "Comparing tables needs the instructor key." });
      return;
    }
    const found = await Promise.all(codes.map((c) => ctx.store.hasTable(c)));
    const missing = codes.filter((_c, i) => !found[i]);
    if (missing.length > 0) {
      res.status(404).json({ error: `There is no table with the code ${missing.join(", ")}.` });
      return;
    }
    const tables = await Promise.all(codes.map((c) => debriefPayload(ctx, settings, c, { kind: "instructor" }, anonymiseOf(req))));
    res.setHeader("Cache-Control", "no-store");
    res.json({ tables });
  });

  app.put("/api/debrief/:code/settings", limiters.misses, express.json({ limit: "2kb" }), async (req, res) => {
    const admitted = await admit(req, res);
    if (!admitted) return;
    const { code, access } = admitted;
    if (access.kind !== "instructor") {
      res.status(403).json({ error: "Only the instructor changes a debrief's settings." });
      return;
    }
    const body = SettingsSchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: `Send {"withholdPrivateChannels": true|false}: ${issues(body.error)}` });
      return;
    }
    await settings.setWithholdPrivate(code, body.data.withholdPrivateChannels);
    res.json({ code, withholdPrivateChannels: body.data.withholdPrivateChannels });
  });

  app.post("/api/debrief/:code/fork", limiters.misses, limiters.create, express.json({ limit: "2kb" }), async (req, res) => {
    const admitted = await admit(req, res);
    if (!admitted) return;
    const { code, access } = admitted;
    if (access.kind === "seat") {
      // A solo player forks their own game: every other seat was a bot.
      const parent = (await ctx.store.getTable(code))!;
      const others = NATIONS.filter((n) => n !== access.nation);
      if (!others.every((n) => parent.bots[n] !== undefined)) {
        res.status(403).json({ error: "Only the instructor forks a table with other human players." });
        return;
      }
    }
    const body = ForkRequestSchema.safeParse(req.body ?? {});
    if (!body.success) {
      res.status(400).json({ error: `A fork needs {step, seats}: ${issues(body.error)}` });
      return;
    }
    const result = await forkTable(ctx, settings, code, body.data);
    if (!result.ok) {
      res.status(result.status).json({ error: result.error });
      return;
    }
    res.status(201).json(result.answer);
  });

  return { settings, instructorChecks };
}
