import { randomInt } from "node:crypto";
import { matchMaker } from "@colyseus/core";
import type { Card } from "../../shared/content/card-schema.ts";
import { CLASS_ROOM_NAME, CreateClassRequestSchema, type CreateClassAnswer } from "../../shared/protocol/class-messages.ts";
import type { ClassContext } from "./context.ts";
import { checkUploadedDeck } from "./deck.ts";
import { hashSecret, newSecret, uniqueClassCode } from "./secrets.ts";

export type CreateClassResult = { ok: true; answer: CreateClassAnswer } | { ok: false; status: number; error: string; problems?: string[] };

/**
 * Opens a class: checks the request and the deck (exactly as content:check does), picks a code
 * that no stored class and no live room has, stores the class with the hash of a new instructor
 * token, and opens its class room. The token is returned once and never stored.
 */
export async function createClass(ctx: ClassContext, body: unknown): Promise<CreateClassResult> {
  const parsed = CreateClassRequestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => (i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message));
    return { ok: false, status: 400, error: issues.join("; ") };
  }
  const { deck: deckChoice, ...settings } = parsed.data;
  let deck: Card[] | null = null;
  if (deckChoice.kind === "upload") {
    const checked = checkUploadedDeck(deckChoice.fileName, deckChoice.data, settings.rounds);
    if (!checked.ok) return { ok: false, status: 400, error: `The deck ${deckChoice.fileName} has ${checked.problems.length} problem(s).`, problems: checked.problems };
    deck = checked.cards;
  }
  // Free in the store every process shares, and in Colyseus's room listing (Redis with REDIS_URL): no room on any process has it.
  const code = await uniqueClassCode(async (c) => (await ctx.classes.has(c)) || Boolean(await matchMaker.getRoomById(c)));
  if (!code) return { ok: false, status: 503, error: "Could not find a free class code; please try again." };
  const token = newSecret();
  await ctx.classes.create({
    code,
    title: settings.title,
    settings: { ...settings, deckName: deckChoice.kind === "upload" ? deckChoice.fileName : null },
    deck,
    instructorHash: hashSecret(token),
    seed: randomInt(0, 2 ** 31),
    createdAt: Date.now(),
  });
  await matchMaker.createRoom(CLASS_ROOM_NAME, { code });
  ctx.log.info(`class ${code} opened: "${settings.title}" (${settings.rounds} rounds, up to ${settings.studentLimit} students${deck ? `, deck ${deckChoice.kind === "upload" ? deckChoice.fileName : ""}` : ""})`);
  return { ok: true, answer: { code, instructorToken: token, title: settings.title } };
}
