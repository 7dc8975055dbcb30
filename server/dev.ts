/**
 * npm run dev: the same server as npm start, with the client served by Vite in middleware
 * mode (hot reload over the same port). Server code changes need a restart.
 */
import { loadConfigOrExit } from "./config.ts";
import { createLogger } from "./log.ts";
import { runServer } from "./run.ts";

const config = loadConfigOrExit();
await runServer({ config, logger: createLogger(config.logLevel), serveClient: "vite" });
