import path from "node:path";
import { createClassOverHttp, sdkInstructor, sdkStudent, seriousViolations } from "./class-support.ts";
import { ARTIFACTS, expect, test } from "./support.ts";

/** The console with a class of 90 students (30 tables) started over the SDK: every table at a glance on a 1280×720 projector. */
test("the console shows 30 tables at a glance, sorts and filters them, and opens one beside the grid", async ({ page }) => {
  test.setTimeout(300_000);
  const created = await createClassOverHttp({ title: "Lecture hall", rounds: 3, botThinkMs: 0 });
  const students = [];
  for (let i = 0; i < 90; i++) students.push(await sdkStudent(created.code, `Student ${String(i + 1).padStart(2, "0")}`));
  await Promise.all(students.map((s) => s.you));
  const instructor = await sdkInstructor(created.code, created.instructorToken);
  const started = await instructor.instruct({ action: "start" });
  expect(started.ok, JSON.stringify(started)).toBe(true);
  await Promise.all(students.map((s) => s.seated));

  // The browser holds the key through the private link's fragment, which it then wipes from the address bar.
  await page.goto(`/?console=${created.code}&test=1#key=${encodeURIComponent(created.instructorToken)}`);
  await expect(page.locator(".tile")).toHaveCount(30);
  expect(new URL(page.url()).hash).toBe("");
  await expect(page.locator(".console-summary")).toContainText("30 tables");
  // Every seat has a student (90 = 30 × 3), all connected.
  await expect(page.locator(".tile-seat.is-on")).toHaveCount(90);
  await page.screenshot({ path: path.join(ARTIFACTS, "class-console-30-tables.png") });
  expect(await seriousViolations(page), "axe on the console with 30 tables").toEqual([]);

  // Filter: "Ended" shows none; sort by code lists the tables in order.
  await page.getByLabel("Show").selectOption("ended");
  await expect(page.locator(".console-empty")).toHaveText("No table matches this filter.");
  await page.getByLabel("Show").selectOption("all");
  await page.getByLabel("Sort").selectOption("code");
  const codes = await page.locator(".tile-code").allTextContents();
  expect(codes).toEqual([...codes].sort());

  // A control on one selected table is answered for that table alone.
  await page.getByLabel(`Select table ${codes[0]}`).check();
  await page.getByRole("radio", { name: /selected tables/ }).check();
  await page.locator(".console-tools").getByRole("button", { name: "Pause" }).click();
  await expect(page.locator(".console-answer")).toHaveText(`Paused table ${codes[0]}.`);
  await expect(page.locator(`.tile[data-table="${codes[0]}"] .tile-time`)).toContainText("paused");

  // Open a table: the omniscient view and its chat, beside the grid.
  await page.getByRole("button", { name: new RegExp(`^${codes[1]}\\b.*Open this table`) }).click();
  await expect(page.getByRole("heading", { name: `Table ${codes[1]}` })).toBeVisible();
  await expect(page.locator(".detail-seat")).toHaveCount(3);
  await expect(page.getByRole("heading", { name: /Chat, every channel/ })).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, "class-console-open-table.png") });

  const ended = await instructor.instruct({ action: "endClass" });
  expect(ended.ok).toBe(true);
  const seats = await Promise.all(students.map((s) => s.seated));
  await Promise.all(seats.map((s) => s.room.leave(true).catch(() => undefined)));
  await Promise.all(students.map((s) => s.room.leave(true).catch(() => undefined)));
  await instructor.room.leave(true);
});
