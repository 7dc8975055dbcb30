import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import Papa from "papaparse";
import type { Page } from "@playwright/test";
import { Stepper } from "../../shared/replay/stepper.ts";
import { parseRecord, replay } from "../../shared/rules/record.ts";
import { currentStep, downloaded, engineMeters, finishedSoloTable, metersOnScreen, pageRecord, playOnScreen, playSolo } from "./debrief-support.ts";
import { E2E_INSTRUCTOR_KEY } from "./playwright.config.ts";
import { ARTIFACTS, expect, test, view, waitForTable } from "./support.ts";

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function expectMetersAt(page: Page, stepper: Stepper, step: number): Promise<void> {
  await expect.poll(() => currentStep(page)).toBe(step);
  expect(await metersOnScreen(page)).toEqual(engineMeters(stepper, step));
}

test("a finished solo game: its link opens the end screen, the debrief steps with keys and scrubber, exports parse back, the report prints", async ({ page }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const code = await playSolo(page, { name: "Minji", rounds: 2, chat: ["=HYPERLINK(\"http://example.com\",\"click\")", "Shall we keep history out of security?"] });

  // 14.6: the table's link, opened again, shows the end screen and the way to the debrief.
  await page.goto(`/?table=${code}`);
  await expect(page.getByRole("heading", { level: 1, name: /Game over|Regional crisis/ })).toBeVisible();
  await expect(page.locator(".score-card")).toHaveCount(3);
  await expect(page.getByText("That game has already ended")).toHaveCount(0);
  await page.getByRole("link", { name: "Open the debrief" }).click();
  await expect(page).toHaveURL(new RegExp(`/debrief/${code}$`));
  await expect(page.getByRole("heading", { level: 1, name: `Table ${code}` })).toBeVisible();

  const record = await pageRecord(page);
  const stepper = new Stepper(record);
  expect(record.commands.length).toBeGreaterThan(10);
  // Opens at the end, where the meters equal the engine's final state.
  await expectMetersAt(page, stepper, stepper.last);
  await page.screenshot({ path: path.join(ARTIFACTS, "debrief-laptop-end.png"), fullPage: false });

  // Keyboard: Home, → → →, ←, PgDn (next phase), End, a round key.
  await page.locator("#db-scrub").focus();
  await page.keyboard.press("Home");
  await expectMetersAt(page, stepper, 0);
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowLeft");
  await expectMetersAt(page, stepper, 2);
  await page.keyboard.press("PageDown");
  const nextPhase = stepper.phaseStarts().find((s) => s > 2)!;
  await expectMetersAt(page, stepper, nextPhase);
  await page.keyboard.press("PageUp");
  await expectMetersAt(page, stepper, [...stepper.phaseStarts()].reverse().find((s) => s < nextPhase)!);
  await page.keyboard.press("2");
  await expectMetersAt(page, stepper, stepper.roundStarts().get(2)!);
  await expect(page.locator("#db-position")).toContainText("Round 2");
  await page.keyboard.press("End");
  await expectMetersAt(page, stepper, stepper.last);

  // The scrubber, dragged to a few places.
  for (const step of [Math.floor(stepper.last / 3), Math.floor(stepper.last / 2), 1]) {
    await page.locator("#db-scrub").fill(String(step));
    await expectMetersAt(page, stepper, step);
  }
  // The changes of a step are listed with their causes.
  const withChange = stepper.steps.find((s) => s.index > 0 && s.events.some((e) => e.type === "meterChanged"))!;
  await page.locator("#db-scrub").fill(String(withChange.index));
  const change = withChange.events.find((e) => e.type === "meterChanged")!;
  if (change.type === "meterChanged") await expect(page.locator(".db-changes")).toContainText(change.change.cause.label);
  await page.screenshot({ path: path.join(ARTIFACTS, "debrief-laptop-step.png") });

  // A turning point (or, in a quiet game, a decision) jumps the replay.
  const points = page.locator(".db-tp-jump");
  const target = (await points.count()) > 0 ? points.first() : page.locator(".db-decisions .db-link").first();
  const wanted = Number((await target.getAttribute("data-step")) ?? -1);
  await target.click();
  if (wanted >= 0) await expectMetersAt(page, stepper, wanted);
  await expect(page.locator("#db-scrub")).toBeFocused();

  // Exports, each parsed back.
  const json = await downloaded(page, () => page.locator('[data-export="record"]').click());
  const loaded = parseRecord(json.text);
  expect(replay(loaded)).toEqual(stepper.stateAt(stepper.last));
  const meters = await downloaded(page, () => page.locator('[data-export="meters"]').click());
  const meterRows = Papa.parse<Record<string, string>>(meters.text, { header: true, skipEmptyLines: true });
  expect(meterRows.meta.fields).toEqual(["table", "round", "step", "meter", "value", "cause"]);
  const lastTrust = meterRows.data.filter((r) => r.meter === "trust:seoul-tokyo").at(-1)!;
  expect(Number(lastTrust.value)).toBe(stepper.stateAt(stepper.last).trust["seoul-tokyo"]);
  const events = await downloaded(page, () => page.locator('[data-export="events"]').click());
  const eventRows = Papa.parse<Record<string, string>>(events.text, { header: true, skipEmptyLines: true });
  expect(eventRows.data.some((r) => r.event === "gameEnded")).toBe(true);
  await page.locator("#db-anonymise").check();
  const chat = await downloaded(page, () => page.locator('[data-export="chat"]').click());
  const chatRows = Papa.parse<Record<string, string>>(chat.text, { header: true, skipEmptyLines: true });
  const formula = chatRows.data.find((r) => (r.text ?? "").includes("HYPERLINK"))!;
  expect((formula.text ?? "").startsWith("'=")).toBe(true);
  expect(formula.from).toBe("Seoul player");
  expect(chat.text).not.toContain("Minji");

  expect(await seriousViolations(page)).toEqual([]);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.locator("#db-scrub").fill(String(Math.floor(stepper.last / 2)));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(ARTIFACTS, "debrief-projector.png") });

  // The printable report.
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: path.join(ARTIFACTS, "debrief-print-media.png"), fullPage: true });
  const pdf = path.join(ARTIFACTS, "debrief-report.pdf");
  await page.pdf({ path: pdf, format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
  expect(existsSync(pdf)).toBe(true);
  try {
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "3", pdf, path.join(ARTIFACTS, "debrief-report")]);
  } catch {
    /* pdftoppm (poppler-utils) is optional here: the PDF itself is the test's output */
  }

  // What if? The solo player forks their own game at the start of round 2 and plays the fork to the end.
  await page.setViewportSize({ width: 1366, height: 768 });
  const forkStep = stepper.roundStarts().get(2)!;
  await page.locator("#db-scrub").fill(String(forkStep));
  await expectMetersAt(page, stepper, forkStep);
  await page.locator("details.db-fork > summary").click();
  await page.getByRole("button", { name: "Start a new table from this step" }).click();
  const made = page.locator("[data-fork]");
  await expect(made).toContainText(`starts from step ${forkStep} of ${code}`);
  const forkCode = (await made.getAttribute("data-fork"))!;
  await page.goto("/?test=1");
  await page.getByLabel("Your name").fill("Minji");
  const join = page.locator("section.path-card", { has: page.getByRole("heading", { name: "Join a table" }) });
  await join.getByLabel("Table code").fill(forkCode);
  await expect(join.getByRole("list", { name: `Seats at table ${forkCode}` })).toBeVisible();
  await join.getByRole("button", { name: "Join table" }).click();
  await waitForTable(page);
  expect((await view(page)).round).toBe(2);
  await playOnScreen(page);
  await page.goto(`/debrief/${forkCode}`);
  await expect(page.locator(".db-parent")).toContainText(`table ${code}`);
  const forkRecord = await pageRecord(page);
  expect(forkRecord.commands.slice(0, forkStep)).toEqual(record.commands.slice(0, forkStep));
  expect(replay(forkRecord).ended).not.toBeNull();
});

test("a class debrief compares three finished tables (instructor only)", async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const codes: string[] = [];
  for (const name of ["Ana", "Bo", "Cy"]) codes.push(await finishedSoloTable(baseURL!, name, 3));

  // Without the instructor key the page refuses and asks for it.
  await page.goto(`/debrief/compare?tables=${codes.join(",")}`);
  await expect(page.getByRole("alert")).toContainText(/instructor key|seat/);
  await page.getByLabel("Instructor key").fill(E2E_INSTRUCTOR_KEY);
  await page.getByRole("button", { name: "Open the debrief" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Compare 3 tables" })).toBeVisible();
  await expect(page.locator(".cmp-table")).toHaveCount(3);
  await expect(page.locator(".cmp-outcomes tbody tr")).toHaveCount(3);
  for (const c of codes) await expect(page.locator(`.cmp-outcomes tr[data-table="${c}"]`)).toBeVisible();
  await expect(page.locator(".cmp-card-table tbody tr")).toHaveCount(3);
  await page.screenshot({ path: path.join(ARTIFACTS, "compare-laptop.png") });
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.reload();
  await expect(page.locator(".cmp-table")).toHaveCount(3);
  await page.screenshot({ path: path.join(ARTIFACTS, "compare-projector.png") });

  // The instructor opens one table's debrief from the outcome table.
  await page.locator(`.cmp-outcomes a[href="/debrief/${codes[0]}"]`).click();
  await expect(page.getByRole("heading", { level: 1, name: `Table ${codes[0]}` })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
