import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { bootTestServer, type TestServer } from "./support/harness.ts";
import { ClassInstructor, ClassStudent, openClass } from "./support/class-harness.ts";

let t: TestServer;
beforeAll(async () => {
  t = await bootTestServer(25694);
});
afterAll(async () => {
  await t.shutdown();
});

const debrief = (code: string, key: string) => fetch(`${t.url}/api/debrief/${code}`, { headers: { "x-instructor-key": key } });

describe("a class's instructor token and the debrief", () => {
  test("opens the debriefs of that class's tables, running ones included, and of no other class's", async () => {
    const mine = await openClass(t.url, { title: "Seminar A", rounds: 2, botThinkMs: 0 });
    const theirs = await openClass(t.url, { title: "Seminar B", rounds: 2, botThinkMs: 0 });
    const teacher = await ClassInstructor.join(t.sdk(), mine.code, mine.instructorToken);
    const student = await ClassStudent.join(t.sdk(), mine.code, { name: "Ana" });
    expect(await teacher.request({ action: "start" })).toEqual({ ok: true });
    const table = await student.waitForTable();
    const code = table.code;

    const ok = await debrief(code, mine.instructorToken);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { record?: { commands: unknown[] } };
    expect(body.record).toBeDefined();

    const other = await debrief(code, theirs.instructorToken);
    expect(other.status).toBe(403);
    const compare = await fetch(`${t.url}/api/debrief?tables=${code}`, { headers: { "x-instructor-key": theirs.instructorToken } });
    expect(compare.status).toBe(403);
    await table.leave();
  });
});
