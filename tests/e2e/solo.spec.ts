import { expect, respondIfAsked, sendChat, sidebar, snapshot, test, view, waitForPhaseChange, waitForTable } from "./support.ts";

test("a solo game from the landing page to the end screen, played by clicking and typing", async ({ page }) => {
  await page.goto("/?test=1");
  await expect(page.getByRole("heading", { name: "Play solo" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Create a table" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Join a table" })).toBeVisible();
  await snapshot(page, "01-landing");

  await page.getByLabel("Your name").fill("Minji");
  const solo = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Play solo" }) });
  await solo.getByRole("radio", { name: "Seoul" }).check({ force: true });
  await solo.getByLabel("Tokyo (bot)").selectOption("hawkish");
  await solo.getByLabel("Washington (bot)").selectOption("burden-shifter");
  await solo.getByLabel("Rounds").selectOption("2");
  await solo.getByRole("button", { name: "Start solo game" }).click();

  await waitForTable(page);
  await expect(page).toHaveURL(/[?&]table=[A-Z]{5}/);
  const first = await view(page);
  expect(first.seat).toBe("seoul");
  expect(first.rounds).toBe(2);
  expect(first.stances.tokyo).toBe("hawkish");
  expect(first.stances.washington).toBe("burden-shifter");
  // The secret agenda is on screen, and only ours is in the view.
  await expect(page.locator(".agenda .agenda-title")).toHaveText(first.agendas.seoul!.title);
  expect(Object.keys(first.agendas)).toEqual(["seoul"]);

  const seen = new Set<string>();
  let proposed = false;
  let chatted = false;
  for (let step = 0; step < 60; step++) {
    const v = await view(page);
    if (v.phase === "ended") break;
    if (v.phase === "event") {
      if (!seen.has("event")) {
        seen.add("event");
        await expect(sidebar(page).locator(".event-card .card-title")).toHaveText(v.card!.title);
        await expect(sidebar(page).locator(".card-cite")).toContainText("Source");
        await snapshot(page, "03-event-card-solo");
      }
      if (!(await respondIfAsked(page))) await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "negotiation") {
      if (!chatted) {
        await sendChat(page, "Whole table", "Good morning from Seoul. Shall we keep history out of the security talks?");
        await sendChat(page, "Tokyo", "Between us: can we work on intelligence sharing this round?");
        chatted = true;
      }
      if (!proposed) {
        // Table a proposal to the bots, composed from the legal terms.
        await sidebar(page).getByRole("button", { name: /New proposal/ }).click();
        const composer = sidebar(page).locator("form.composer");
        await composer.locator(".term-group").first().locator("label.term").first().click();
        await composer.getByLabel("Note to the parties (optional)").fill("A first step together.");
        await composer.getByRole("button", { name: "Table proposal" }).click();
        await expect(sidebar(page).locator(".proposal", { hasText: "tabled by you" })).toBeVisible();
        const mine = (await view(page)).proposals.find((p) => p.by === "seoul");
        expect(mine).toBeTruthy();
        expect(mine!.note).toBe("A first step together.");
        proposed = true;
        await snapshot(page, "04-negotiation-solo");
      }
      await sidebar(page).getByRole("button", { name: "Done negotiating" }).click();
      await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "policy") {
      const option = sidebar(page).locator(".policy-option").nth(1);
      await option.click();
      await expect(option).toHaveClass(/is-checked/);
      if (!seen.has("policy")) {
        seen.add("policy");
        await snapshot(page, "05-policy");
      }
      await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
      await waitForPhaseChange(page, v);
      continue;
    }
    if (v.phase === "summary") {
      await expect(sidebar(page).getByRole("heading", { name: "Policies revealed" })).toBeVisible();
      // The deltas are applied one by one with their causes: while they play, fewer are listed than exist.
      const resolutionChanges = v.changes.filter((c) => c.round === v.round && c.cause.kind !== "card" && c.cause.kind !== "response" && c.cause.kind !== "escalation");
      if (resolutionChanges.length >= 3) {
        expect(await sidebar(page).locator(".steps[data-stage=resolution] .step").count()).toBeLessThan(resolutionChanges.length);
        await expect(sidebar(page).locator(".playback-line")).toContainText("Applying");
      }
      await sidebar(page).getByRole("button", { name: "Show all" }).click({ timeout: 2000 }).catch(() => undefined);
      await page.waitForFunction(() => !window.__trilateral!.playbackBusy, null, { timeout: 60_000 });
      await expect(sidebar(page).locator(".steps[data-stage=resolution] .step")).toHaveCount(resolutionChanges.length);
      for (const c of resolutionChanges.slice(0, 3)) await expect(sidebar(page).locator(".steps[data-stage=resolution]")).toContainText(c.cause.label);
      if (!seen.has("summary")) {
        seen.add("summary");
        await snapshot(page, "06-summary");
      }
      await sidebar(page).getByRole("button", { name: /Next round|See the final result/ }).click();
      await waitForPhaseChange(page, v);
      continue;
    }
  }

  const end = await view(page);
  expect(end.phase).toBe("ended");
  expect(proposed).toBe(true);
  // The results wait for the last round's playback (one step every 600 ms; slower on a loaded machine).
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible({ timeout: 60_000 });
  const cards = page.locator(".score-card");
  await expect(cards).toHaveCount(3);
  expect(Object.keys(end.agendas).sort()).toEqual(["seoul", "tokyo", "washington"]);
  for (const n of ["seoul", "tokyo", "washington"] as const) {
    const card = page.locator(`.score-card.nation-${n}`);
    // Each score is explained line by line, and every secret agenda is revealed.
    await expect(card.locator(".score-lines tbody tr")).toHaveCount(end.ended!.scores[n].lines.length);
    await expect(card.locator(".score-lines tfoot")).toContainText(String(end.ended!.scores[n].total));
    await expect(card.locator(".agenda-reveal .agenda-title")).toHaveText(end.agendas[n]!.title);
  }
  await snapshot(page, "07-end");
});
