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
    let files: string[];
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

const phaserSrc = fileURLToPath(new URL("../node_modules/phaser/src/", import.meta.url));
const phaserEntry = fileURLToPath(new URL("./src/game/phaser-custom.cjs", import.meta.url));

/**
 * What Phaser's own webpack build defines. WebGL and the Canvas fallback both stay (a school
 * machine without WebGL still gets a table); sound, the 3D camera and FB Instant go.
 */
const PHASER_FLAGS: Record<string, string> = {
  "typeof CANVAS_RENDERER": JSON.stringify(process.env.PHASER_CANVAS === "0" ? false : true),
  "typeof WEBGL_RENDERER": "true",
  "typeof WEBGL_DEBUG": "false",
  "typeof EXPERIMENTAL": "false",
  "typeof PLUGIN_CAMERA3D": "false",
  "typeof PLUGIN_FBINSTANT": "false",
  "typeof FEATURE_SOUND": "false",
};

/** Phaser's sources are CommonJS written for webpack's DefinePlugin: replace its flags before bundling. */
function phaserFlags(): Plugin {
  return {
    name: "trilateral-phaser-flags",
    enforce: "pre",
    transform(code, id) {
      if (!id.startsWith(phaserSrc) && id !== phaserEntry) return null;
      let out = code;
      for (const [k, v] of Object.entries(PHASER_FLAGS)) out = out.split(k).join(v);
      return out === code ? null : { code: out, map: null };
    },
  };
}

export default defineConfig(({ command }) => ({
  root: clientRoot,
  base: "/",
  publicDir: false,
  appType: "spa",
  plugins: command === "build" ? [seedCitations(), phaserFlags()] : [seedCitations()],
  // Production builds take a smaller Phaser (core + Container + Rectangle, no sound), about 150 kB gzip less;
  // the dev server keeps the package's own bundle.
  resolve: command === "build" ? { alias: { phaser: phaserEntry } } : {},
  define: {
    // Phaser's sources set `global.Phaser`.
    ...(command === "build" ? { global: "globalThis" } : {}),
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
    // Phaser's package bundle is ~1.37 MB minified and cannot be tree-shaken; the custom entry is about 0.8 MB.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Vite 8 (Rolldown) rejects the object form of manualChunks: use codeSplitting groups.
        codeSplitting: {
          groups: [
            { name: "phaser", test: /node_modules[\\/]phaser[\\/]|phaser-custom\.cjs$/ },
            { name: "net", test: /node_modules[\\/](@colyseus|msgpackr|tslib|ws)[\\/]/ },
          ],
        },
      },
    },
  },
}));
