import { z } from "zod";

/** The schema of one essay record, `seeds/<id>.json`: our own summary and the dated facts cards cite. */

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case");

export const SeedItemSchema = z.strictObject({
  id,
  kind: z.enum(["fact", "argument"]),
  /** The date the essay gives, when it gives one (YYYY, YYYY-MM or YYYY-MM-DD). */
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    .optional(),
  /** In our own words. */
  text: z.string().min(10).max(600),
  /** Where the essay differs from the public record. */
  note: z.string().max(600).optional(),
  /** Set when no card cites the item on purpose: why it is background only. */
  background: z.string().min(10).max(300).optional(),
});

export const SeedRecordSchema = z.strictObject({
  id,
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, "must name a file in ../shared/seeds/"),
  author: z.string().min(3),
  /** The family name prompts use for the author, when it is not the last word of `author`. */
  surname: z.string().min(2).optional(),
  authorAffiliation: z.string().optional(),
  title: z.string().min(3),
  outlet: z.string().min(2),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  summary: z.string().min(100).max(2000),
  items: z.array(SeedItemSchema).min(5),
});
export type SeedRecord = z.infer<typeof SeedRecordSchema>;
