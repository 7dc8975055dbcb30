import type { Nation } from "../../../shared/rules/vocabulary.ts";

/** What this browser tab remembers about its seat: the token the server gave it, per table code. */
export interface SavedSeat {
  seatToken: string;
  nation: Nation | null;
}

const key = (code: string) => `trilateral:seat:${code}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function loadSeat(code: string): SavedSeat | null {
  const raw = storage()?.getItem(key(code));
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as SavedSeat;
    return typeof parsed.seatToken === "string" ? parsed : null;
  } catch {
    return null;
  }
}

export function saveSeat(code: string, seat: SavedSeat): void {
  storage()?.setItem(key(code), JSON.stringify(seat));
}

export function forgetSeat(code: string): void {
  storage()?.removeItem(key(code));
}

/** The table code lives in the URL (?table=KMBTR) so a refresh or a shared link finds the table. */
export function tableFromUrl(): string | null {
  const code = new URLSearchParams(location.search).get("table");
  return code ? code.trim().toUpperCase() : null;
}

export function setTableInUrl(code: string | null): void {
  const url = new URL(location.href);
  if (code) url.searchParams.set("table", code);
  else url.searchParams.delete("table");
  history.replaceState(history.state, "", url);
}

/** Display name, remembered across visits on this computer. */
export function loadName(): string {
  try {
    return localStorage.getItem("trilateral:name") ?? "";
  } catch {
    return "";
  }
}

export function saveName(name: string): void {
  try {
    localStorage.setItem("trilateral:name", name);
  } catch {
    // private mode: nothing to remember
  }
}

let counter = 0;
/** A client-generated action id (crypto.randomUUID needs a secure context, which a classroom LAN address is not). */
export function newActionId(): string {
  counter += 1;
  const random = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${counter}-${random}`;
}
