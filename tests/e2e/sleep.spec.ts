import type { Page } from "@playwright/test";
import { PAIRS } from "../../shared/rules/vocabulary.ts";
import { expect, respondIfAsked, sidebar, startSolo, test, view, waitForPhase } from "./support.ts";

/**
 * A table with nothing moving stops drawing (Phaser's loop sleeps); the next change wakes it,
 * it plays the change, shows the right values, and sleeps again.
 */
const loop = (page: Page) => page.evaluate(() => ({ running: window.__trilateral!.game!.loop.running, frame: window.__trilateral!.game!.loop.frame }));

async function asleep(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__trilateral?.game?.loop.running === false && !window.__trilateral.playbackBusy, null, { timeout: 30_000 });
  return (await loop(page)).frame;
}

test("an idle table stops redrawing; a change wakes it, the canvas shows the new values, and it sleeps again", async ({ page }) => {
  await startSolo(page, { name: "Noa", nation: "Seoul", rounds: 2 });
  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  const still = await asleep(page);
  // Asleep means asleep: no frame is drawn while nothing happens.
  await page.waitForTimeout(1500);
  expect((await loop(page)).frame).toBe(still);

  await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
  await waitForPhase(page, "policy");
  await sidebar(page).locator(".policy-option").nth(1).click();
  await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
  await waitForPhase(page, ["summary", "ended"]);
  const after = await asleep(page);
  expect(after).toBeGreaterThan(still);
  // Woken, it drew the resolution: the canvas shows the view's meters, then stopped again.
  const v = await view(page);
  const shown = await page.evaluate(() => window.__trilateral!.shownMeters()!);
  for (const pair of PAIRS) expect(shown[`trust:${pair}`]).toBe(v.trust[pair]);
  expect(shown["support:seoul"]).toBe(v.support.seoul);
  await page.waitForTimeout(1500);
  expect((await loop(page)).frame).toBe(after);
});
