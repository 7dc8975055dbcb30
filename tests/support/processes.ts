import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * Real server processes (`server/start.ts --no-client`, what `npm start` runs) sharing Redis and
 * the store, each on its own loopback port with its own PUBLIC_ADDRESS, for the scale-out tests
 * and the bench. `kill()` is SIGKILL (no shutdown hook runs); `restart()` starts the same
 * process again on the same port.
 */

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
const START = fileURLToPath(new URL("../../server/start.ts", import.meta.url));

export interface ServerProcess {
  readonly index: number;
  readonly port: number;
  readonly url: string;
  child: ChildProcess;
  /** Everything it printed since it was (re)started. */
  output(): string;
  /** SIGKILL, and wait until it is gone. */
  kill(): Promise<void>;
  /** Start it again (same port, same environment) and wait until it listens. */
  restart(): Promise<void>;
  /** SIGTERM (the graceful path), and wait. */
  stop(): Promise<void>;
}

export interface ClusterEnv {
  /** Shared by every process, e.g. REDIS_URL, DATABASE_URL or DATA_DIR, INSTRUCTOR_KEY. */
  env: Record<string, string>;
  ports: number[];
  /** Passed to `node` before the script, e.g. ["--cpu-prof"]. */
  nodeArgs?: string[];
}

function gone(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitListening(child: ChildProcess, read: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes("Trilateral is running at")) {
    if (gone(child)) throw new Error(`a server process exited before it listened:\n${read().slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`a server process did not listen within ${timeoutMs} ms:\n${read().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Started one after the other (the first one creates the store's schema). */
export async function startProcesses(o: ClusterEnv): Promise<ServerProcess[]> {
  const all: ServerProcess[] = [];
  const killAll = () => {
    for (const p of all) if (!gone(p.child)) p.child.kill("SIGKILL");
  };
  process.once("exit", killAll);
  for (const [index, port] of o.ports.entries()) {
    let out = "";
    const launch = (): ChildProcess => {
      out = "";
      const child = spawn(process.execPath, [...(o.nodeArgs ?? []), START, "--no-client"], {
        cwd: REPO_ROOT,
        env: { ...process.env, LOG_LEVEL: "info", ...o.env, HOST: "127.0.0.1", PORT: String(port), PUBLIC_ADDRESS: `127.0.0.1:${port}` },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
      return child;
    };
    const p: ServerProcess = {
      index,
      port,
      url: `http://127.0.0.1:${port}`,
      child: launch(),
      output: () => out,
      kill: async () => {
        if (gone(p.child)) return;
        const exited = new Promise((r) => p.child.once("exit", r));
        p.child.kill("SIGKILL");
        await exited;
      },
      stop: async () => {
        if (gone(p.child)) return;
        const exited = new Promise((r) => p.child.once("exit", r));
        p.child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 12_000))]);
        if (!gone(p.child)) await p.kill();
      },
      restart: async () => {
        await p.kill();
        p.child = launch();
        await waitListening(p.child, () => out, 30_000);
      },
    };
    all.push(p);
    try {
      await waitListening(p.child, p.output, 30_000);
    } catch (e) {
      killAll();
      throw e;
    }
  }
  return all;
}
