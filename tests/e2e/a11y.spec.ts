import { meterName } from "../../shared/rules/vocabulary.ts";
import { expect, respondIfAsked, sidebar, startSolo, test, view, waitForPhase } from "./support.ts";

test("the live region announces meter changes; the canvas has a text twin; reduced motion means no tweens", async ({ page }) => {
  await page.emulateMedia({ reducedMotion: "reduce" });
  await startSolo(page, { name: "Lee", nation: "Washington", rounds: 2 });

  // The canvas is hidden from assistive tech, and everything it shows is written out.
  await expect(page.locator("#stage canvas")).toHaveAttribute("aria-hidden", "true");
  const v = await view(page);
  const summary = page.locator("#table-summary");
  await expect(summary).toContainText(`Seoul–Tokyo trust: ${v.trust["seoul-tokyo"]}`);
  await expect(summary).toContainText(`Washington (`);
  await expect(summary).toContainText(`Threat ${v.threat} of 10; deterrence ${v.deterrence.total}`);
  await expect(summary).toContainText(`History tension ${v.historyTension} of 10`);
  await expect(summary).toContainText(`Crisis markers: ${v.crises} of 3`);
  const live = page.locator("#live-region");
  await expect(live).toHaveAttribute("aria-live", "polite");

  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
  await waitForPhase(page, "policy");
  await sidebar(page).locator(".policy-option").nth(2).click();
  // The changes of the resolution are those that come after the commit (a round's opening can hold more than card, response and escalation, e.g. a new government).
  const seenBefore = (await view(page)).changes.length;
  await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
  await waitForPhase(page, ["summary", "ended"]);

  // Each change is announced as "<meter> <value>, up|down <n>: <cause>", one by one.
  const after = await view(page);
  const resolution = after.changes.slice(seenBefore).filter((c) => c.to !== c.from);
  expect(resolution.length).toBeGreaterThan(0);
  const sentence = (c: (typeof resolution)[number]) => {
    const d = c.to - c.from;
    return `${meterName(c.meter)} ${c.to}, ${d > 0 ? "up" : "down"} ${Math.abs(d)}: ${c.cause.label}`;
  };
  await expect
    .poll(() => page.evaluate(() => [...window.__trilateral!.announcements]), { timeout: 60_000 })
    .toEqual(expect.arrayContaining([expect.stringContaining(sentence(resolution[0]!))]));
  // Reduced motion: meters jump, no tween runs while the steps play.
  for (let i = 0; i < 5; i++) {
    expect(await page.evaluate(() => window.__trilateral!.game!.scene.getScene("Table").tweens.getTweens().length)).toBe(0);
    await page.waitForTimeout(150);
  }
  await page.waitForFunction(() => !window.__trilateral!.playbackBusy, null, { timeout: 60_000 });
  // The region itself (what a screen reader hears) holds the latest lines.
  const announced = await page.evaluate(() => [...window.__trilateral!.announcements]);
  await expect(live).toContainText(announced.at(-1)!);
  expect(announced.some((a) => /trust \d+, (up|down) \d+: /.test(a))).toBe(true);
  // When the steps are done, the canvas and its text twin agree with the view.
  const shown = await page.evaluate(() => window.__trilateral!.shownMeters()!);
  expect(shown["trust:seoul-tokyo"]).toBe(after.trust["seoul-tokyo"]);
  expect(shown["support:washington"]).toBe(after.support.washington);
  await expect(summary).toContainText(`Seoul–Tokyo trust: ${after.trust["seoul-tokyo"]}`);
});
