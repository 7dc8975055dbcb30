import type { Page } from "@playwright/test";
import { expect, newPlayer, respondIfAsked, sendChat, sidebar, snapshot, test, view, waitForPhase, waitForTable } from "./support.ts";

async function joinTable(page: Page, name: string, code: string, nation: "Tokyo" | "Washington" | "Any free seat"): Promise<void> {
  await page.goto("/?test=1");
  await page.getByLabel("Your name").fill(name);
  const join = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Join a table" }) });
  await join.getByLabel("Table code").fill(code);
  // The join screen looks the table up and lists its seats before you sit down.
  await expect(join.getByRole("list", { name: `Seats at table ${code}` })).toBeVisible();
  await join.getByRole("radio", { name: nation }).check({ force: true });
  await join.getByRole("button", { name: "Join table" }).click();
}

test("three browser contexts play a full table to the end, with chat and an accepted proposal", async ({ page, browser, consoleWatch }) => {
  test.setTimeout(300_000);
  const seoul = page;

  // Seoul creates the table (classroom timers on) and gets a big code to share.
  await seoul.goto("/?test=1");
  await seoul.getByLabel("Your name").fill("Ana");
  const create = seoul.locator("section.path-card", { has: seoul.getByRole("heading", { name: "Create a table" }) });
  await create.getByLabel("Rounds").selectOption("2");
  await expect(create.getByLabel(/Classroom timers/)).toBeChecked();
  await create.getByRole("button", { name: "Create table" }).click();
  await expect(seoul.locator(".big-code")).toBeVisible();
  const code = (await seoul.evaluate(() => window.__trilateral!.code))!;
  expect(code).toMatch(/^[A-Z]{5}$/);
  await expect(seoul.locator(".big-code")).toHaveAttribute("aria-label", `Table code ${code.split("").join(" ")}`);
  await expect(seoul.locator(".lobby-status")).toContainText("1 of 3 seats filled");

  const tokyo = (await newPlayer(browser, "player 2", consoleWatch)).page;
  await joinTable(tokyo, "Kenji", code, "Tokyo");
  // The lobby shows who has joined, live.
  await expect(seoul.locator(".lobby-seat.nation-tokyo")).toContainText("Kenji");
  await expect(seoul.locator(".lobby-status")).toContainText("2 of 3 seats filled");
  await snapshot(seoul, "02-lobby-code");

  const washington = (await newPlayer(browser, "player 3", consoleWatch)).page;
  await joinTable(washington, "Sam", code, "Any free seat");

  const players = [seoul, tokyo, washington];
  for (const p of players) await waitForTable(p);
  expect(await Promise.all(players.map((p) => p.evaluate(() => window.__trilateral!.seat)))).toEqual(["seoul", "tokyo", "washington"]);
  // Timers run: the countdown is on screen.
  await expect(seoul.locator(".timer")).toContainText(/\d:\d\d left/);

  let proposalId = "";
  let eventShot = false;
  for (let round = 1; round <= 2; round++) {
    // Event: whoever the card asks answers it.
    await waitForPhase(seoul, ["event", "negotiation"]);
    for (const p of players) {
      const v = await view(p);
      if (v.phase === "event" && v.seat && v.responsesDue.includes(v.seat)) {
        await expect(sidebar(p).locator(".event-card .card-title")).toHaveText(v.card!.title);
        await expect(sidebar(p).locator(".card-cite cite").first()).not.toBeEmpty();
        await expect(sidebar(p).locator(".option-button")).toHaveCount(v.card!.response!.options.length);
        if (!eventShot) {
          eventShot = true;
          await snapshot(p, "03-event-card");
        }
        await respondIfAsked(p);
      }
    }
    for (const p of players) await waitForPhase(p, "negotiation");

    if (round === 1) {
      // Chat: the table channel and a bilateral one.
      await sendChat(seoul, "Whole table", "Good morning all. Seoul wants a calmer year than the last one.");
      await sendChat(seoul, "Tokyo", "Between us: shall we put intelligence sharing back on the table?");
      const unread = tokyo.locator('.chat-tab[data-channel="seoul-tokyo"] .unread');
      await expect(unread).toHaveText("1");
      await sendChat(tokyo, "Seoul", "Tokyo is ready. Table it and we accept.");
      await expect(unread).toHaveCount(0);
      await sendChat(washington, "Whole table", "Washington welcomes any step the two of you take together.");
      // Seoul is looking at its Tokyo channel: the reply shows there; Washington's table message waits as unread.
      await expect(seoul.locator(".chat-log")).toContainText("Tokyo is ready. Table it and we accept.");
      await expect(seoul.locator('.chat-tab[data-channel="table"] .unread')).toHaveText("1");
      // Washington is not in the Seoul–Tokyo channel: it never receives those messages.
      expect((await view(washington)).messages.some((m) => m.channel === "seoul-tokyo")).toBe(false);

      // Seoul tables a Seoul–Tokyo proposal from the legal terms; Tokyo accepts it in its own screen.
      await sidebar(seoul).getByRole("button", { name: /New proposal/ }).click();
      const composer = sidebar(seoul).locator("form.composer");
      // A tie tabled below its strain line says so before it is tabled (§4.5, from shared/rules/strain.ts).
      const gsomia = composer.locator("label.term", { has: seoul.locator(".term-label", { hasText: /GSOMIA/ }) }).first();
      const seoulTokyo = (await view(seoul)).trust["seoul-tokyo"];
      await expect(gsomia.locator(".term-warning")).toHaveCount(seoulTokyo < 40 ? 1 : 0);
      if (seoulTokyo < 40) await expect(gsomia.locator(".term-warning")).toContainText(`Seoul–Tokyo trust is ${Math.round(seoulTokyo)}, below the 40 this tie needs`);
      await snapshot(seoul, "04-composer-strain-line");
      const term = composer.locator(".term-group").first().locator("label.term", { has: seoul.locator(".term-detail", { hasText: /· with Tokyo$/ }) }).first();
      await term.click();
      await expect(composer.locator(".composer-parties")).toContainText("you, Tokyo");
      await composer.getByLabel("Note to the parties (optional)").fill("As agreed in our channel.");
      await composer.getByRole("button", { name: "Table proposal" }).click();
      // The proposal is in Seoul's view once the table has taken it (a moment after the click).
      await seoul.waitForFunction(() => window.__trilateral!.view!.proposals.some((p) => p.by === "seoul"), null, { timeout: 30_000 });
      const mine = (await view(seoul)).proposals.find((p) => p.by === "seoul")!;
      proposalId = mine.id;
      const label = proposalId.toUpperCase();
      const onTokyo = sidebar(tokyo).locator(`.proposal[data-proposal="${proposalId}"]`);
      await expect(onTokyo).toContainText("tabled by Seoul");
      await expect(onTokyo).toContainText("As agreed in our channel.");
      await onTokyo.getByRole("button", { name: `Accept ${label}` }).click();
      for (const p of [seoul, tokyo]) {
        await expect(sidebar(p).locator(`.proposal[data-proposal="${proposalId}"] .badge`)).toHaveText("Agreed");
        await expect(sidebar(p).locator(`.proposal[data-proposal="${proposalId}"]`)).toContainText("Agreed — takes effect at resolution");
      }
      // A proposal is private to its parties until it is enacted.
      await expect(sidebar(washington).locator(`.proposal[data-proposal="${proposalId}"]`)).toHaveCount(0);
      await seoul.getByRole("tab", { name: /^Whole table/ }).click();
      await snapshot(seoul, "04-negotiation");
    }

    for (const p of players) await sidebar(p).getByRole("button", { name: "Done negotiating" }).click();
    for (const p of players) await waitForPhase(p, "policy");

    // Policy: Seoul commits first; the others see that Seoul committed, never what.
    await sidebar(seoul).locator(".policy-option").nth(1).click();
    await sidebar(seoul).getByRole("button", { name: "Commit policy" }).click();
    await expect(sidebar(tokyo).locator(".who-list")).toContainText("Seoul: committed ✓");
    const seenByTokyo = await view(tokyo);
    expect(seenByTokyo.committed.seoul).toBe(true);
    expect(seenByTokyo.policies.seoul).toBeUndefined();
    if (round === 1) await snapshot(seoul, "05-policy-committed");
    for (const p of [tokyo, washington]) {
      await sidebar(p).locator(".policy-option").first().click();
      await sidebar(p).getByRole("button", { name: "Commit policy" }).click();
    }

    const after = await waitForPhase(seoul, ["summary", "ended"]);
    if (round === 1) {
      expect(after).toBe("summary");
      const v = await view(seoul);
      expect(v.proposals.find((p) => p.id === proposalId)?.status).toBe("enacted");
      await expect(sidebar(seoul).locator(".plain-list").first()).toContainText(proposalId.toUpperCase());
      // Enacted, it is public: Washington sees it now, and the institution is on the table: in force,
      // or already suspended by strain (rules §4.5: a Seoul–Tokyo tie below its trust line), with that cause written.
      expect((await view(washington)).proposals.some((p) => p.id === proposalId && p.status === "enacted")).toBe(true);
      const standing = Object.entries(v.institutions).filter(([, s]) => s?.status === "in-force" || s?.status === "suspended");
      expect(standing.length).toBeGreaterThan(0);
      if (!standing.some(([, s]) => s?.status === "in-force")) await expect(sidebar(seoul)).toContainText(/suspended: .*trust fell below/);
      await snapshot(seoul, "06-summary");
      for (const p of players) await sidebar(p).getByRole("button", { name: "Next round" }).click();
    } else if (after === "summary") {
      for (const p of players) await sidebar(p).getByRole("button", { name: /See the final result|Next round/ }).click();
    }
  }

  for (const p of players) {
    await waitForPhase(p, "ended");
    await expect(p.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible();
    await expect(p.locator(".score-card")).toHaveCount(3);
  }
  // Everything is revealed at the end, to everyone.
  const final = await view(tokyo);
  expect(Object.keys(final.agendas).sort()).toEqual(["seoul", "tokyo", "washington"]);
  await expect(tokyo.locator(".score-card.nation-seoul .agenda-reveal .agenda-title")).toHaveText(final.agendas.seoul!.title);
  await snapshot(tokyo, "07-end-three-players");
});
