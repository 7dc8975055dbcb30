/**
 * The "before" side of bench:client: another git ref of this repository (default main),
 * extracted with `git archive` into a temporary directory that borrows this checkout's
 * node_modules, so its own server and client build can be measured in the same run.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Extracted {
  ref: string;
  commit: string;
  dir: string;
  cleanup(): void;
}

export function extractRef(repoRoot: string, ref: string): Extracted {
  const commit = execFileSync("git", ["rev-parse", "--short", ref], { cwd: repoRoot, encoding: "utf8" }).trim();
  const dir = mkdtempSync(path.join(tmpdir(), "trilateral-bench-before-"));
  const tar = execFileSync("git", ["archive", "--format=tar", ref], { cwd: repoRoot, maxBuffer: 512 * 1024 * 1024 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
  return { ref, commit, dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
