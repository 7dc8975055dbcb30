import { z } from "zod";
import { CommandSchema } from "../../../shared/rules/commands.ts";
import type { PendingAction } from "../store/store.ts";

/**
 * The outbox survives a refresh of the tab: it is kept in sessionStorage per table code, with
 * each action's id, and read back (checked with zod) when the tab sits down at that table again.
 */
const PendingSchema = z.array(z.object({ actionId: z.string().min(1).max(64), command: CommandSchema, label: z.string().max(200) }));

const key = (code: string) => `trilateral:outbox:${code}`;

export function loadOutbox(code: string): PendingAction[] {
  try {
    const raw = window.sessionStorage.getItem(key(code));
    if (!raw) return [];
    const parsed = PendingSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function saveOutbox(code: string, outbox: readonly PendingAction[]): void {
  try {
    if (outbox.length === 0) window.sessionStorage.removeItem(key(code));
    else window.sessionStorage.setItem(key(code), JSON.stringify(outbox));
  } catch {
    // private mode or full storage: the outbox still lives in memory
  }
}
