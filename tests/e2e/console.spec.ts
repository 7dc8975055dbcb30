import { expect, sidebar, snapshot, test, view, waitForPhaseChange, waitForTable } from "./support.ts";

/** Every page a student meets, from the landing page through the lobby and the table to the end: no console error. */
test("no console errors on any page: landing, lobby, table, end", async ({ page, consoleWatch }) => {
  await page.goto("/?test=1");
  await page.getByLabel("Your name").fill("Console");
  const create = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Create a table" }) });
  await create.getByRole("button", { name: "Create table" }).click();
  await expect(page.locator(".big-code")).toBeVisible();
  await page.getByRole("button", { name: "Leave this table" }).click();
  await expect(page.getByRole("heading", { name: "Play solo" })).toBeVisible();

  const solo = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Play solo" }) });
  await solo.getByLabel("Rounds").selectOption("2");
  await solo.getByRole("button", { name: "Start solo game" }).click();
  await waitForTable(page);
  for (let i = 0; i < 40; i++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    const panel = sidebar(page);
    if (v.phase === "event") await panel.locator(".option-button").first().click();
    if (v.phase === "negotiation") await panel.getByRole("button", { name: "Done negotiating" }).click();
    if (v.phase === "policy") {
      await panel.locator(".policy-option").first().click();
      await panel.getByRole("button", { name: "Commit policy" }).click();
    }
    if (v.phase === "summary") await panel.getByRole("button", { name: /Next round|See the final result/ }).click();
    await waitForPhaseChange(page, v);
  }
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible();
  // Back to the table behind the results, then to a new game.
  await page.getByRole("button", { name: "Look at the final table" }).click();
  await expect(sidebar(page).getByRole("button", { name: "Show the results" })).toBeVisible();
  await snapshot(page, "09-final-table");
  expect(consoleWatch.problems).toEqual([]);
});
