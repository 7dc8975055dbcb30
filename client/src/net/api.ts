import type { TableSummary } from "../../../shared/protocol/messages.ts";

export type SummaryResult = { ok: true; table: TableSummary } | { ok: false; kind: "not-found" | "network"; message: string };

/** GET /api/tables/:code — the join screen's look at a table before sitting down. */
export async function fetchTableSummary(code: string, base = ""): Promise<SummaryResult> {
  let response: Response;
  try {
    response = await fetch(`${base}/api/tables/${encodeURIComponent(code)}`, { headers: { accept: "application/json" } });
  } catch {
    return { ok: false, kind: "network", message: "Could not reach the game server. Check your connection and try again." };
  }
  if (response.status === 404) {
    return { ok: false, kind: "not-found", message: `There is no table with the code ${code}. Check the letters with whoever shared it.` };
  }
  if (!response.ok) {
    return { ok: false, kind: "network", message: `The game server answered with an error (${response.status}). Try again in a moment.` };
  }
  try {
    return { ok: true, table: (await response.json()) as TableSummary };
  } catch {
    return { ok: false, kind: "network", message: "The game server sent an answer this page could not read." };
  }
}
