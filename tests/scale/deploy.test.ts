import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ENV_VARS, loadConfig } from "../../server/config.ts";
import { REPO_ROOT } from "../support/processes.ts";

/** The production example in deploy/ against what the server really reads. */
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
const envExample = read("deploy/trilateral.env.example");
const unit = read("deploy/trilateral@.service");
const nginx = read("deploy/nginx.conf");

function parseEnv(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return env;
}

/** The ports and public paths the systemd template gives instances 1 and 2. */
function instance(n: number): { port: number; publicAddress: string } {
  const m = /PORT=\$\(\((\d+) \+ %i\)\) PUBLIC_ADDRESS=(\S+)/.exec(unit);
  if (!m) throw new Error("trilateral@.service sets no PORT / PUBLIC_ADDRESS");
  return { port: Number(m[1]) + n, publicAddress: m[2]!.replace("%i", String(n)) };
}

describe("deploy/", () => {
  test("the shared settings name only variables the server reads, and parse into a several-process configuration", () => {
    const env = parseEnv(envExample);
    expect(Object.keys(env).length).toBeGreaterThan(3);
    for (const name of Object.keys(env)) expect(ENV_VARS, `${name} in trilateral.env.example`).toContain(name);
    const one = instance(1);
    const config = loadConfig({ ...env, PORT: String(one.port), PUBLIC_ADDRESS: one.publicAddress });
    expect(config.scale).toEqual({ redisUrl: env.REDIS_URL, publicAddress: "game.example.edu/p/1", sweepMs: Number(env.RECOVERY_SWEEP_MS) });
    expect(config.port).toBe(2567);
    expect(config.host).toBe("127.0.0.1");
  });

  test("every variable the README's settings and deploy/README.md name in code style is one the server reads", () => {
    const readme = read("README.md");
    const settings = readme.slice(readme.indexOf("Configuration comes from the environment"), readme.indexOf("Other commands:"));
    const docs = settings + read("deploy/README.md");
    const named = [...docs.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]!.replace(/_\*_/, "_"));
    expect(named).toContain("REDIS_URL");
    expect(named).toContain("PUBLIC_ADDRESS");
    for (const name of named) {
      if (name.startsWith("RATE_")) expect(ENV_VARS.some((v) => v.startsWith("RATE_"))).toBe(true);
      else expect(ENV_VARS, `${name} in the docs`).toContain(name);
    }
  });

  test("nginx routes each process's public path to that process's port, and the shared routes to every process", () => {
    const upstream = (name: string) => {
      const m = new RegExp(`upstream ${name} \\{([^}]*)\\}`).exec(nginx);
      if (!m) throw new Error(`no upstream ${name}`);
      return [...m[1]!.matchAll(/server 127\.0\.0\.1:(\d+)/g)].map((x) => Number(x[1]));
    };
    for (const n of [1, 2]) {
      const { port, publicAddress } = instance(n);
      const pathPart = publicAddress.slice(publicAddress.indexOf("/"));
      expect(nginx, `location for ${publicAddress}`).toContain(`location ${pathPart}/ {\n        proxy_pass http://trilateral_p${n}/;`);
      expect(upstream(`trilateral_p${n}`)).toEqual([port]);
    }
    expect(upstream("trilateral_any")).toEqual([instance(1).port, instance(2).port]);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade/);
    expect(nginx).toMatch(/server_name game\.example\.edu/);
    // The class deck upload (2 MB of JSON) must get through.
    expect(Number(/client_max_body_size (\d+)m/.exec(nginx)?.[1])).toBeGreaterThanOrEqual(2);
  });

  test("bad several-process settings are refused with the variable's name", () => {
    expect(() => loadConfig({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", PUBLIC_ADDRESS: "https://game.example.edu/p/1" })).toThrow(/^PUBLIC_ADDRESS:/);
    expect(() => loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", PUBLIC_ADDRESS: "game.example.edu/p/1/" })).toThrow(/^PUBLIC_ADDRESS:/);
    expect(loadConfig({}).scale).toBeNull();
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", PORT: "2570" }).scale?.publicAddress).toBe("127.0.0.1:2570");
  });
});
