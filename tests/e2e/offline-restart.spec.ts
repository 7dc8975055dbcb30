import { E2E_PORT } from "./playwright.config.ts";
import { handSeatTo, NodeSeat, ownServer } from "./offline-support.ts";
import { expect, respondIfAsked, sendChat, snapshot, test, view, waitForPhase, waitForTable } from "./support.ts";

/**
 * A server restart: the process dies, comes back on the same DATA_DIR, and recreates the table
 * from storage under the same code. The page sits back down in its seat with the seat token it
 * saved, with backoff, without the student clicking; a message typed while the server was down
 * is sent once it is back.
 */
const server = ownServer(E2E_PORT + 37);

test.afterAll(async () => {
  await server.kill();
});

test("after a server restart the client returns to its seat by itself and sends what waited", async ({ page, context, consoleWatch }) => {
  // While the server is down, Chromium logs the refused connections and probes; those lines are expected.
  consoleWatch.allow(/^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/.*' failed/);
  consoleWatch.allow(/Failed to load resource: net::ERR_CONNECTION_REFUSED/);
  consoleWatch.allow(/Failed to load resource: the server responded with a status of (404|409|5\d\d)/);
  await server.start();
  const creator = await NodeSeat.create(server.base, { name: "Ada", nation: "washington", rounds: 3, timers: null, bots: { seoul: "progressive", tokyo: "mainstream" }, botThinkMs: 0 });
  const code = creator.seat!.code;
  await handSeatTo(context, code, creator.seat!.seatToken!, "washington");
  await page.goto(`${server.base}/?table=${code}&test=1`);
  await waitForTable(page);
  await creator.leave();
  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  await sendChat(page, "Whole table", "Said before the restart.");
  const before = await view(page);

  await server.kill();
  const banner = page.locator(".conn-banner");
  await expect(banner).toContainText("reconnecting");
  // Typed while the server is down: it waits, counted in the banner.
  await page.getByRole("tab", { name: /^Whole table/ }).click();
  await page.locator("#chat-input").fill("Typed while the server was down.");
  await page.locator("#chat-input").press("Enter");
  await expect(banner).toContainText("1 action waiting");
  await snapshot(page, "offline-03-server-down");

  await server.start();
  const back = Date.now();
  // No click: the page rejoins with its saved seat token once the table is back.
  await expect(banner).toBeHidden({ timeout: 90_000 });
  console.log(`rejoined ${Date.now() - back} ms after the server answered again`);
  const after = await view(page);
  expect(after.seat).toBe("washington");
  expect(after.round).toBe(before.round);
  expect(await page.evaluate(() => window.__trilateral!.code)).toBe(code);
  await expect(page.locator(".chat-log")).toContainText("Said before the restart.");
  await expect(page.locator(".chat-log")).toContainText("Typed while the server was down.");
  // Once, though the page may have sent it on more than one connection.
  expect((await view(page)).messages.filter((m) => m.text === "Typed while the server was down.")).toHaveLength(1);
  await sendChat(page, "Whole table", "And still Washington after the restart.");
});
