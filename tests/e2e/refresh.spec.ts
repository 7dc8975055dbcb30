import { expect, respondIfAsked, sendChat, snapshot, startSolo, test, view, waitForPhase, waitForTable } from "./support.ts";

test("a refresh mid-game returns to the same seat with the chat history; a dropped connection shows a banner and recovers", async ({ page, context, consoleWatch }) => {
  await startSolo(page, { name: "Jun", nation: "Tokyo", rounds: 3 });
  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  await sendChat(page, "Whole table", "Tokyo speaking, just before a refresh.");
  await sendChat(page, "Seoul", "A private word for Seoul before the refresh.");
  const before = await view(page);
  const code = await page.evaluate(() => window.__trilateral!.code);
  expect(before.seat).toBe("tokyo");
  await expect(page).toHaveURL(new RegExp(`[?&]table=${code}`));

  await page.reload();
  await waitForTable(page);
  const after = await view(page);
  expect(after.seat).toBe("tokyo");
  expect(await page.evaluate(() => window.__trilateral!.code)).toBe(code);
  expect(after.round).toBe(before.round);
  expect(after.agendas.tokyo?.id).toBe(before.agendas.tokyo?.id);
  // The chat history comes back from the server's record, channel by channel.
  await page.getByRole("tab", { name: /^Whole table/ }).click();
  await expect(page.locator(".chat-log")).toContainText("Tokyo speaking, just before a refresh.");
  await page.getByRole("tab", { name: /^Seoul/ }).click();
  await expect(page.locator(".chat-log")).toContainText("A private word for Seoul before the refresh.");
  await expect(page.locator(".who")).toContainText("You are Tokyo");

  // The network goes away: a banner says so at once, and the seat is kept. While offline, Chromium
  // itself logs each failed reconnection attempt of the SDK; those lines (and only those) are expected.
  consoleWatch.allow(/^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/.*' failed: .*ERR_INTERNET_DISCONNECTED$/);
  await context.setOffline(true);
  const banner = page.locator(".conn-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("reconnecting");
  await snapshot(page, "08-reconnecting");
  await context.setOffline(false);
  await expect(banner).toBeHidden({ timeout: 45_000 });
  await sendChat(page, "Whole table", "Back online and still Tokyo.");
  expect((await view(page)).seat).toBe("tokyo");
});
