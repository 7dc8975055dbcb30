import { z } from "zod";
import { SeedItemSchema, SeedRecordSchema } from "../content/seed-schema.ts";
import { NationSchema } from "../rules/effects.ts";
import { GameRecordSchema } from "../rules/record.ts";
import { NATION_NAMES, type Nation } from "../rules/vocabulary.ts";

/** What GET /api/debrief/:code answers: the record as this reader may see it, with names and the cited seeds. */
export const DEBRIEF_FORMAT = "trilateral-debrief/1";

export const DebriefPayloadSchema = z.strictObject({
  format: z.literal(DEBRIEF_FORMAT),
  code: z.string(),
  status: z.enum(["live", "ended", "abandoned", "unrecoverable"]),
  /** Who the server let in: the instructor, or a seat of this table after the game. */
  access: z.enum(["instructor", "seat"]),
  seat: NationSchema.nullable(),
  /** Bilateral channels were left out of this record (the table's debrief setting). */
  withheldPrivateChannels: z.boolean(),
  names: z.record(NationSchema, z.string()),
  bots: z.array(NationSchema),
  /** Set when this table was forked from another one. */
  parent: z.strictObject({ code: z.string(), step: z.number().int().min(0) }).nullable(),
  record: GameRecordSchema,
  /** Seed records trimmed to the items the deck cites. */
  seeds: z.array(SeedRecordSchema.extend({ items: z.array(SeedItemSchema) })),
});
export type DebriefPayload = z.infer<typeof DebriefPayloadSchema>;

/** "Seoul player": the name a class export uses when names are anonymised. */
export function anonymousName(nation: Nation): string {
  return `${NATION_NAMES[nation]} player`;
}
