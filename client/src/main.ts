import "./styles/base.css";
import "./styles/controls.css";
import { App } from "./app.ts";
import "./styles/narrow.css";
import { tableFromUrl } from "./net/session.ts";

const root = document.getElementById("app")!;
const app = new App(root);
const params = new URLSearchParams(location.search);

// Start fetching the table renderer while the player reads the landing page.
const prefetch = () => {
  void import("./net/connection.ts");
  void import("./game/game.ts");
};
if ("requestIdleCallback" in window) requestIdleCallback(prefetch, { timeout: 2000 });
else setTimeout(prefetch, 500);

if (import.meta.env.DEV && params.has("fixture")) {
  // Dev only: a table played locally with the shared engine, to look at every phase without a server.
  void import("./dev/fixture.ts").then(({ startFixture }) => startFixture(app, params.get("fixture") ?? "event"));
} else {
  const code = tableFromUrl();
  if (code) void app.resume(code);
  else app.showLanding();
}
