import { expect, respondIfAsked, sendChat, sidebar, snapshot, startSolo, test, waitForPhase } from "./support.ts";

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
]) {
  test(`the table at ${size.width}×${size.height} (projector / laptop)`, async ({ page }) => {
    await page.setViewportSize(size);
    await page.goto("/?test=1");
    await snapshot(page, `landing-${size.width}x${size.height}`);
    await startSolo(page, { name: "Projector", nation: "Seoul", rounds: 3 });
    await respondIfAsked(page);
    await waitForPhase(page, "negotiation");
    await sendChat(page, "Whole table", "Can everyone at the back read this?");
    await sidebar(page).getByRole("button", { name: /New proposal/ }).click();
    await sidebar(page).locator("form.composer label.term").first().click();
    await sidebar(page).getByRole("button", { name: "Table proposal" }).click();
    await expect(sidebar(page).locator(".proposal", { hasText: "tabled by you" })).toBeVisible();
    // The canvas fills its frame (Scale.FIT), whatever the screen.
    const box = await page.locator("#stage canvas").boundingBox();
    const frame = await page.locator(".stage-frame").boundingBox();
    expect(box!.width > frame!.width - 4 || box!.height > frame!.height - 4).toBe(true);
    expect(Math.abs(box!.width / box!.height - 16 / 9)).toBeLessThan(0.02);
    await snapshot(page, `negotiation-${size.width}x${size.height}`);
  });
}
