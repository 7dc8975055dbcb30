/**
 * npm start: build the client if it is missing or older than its sources, then serve the
 * client and the game server on one port (HOST:PORT, default 127.0.0.1:2567).
 *
 *   node server/start.ts              build if needed, serve client/dist
 *   node server/start.ts --no-client  API and game server only (no build)
 */
import fs from "node:fs";
import path from "node:path";
import { CLIENT_DIR, CLIENT_DIST, CLIENT_VITE_CONFIG, REPO_ROOT } from "./app.ts";
import { loadConfigOrExit } from "./config.ts";
import { createLogger, type Logger } from "./log.ts";
import { runServer } from "./run.ts";

const SKIP_DIRS = new Set(["node_modules", "dist", ".vite"]);

function newestMtime(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds client/dist with Vite's JS API when index.html is missing or older than client/ or shared/. */
export async function ensureClientBuilt(log: Logger): Promise<void> {
  if (!fs.existsSync(CLIENT_VITE_CONFIG)) {
    log.warn("client/vite.config.ts is missing: serving the API only");
    return;
  }
  const index = path.join(CLIENT_DIST, "index.html");
  const built = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const sources = Math.max(newestMtime(CLIENT_DIR), newestMtime(path.join(REPO_ROOT, "shared")));
  if (built >= sources) return;
  log.info(built === 0 ? "building the client (first start)…" : "client sources changed: rebuilding…");
  const started = Date.now();
  try {
    const { build } = await import("vite");
    await build({ configFile: CLIENT_VITE_CONFIG, logLevel: "warn" });
    log.info(`client built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (e) {
    log.error(`the client build failed${built ? " (serving the previous build)" : ""}: ${(e as Error).message}`);
  }
}

const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
const withClient = !process.argv.includes("--no-client");
if (withClient) await ensureClientBuilt(log);
await runServer({ config, logger: log, serveClient: withClient ? "dist" : "none" });
