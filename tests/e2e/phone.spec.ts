import type { Page } from "@playwright/test";
import { expect, sidebar, snapshot, startSolo, test, view, waitForPhaseChange } from "./support.ts";

/** Issue 14.7: a whole solo game on a 390×844 phone in portrait — tabs below the table, 44 px targets, no sideways scroll. */
async function checkPhone(page: Page, label: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${label}: horizontal scroll`).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("button, input:not([type=checkbox]):not([type=radio]), select, [role=tab], label.policy-option, label.term")]
      .filter((el) => el.offsetParent !== null && !el.closest(".gloss, .visually-hidden, #glossary-popover") && !el.classList.contains("gloss"))
      .map((el) => ({ el: `${el.tagName.toLowerCase()}.${el.className} "${(el.textContent ?? "").trim().slice(0, 30)}"`, h: el.getBoundingClientRect().height, w: el.getBoundingClientRect().width }))
      .filter((b) => b.h < 43.5 || b.w < 43.5),
  );
  expect(small, `${label}: tap targets under 44 px`).toEqual([]);
}

async function tab(page: Page, name: "Act" | "Chat" | "Agenda" | "Table"): Promise<void> {
  await page.locator(".mobile-tab", { hasText: name }).click();
}

test("a whole solo game on a phone (390×844): canvas above, panels as tabs, chat with the keyboard", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await startSolo(page, { name: "Jisoo", nation: "Seoul", rounds: 2 });
  const canvas = await page.locator("#stage canvas").boundingBox();
  const tabs = await page.locator(".mobile-tabs").boundingBox();
  expect(canvas!.y + canvas!.height).toBeLessThanOrEqual(tabs!.y + 1);
  expect(canvas!.width).toBeGreaterThan(380);
  await snapshot(page, "phone-01-event");
  await checkPhone(page, "event");

  // Chat: the input stays usable with the on-screen keyboard (the viewport shrinks by half).
  await tab(page, "Chat");
  const input = page.locator("#chat-input");
  await page.setViewportSize({ width: 390, height: 420 });
  await input.focus();
  await input.fill("Hello from my phone. Tokyo, would you create GSOMIA?");
  await expect(input).toBeInViewport();
  await input.press("Enter");
  await expect(page.locator(".chat-log")).toContainText("Hello from my phone");
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, "phone-02-chat");
  await checkPhone(page, "chat");
  await tab(page, "Table");
  await expect(page.locator("#table-summary")).toBeVisible();
  await tab(page, "Act");

  for (let step = 0; step < 40; step++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    if (v.phase === "event") {
      if (v.seat && v.responsesDue.includes(v.seat)) await sidebar(page).locator(".option-button").first().click();
      else await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "negotiation") {
      await checkPhone(page, "negotiation");
      await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
    } else if (v.phase === "policy") {
      await sidebar(page).locator(".policy-option").nth(1).click();
      await checkPhone(page, "policy");
      if (v.round === 1) await snapshot(page, "phone-03-policy");
      await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
    } else if (v.phase === "summary") {
      await page.evaluate(() => window.__trilateral!.skipPlayback());
      await checkPhone(page, "summary");
      if (v.round === 1) await snapshot(page, "phone-04-summary");
      await sidebar(page).getByRole("button", { name: /Next round|See the final result/ }).click();
    }
    await waitForPhaseChange(page, v);
  }
  expect((await view(page)).phase).toBe("ended");
  await page.evaluate(() => window.__trilateral!.skipPlayback());
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await snapshot(page, "phone-05-end");
});
