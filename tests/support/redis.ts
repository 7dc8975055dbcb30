import { execFile, spawn, type ChildProcess } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { freePort } from "./postgres.ts";

/**
 * A throwaway Redis for tests and benches: Debian's `redis-server` on a free loopback port, its
 * working folder in a temporary directory, nothing saved to disk, never the system-wide service.
 *
 *   const redis = await startRedis();   // redis.url = redis://127.0.0.1:<port>
 *   …
 *   await redis.stop();
 */
export interface RunningRedis {
  url: string;
  port: number;
  /** HGETALL through redis-cli (e.g. Colyseus's room listing, "roomcaches"). */
  hgetall(key: string): Promise<[string, string][]>;
  stop(): Promise<void>;
}

export function redisServerPath(): string {
  for (const candidate of [process.env.REDIS_SERVER, "/usr/bin/redis-server", "/usr/local/bin/redis-server"]) {
    if (candidate && fs.existsSync(candidate)) return candidate;
  }
  throw new Error("redis-server is not installed. Install Debian's package (`apt-get install redis-server`, which .ci/run does) or set REDIS_SERVER.");
}

async function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d) => {
      socket.destroy();
      resolve(d.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

export async function startRedis(): Promise<RunningRedis> {
  const bin = redisServerPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "trilateral-redis-"));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, "--daemonize", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`redis-server did not start on port ${port}:\n${out.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    hgetall: async (key) => {
      const { stdout } = await promisify(execFile)(path.join(path.dirname(bin), "redis-cli"), ["-p", String(port), "--json", "HGETALL", key]);
      return Object.entries(JSON.parse(stdout) as Record<string, string>);
    },
    stop: async () => {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
