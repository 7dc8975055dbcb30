import { expect, tabTo, test, view, waitForPhase, waitForTable } from "./support.ts";

test("keyboard only: start a solo game, answer, chat, finish negotiating and commit a policy", async ({ page }) => {
  await page.goto("/?test=1");
  await tabTo(page, (el) => el.text === "Skip to the game", 3);
  await tabTo(page, (el) => el.id === "player-name", 6);
  await page.keyboard.type("Yuna");
  // The nation picker is a radio group: arrows move the choice.
  await tabTo(page, (el) => el.tag === "input" && el.label.startsWith("Seoul"));
  await page.keyboard.press("ArrowRight");
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe("tokyo");
  await tabTo(page, (el) => el.text === "Start solo game");
  await page.keyboard.press("Enter");
  await waitForTable(page);
  expect((await view(page)).seat).toBe("tokyo");

  // If the card asks Tokyo, answer it: the options come right after the header in the tab order.
  const first = await view(page);
  if (first.phase === "event" && first.responsesDue.includes("tokyo")) {
    await tabTo(page, (el) => el.tag === "button" && first.card!.response!.options.some((o) => el.text.startsWith(o.label)));
    await page.keyboard.press("Enter");
  }
  await waitForPhase(page, "negotiation");

  // Chat: the input is reachable and Enter sends.
  await tabTo(page, (el) => el.id === "chat-input");
  await page.keyboard.type("Typed without a mouse.");
  await page.keyboard.press("Enter");
  await expect(page.locator(".chat-log")).toContainText("Typed without a mouse.");
  // Chat tabs: arrow keys move between channels.
  await tabTo(page, (el) => el.tag === "button" && el.text.includes("Whole table"), 6, true);
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { selected: true })).toContainText("Seoul");
  expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-selected"))).toBe("true");

  // Back into the action panel: done negotiating.
  await tabTo(page, (el) => el.text === "Done negotiating", 60, true);
  await page.keyboard.press("Enter");
  await waitForPhase(page, "policy");

  // Policy: focus moved to the new phase's heading; arrows choose, the button commits.
  await page.waitForFunction(() => document.activeElement?.classList.contains("phase-heading"));
  await tabTo(page, (el) => el.tag === "input" && el.id.startsWith("policy-"));
  await page.keyboard.press("ArrowDown");
  const chosen = await page.evaluate(() => (document.activeElement as HTMLInputElement).value);
  expect(chosen).not.toBe("hold-steady");
  await tabTo(page, (el) => el.text === "Commit policy");
  // Focus is visible: the focused button draws an outline.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe("none");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => window.__trilateral!.view!.committed.tokyo || window.__trilateral!.view!.phase !== "policy");
  const after = await view(page);
  expect(after.history.at(-1)?.policies.tokyo ?? after.policies.tokyo).toBe(chosen);
});
