import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, respondIfAsked, sidebar, snapshot, startSolo, test, view, waitForPhaseChange } from "./support.ts";

/** Issue 14.7, phone: a whole solo game at 390×844 in portrait, by tapping. */
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, hasTouch: true });

/**
 * What a phone player would trip on: the page scrolling sideways, anything sticking out past the
 * right edge, and a visible control under 44 px in either direction. Terms explained inline in a
 * sentence (a glossary term or a link among other words) are exempt, as WCAG 2.5.8 exempts inline targets;
 * an off-screen skip link too.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const W = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > W) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${W}`);
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.right > W + 0.5) out.push(`sticks out: ${el.tagName}.${el.className} right=${r.right.toFixed(1)}`);
    }
    const controls = document.querySelectorAll<HTMLElement>("button, a[href], input:not([type=checkbox]):not([type=radio]), select, textarea, [role=tab], label.term, label.policy-option");
    for (const el of controls) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || getComputedStyle(el).visibility === "hidden") continue;
      const inline = el.classList.contains("gloss") || (el.tagName === "A" && getComputedStyle(el).display === "inline");
      const inText = inline && (el.parentElement?.textContent ?? "").trim().length > (el.textContent ?? "").trim().length;
      if (inText) continue;
      if (r.height < 43.5 || r.width < 43.5) out.push(`small target: ${el.tagName}.${el.className} "${(el.textContent ?? "").trim().slice(0, 30)}" ${r.width.toFixed(0)}×${r.height.toFixed(0)}`);
    }
    return out;
  });
}

async function tab(page: Page, name: "Act" | "Chat" | "Agenda" | "Table"): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();
  await expect(page.getByRole("tab", { name: new RegExp(`^${name}`) })).toHaveAttribute("aria-selected", "true");
}

test("a whole solo game on a 390×844 phone: table above, panels as tabs, no sideways scroll, 44 px targets, chat with the keyboard up", async ({ page }) => {
  const problems: string[] = [];
  const check = async (label: string) => problems.push(...(await layoutProblems(page)).map((p) => `${label}: ${p}`));
  // The landing page the student starts from.
  await page.goto("/?test=1");
  await expect(page.getByRole("heading", { name: "Play solo" })).toBeVisible();
  await check("landing");
  await snapshot(page, "phone-00-landing");
  await startSolo(page, { name: "Phone", nation: "Seoul", rounds: 2 });

  // The canvas spans the width above the panels; the panels are four tabs.
  const canvas = (await page.locator("#stage canvas").boundingBox())!;
  expect(canvas.width).toBeGreaterThan(PHONE.width - 4);
  const tabs = (await page.locator(".mobile-tabs").boundingBox())!;
  expect(canvas.y + canvas.height).toBeLessThanOrEqual(tabs.y + 1);
  await expect(page.locator(".mobile-tabs").getByRole("tab")).toHaveText(["Act", "Chat", /^Agenda/, /^Table/]);
  await check("start");
  for (const t of ["Chat", "Agenda", "Table", "Act"] as const) {
    await tab(page, t);
    await check(`${t} tab`);
  }
  await snapshot(page, "phone-01-start");
  // The phone layout is as clean for axe as the laptop one.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  let chatted = false;
  let proposed = false;
  for (let step = 0; step < 40; step++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    await tab(page, "Act");
    await check(`round ${v.round} ${v.phase}`);
    if (v.phase === "event") {
      if (!(await respondIfAsked(page))) await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "negotiation") {
      if (!chatted) {
        // The on-screen keyboard takes about half the screen: the composer stays in view, and the message goes.
        await tab(page, "Chat");
        await page.setViewportSize({ width: PHONE.width, height: 420 });
        const input = page.locator("#chat-input");
        await input.tap();
        await expect(input).toBeInViewport();
        await expect(page.getByRole("button", { name: "Send" })).toBeInViewport();
        await check("chat with the keyboard up");
        await input.fill("Tokyo, would you create GSOMIA with us?");
        await page.getByRole("button", { name: "Send" }).tap();
        await expect(page.locator(".chat-log")).toContainText("Tokyo, would you create GSOMIA with us?");
        // With the keyboard up, the newest line and the field to answer it are on screen together.
        await expect(input).toBeInViewport();
        await expect(page.locator(".chat-log .chat-msg").last()).toBeInViewport();
        await snapshot(page, "phone-02-chat-keyboard");
        await page.setViewportSize(PHONE);
        chatted = true;
        await tab(page, "Act");
      }
      if (!proposed) {
        await sidebar(page).getByRole("button", { name: /New proposal/ }).tap();
        const composer = sidebar(page).locator("form.composer");
        await composer.locator("label.term").first().tap();
        await check("composer");
        const submit = composer.getByRole("button", { name: "Table proposal" });
        await submit.scrollIntoViewIfNeeded();
        await snapshot(page, "phone-03-composer");
        await submit.tap();
        await expect(sidebar(page).locator(".proposal", { hasText: "tabled by you" })).toBeVisible();
        proposed = true;
      }
      await sidebar(page).getByRole("button", { name: "Done negotiating" }).tap();
      await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "policy") {
      await sidebar(page).locator(".policy-option").nth(1).tap();
      if (v.round === 1) await snapshot(page, "phone-04-policy-r1");
      await sidebar(page).getByRole("button", { name: "Commit policy" }).tap();
      await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "summary") {
      await page.evaluate(() => window.__trilateral!.skipPlayback());
      await page.waitForFunction(() => !window.__trilateral!.playbackBusy, null, { timeout: 60_000 });
      await check(`round ${v.round} summary, played`);
      if (v.round === 1) await snapshot(page, "phone-05-summary-r1");
      await sidebar(page).getByRole("button", { name: /Next round|See the final result/ }).tap();
      await waitForPhaseChange(page, v);
      continue;
    }
  }
  expect((await view(page)).phase).toBe("ended");
  expect(proposed && chatted).toBe(true);
  const skip = sidebar(page).getByRole("button", { name: "Skip to the results" });
  if (await skip.isVisible()) await skip.tap();
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible({ timeout: 60_000 });
  await check("end screen");
  await expect(page.locator(".score-card")).toHaveCount(3);
  await snapshot(page, "phone-06-end");
  expect(problems).toEqual([]);
});
