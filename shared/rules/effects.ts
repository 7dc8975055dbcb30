import { z } from "zod";
import { INSTITUTION_IDS } from "./institutions.ts";
import { NATIONS, PAIRS, STANCES } from "./vocabulary.ts";

/** Schemas for the effect language shared by cards, responses, policies and institutions. */

export const NationSchema = z.enum(NATIONS);
export const PairSchema = z.enum(PAIRS);
export const InstitutionIdSchema = z.enum(INSTITUTION_IDS);
export const StanceIdSchema = z.enum([...STANCES.seoul, ...STANCES.tokyo, ...STANCES.washington]);

export const MeterRefSchema = z.discriminatedUnion("meter", [
  z.object({ meter: z.literal("trust"), pair: PairSchema }),
  z.object({ meter: z.literal("support"), nation: NationSchema }),
  z.object({ meter: z.literal("threat") }),
  z.object({ meter: z.literal("historyTension") }),
  z.object({ meter: z.literal("japanDefense") }),
  z.object({ meter: z.literal("burdenShared") }),
]);

export const ConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("institutionInForce"), institution: InstitutionIdSchema }),
  z.object({ kind: z.literal("institutionNotInForce"), institution: InstitutionIdSchema }),
  z.object({ kind: z.literal("firewall"), state: z.enum(["intact", "breached"]) }),
  z.object({ kind: z.literal("meterAtLeast"), meter: MeterRefSchema, value: z.number() }),
  z.object({ kind: z.literal("meterAtMost"), meter: MeterRefSchema, value: z.number() }),
  z.object({ kind: z.literal("exportControls"), active: z.boolean() }),
  z.object({ kind: z.literal("counterstrike"), acquired: z.boolean() }),
  z.object({ kind: z.literal("stance"), nation: NationSchema, stance: StanceIdSchema }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

const delta = z.number().int().min(-50).max(50);
/**
 * `if`: the effect applies only when the condition holds.
 * `domain: "history"`: a history shock — halved on Seoul–Tokyo trust while the firewall stands,
 * and unable to suspend a security institution while it stands.
 */
const common = {
  if: ConditionSchema.optional(),
  domain: z.literal("history").optional(),
};

export const EffectSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("trust"), pair: PairSchema, delta, ...common }),
  z.object({ kind: z.literal("support"), nation: NationSchema, delta, ...common }),
  z.object({ kind: z.literal("threat"), delta, ...common }),
  z.object({ kind: z.literal("historyTension"), delta, ...common }),
  z.object({ kind: z.literal("japanDefense"), delta, ...common }),
  z.object({ kind: z.literal("burdenShared"), delta, ...common }),
  z.object({ kind: z.literal("firewall"), state: z.enum(["intact", "breached"]), ...common }),
  z.object({
    kind: z.literal("institution"),
    op: z.enum(["create", "suspend", "restore"]),
    institution: InstitutionIdSchema,
    ...common,
  }),
  z.object({ kind: z.literal("exportControls"), active: z.boolean(), ...common }),
  z.object({ kind: z.literal("counterstrike"), ...common }),
  z.object({ kind: z.literal("leadershipChange"), nation: NationSchema, ...common }),
  /** Deterrence added until the end of the current round (strategic assets, a show of force). */
  z.object({ kind: z.literal("deterrenceBonus"), delta: z.number().int().min(0).max(5), ...common }),
]);
export type Effect = z.infer<typeof EffectSchema>;
