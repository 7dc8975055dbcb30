import { DebriefPayloadSchema, type DebriefPayload } from "../../../shared/replay/payload.ts";
import { loadSeat } from "../net/session.ts";

/** How this tab proves who it is to the debrief API: the instructor key, or the seat token it saved at the table. */
export interface DebriefAuth {
  instructorKey: string | null;
  seatToken: string | null;
}

const KEY = "trilateral:instructor-key";

/** ?key=… in a link is remembered for this tab and taken out of the address bar. */
export function instructorKeyFromUrl(): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get("key");
  try {
    if (fromUrl) {
      sessionStorage.setItem(KEY, fromUrl);
      url.searchParams.delete("key");
      history.replaceState(history.state, "", url);
      return fromUrl;
    }
    return sessionStorage.getItem(KEY);
  } catch {
    return fromUrl;
  }
}

export function saveInstructorKey(key: string): void {
  try {
    sessionStorage.setItem(KEY, key);
  } catch {
    /* private mode: the key lasts for this page only */
  }
}

export function authFor(code: string): DebriefAuth {
  return { instructorKey: instructorKeyFromUrl(), seatToken: loadSeat(code)?.seatToken ?? null };
}

export type DebriefResult = { ok: true; payload: DebriefPayload } | { ok: false; status: number; message: string };

/** GET /api/debrief/:code, validated with the shared schema. */
export async function fetchDebrief(code: string, auth: DebriefAuth, anonymise = false): Promise<DebriefResult> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (auth.instructorKey) headers["x-instructor-key"] = auth.instructorKey;
  if (auth.seatToken) headers["x-seat-token"] = auth.seatToken;
  let res: Response;
  try {
    res = await fetch(`/api/debrief/${encodeURIComponent(code)}${anonymise ? "?anonymise=1" : ""}`, { headers });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the game server. Check your connection and try again." };
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    return { ok: false, status: res.status, message: `The server sent an answer this page could not read (${res.status}).` };
  }
  if (!res.ok) {
    const error = typeof body === "object" && body !== null && "error" in body ? String((body as { error: unknown }).error) : `Error ${res.status}`;
    return { ok: false, status: res.status, message: error };
  }
  const parsed = DebriefPayloadSchema.safeParse(body);
  if (!parsed.success) return { ok: false, status: res.status, message: `The debrief could not be read: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  return { ok: true, payload: parsed.data };
}

export type DebriefsResult = { ok: true; payloads: DebriefPayload[] } | { ok: false; status: number; message: string };

/** GET /api/debrief?tables=…: several tables in one request (the instructor's class comparison). */
export async function fetchDebriefs(codes: readonly string[], instructorKey: string): Promise<DebriefsResult> {
  let res: Response;
  try {
    res = await fetch(`/api/debrief?tables=${codes.map(encodeURIComponent).join(",")}`, { headers: { accept: "application/json", "x-instructor-key": instructorKey } });
  } catch {
    return { ok: false, status: 0, message: "Could not reach the game server. Check your connection and try again." };
  }
  const body = (await res.json().catch(() => null)) as { tables?: unknown; error?: unknown } | null;
  if (!res.ok || !body) return { ok: false, status: res.status, message: String(body?.error ?? `Error ${res.status}`) };
  const parsed = DebriefPayloadSchema.array().safeParse(body.tables);
  if (!parsed.success) return { ok: false, status: res.status, message: `The tables could not be read: ${parsed.error.issues[0]?.message ?? "invalid"}` };
  return { ok: true, payloads: parsed.data };
}
