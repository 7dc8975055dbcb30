import Papa from "papaparse";
import { chatRows, eventRows } from "../../../shared/replay/export-rows.ts";
import { anonymousName, type DebriefPayload } from "../../../shared/replay/payload.ts";
import { meterRows } from "../../../shared/replay/series.ts";
import type { Stepper } from "../../../shared/replay/stepper.ts";
import { serializeRecord } from "../../../shared/rules/record.ts";
import { NATIONS, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";

/** CSV through papaparse, with cells that a spreadsheet would run as a formula escaped. */
export function toCsv(rows: object[], columns: string[]): string {
  return Papa.unparse(rows as Record<string, unknown>[], { columns, escapeFormulae: true, newline: "\r\n" });
}

function names(payload: DebriefPayload, anonymise: boolean): Record<Nation, string> {
  const out = {} as Record<Nation, string>;
  for (const n of NATIONS) out[n] = anonymise ? anonymousName(n) : (payload.names[n] ?? anonymousName(n));
  return out;
}

export type ExportKind = "record" | "meters" | "events" | "chat";

export function exportFile(kind: ExportKind, payload: DebriefPayload, stepper: Stepper, anonymise: boolean): { name: string; type: string; text: string } {
  const code = payload.code;
  switch (kind) {
    case "record":
      return { name: `trilateral-${code}-record.json`, type: "application/json", text: serializeRecord(stepper.record) };
    case "meters":
      return { name: `trilateral-${code}-meters.csv`, type: "text/csv", text: toCsv(meterRows(code, stepper.steps), ["table", "round", "step", "meter", "value", "cause"]) };
    case "events":
      return {
        name: `trilateral-${code}-events.csv`,
        type: "text/csv",
        text: toCsv(eventRows(code, stepper.steps, stepper.stateAt(0).cards), ["table", "round", "step", "actor", "command", "event", "detail"]),
      };
    case "chat":
      return {
        name: `trilateral-${code}-chat.csv`,
        type: "text/csv",
        text: toCsv(chatRows(code, stepper.steps, names(payload, anonymise)), ["table", "round", "step", "phase", "from", "channel", "text"]),
      };
  }
}

function download(file: { name: string; type: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.type};charset=utf-8` }));
  const a = h("a", { href: url, download: file.name, hidden: true });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The export bar: record, meters, events, chat, names anonymised or not, and the printable report. */
export function exportBar(payload: DebriefPayload, stepper: Stepper, print: () => void): HTMLElement {
  const anon = h("input", { type: "checkbox", id: "db-anonymise" }) as HTMLInputElement;
  const button = (kind: ExportKind, label: string) =>
    h("button", { type: "button", class: "btn", "data-export": kind, onclick: () => download(exportFile(kind, payload, stepper, anon.checked)) }, label);
  return h(
    "div",
    { class: "db-exports", role: "group", "aria-label": "Exports" },
    button("record", "Record (JSON)"),
    button("meters", "Meters (CSV)"),
    button("events", "Events (CSV)"),
    button("chat", "Chat (CSV)"),
    h("label", { for: "db-anonymise", class: "db-check" }, anon, " Anonymise names"),
    h("button", { type: "button", class: "btn btn-primary", "data-export": "print", onclick: print }, "Print the report"),
  );
}
