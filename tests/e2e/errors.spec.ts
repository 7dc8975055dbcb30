import { expect, newPlayer, test, waitForTable } from "./support.ts";

test("errors in plain words: a malformed code, an unknown table, a taken nation, a full table, a rejected action", async ({ page, browser, consoleWatch }) => {
  // This test provokes 404 and 409 answers on purpose; Chromium logs each one as a failed resource.
  consoleWatch.allow(/^Failed to load resource: the server responded with a status of (404|409)/);
  await page.goto("/?test=1");
  await page.getByLabel("Your name").fill("Hana");
  const join = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Join a table" }) });
  const codeInput = join.getByLabel("Table code");

  // Letters that are never in a code (O, I, L) are caught before asking the server.
  await codeInput.fill("OOOOO");
  await expect(join.getByRole("alert")).toHaveText("A table code is 5 letters, like KMBTR.");
  // A well-formed code that names no table.
  await codeInput.fill("ZZZZZ");
  await expect(join.getByRole("alert")).toContainText("There is no table with the code ZZZZZ");

  // A real table: Seoul (a student) and a Washington bot; Tokyo is free.
  const host = (await newPlayer(browser, "host", consoleWatch)).page;
  await host.goto("/?test=1");
  await host.getByLabel("Your name").fill("Host");
  const create = host.locator("section.path-card", { has: host.getByRole("heading", { name: "Create a table" }) });
  await create.getByRole("combobox", { name: "Washington" }).selectOption("alliance-builder");
  await create.getByRole("button", { name: "Create table" }).click();
  await expect(host.locator(".big-code")).toBeVisible();
  const code = (await host.evaluate(() => window.__trilateral!.code))!;

  await codeInput.fill(code);
  const seats = join.getByRole("list", { name: `Seats at table ${code}` });
  await expect(seats).toContainText("Host — taken");
  await expect(seats).toContainText("Bot (Alliance-builder)");
  await expect(join.getByRole("radio", { name: /Seoul/ })).toBeDisabled();
  await join.getByRole("radio", { name: /Tokyo/ }).check({ force: true });

  // Someone else takes Tokyo first; our (now stale) choice is refused with the server's words.
  const rival = (await newPlayer(browser, "rival", consoleWatch)).page;
  await rival.goto(`/?test=1`);
  await rival.getByLabel("Your name").fill("Rival");
  const rivalJoin = rival.locator("section.path-card", { has: rival.getByRole("heading", { name: "Join a table" }) });
  await rivalJoin.getByLabel("Table code").fill(code);
  await expect(rivalJoin.getByRole("list", { name: `Seats at table ${code}` })).toBeVisible();
  await rivalJoin.getByRole("button", { name: "Join table" }).click();
  await waitForTable(rival);

  await join.getByRole("button", { name: "Join table" }).click();
  await expect(join.getByRole("alert")).toContainText(/Tokyo is taken|table is full|is full/);
  await expect(join.getByRole("alert")).toContainText(/Tokyo is taken|Table .* is full|That table is full/);
  // Looking again says plainly that nothing is left.
  await codeInput.fill("");
  await codeInput.fill(code);
  await expect(join.getByRole("alert")).toContainText("That table is full: all three seats are taken.");

  // A rejected action shows the server's reason: chat faster than the table allows.
  await waitForTable(host);
  const input = host.locator("#chat-input");
  // The input clears as soon as a line is sent, so a fast typist can go on; the table allows 5 per 10 s.
  // Six lines go out within a few milliseconds (typed and submitted in the page itself, so a slow
  // test machine cannot stretch them over the 10 s window).
  await input.click();
  await host.evaluate(() => {
    const field = document.querySelector<HTMLInputElement>("#chat-input")!;
    for (const text of ["Message 1", "Message 2", "Message 3", "Message 4", "Message 5", "One message too many"]) {
      field.value = text;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.form!.requestSubmit();
    }
  });
  await expect(host.locator(".toast-error")).toContainText("Slow down");
  // The refused line was not sent, and it is back in the input to send later.
  await expect(input).toHaveValue("One message too many");
  await expect(host.locator(".chat-log")).toContainText("Message 5");
  await expect(host.locator(".chat-log")).not.toContainText("One message too many");
});
