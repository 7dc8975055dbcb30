import { z } from "zod";
import { POLICY_IDS } from "./policies.ts";

/**
 * The ids the game passes around, each a zod schema with a brand: a plain string is not a
 * `CardId` until a schema has parsed it (a command off the wire, a card file, an id the engine
 * mints), so an option id cannot be handed where a card id belongs.
 */

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** An event card's id, e.g. "dokdo-visit-2012" (the card file's name). */
export const CardIdSchema = z.string().regex(kebab, "must be kebab-case: lowercase letters, digits and hyphens").max(60).brand<"CardId">();
export type CardId = z.infer<typeof CardIdSchema>;

/** A response option's id within its card. */
export const OptionIdSchema = z.string().regex(kebab, "must be kebab-case: lowercase letters, digits and hyphens").max(60).brand<"OptionId">();
export type OptionId = z.infer<typeof OptionIdSchema>;

/** A proposal's id: its parties' initials and a number, e.g. "ST1" (see proposalIdFor). */
export const ProposalIdSchema = z.string().min(1).max(20).brand<"ProposalId">();
export type ProposalId = z.infer<typeof ProposalIdSchema>;

/** A secret agenda's id, e.g. "seoul-keep-washington-close". */
export const AgendaIdSchema = z.string().regex(kebab, "must be kebab-case: lowercase letters, digits and hyphens").max(60).brand<"AgendaId">();
export type AgendaId = z.infer<typeof AgendaIdSchema>;

/** Any nation's policy, from the one list in policies.ts. */
export const PolicyIdSchema = z.enum([...POLICY_IDS.seoul, ...POLICY_IDS.tokyo, ...POLICY_IDS.washington]);
