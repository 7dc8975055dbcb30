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

  it("TRUST_PROXY lists the reverse proxies whose X-Forwarded-For the rate limits believe", () => {
    expect(loadConfig({}).limits.trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: " loopback, 10.0.0.0/8 " }).limits.trustProxy).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => loadConfig({ TRUST_PROXY: "the nginx box" })).toThrow(/^TRUST_PROXY: must list the reverse proxies/);
  });

  it("DATABASE_URL switches storage to PostgreSQL; a bad one is named without echoing it (it may hold a password)", () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: " " }).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: "postgres://u:p@db.example:5432/trilateral" }).databaseUrl).toBe("postgres://u:p@db.example:5432/trilateral");
    expect(loadConfig({ DATABASE_URL: "postgresql://localhost/t" }).databaseUrl).toBe("postgresql://localhost/t");
    expect(() => loadConfig({ DATABASE_URL: "mysql://root:secret@db/t" })).toThrow(/^DATABASE_URL: must be a PostgreSQL URL, postgres:\/\/user:password@host:port\/database$/);
  });

  it("a DATABASE_URL whose PostgreSQL cannot be reached stops the start with one line", () => {
    const env = { ...process.env, PORT: "0", DATABASE_URL: "postgres://nobody:secret@127.0.0.1:1/none", LOG_LEVEL: "silent" };
    const run = spawnSync(process.execPath, [START, "--no-client"], { env, encoding: "utf8", timeout: 20_000 });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split("\n").filter((l) => l.includes("PostgreSQL"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Cannot start: PostgreSQL \(DATABASE_URL\) could not be used: .*ECONNREFUSED/);
    expect(run.stderr).not.toContain("secret");
  });

  it("npm start exits with one clear line on a bad value", () => {
    const run = spawnSync(process.execPath, [START, "--no-client"], { env: { ...process.env, PORT: "not-a-port" }, encoding: "utf8", timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split("\n").filter((l) => l.includes("PORT"))).toEqual(['Configuration error: PORT: must be a number (got "not-a-port")']);
  });
});
