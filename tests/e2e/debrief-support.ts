import { readFileSync } from "node:fs";
import type { Download, Page } from "@playwright/test";
import { Stepper } from "../../shared/replay/stepper.ts";
import type { GameRecord } from "../../shared/rules/record.ts";
import { commitFirstPolicy, expect, respondIfAsked, sendChat, sidebar, view, waitForPhaseChange, startSolo } from "./support.ts";

/** Plays a solo game to its end through the screen (a chat line first, if given); returns the table code. */
export async function playSolo(page: Page, o: { name: string; rounds: number; chat?: string[] }): Promise<string> {
  await startSolo(page, { name: o.name, nation: "Seoul", rounds: o.rounds });
  return playOnScreen(page, o.chat ?? []);
}

/** Plays the seat this page holds to the end of the game through the screen; returns the table code. */
export async function playOnScreen(page: Page, chat: string[] = []): Promise<string> {
  let chatted = false;
  for (let i = 0; i < 80; i++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    if (v.phase === "event") {
      if (!(await respondIfAsked(page))) await waitForPhaseChange(page, v);
    } else if (v.phase === "negotiation") {
      if (!chatted) for (const line of chat) await sendChat(page, "Whole table", line);
      chatted = true;
      await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
      await waitForPhaseChange(page, v);
    } else if (v.phase === "policy") {
      await commitFirstPolicy(page, 1);
      await waitForPhaseChange(page, v);
    } else if (v.phase === "summary") {
      await page.evaluate(() => window.__trilateral?.skipPlayback());
      await sidebar(page)
        .getByRole("button", { name: /Next round|See the final result/ })
        .click({ noWaitAfter: true, timeout: 5000 })
        .catch(() => undefined); // the table may already have moved on (the bots were quicker)
      await waitForPhaseChange(page, v);
    }
  }
  expect((await view(page)).phase).toBe("ended");
  return new URL(page.url()).searchParams.get("table")!;
}

/** The meters the debrief shows right now, read from the page. */
export async function metersOnScreen(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    document.querySelectorAll<HTMLElement>("[data-meter]").forEach((el) => (out[el.dataset.meter!] = Number(el.textContent)));
    return out;
  });
}

/** The engine's meters at a step of the record the page was given. */
export function engineMeters(stepper: Stepper, step: number): Record<string, number> {
  const s = stepper.stateAt(step);
  const m = stepper.steps[step]!.meters;
  return { ...m, japanDefense: s.japanDefense, burdenShared: s.burdenShared };
}

export async function pageRecord(page: Page): Promise<GameRecord> {
  return page.evaluate(() => window.__debrief!.payload.record);
}

export async function currentStep(page: Page): Promise<number> {
  return page.evaluate(() => window.__debrief!.step);
}

export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, "utf8") };
}

/**
 * A finished solo table made without a browser: Seoul is played over the SDK by "finish my part
 * of the phase", the two bots by the server. For pages that need several finished tables.
 */
export async function finishedSoloTable(baseURL: string, name: string, rounds: number): Promise<string> {
  const { Client } = await import("@colyseus/sdk");
  const { finishingCommand } = await import("../../shared/rules/finish.ts");
  const client = new Client(baseURL);
  const room = await client.create("table", { name, nation: "seoul", rounds, bots: { tokyo: "mainstream", washington: "alliance-builder" }, botThinkMs: 0 });
  room.onMessage("*", () => undefined);
  let n = 0;
  for (let i = 0; i < 600; i++) {
    // Within the per-seat action limit: a look and a move at most every 150 ms.
    await new Promise((r) => setTimeout(r, 150));
    const full = (await room.request("resync", {}, { timeout: 10_000 })) as { view?: import("../../shared/rules/view.ts").PlayerView };
    if (!full.view) {
      // Not seated yet (or asked too often): look again in a moment.
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    if (full.view.phase === "ended") break;
    const command = finishingCommand(full.view, "seoul");
    if (command) await room.request("command", { actionId: `${name}-${n++}`, command }, { timeout: 10_000 });
  }
  const code = room.roomId;
  await room.leave();
  return code;
}
