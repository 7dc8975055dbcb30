import type { Page } from "@playwright/test";
import path from "node:path";
import { ARTIFACTS, expect, respondIfAsked, sendChat, sidebar, snapshot, startSolo, test, view, waitForPhaseChange } from "./support.ts";

/**
 * Issue 14.7, projector: at 1920×1080 the table fills the screen and nothing a class must read is
 * under 16 px — DOM text by its computed size, canvas text by its font size times the canvas'
 * scale on the page (read from the scene's own text objects through the test hook).
 */
const MIN_PX = 16;

/** Visible DOM text under MIN_PX: "<element>: <px> "<text>"". */
async function smallDomText(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const out = new Map<string, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = (n.textContent ?? "").trim();
      const el = n.parentElement;
      if (!t || !el || el.closest(".visually-hidden, [hidden], script, style")) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.bottom <= 0 || box.top >= innerHeight || box.right <= 0 || box.left >= innerWidth) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === "hidden" || Number(cs.opacity) === 0) continue;
      const px = parseFloat(cs.fontSize);
      if (px < min) out.set(`${el.tagName.toLowerCase()}.${el.className}`, `${px.toFixed(1)} px "${t.slice(0, 40)}"`);
    }
    return [...out].map(([k, v]) => `${k}: ${v}`);
  }, MIN_PX);
}

/** Every visible text object the table scene draws inside its 1280×720 world, with its size on the page. */
async function canvasText(page: Page): Promise<{ count: number; min: number; small: string[] }> {
  return page.evaluate((min) => {
    const game = window.__trilateral!.game!;
    const scene = game.scene.getScene("Table")!;
    const pagePxPerLogical = game.canvas.getBoundingClientRect().width / 1280;
    const sizes: { text: string; px: number }[] = [];
    type Node = { list?: Node[]; type: string; visible: boolean; alpha: number; text?: string; style?: { fontSize: string | number }; scaleY: number; getBounds?: () => { x: number; y: number; right: number; bottom: number } };
    const walk = (list: Node[], parentVisible: boolean) => {
      for (const o of list) {
        const visible = parentVisible && o.visible && o.alpha > 0;
        if (o.list) walk(o.list, visible);
        else if (visible && o.type === "Text" && o.text?.trim()) {
          const b = o.getBounds!();
          if (b.right <= 0 || b.bottom <= 0 || b.x >= 1280 || b.y >= 720) continue; // parked off the table
          sizes.push({ text: o.text.slice(0, 40), px: parseFloat(String(o.style!.fontSize)) * o.scaleY * pagePxPerLogical });
        }
      }
    };
    walk(scene.children.list as unknown as Node[], true);
    return { count: sizes.length, min: Math.min(...sizes.map((s) => s.px)), small: sizes.filter((s) => s.px < min).map((s) => `${s.px.toFixed(1)} px "${s.text}"`) };
  }, MIN_PX);
}

/** The screenshot, and the same picture at half size (what the back row sees): both saved, to be looked at. */
async function shots(page: Page, name: string): Promise<void> {
  await snapshot(page, name);
  const png = await page.screenshot();
  const vp = page.viewportSize()!;
  const half = await page.context().newPage();
  await half.setViewportSize({ width: vp.width / 2, height: vp.height / 2 });
  await half.setContent(`<body style="margin:0"><img style="width:${vp.width / 2}px;display:block" src="data:image/png;base64,${png.toString("base64")}"></body>`);
  await half.screenshot({ path: path.join(ARTIFACTS, `${name}-half.png`) });
  await half.close();
}

test("a table on a 1920×1080 projector: it fills the screen, and no text a class reads is under 16 px", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await startSolo(page, { name: "Projector", nation: "Seoul", rounds: 2 });
  const problems: string[] = [];
  const check = async (label: string) => {
    for (const p of await smallDomText(page)) problems.push(`${label}, DOM: ${p}`);
    const c = await canvasText(page);
    expect(c.count).toBeGreaterThan(20);
    if (label === "start" || label.startsWith("2560")) console.log(`${label}: smallest canvas text ${c.min.toFixed(1)} px over ${c.count} texts`);
    for (const p of c.small) problems.push(`${label}, canvas: ${p}`);
  };

  // The table uses the room: the canvas, the action panel and the dock fill the screen, with no scrolling.
  const canvas = (await page.locator("#stage canvas").boundingBox())!;
  const side = (await sidebar(page).boundingBox())!;
  expect(canvas.width * canvas.height).toBeGreaterThan(0.45 * 1920 * 1080);
  expect(side.x + side.width).toBeGreaterThan(1920 - 2);
  expect(await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight])).toEqual([1920, 1080]);
  await check("start");

  let shot = false;
  for (let step = 0; step < 30; step++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    if (v.phase === "event") {
      await check(`round ${v.round} event`);
      if (!(await respondIfAsked(page))) await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "negotiation") {
      if (!shot) {
        await sendChat(page, "Whole table", "Can everyone at the back read this?");
        await sendChat(page, "Tokyo", "Tokyo, would you create GSOMIA with us?");
        await check("negotiation with chat");
        await shots(page, "projector-1080-negotiation");
        await sidebar(page).getByRole("button", { name: /New proposal/ }).click();
        await check("the proposal composer");
        await sidebar(page).locator("form.composer label.term").first().click();
        await sidebar(page).getByRole("button", { name: "Table proposal" }).click();
        shot = true;
      }
      await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
      await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "policy") {
      await check(`round ${v.round} policy`);
      await sidebar(page).locator(".policy-option").nth(1).click();
      await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
      await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "summary") {
      await page.evaluate(() => window.__trilateral!.skipPlayback());
      await page.waitForFunction(() => !window.__trilateral!.playbackBusy, null, { timeout: 60_000 });
      await check(`round ${v.round} summary`);
      if (v.round === 1) await shots(page, "projector-1080-summary");
      await sidebar(page).getByRole("button", { name: /Next round|See the final result/ }).click();
      await waitForPhaseChange(page, v);
      continue;
    }
  }
  expect((await view(page)).phase).toBe("ended");
  const skip = sidebar(page).getByRole("button", { name: "Skip to the results" });
  if (await skip.isVisible()) await skip.click();
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible({ timeout: 60_000 });
  for (const p of await smallDomText(page)) problems.push(`end screen, DOM: ${p}`);
  await shots(page, "projector-1080-end");

  // Larger still (a 1440p projector): the same holds, and the canvas grows with the screen.
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.getByRole("button", { name: "Look at the final table" }).click();
  await expect.poll(async () => (await page.locator("#stage canvas").boundingBox())!.width, { timeout: 5000 }).toBeGreaterThan(canvas.width * 1.2);
  await check("2560×1440, the final table");
  await snapshot(page, "projector-1440-final-table");
  expect(problems).toEqual([]);
});
