import type { InstructorReply, TableControlResult } from "../../../shared/protocol/class-messages.ts";

/** An instructor request's answer in one sentence: what was done, or why not (per table when some refused). */
export function replyText(reply: InstructorReply, done: string): string {
  if (reply.ok) return done;
  const refused = (reply.results ?? []).filter((r) => !r.ok);
  if (refused.length === 0) return reply.message;
  const first = refused.slice(0, 3).map((r: TableControlResult) => `${r.table}: ${r.message ?? r.code ?? "refused"}`);
  const more = refused.length > 3 ? ` and ${refused.length - 3} more` : "";
  const okCount = (reply.results ?? []).filter((r) => r.ok).length;
  return `${okCount > 0 ? `Done at ${okCount} table${okCount === 1 ? "" : "s"}; ` : ""}refused at ${first.join("; ")}${more}.`;
}
