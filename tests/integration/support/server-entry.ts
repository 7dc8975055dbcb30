/**
 * The real server as a child process for the crash test: the same runServer as `npm start`,
 * without the client build and with the small test deck. Configured by the environment
 * (PORT, DATA_DIR, INSTRUCTOR_KEY, RECONNECT_SECONDS, BOT_THINK_MS, LOG_LEVEL).
 */
import { loadConfigOrExit } from "../../../server/config.ts";
import { runServer } from "../../../server/run.ts";
import { mixedDeck } from "../../support/cards.ts";

await runServer({ config: loadConfigOrExit(), deck: mixedDeck, serveClient: "none" });
