import { AxeBuilder } from "@axe-core/playwright";
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "@playwright/test";
import type { ClassSeatMessage, ClassYouMessage, CreateClassAnswer, CreateClassRequest, InstructorReply, InstructorRequest } from "../../shared/protocol/class-messages.ts";
import { E2E_PORT } from "./playwright.config.ts";
import { expect } from "./support.ts";

/** Helpers of the class specs: axe, the class code on a page, and SDK students for big classes. */

export const BASE = `http://127.0.0.1:${E2E_PORT}`;

/** axe-core on the page as it is now: the serious and critical violations, as readable lines (expected to be []). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
}

/** The class code a page shows as big letters (read from its accessible label). */
export async function shownClassCode(page: Page, selector = ".proj-code, .class-code"): Promise<string> {
  const label = (await page.locator(selector).first().getAttribute("aria-label")) ?? "";
  const code = label.replace(/^Class code /, "").replace(/\s+/g, "");
  expect(code).toMatch(/^[A-Z]{6}$/);
  return code;
}

export async function createClassOverHttp(request: CreateClassRequest): Promise<CreateClassAnswer> {
  const response = await fetch(`${BASE}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as CreateClassAnswer;
}

export interface SdkStudent {
  room: Room;
  you: Promise<ClassYouMessage>;
  /** Resolves once the student sat down at the table the class room gave them. */
  seated: Promise<{ table: string; room: Room }>;
}

/** A student who joins over the SDK (for classes too big to open a browser per student) and sits down when seated. */
export async function sdkStudent(code: string, name: string): Promise<SdkStudent> {
  const client = new Client(BASE);
  const room = await client.joinById(code, { role: "student", name });
  const you = new Promise<ClassYouMessage>((resolve) => room.onMessage("you", resolve));
  const seated = new Promise<{ table: string; room: Room }>((resolve, reject) =>
    room.onMessage("seat", (m: ClassSeatMessage) => {
      client
        .consumeSeatReservation(m.reservation as Parameters<Client["consumeSeatReservation"]>[0])
        .then((table) => {
          for (const type of ["seat", "view", "delta", "notice"]) table.onMessage(type, () => undefined);
          resolve({ table: m.table, room: table });
        }, reject);
    }),
  );
  for (const type of ["lobby", "notice"]) room.onMessage(type, () => undefined);
  return { room, you, seated };
}

export async function sdkInstructor(code: string, token: string): Promise<{ room: Room; instruct(r: InstructorRequest): Promise<InstructorReply> }> {
  const client = new Client(BASE);
  const room = await client.joinById(code, { role: "instructor", token });
  for (const type of ["lobby", "roster", "console", "notice"]) room.onMessage(type, () => undefined);
  return { room, instruct: async (r) => (await room.request("instructor", r, { timeout: 20_000 })) as InstructorReply };
}

/**
 * Waits on the page's state by polling every 250 ms. (With many browser contexts open at once,
 * Chromium may hold back animation frames for the pages not in front, which is what
 * waitForFunction's default polling waits for.)
 */
export async function poll(page: Page, predicate: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(predicate, null, { timeout, polling: 250 });
}

export const waitSeated = (page: Page) => poll(page, "!!window.__trilateral?.view && window.__trilateral.tableRenderedAt !== null");

/** Answer the event card if it asks this seat (the first option), and wait until the server took it. */
export async function answerIfAsked(page: Page): Promise<void> {
  const due = await page.evaluate(() => {
    const v = window.__trilateral!.view!;
    return v.phase === "event" && !!v.seat && v.responsesDue.includes(v.seat);
  });
  if (!due) return;
  await page.locator("aside.sidebar .option-button").first().click();
  await poll(page, "!window.__trilateral.view.responsesDue.includes(window.__trilateral.view.seat)");
}
