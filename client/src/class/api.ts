import type { ClassHttpError, ClassPublicInfo, CreateClassAnswer, CreateClassRequest, DeckCheckAnswer } from "../../../shared/protocol/class-messages.ts";

/** The class routes over HTTP (POST /api/classes, POST /api/classes/deck-check, GET /api/classes/:code), answered in words. */

export type Answer<T> = { ok: true; value: T } | { ok: false; status: number; message: string; problems: string[] };

const UNREACHABLE = "Could not reach the game server. Check your connection and try again.";

async function call<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: "application/json", ...(init?.body ? { "content-type": "application/json" } : {}) } });
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE, problems: [] };
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) return { ok: true, value: body as T };
  const err = (body ?? {}) as Partial<ClassHttpError>;
  const message =
    typeof err.error === "string" && err.error
      ? err.error
      : response.status === 429
        ? "Too many requests from this computer: wait a moment and try again."
        : `The game server answered with an error (${response.status}). Try again in a moment.`;
  return { ok: false, status: response.status, message, problems: Array.isArray(err.problems) ? err.problems.filter((p): p is string => typeof p === "string") : [] };
}

export const createClass = (request: CreateClassRequest) => call<CreateClassAnswer>("/api/classes", { method: "POST", body: JSON.stringify(request) });

export const checkDeck = (fileName: string, data: unknown) => call<DeckCheckAnswer>("/api/classes/deck-check", { method: "POST", body: JSON.stringify({ fileName, data }) });

export async function fetchClassInfo(code: string): Promise<Answer<ClassPublicInfo>> {
  const answer = await call<ClassPublicInfo>(`/api/classes/${encodeURIComponent(code)}`);
  if (!answer.ok && answer.status === 404) return { ...answer, message: `There is no class with the code ${code}. Check the letters on the projector.` };
  return answer;
}
