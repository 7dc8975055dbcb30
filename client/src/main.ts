import "./styles.css";
import { App } from "./app.ts";
import { classRouteFrom } from "./class/routes.ts";
import { loadSeat, tableFromUrl } from "./net/session.ts";

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
  const classRoute = classRouteFrom(location);
  // A seated class student's refresh returns to the table; without a seat token it asks the class room again.
  if (code && (!classRoute || loadSeat(code))) void app.resume(code);
  else if (classRoute) void import("./class/boot.ts").then(({ bootClass }) => bootClass(app, classRoute));
  else app.showLanding();
}
