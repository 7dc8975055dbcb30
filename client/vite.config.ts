import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * The browser client's build. `root` is client/, so `vite build --config client/vite.config.ts`
 * (npm run build), the server's programmatic build (server/start.ts) and its dev middleware
 * (server/dev.ts) all resolve the same files wherever they run from.
 */
const clientRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const seedsDir = fileURLToPath(new URL("../seeds/", import.meta.url));

const SEED_MODULE = "virtual:trilateral-seeds";
const RESOLVED_SEED_MODULE = "\0" + SEED_MODULE;

/**
 * The event card shows its citation (author, title, outlet, date). The seed records under
 * seeds/*.json also hold long summaries and fact lists the client never shows, so this plugin
 * imports the JSON at build time and ships only the citation fields.
 */
function seedCitations(): Plugin {
  const read = () => {
    let files: string[] = [];
    try {
      files = readdirSync(seedsDir).filter((f) => f.endsWith(".json")).sort();
    } catch {
      return [];
    }
    const out: { id: string; author: string; title: string; outlet: string; date: string }[] = [];
    for (const file of files) {
      try {
        const record = JSON.parse(readFileSync(seedsDir + file, "utf8")) as Record<string, unknown>;
        const pick = (k: string) => (typeof record[k] === "string" ? (record[k] as string) : "");
        if (pick("id")) out.push({ id: pick("id"), author: pick("author"), title: pick("title"), outlet: pick("outlet"), date: pick("date") });
      } catch {
        // A seed being written right now may be half a file; the content checker reports it, not the client.
      }
    }
    return out;
  };
  return {
    name: "trilateral-seed-citations",
    resolveId: (id) => (id === SEED_MODULE ? RESOLVED_SEED_MODULE : null),
    load(id) {
      if (id !== RESOLVED_SEED_MODULE) return null;
      return `export default ${JSON.stringify(read())};`;
    },
    configureServer(server) {
      server.watcher.add(seedsDir);
      const refresh = (file: string) => {
        if (!file.startsWith(seedsDir)) return;
        const mod = server.moduleGraph.getModuleById(RESOLVED_SEED_MODULE);
        if (mod) server.moduleGraph.invalidateModule(mod);
      };
      server.watcher.on("change", refresh);
      server.watcher.on("add", refresh);
    },
  };
}

export default defineConfig({
  root: clientRoot,
  base: "/",
  publicDir: false,
  appType: "spa",
  plugins: [seedCitations()],
  define: {
    // A build with TRILATERAL_TEST_HOOK=1 always exposes window.__trilateral (otherwise: dev, or ?test=1).
    __TRILATERAL_TEST_HOOK__: JSON.stringify(process.env.TRILATERAL_TEST_HOOK === "1"),
  },
  server: {
    fs: { allow: [repoRoot] },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // Phaser alone is ~1.37 MB minified and cannot be tree-shaken (see ../shared/docs/phaser.md §1.6).
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vite 8 (Rolldown) rejects the object form of manualChunks: use codeSplitting groups.
        codeSplitting: {
          groups: [
            { name: "phaser", test: /node_modules[\\/]phaser[\\/]/ },
            { name: "net", test: /node_modules[\\/](@colyseus|msgpackr|tslib|ws)[\\/]/ },
          ],
        },
      },
    },
  },
});
