import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, defineConfig } from "@playwright/test";

/**
 * End-to-end tests of the browser client against the real server (server/start.ts, which
 * builds the client first). Run with `npm run test:e2e`.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
export const E2E_PORT = 25700 + Number(process.env.TEST_PORT_OFFSET ?? 0);
/** The e2e server's INSTRUCTOR_KEY (debrief and instructor tests). */
export const E2E_INSTRUCTOR_KEY = process.env.E2E_INSTRUCTOR_KEY ?? "e2e-instructor-key";

/** Chromium: $CHROMIUM_PATH or $PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH, else Debian's, else Playwright's own; never skip. */
function chromiumExecutable(): string {
  const fromEnv = process.env.CHROMIUM_PATH || process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`Chromium was set to ${fromEnv} (CHROMIUM_PATH / PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH), but there is no file there.`);
    return fromEnv;
  }
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  let bundled: string;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = "";
  }
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's package (apt-get install chromium, giving /usr/bin/chromium), " +
      "or set CHROMIUM_PATH to a Chromium binary, or install Playwright's browser (npx playwright install chromium).",
  );
}

const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "trilateral-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: here,
  testMatch: /.*\.spec\.ts$/,
  outputDir: path.join(repoRoot, "test-results", "e2e"),
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 180_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    viewport: { width: 1280, height: 720 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: "off",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "npm start",
    cwd: repoRoot,
    url: `http://127.0.0.1:${E2E_PORT}/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      BOT_THINK_MS: "0",
      RECONNECT_SECONDS: "60",
      LOG_LEVEL: "warn",
      INSTRUCTOR_KEY: E2E_INSTRUCTOR_KEY,
    },
  },
});
