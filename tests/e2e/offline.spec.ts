import type { Page } from "@playwright/test";
import { legalCommands, proposalTermOptions } from "../../shared/rules/legal.ts";
import { E2E_PORT } from "./playwright.config.ts";
import { handSeatTo, NodeSeat, until } from "./offline-support.ts";
import { expect, respondIfAsked, sidebar, snapshot, test, view, waitForPhase, waitForTable } from "./support.ts";

/**
 * Nothing is lost offline: what a student does while the connection is down waits in the tab
 * with its action id, is counted in the banner, and reaches the table once the connection is
 * back; an action the table refuses on arrival is shown with the table's reason.
 */
const BASE = `http://127.0.0.1:${E2E_PORT}`;
/** While offline, Chromium logs each failed reconnection and server probe; those lines (only those) are expected. */
const OFFLINE_NOISE = [/^WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/.*' failed: .*ERR_INTERNET_DISCONNECTED$/, /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/];

async function tableProposalToSeoul(tokyo: NodeSeat): Promise<string> {
  const v = tokyo.view!;
  const option = proposalTermOptions(v, "tokyo").find((o) => o.term.kind !== "pledge" && o.parties.length === 2 && o.parties.includes("seoul"));
  if (!option) throw new Error("Tokyo has no two-party term to offer Seoul");
  const before = new Set(v.proposals.map((p) => p.id));
  const reply = await tokyo.act({ type: "tableProposal", parties: option.parties, terms: [option.term], note: "" });
  expect(reply).toEqual({ ok: true });
  const p = await until("Tokyo's proposal in its view", () => tokyo.view!.proposals.find((x) => !before.has(x.id)));
  return p.id;
}

async function chatOffline(page: Page, text: string): Promise<void> {
  await page.getByRole("tab", { name: /^Whole table/ }).click();
  const input = page.locator("#chat-input");
  await input.fill(text);
  await input.press("Enter");
  await expect(input).toHaveValue("");
}

test("offline mid-negotiation: a chat message and an Accept wait in the banner and arrive once back; a refused one says why", async ({ page, context, consoleWatch }) => {
  for (const p of OFFLINE_NOISE) consoleWatch.allow(p);
  const tokyo = await NodeSeat.create(BASE, { name: "Haru", nation: "tokyo", rounds: 3, timers: null, bots: { washington: "alliance-builder" }, botThinkMs: 0 });
  const code = tokyo.seat!.code;
  const seoulFromNode = await NodeSeat.join(BASE, code, { name: "Minji", nation: "seoul" });
  await handSeatTo(context, code, seoulFromNode.seat!.seatToken!, "seoul");
  await page.goto(`/?table=${code}&test=1`);
  await waitForTable(page);
  await seoulFromNode.leave();
  await until("Tokyo to see the game start", () => tokyo.view?.round === 1);

  const respond = legalCommands(tokyo.view!, "tokyo").find((c) => c.type === "respond");
  if (respond) expect(await tokyo.act(respond)).toEqual({ ok: true });
  await respondIfAsked(page);
  await waitForPhase(page, "negotiation");
  const p1 = await tableProposalToSeoul(tokyo);
  const accept1 = sidebar(page).getByRole("button", { name: `Accept ${p1.toUpperCase()}` });
  await expect(accept1).toBeVisible();

  // The connection goes: the banner says so, and what the student does now is kept and counted.
  await context.setOffline(true);
  const banner = page.locator(".conn-banner");
  await expect(banner).toContainText("reconnecting");
  await chatOffline(page, "Typed while offline: Seoul agrees in principle.");
  await accept1.click();
  await expect(banner).toContainText("2 actions waiting");
  await expect(banner).toContainText(`accepting ${p1.toUpperCase()}`);
  await expect(banner).not.toContainText("will be sent when you are back.");
  await snapshot(page, "offline-01-two-waiting");
  await page.setViewportSize({ width: 390, height: 844 });
  await snapshot(page, "offline-01-two-waiting-phone");
  await page.setViewportSize({ width: 1280, height: 720 });

  await context.setOffline(false);
  await expect(banner).toBeHidden({ timeout: 45_000 }).catch(async (e) => {
    throw new Error(`${String(e)}\nbanner: ${await banner.innerText()}`);
  });
  // Both reached the table: Tokyo's own view has the message and Seoul's acceptance.
  await until("Tokyo to hear the offline message", () => tokyo.view!.messages.some((m) => m.text === "Typed while offline: Seoul agrees in principle." && m.from === "seoul"));
  await until("Seoul's acceptance of P1", () => tokyo.view!.proposals.find((p) => p.id === p1)?.accepted.includes("seoul"));
  await expect(page.locator(".chat-log")).toContainText("Typed while offline: Seoul agrees in principle.");
  expect((await view(page)).proposals.find((p) => p.id === p1)?.accepted).toContain("seoul");
  // Sent once each, though the page may have sent them on more than one connection.
  expect(tokyo.view!.messages.filter((m) => m.text === "Typed while offline: Seoul agrees in principle.")).toHaveLength(1);

  // An action that can no longer be taken when it arrives: Tokyo withdraws P2 while Seoul, offline, accepts it.
  const p2 = await tableProposalToSeoul(tokyo);
  const accept2 = sidebar(page).getByRole("button", { name: `Accept ${p2.toUpperCase()}` });
  await expect(accept2).toBeVisible();
  await context.setOffline(true);
  await expect(banner).toContainText("reconnecting");
  await accept2.click();
  await expect(banner).toContainText("1 action waiting");
  expect(await tokyo.act({ type: "withdrawProposal", proposalId: p2 })).toEqual({ ok: true });
  await context.setOffline(false);
  const refused = banner.locator(".conn-refused-item");
  await expect(refused).toContainText(`Refused when it reached the table: accepting ${p2.toUpperCase()}.`, { timeout: 45_000 });
  // With the table's own reason.
  await expect(refused).toContainText(/Proposal \w+ is withdrawn\./i);
  await expect(banner).not.toContainText("waiting");
  await snapshot(page, "offline-02-refused");
  await page.setViewportSize({ width: 1920, height: 1080 });
  await snapshot(page, "offline-02-refused-projector");
  await page.setViewportSize({ width: 1280, height: 720 });
  await banner.getByRole("button", { name: "Dismiss" }).click();
  await expect(banner).toBeHidden();
  // The page followed the table by deltas, each on its base, every hash it was given matching.
  const sync = await page.evaluate(() => window.__trilateral!.state.sync);
  expect(sync.deltas).toBeGreaterThan(0);
  expect(sync.resyncs).toBe(0);
  await tokyo.leave();
});
