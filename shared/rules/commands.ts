import { z } from "zod";
import { NationSchema, PairSchema } from "./effects.ts";
import { OptionIdSchema, PolicyIdSchema, ProposalIdSchema } from "./ids.ts";
import { ProposalTermSchema } from "./proposals.ts";
import { INSTRUCTOR_COMMAND_SCHEMAS } from "./instructor-commands.ts";
import { TUNING } from "./tuning.ts";
import { PHASES, type Nation } from "./vocabulary.ts";

/** Everything an actor may ask the engine to do. Parsed with zod at every boundary. */
export const CommandSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("respond"), optionId: OptionIdSchema }),
  z.strictObject({
    type: z.literal("tableProposal"),
    parties: z.array(NationSchema).min(2).max(3),
    terms: z.array(ProposalTermSchema).min(1).max(TUNING.proposals.maxTermsPerProposal),
    note: z.string().max(200).default(""),
  }),
  z.strictObject({ type: z.literal("acceptProposal"), proposalId: ProposalIdSchema }),
  z.strictObject({ type: z.literal("rejectProposal"), proposalId: ProposalIdSchema }),
  z.strictObject({ type: z.literal("withdrawProposal"), proposalId: ProposalIdSchema }),
  z.strictObject({
    type: z.literal("say"),
    channel: z.union([z.literal("table"), PairSchema]),
    text: z.string().trim().min(1).max(TUNING.chat.maxLength),
  }),
  /** Done with the current phase (negotiation or summary). */
  z.strictObject({ type: z.literal("ready") }),
  z.strictObject({ type: z.literal("commitPolicy"), policy: PolicyIdSchema }),
  /** A phase deadline passed. Issued by the server's clock (or an instructor advancing the phase). */
  z.strictObject({ type: z.literal("phaseTimeout"), round: z.number().int().min(0), phase: z.enum(PHASES) }),
  /** §10 Instructor controls: pause, resume, extendPhase, advancePhase, injectCard, broadcast, endTable. */
  ...INSTRUCTOR_COMMAND_SCHEMAS,
]);
export type Command = z.infer<typeof CommandSchema>;
/** A command as written before parsing (plain strings for ids): what CommandSchema.parse takes. */
export type CommandInput = z.input<typeof CommandSchema>;

export type Actor = { kind: "seat"; nation: Nation } | { kind: "system" } | { kind: "instructor" };

export const ActorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("seat"), nation: NationSchema }),
  z.strictObject({ kind: z.literal("system") }),
  z.strictObject({ kind: z.literal("instructor") }),
]);

export const seat = (nation: Nation): Actor => ({ kind: "seat", nation });
export const SYSTEM: Actor = { kind: "system" };

/** A command as it enters the record: who, when (ms since epoch, as data), what. */
export interface CommandEnvelope {
  actor: Actor;
  at: number;
  command: Command;
}
