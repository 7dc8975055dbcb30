import "./debrief.css";
import "./debrief-replay.css";
import "./debrief-story.css";
import "./compare.css";
import "./debrief-print.css";
import { h, replaceChildren } from "../dom.ts";
import { authFor, fetchDebrief } from "./api.ts";
import { DebriefPage } from "./page.ts";
import { problemPage } from "./problem.ts";

export type DebriefRoute = { kind: "table"; code: string } | { kind: "compare"; codes: string[] };

/** /debrief/KMBTR is one table; /debrief/compare?tables=A,B,C compares tables (instructor only). */
export function debriefRoute(url: URL): DebriefRoute | null {
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts[0] !== "debrief") return null;
  if (parts[1] === "compare") {
    const codes = (url.searchParams.get("tables") ?? "").split(",").map((c) => c.trim().toUpperCase()).filter((c) => /^[A-Z]{5}$/.test(c));
    return { kind: "compare", codes: [...new Set(codes)] };
  }
  const code = (parts[1] ?? "").toUpperCase();
  return /^[A-Z]{5}$/.test(code) ? { kind: "table", code } : null;
}

export async function startDebrief(root: HTMLElement): Promise<void> {
  root.removeAttribute("aria-busy");
  const route = debriefRoute(new URL(location.href));
  document.body.dataset.screen = "debrief";
  if (!route) return problemPage(root, "No such debrief", "A debrief address looks like /debrief/KMBTR.", null);
  if (route.kind === "compare") {
    const { startCompare } = await import("./compare.ts");
    return startCompare(root, route.codes);
  }
  document.title = `Debrief ${route.code} · Trilateral`;
  replaceChildren(root, [h("main", { id: "main", class: "debrief", "aria-busy": "true" }, h("p", { role: "status" }, `Loading the debrief of table ${route.code}…`))]);
  const auth = authFor(route.code);
  const result = await fetchDebrief(route.code, auth);
  if (!result.ok) {
    const refused = result.status === 401 || result.status === 403;
    return problemPage(root, `Debrief of table ${route.code}`, result.message, refused ? () => void startDebrief(root) : null);
  }
  const page = new DebriefPage(result.payload, auth);
  replaceChildren(root, [page.el]);
  page.mounted();
}
