import { describe, expect, test } from "vitest";
import { checkStudentName, nameKey } from "./names.ts";

describe("student names", () => {
  test("ordinary names pass, trimmed and with single spaces", () => {
    expect(checkStudentName("  Ji-woo   Park ", [])).toEqual({ ok: true, name: "Ji-woo Park", key: nameKey("Ji-woo Park") });
    for (const name of ["佐藤 花子", "김민준", "Zoë", "O'Brien", "Abbott", "Robotham"]) expect(checkStudentName(name, []).ok).toBe(true);
  });

  test.each([
    ["zero-width space", "Mi\u200Bn"],
    ["right-to-left override", "\u202Eevil"],
    ["isolate", "a\u2066b"],
    ["soft hyphen", "A\u00ADna"],
    ["hangul filler", "\u3164"],
    ["stacked marks", "Ze\u0301\u0302\u0303\u0304"],
  ])("refuses a name with a %s", (_what, name) => {
    const check = checkStudentName(name, []);
    expect(check.ok).toBe(false);
  });

  test.each(["Hawkish bot", "bot", "ROBOT", "🤖 Kim", "b_o_t", "Instructor", "the teacher", "Admin"])("refuses %j, which pretends to be a bot or staff", (name) => {
    expect(checkStudentName(name, [])).toEqual({ ok: false, message: "Names cannot look like a bot's or the instructor's." });
  });

  test("refuses a classmate's name in another case, spacing, accent or look-alike letters", () => {
    const classmates = [nameKey("Min Park"), nameKey("Zoe")];
    for (const name of ["min park", "MinPark", "M1n Park", "Zoë", "ZOE"]) {
      expect(checkStudentName(name, classmates)).toMatchObject({ ok: false, message: expect.stringContaining("already uses") });
    }
    expect(checkStudentName("Min Park B", classmates).ok).toBe(true);
  });

  test("empty, too long and markup names get the schema's message", () => {
    expect(checkStudentName("   ", [])).toEqual({ ok: false, message: "Please type a name." });
    expect(checkStudentName("x".repeat(25), [])).toEqual({ ok: false, message: "Names are at most 24 characters." });
    expect(checkStudentName("<b>", [])).toEqual({ ok: false, message: "Names cannot contain < or >." });
    expect(checkStudentName("!!", []).ok).toBe(true);
    expect(checkStudentName("--", [])).toEqual({ ok: false, message: "Names need at least one letter or digit." });
  });
});
