import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { commitFirstPolicy, expect, respondIfAsked, sidebar, startSolo, test, view, waitForPhaseChange } from "./support.ts";

/**
 * Issue 14.8 for the pages the other specs do not already check with axe (axe.spec: landing,
 * rules, table in play; class.spec: class lobby, projector, console; debrief.spec: debrief and
 * compare): the run-a-class form and the class it opened, a student's class join page, a created
 * table's lobby and the join card for its code, and the table's end screen and final table.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

test("axe: run form, opened class, class join page, table lobby, join card: no serious or critical violations", async ({ page, browser }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto("/?run&test=1");
  await expect(page.getByRole("heading", { name: "Run a class" })).toBeVisible();
  expect(await seriousViolations(page), "the run-a-class form").toEqual([]);
  await page.getByLabel("Title").fill("Axe class");
  await page.getByRole("button", { name: "Open the class" }).click();
  await expect(page.getByRole("heading", { name: "“Axe class” is open" })).toBeVisible();
  expect(await seriousViolations(page), "the opened class").toEqual([]);
  const label = (await page.locator(".proj-code, .class-code").first().getAttribute("aria-label")) ?? "";
  const classCode = label.replace(/^Class code /, "").replace(/\s+/g, "");

  const student = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await student.newPage();
  await phone.goto(`/?class=${classCode}&test=1`);
  await expect(phone.getByRole("heading", { name: "Join a class" })).toBeVisible();
  expect(await seriousViolations(phone), "the class join page").toEqual([]);

  // A table created from the landing page: its lobby, and the join card a classmate opens with the code.
  await page.goto("/?test=1");
  await page.getByLabel("Your name").fill("Host");
  await page.getByRole("button", { name: "Create table" }).click();
  await expect(page.locator(".big-code")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  expect(await seriousViolations(page), "the table lobby").toEqual([]);
  const tableCode = ((await page.locator(".big-code").getAttribute("aria-label")) ?? "").replace(/^Table code /, "").replace(/\s+/g, "");
  await phone.goto("/?test=1");
  await phone.getByLabel("Table code").fill(tableCode);
  await expect(phone.getByRole("button", { name: "Join table" })).toBeVisible();
  expect(await seriousViolations(phone), "the join card with a code").toEqual([]);
  await student.close();
});

test("axe: the table's end screen and the final table behind it", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await startSolo(page, { name: "Axe", nation: "Washington", rounds: 2 });
  for (let i = 0; i < 40; i++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    if (v.phase === "event" && !(await respondIfAsked(page))) await waitForPhaseChange(page, v);
    if (v.phase === "negotiation") await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
    if (v.phase === "policy") await commitFirstPolicy(page, 1);
    if (v.phase === "summary") {
      // Clicked once the steps have played: the panel no longer redraws under the pointer.
      await page.evaluate(() => window.__trilateral!.skipPlayback());
      await page.waitForFunction(() => !window.__trilateral!.playbackBusy, null, { timeout: 60_000 });
      await sidebar(page).getByRole("button", { name: /Next round|See the final result/ }).click();
    }
    if (v.phase !== "event") await waitForPhaseChange(page, v, 60_000);
  }
  expect((await view(page)).phase).toBe("ended");
  const skip = page.getByRole("button", { name: "Skip to the results" });
  if (await skip.isVisible()) await skip.click();
  const end = page.getByRole("dialog", { name: /Game over|Regional crisis/ });
  await expect(end.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await seriousViolations(page), "the end screen").toEqual([]);
  await end.getByRole("button", { name: "Look at the final table" }).click();
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveCount(1);
  expect(await seriousViolations(page), "the final table").toEqual([]);
  // The link of a finished table opens its end screen again: also clean.
  await page.reload();
  await expect(page.getByRole("dialog", { name: /Game over|Regional crisis/ })).toBeVisible();
  expect(await seriousViolations(page), "the finished table's link").toEqual([]);
});
