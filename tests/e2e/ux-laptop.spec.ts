import { ledgerOf, netOf } from "../../shared/rules/ledger.ts";
import { TUNING } from "../../shared/rules/tuning.ts";
import { expect, respondIfAsked, sendChat, sidebar, snapshot, startSolo, test, view, waitForPhase } from "./support.ts";

/** Issue 14 points 1–3 at 1366×768: the ledger, learning by playing, and less friction. */
test("at 1366×768: one ledger with causes, rules and glossary, the tour, and nothing in the way", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto("/?test=1");
  // The rules page is reachable from the landing page, with the numbers of tuning.ts.
  await page.getByRole("link", { name: /the rules/ }).click();
  const rules = page.getByRole("dialog", { name: "How to play Trilateral" });
  await expect(rules).toContainText(`${TUNING.crisis.markersToEndGame} markers the game ends in a regional crisis`);
  await expect(rules).toContainText(`+${TUNING.scoring.agendaBonus} for a secret agenda met`);
  await expect(rules.getByRole("heading", { name: "The firewall" })).toBeVisible();
  await snapshot(page, "ux-rules-1366");
  await page.keyboard.press("Escape");
  await expect(rules).toHaveCount(0);

  await startSolo(page, { name: "Minji", nation: "Seoul", rounds: 2 });
  // Toasts stay out of the play area: they show at the top of the action panel, never over the table.
  await expect(page.locator(".toast-slot .toasts")).toHaveCount(1);
  const toast = page.locator(".toast").first();
  if (await toast.isVisible()) {
    const canvas = await page.locator("#stage canvas").boundingBox();
    const box = await toast.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(canvas!.x + canvas!.width - 1);
  }
  // The first-game tour shows beside the action panel; the crisis rule is on the table.
  await expect(page.locator(".walkthrough")).toBeVisible();
  await expect(page.locator(".table-key")).toContainText(`${TUNING.crisis.markersToEndGame} crisis markers = everyone loses`);
  // The whole key is on screen, on as many lines as it takes: between the table and the dock, none of it hidden.
  const canvasBox = (await page.locator("#stage canvas").boundingBox())!;
  const keyBox = (await page.locator(".table-key").boundingBox())!;
  const termsBox = (await page.locator(".table-key .key-terms").boundingBox())!;
  const dockBox = (await page.locator(".dock").boundingBox())!;
  expect(canvasBox.y + canvasBox.height).toBeLessThanOrEqual(keyBox.y + 1);
  expect(termsBox.y + termsBox.height).toBeLessThanOrEqual(dockBox.y + 1);
  expect(dockBox.y + dockBox.height).toBeLessThanOrEqual(768 + 1);
  // Glossary: the terms under the table open their explanation.
  await page.locator(".table-key .gloss", { hasText: "Firewall" }).click();
  await expect(page.locator("#glossary-popover")).toBeVisible();
  await expect(page.locator("#glossary-popover")).toContainText(`${Math.round(TUNING.firewallHistoryFactor * 100)} %`);
  await page.keyboard.press("Escape");
  await expect(page.locator("#glossary-popover")).toBeHidden();
  // Your own stance is explained where it is shown.
  const stanceButton = page.locator(".table-key .key-terms .gloss").first();
  await stanceButton.click();
  await expect(page.locator("#glossary-popover")).toContainText("same for a human player and a bot");
  await page.keyboard.press("Escape");

  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  // The card stays at hand in negotiation: open by itself when the event step went by too fast to
  // read (under 2 s), folded under its title otherwise (how long the step lasted depends on the card).
  const recall = sidebar(page).locator("details.card-recall");
  await expect(recall.locator("summary")).toContainText("This round’s event:");
  if (!(await recall.evaluate((d) => (d as HTMLDetailsElement).open))) await recall.locator("summary").click();
  await expect(sidebar(page).locator(".event-card .card-title")).toBeVisible();
  // Chat: at least 8 lines fit in the log.
  for (let i = 0; i < 4; i++) await sendChat(page, "Whole table", `Line ${i}: shall we keep history and security on separate tracks this round?`);
  const lines = await page.locator(".chat-log").evaluate((el) => el.clientHeight / parseFloat(getComputedStyle(el.querySelector(".chat-msg")!).lineHeight));
  expect(lines).toBeGreaterThanOrEqual(8);
  // "Taller chat" gives the log about half the screen and draws the table smaller above it, clear of
  // the dock; the browser remembers the choice after a refresh, and "Shorter chat" puts it back.
  const logHeight = () => page.locator(".chat-log").evaluate((el) => el.clientHeight);
  const shortLog = await logHeight();
  const shortCanvas = (await page.locator("#stage canvas").boundingBox())!;
  await page.getByRole("button", { name: "Taller chat" }).click();
  await expect.poll(logHeight).toBeGreaterThan(shortLog * 1.4);
  await expect.poll(async () => (await page.locator("#stage canvas").boundingBox())!.height).toBeLessThan(shortCanvas.height * 0.9);
  const tallCanvas = (await page.locator("#stage canvas").boundingBox())!;
  expect(tallCanvas.y + tallCanvas.height).toBeLessThanOrEqual((await page.locator(".table-key").boundingBox())!.y + 1);
  await snapshot(page, "ux-chat-tall-1366");
  await page.reload();
  await expect(page.getByRole("button", { name: "Shorter chat" })).toHaveAttribute("aria-pressed", "true");
  await expect.poll(logHeight).toBeGreaterThan(shortLog * 1.4);
  await page.getByRole("button", { name: "Shorter chat" }).click();
  await expect.poll(logHeight).toBeLessThan(shortLog + 2);
  await expect(page.getByRole("button", { name: "Taller chat" })).toHaveAttribute("aria-pressed", "false");
  // The composer: search, groups, and "Table proposal" in reach without scrolling.
  await sidebar(page).getByRole("button", { name: /New proposal/ }).click();
  await page.locator("#term-search").fill("gsomia");
  const terms = sidebar(page).locator("form.composer label.term");
  expect(await terms.count()).toBeGreaterThan(0);
  for (const t of await terms.allTextContents()) expect(t.toLowerCase()).toContain("gsomia");
  await terms.first().click();
  const submit = sidebar(page).getByRole("button", { name: "Table proposal" });
  await expect(submit).toBeInViewport();
  await snapshot(page, "ux-composer-1366");
  await submit.click();
  await expect(sidebar(page).locator(".proposal", { hasText: "tabled by you" })).toBeVisible();
  // Skip the tour: it never comes back (localStorage), even after a refresh.
  await page.locator(".walkthrough").getByRole("button", { name: "Skip the tour" }).click();
  await expect(page.locator(".walkthrough")).toHaveCount(0);
  await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();

  await waitForPhase(page, "policy");
  // Nothing sticky covers a control: scrolled to the end, the last option is clear of the dock.
  await sidebar(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
  const last = await sidebar(page).locator(".policy-option").last().boundingBox();
  const dock = await sidebar(page).locator(".policy-dock").boundingBox();
  expect(last!.y + last!.height).toBeLessThanOrEqual(dock!.y + 1);
  await sidebar(page).locator(".policy-option").nth(1).click();
  await sidebar(page).getByRole("button", { name: "Commit policy" }).click();

  await waitForPhase(page, ["summary", "ended"]);
  await page.evaluate(() => window.__trilateral!.skipPlayback());
  await page.waitForFunction(() => !window.__trilateral!.playbackBusy);
  // The round in brief is the sum of the listed steps, from the engine's changes.
  const v = await view(page);
  const net = netOf(ledgerOf(v.changes, v.round));
  const rows = sidebar(page).locator(".round-brief tbody tr");
  await expect(rows).toHaveCount(net.length);
  for (const n of net) await expect(sidebar(page).locator(`.round-brief tr[data-key="${n.key}"] td`).nth(1)).toHaveText(String(n.to));
  const steps = sidebar(page).locator(".steps .step:not(.step-deterrence)");
  await expect(steps).toHaveCount(ledgerOf(v.changes, v.round).length);
  // The bars show the engine's figures.
  const shown = await page.evaluate(() => window.__trilateral!.shownMeters()!);
  expect(shown["trust:seoul-tokyo"]).toBe(v.trust["seoul-tokyo"]);
  expect(shown.threat).toBe(v.threat);
  await snapshot(page, "ux-summary-1366");

  if (v.phase === "summary") await sidebar(page).getByRole("button", { name: /Next round|See the final result/ }).click();
  await waitForPhase(page, ["event", "negotiation"]);
  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  await expect(page.locator(".walkthrough")).toHaveCount(0);
  await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
  await waitForPhase(page, "policy");
  await sidebar(page).locator(".policy-option").nth(2).click();
  await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
  await waitForPhase(page, "ended");
  // The end screen waits for the last round's playback, and offers to skip it.
  if (await page.evaluate(() => window.__trilateral!.playbackBusy)) {
    await expect(page.locator(".end-overlay")).toHaveCount(0);
    await sidebar(page).getByRole("button", { name: "Skip to the results" }).click();
  }
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible();
  await snapshot(page, "ux-end-1366");
});
