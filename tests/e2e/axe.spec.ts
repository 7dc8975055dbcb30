import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, respondIfAsked, sidebar, startSolo, test, waitForPhase } from "./support.ts";

/** Issue 14.8: no serious or critical axe violation on the landing page, the rules page and the table. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("axe: the landing page, the rules page and the table have no serious or critical violations", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto("/?test=1");
  await expect(page.getByRole("heading", { name: "Play solo" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("link", { name: /the rules/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "How to play Trilateral" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Close the rules" }).click();

  await startSolo(page, { name: "Axe", nation: "Tokyo", rounds: 2 });
  // The table has one main landmark and a level-one heading.
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  await sidebar(page).getByRole("button", { name: /New proposal/ }).click();
  expect(await seriousViolations(page)).toEqual([]);
});
