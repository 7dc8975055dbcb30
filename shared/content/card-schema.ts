import { z } from "zod";
import { EffectSchema, NationSchema } from "../rules/effects.ts";
import { CardIdSchema, OptionIdSchema } from "../rules/ids.ts";

/** The schema of one event card, `content/cards/<id>.json`. */

const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be kebab-case: lowercase letters, digits and hyphens");
const isoDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, "must be a date written YYYY, YYYY-MM or YYYY-MM-DD");

export const CARD_TAGS = ["history", "security", "economy", "domestic", "external"] as const;

export const ResponseOptionSchema = z.strictObject({
  id: OptionIdSchema,
  label: z.string().min(2).max(60),
  description: z.string().min(10).max(400),
  effects: z.array(EffectSchema).max(8),
});

export const CardResponseSchema = z
  .strictObject({
    /** The nations that must each choose one option. */
    nations: z.array(NationSchema).min(1).max(3),
    prompt: z.string().min(10).max(300),
    options: z.array(ResponseOptionSchema).min(2).max(3),
    /** The option a nation takes when its timer runs out; the first option if omitted. */
    defaultOption: OptionIdSchema.optional(),
  })
  .refine((r) => new Set(r.nations).size === r.nations.length, { message: "a nation is listed twice" })
  .refine((r) => new Set(r.options.map((o) => o.id)).size === r.options.length, {
    message: "two options share an id",
  })
  .refine((r) => r.defaultOption === undefined || r.options.some((o) => o.id === r.defaultOption), {
    message: "defaultOption names no option",
  });

export const CitationSchema = z.strictObject({
  /** A seed record id, e.g. "nishino-2017". */
  seed: id,
  /** Fact or argument ids within that seed record. */
  refs: z.array(z.string().min(1)).min(1),
  /** Where the card departs from the essay or the public record, and why. */
  note: z.string().max(600).optional(),
});

export const CardSchema = z.strictObject({
  id: CardIdSchema,
  title: z.string().min(3).max(80),
  date: isoDate,
  era: z.string().min(2).max(40),
  narrative: z.string().min(40).max(900),
  citation: CitationSchema,
  /** Other seeds the card also draws on. */
  alsoCites: z.array(CitationSchema).optional(),
  effects: z.array(EffectSchema).max(10),
  response: CardResponseSchema.optional(),
  tags: z.array(z.enum(CARD_TAGS)).min(1),
  prompts: z.array(z.string().min(10).max(300)).min(1).max(4),
  /**
   * Seminar prompts that set one essay's argument against another's: the index of the prompt in
   * `prompts` and the two seed records it weighs (both among the card's citations).
   */
  debate: z
    .array(z.strictObject({ prompt: z.number().int().min(0).max(3), essays: z.tuple([id, id]) }))
    .max(4)
    .optional(),
  /** Opportunity cards offer a way forward rather than a shock. */
  opportunity: z.boolean().optional(),
});
export type Card = z.infer<typeof CardSchema>;
