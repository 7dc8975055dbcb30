import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Browser, type BrowserContext, type ConsoleMessage, type Page } from "@playwright/test";
import type { PlayerView } from "../../shared/rules/view.ts";
import type { Phase } from "../../shared/rules/vocabulary.ts";

/** Shared helpers for the client's end-to-end tests: console watching, waiting on state, screenshots. */

export const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), "artifacts");
mkdirSync(ARTIFACTS, { recursive: true });

/** SwiftShader (software WebGL in headless Chromium) prints these; they are not the client's. */
const SWIFTSHADER_NOISE = /GL Driver Message|GPU stall due to ReadPixels|SwiftShader/i;

export interface ConsoleWatch {
  problems: string[];
  allowed: RegExp[];
  /** Tolerate one more message pattern (only a test that provokes an error on purpose uses this). */
  allow(pattern: RegExp): void;
}

export function watchConsole(page: Page, label: string, watch: ConsoleWatch): void {
  page.on("console", (m: ConsoleMessage) => {
    if (m.type() !== "error") return;
    const text = m.text();
    if (SWIFTSHADER_NOISE.test(text) || watch.allowed.some((a) => a.test(text))) return;
    into(watch, `[${label}] console.error: ${text} (${m.location().url}:${m.location().lineNumber})`);
  });
  page.on("pageerror", (e) => into(watch, `[${label}] uncaught: ${e.message}`));
}

function into(watch: ConsoleWatch, line: string): void {
  watch.problems.push(line);
}

/**
 * `test` with every page's console watched: a console error or an uncaught exception on any
 * page fails the test (SwiftShader's GL driver messages aside).
 */
export const test = base.extend<{ consoleWatch: ConsoleWatch }>({
  consoleWatch: async ({}, use) => {
    const watch: ConsoleWatch = { problems: [], allowed: [], allow: (p) => watch.allowed.push(p) };
    await use(watch);
    expect(watch.problems, "console errors or uncaught exceptions in the browser").toEqual([]);
  },
  page: async ({ page, consoleWatch }, use) => {
    watchConsole(page, "player 1", consoleWatch);
    await use(page);
  },
});

export { expect };

/** Another player: a fresh browser context (its own sessionStorage) with its console watched. */
export async function newPlayer(
  browser: Browser,
  label: string,
  watch: ConsoleWatch,
  viewport = { width: 1280, height: 720 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  watchConsole(page, label, watch);
  return { context, page };
}

type HookView = PlayerView;

export async function view(page: Page): Promise<HookView> {
  return page.evaluate(() => window.__trilateral!.view!);
}

export async function waitForTable(page: Page): Promise<void> {
  await page.waitForFunction(() => !!window.__trilateral?.view && window.__trilateral.tableRenderedAt !== null, null, { timeout: 30_000 });
}

export async function waitForPhase(page: Page, phases: Phase | Phase[], timeout = 30_000): Promise<Phase> {
  const list = Array.isArray(phases) ? phases : [phases];
  await page.waitForFunction((ps: string[]) => ps.includes(window.__trilateral?.view?.phase ?? ""), list as string[], { timeout });
  return (await view(page)).phase;
}

export async function waitForPhaseChange(page: Page, from: { round: number; phase: Phase }, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (f) => {
      const v = window.__trilateral?.view;
      return !!v && (v.round !== f.round || v.phase !== f.phase);
    },
    from,
    { timeout },
  );
}

/**
 * A still picture of the screen: meter playback finished, tweens idle, CSS animations done.
 * Saved under tests/e2e/artifacts/<name>.png.
 */
export async function snapshot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.__trilateral?.skipPlayback());
  await page
    .waitForFunction(
      () => {
        const game = window.__trilateral?.game;
        if (!game) return true;
        const scene = game.scene.getScene("Table");
        return !scene || scene.tweens.getTweens().length === 0;
      },
      null,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  await page.waitForTimeout(350);
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** Press Tab until the focused element matches; fails after `max` presses. */
export async function tabTo(page: Page, matches: (el: { tag: string; text: string; label: string; id: string }) => boolean, max = 80, shift = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? "Shift+Tab" : "Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        tag: a?.tagName.toLowerCase() ?? "",
        text: (a?.textContent ?? "").trim(),
        label: a?.getAttribute("aria-label") ?? (a as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? "",
        id: a?.id ?? "",
      };
    });
    if (matches(el)) return;
  }
  throw new Error(`Tab never reached the wanted element in ${max} presses`);
}

/** Start a solo game from the landing page the way a student does. */
export async function startSolo(page: Page, o: { name: string; nation: "Seoul" | "Tokyo" | "Washington"; rounds: number }): Promise<void> {
  await page.goto("/?test=1");
  await page.getByLabel("Your name").fill(o.name);
  const solo = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Play solo" }) });
  await solo.getByRole("radio", { name: o.nation }).check({ force: true });
  await solo.getByLabel("Rounds").selectOption(String(o.rounds));
  await solo.getByRole("button", { name: "Start solo game" }).click();
  await waitForTable(page);
}

/** The phase panel on the right (the page's main region). */
export function sidebar(page: Page) {
  return page.locator("aside.sidebar");
}

/** Answer the event card if it asks this seat. */
export async function respondIfAsked(page: Page): Promise<boolean> {
  const v = await view(page);
  if (v.phase !== "event" || !v.seat || !v.responsesDue.includes(v.seat)) return false;
  await sidebar(page).locator(".option-button").first().click();
  await page.waitForFunction((s) => !window.__trilateral!.view!.responsesDue.includes(s), v.seat);
  return true;
}

export async function sendChat(page: Page, tab: "Whole table" | "Seoul" | "Tokyo" | "Washington", text: string): Promise<void> {
  await page.getByRole("tab", { name: new RegExp(`^${tab}`) }).click();
  const input = page.locator("#chat-input");
  await input.fill(text);
  await input.press("Enter");
  await expect(page.locator(".chat-log")).toContainText(text);
}

export async function commitFirstPolicy(page: Page, index = 1): Promise<string> {
  const options = sidebar(page).locator(".policy-option");
  const option = options.nth(Math.min(index, (await options.count()) - 1));
  const name = ((await option.locator(".policy-name").textContent()) ?? "").trim();
  await option.click();
  await sidebar(page).getByRole("button", { name: "Commit policy" }).click();
  return name;
}
