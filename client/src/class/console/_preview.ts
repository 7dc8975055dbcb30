import "../../styles.css";
import type { ConsoleTable } from "../../../../shared/protocol/class-messages.ts";
import { h } from "../../dom.ts";
import { pageHeader } from "../page.ts";
import { controlBar } from "./controls.ts";
import { BUILT_IN_CARDS } from "./cards.ts";
import { tableTile } from "./tile.ts";
import { arrangeTables } from "./model.ts";
import { tableDetail } from "./detail.ts";
import "./console.css";

const names = ["Minji", "Kenji", "Sam", "Jiwoo", "Haruto", "Alex", "Seo-yeon", "Daniel", "Yuki", "Emma"];
const now = Date.now();
const tables = Array.from({ length: 30 }, (_, i) => ({ receivedAt: now, seq: 0,
  code: "ABCDEFGHJKMNPQRSTUVWXYZ"[i % 23]! + "KMBT",
  round: 1 + (i % 4), rounds: 6, phase: (["event", "negotiation", "policy", "summary"] as const)[i % 4]!,
  deadline: now + (20 + i * 7) * 1000, timeLeftSeconds: 0, paused: i === 5, ended: i === 9,
  seats: (["seoul", "tokyo", "washington"] as const).map((nation, j) => ({ nation, name: names[(i + j) % 10]!, bot: (i + j) % 7 === 0, connected: (i * 3 + j) % 11 !== 0, idleSeconds: (i * 3 + j) % 13 === 0 ? 95 : 10, studentId: "s" })),
  trust: { "seoul-tokyo": (i * 17) % 100, "seoul-washington": 65, "tokyo-washington": 70 - i },
  threat: 3 + (i % 5), deterrence: 5, crises: i % 3,
  flags: [...(i % 6 === 0 ? ["crisis" as const] : []), ...(i % 11 === 0 ? ["disconnected" as const] : []), ...(i === 9 ? ["ended" as const] : [])],
}) as ConsoleTable & { receivedAt: number });
const open = new URLSearchParams(location.search).has("open");
const grid = h("ul", { class: "console-grid" }, arrangeTables(tables, "attention", "all").map((t, i) => tableTile(t, now, { selected: false, open: open && i === 0, onOpen() {}, onSelect() {} })));
const bar = controlBar({ target: () => ({ tables: "all", words: "every table" }), send: async () => ({ ok: true }), cards: () => BUILT_IN_CARDS, say() {} });
const detail = h("section", { class: "console-detail" }, ...(open ? tableDetail(tables[0]!, null, controlBar({ target: () => null, send: async () => ({ ok: true }), cards: () => BUILT_IN_CARDS, say() {}, compact: true }), { readmit() {}, close() {} }) : []));
if (!open) detail.hidden = true;
document.getElementById("app")!.append(
  h("main", { class: `class-page console${open ? " has-detail" : ""}` },
    pageHeader("Console", h("p", { class: "console-summary" }, "POLS 342 · ABCDEF · 30 tables · 5 need attention · 90 students"), h("a", { class: "btn btn-small", href: "#" }, "Projector page"), h("details", { class: "console-reopen" }, h("summary", {}, "Reopen on another device")), h("button", { class: "btn btn-small btn-reject" }, "End class")),
    h("div", { class: "console-tools" }, h("div", { class: "console-pick" }, h("label", {}, "Sort"), h("select", {}, h("option", {}, "Needs attention first"))), h("div", { class: "console-pick" }, h("label", {}, "Show"), h("select", {}, h("option", {}, "All tables"))), h("fieldset", { class: "console-scope" }, h("legend", {}, "Controls act on"), h("label", {}, h("input", { type: "radio" }), "every table"), h("label", {}, h("input", { type: "radio" }), "selected tables (0)")), bar),
    h("p", { class: "console-answer" }, "Paused every table."),
    h("div", { class: "console-main" }, grid, detail)));
