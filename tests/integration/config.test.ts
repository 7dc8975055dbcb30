import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config.ts";

const START = fileURLToPath(new URL("../../server/start.ts", import.meta.url));

describe("configuration from the environment", () => {
  it("has defaults, and generates an instructor key when none is set", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: "127.0.0.1", port: 2567, reconnectSeconds: 120, botThinkMs: 1200, logLevel: "info", instructorKeyGenerated: true });
    expect(c.dataDir.endsWith("data")).toBe(true);
    expect(c.instructorKey).toMatch(/^[A-Z0-9]{10}$/);
    expect(loadConfig({ INSTRUCTOR_KEY: "classroom-7b", PORT: "8080", LOG_LEVEL: "WARN" })).toMatchObject({
      instructorKey: "classroom-7b",
      instructorKeyGenerated: false,
      port: 8080,
      logLevel: "warn",
    });
  });

  it("names the variable of a bad value", () => {
    expect(() => loadConfig({ PORT: "99999" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "99999" })).toThrow(/^PORT: must be at most 65535 \(got "99999"\)$/);
    expect(() => loadConfig({ RECONNECT_SECONDS: "soon" })).toThrow(/^RECONNECT_SECONDS: /);
    expect(() => loadConfig({ LOG_LEVEL: "loud" })).toThrow(/^LOG_LEVEL: must be one of/);
    expect(() => loadConfig({ INSTRUCTOR_KEY: "abc" })).toThrow(/^INSTRUCTOR_KEY: /);
  });

  it("npm start exits with one clear line on a bad value", () => {
    const run = spawnSync(process.execPath, [START, "--no-client"], { env: { ...process.env, PORT: "not-a-port" }, encoding: "utf8", timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n").filter((l) => l.includes("PORT"))).toEqual(['Configuration error: PORT: must be a number (got "not-a-port")']);
  });
});
