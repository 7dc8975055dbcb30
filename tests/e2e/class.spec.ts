import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { answerIfAsked, seriousViolations, shownClassCode, waitSeated } from "./class-support.ts";
import { ARTIFACTS, expect, newPlayer, test, view, type ConsoleWatch } from "./support.ts";

/**
 * A class run from the browser, end to end: the instructor opens a class and shows the
 * projector page, six students join (one on a phone), are seated at two tables and play, and
 * the instructor pauses, extends, injects a card, advances, broadcasts and ends; the students
 * see each of these at their tables.
 */

const PHONE = { width: 390, height: 844 };

async function joinByUrl(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`/?class=${code}&test=1`);
  await expect(page.getByRole("heading", { name: "Join a class" })).toBeVisible();
  await page.getByLabel("Your name").fill(name);
  await page.getByRole("button", { name: "Join the class" }).click();
  await expect(page.getByRole("heading", { name: `You're in, ${name}` })).toBeVisible();
}

async function student(browser: Browser, watch: ConsoleWatch, label: string, viewport?: { width: number; height: number }) {
  return (await newPlayer(browser, label, watch, viewport)).page;
}

test("a class: projector, six students at two tables, every instructor control seen at the tables", async ({ page, browser, consoleWatch }) => {
  test.setTimeout(420_000);
  const instructor = page;

  // ── Open the class from the landing page ──
  await instructor.goto("/?test=1");
  await instructor.getByRole("link", { name: "Run a class" }).click();
  await expect(instructor.getByRole("heading", { name: "Run a class" })).toBeVisible();
  await instructor.getByLabel("Title").fill("POLS 342 — week 9");
  await instructor.getByLabel("Rounds").selectOption("2");
  // Classroom defaults, editable: long phases so nothing moves on unless the instructor says so.
  await expect(instructor.getByLabel("Negotiation")).toHaveValue("180");
  for (const [label, value] of [["Event card", "600"], ["Negotiation", "1200"], ["Policy", "600"], ["Round summary", "300"]] as const) await instructor.getByLabel(label).fill(value);
  await expect(instructor.getByLabel("Student limit")).toHaveValue("300");
  await instructor.getByRole("button", { name: "Open the class" }).click();
  await expect(instructor.getByRole("heading", { name: "“POLS 342 — week 9” is open" })).toBeVisible();
  const code = await shownClassCode(instructor);
  const reopen = (await instructor.getByTestId("reopen-link").textContent()) ?? "";
  expect(reopen).toMatch(new RegExp(`\\?console=${code}#key=.{16,}`));
  expect(await instructor.evaluate((c) => localStorage.getItem(`trilateral:class-key:${c}`), code)).toBe(decodeURIComponent(reopen.split("#key=")[1]!));

  // ── The projector page ──
  await instructor.getByRole("link", { name: "Show the projector page" }).click();
  await expect(instructor.locator(".proj-code")).toHaveAttribute("aria-label", `Class code ${code.split("").join(" ")}`);
  await expect(instructor.getByRole("img", { name: /QR code of .*\?class=/ })).toBeVisible();
  await expect(instructor.locator(".proj-count")).toHaveText("0 students joined");
  await expect(instructor.getByRole("button", { name: "Start" })).toBeDisabled();

  // ── Six students join: five by the URL, one on a phone who types the code on the landing page ──
  const names = ["Minji", "Kenji", "Sam", "Jiwoo", "Haruto", "Alex"];
  const students: Page[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await student(browser, consoleWatch, names[i]!);
    await joinByUrl(p, code, names[i]!);
    students.push(p);
  }
  const phone = await student(browser, consoleWatch, "phone", PHONE);
  await phone.goto("/?test=1");
  await phone.getByLabel("Class code").fill(code);
  await phone.getByRole("button", { name: "Join class" }).click();
  await expect(phone.getByRole("heading", { name: "Join a class" })).toBeVisible();
  // A classmate's name is refused in the server's words, and nothing is joined (the browser logs the 409).
  consoleWatch.allow(/status of 409 \(Conflict\)/);
  await phone.getByLabel("Your name").fill("Minji");
  await phone.getByRole("button", { name: "Join the class" }).click();
  await expect(phone.locator("#student-name-error")).toBeVisible();
  await phone.screenshot({ path: path.join(ARTIFACTS, "class-phone-join.png") });
  await phone.getByLabel("Your name").fill("Alex");
  await phone.getByRole("radio", { name: "Tokyo" }).check();
  await phone.getByRole("button", { name: "Join the class" }).click();
  await expect(phone.getByRole("heading", { name: "You're in, Alex" })).toBeVisible();
  await expect(phone.getByRole("list", { name: "What happens next" })).toBeVisible();
  students.push(phone);
  // The phone page fits: nothing wider than the screen.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await phone.screenshot({ path: path.join(ARTIFACTS, "class-phone-lobby.png") });
  expect(await seriousViolations(phone), "axe on the class lobby").toEqual([]);

  // A refresh brings the student back to the same place.
  await phone.reload();
  await expect(phone.getByRole("heading", { name: "You're in, Alex" })).toBeVisible();

  // ── A rude nickname: the instructor removes it from the projector page ──
  const rude = await student(browser, consoleWatch, "rude");
  await joinByUrl(rude, code, "Notastudent");
  await expect(instructor.locator(".proj-count")).toHaveText("7 students joined");
  await instructor.getByRole("button", { name: "Remove Notastudent" }).click();
  await expect(instructor.locator(".proj-status")).toHaveText("Notastudent was removed.");
  await expect(rude.getByRole("heading", { name: "You were removed from this class" })).toBeVisible();
  await expect(instructor.locator(".proj-count")).toHaveText("6 students joined");
  for (const name of names) await expect(instructor.getByRole("button", { name: `Remove ${name}` })).toBeVisible();

  await instructor.screenshot({ path: path.join(ARTIFACTS, "class-projector.png") });
  expect(await seriousViolations(instructor), "axe on the projector page").toEqual([]);
  // The wall from the back of the room: the same page at a quarter of its size.
  const far = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 0.25 });
  const farPage = await far.newPage();
  // A second device (here: the projector PC) opens the page with the key from the private link.
  await farPage.goto(`/?projector=${code}#key=${reopen.split("#key=")[1]}`);
  await expect(farPage.locator(".proj-count")).toHaveText("6 students joined");
  await farPage.screenshot({ path: path.join(ARTIFACTS, "class-projector-quarter.png") });
  await far.close();

  // ── Start: every student lands at a table by themselves ──
  await instructor.getByRole("button", { name: "Start" }).click();
  await expect(instructor.locator(".proj-status")).toHaveText("Everyone is seated. The tables have started.");
  for (const [i, p] of students.entries()) {
    await waitSeated(p).catch(async (e: unknown) => {
      throw new Error(`student ${i} (${p.url()}) never reached a table: ${(await p.locator("body").innerText()).slice(0, 400)}\n${String(e)}`);
    });
  }
  const tables = new Set(await Promise.all(students.map((p) => p.evaluate(() => window.__trilateral!.code))));
  expect(tables.size).toBe(2);
  expect(await phone.evaluate(() => window.__trilateral!.seat)).not.toBeNull();

  // A seated student's refresh returns to the same seat.
  const seatBefore = await students[0]!.evaluate(() => [window.__trilateral!.code, window.__trilateral!.seat]);
  await students[0]!.reload();
  await waitSeated(students[0]!);
  expect(await students[0]!.evaluate(() => [window.__trilateral!.code, window.__trilateral!.seat])).toEqual(seatBefore);

  // They play: whoever the card asks answers it.
  for (const p of students) await answerIfAsked(p);

  // ── The console ──
  const console_ = await instructor.context().newPage();
  await console_.goto(`/?console=${code}&test=1`);
  await expect(console_.locator(".tile")).toHaveCount(2);
  expect(await seriousViolations(console_), "axe on the console").toEqual([]);
  const firstTable = [...tables][0]!;
  await console_.getByRole("button", { name: new RegExp(`^${firstTable}\\b.*Open this table`) }).click();
  await expect(console_.getByRole("heading", { name: `Table ${firstTable}` })).toBeVisible();
  await expect(console_.locator(".detail-seat")).toHaveCount(3);
  await expect(console_.locator(".detail-seat").first()).toContainText("Secret agenda");
  await console_.screenshot({ path: path.join(ARTIFACTS, "class-console-two-tables.png") });
  const controls = console_.locator(".console-tools");
  const answer = console_.locator(".console-answer");

  // Pause: every student reads "Paused by the instructor".
  await controls.getByRole("button", { name: "Pause" }).click();
  await expect(answer).toHaveText("Paused every table.");
  for (const p of students) await expect(p.locator(".instructor-banner")).toContainText("Paused by the instructor");
  await students[1]!.screenshot({ path: path.join(ARTIFACTS, "class-student-paused.png") });
  await controls.getByRole("button", { name: "Resume" }).click();
  await expect(answer).toHaveText("Resumed every table.");
  for (const p of students) await expect(p.locator(".instructor-banner")).toBeHidden();

  // Extend by 90 s: the phase's deadline moves at every table.
  const before = await Promise.all(students.map((p) => p.evaluate(() => window.__trilateral!.state.presence?.deadline ?? 0)));
  await controls.getByLabel("Extend by").fill("90");
  await controls.getByRole("button", { name: "Extend" }).click();
  await expect(answer).toHaveText("Added 90 s to the current phase at every table.");
  for (const [i, p] of students.entries()) {
    await expect.poll(() => p.evaluate(() => window.__trilateral!.view!.phaseExtension)).toBe(90);
    await expect.poll(() => p.evaluate(() => window.__trilateral!.state.presence?.deadline ?? 0)).toBeGreaterThanOrEqual(before[i]! + 80_000);
  }

  // Inject a card into every table: it is the next round's event everywhere.
  const current = new Set<string | undefined>((await Promise.all(students.map((p) => view(p)))).map((v) => v.card?.id));
  const options = await controls.getByLabel("Card").locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  const injected = options.find((id) => !current.has(id))!;
  await controls.getByLabel("Card").selectOption(injected);
  await controls.getByRole("button", { name: "Inject as next event" }).click();
  await expect(answer).toHaveText(`The card “${injected}” is the next event at every table.`);

  // Advance, phase by phase, to round 2: every click moves every student's table on by one phase.
  const at = async (p: Page) => {
    const v = await view(p);
    return `${v.round}:${v.phase}`;
  };
  for (let click = 0; click < 8; click++) {
    const rounds = await Promise.all(students.map(async (p) => (await view(p)).round));
    if (rounds.every((r) => r >= 2)) break;
    const before = await Promise.all(students.map(at));
    await controls.getByRole("button", { name: "Advance phase" }).click();
    await expect(answer).toHaveText("Moved every table on to the next phase.");
    for (const [i, p] of students.entries()) await expect.poll(() => at(p)).not.toBe(before[i]);
    await answer.evaluate((el) => (el.textContent = ""));
  }
  for (const p of students) {
    const v = await view(p);
    expect(v.round).toBe(2);
    expect(v.card?.id).toBe(injected);
  }

  // Broadcast: every student sees the message.
  await controls.getByLabel("Message").fill("Ten minutes left: wrap up your deals.");
  await controls.getByRole("button", { name: "Broadcast" }).click();
  await expect(answer).toHaveText("Message sent to every table.");
  for (const p of students) await expect(p.locator(".instructor-banner")).toContainText("Ten minutes left: wrap up your deals.");
  await phone.screenshot({ path: path.join(ARTIFACTS, "class-phone-broadcast.png") });

  // End the class: every table ends, and every student sees the results.
  await console_.getByRole("button", { name: "End class" }).click();
  await console_.getByRole("button", { name: "Click again to end every table and the class" }).click();
  await expect(answer).toContainText("The class has ended");
  for (const p of students) {
    await expect.poll(async () => (await view(p)).phase).toBe("ended");
    await expect(p.locator("#end-heading")).toBeVisible();
  }
  await expect(console_.locator(".tile.is-ended")).toHaveCount(2);
});
