import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { StorageOptions } from "../../server/storage/open.ts";

const CHILD = fileURLToPath(new URL("./commit-child.ts", import.meta.url));

/**
 * Runs commit-child.ts against `options`, SIGKILLs it once it has acknowledged at least
 * `atLeast` commits (mid-stream: it is committing the next one), and returns the last seq it
 * acknowledged.
 */
export function killedWhileCommitting(options: StorageOptions, code: string, atLeast: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, JSON.stringify(options), code], { stdio: ["ignore", "pipe", "pipe"] });
    let acked = 0;
    let buffer = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) acked = Math.max(acked, Number(line));
      if (acked >= atLeast && child.exitCode === null && !child.killed) child.kill("SIGKILL");
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`the committing process ended by itself (${_code}): ${stderr}`));
      else resolve(acked);
    });
  });
}
