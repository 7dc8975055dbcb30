import "./styles/base.css";
import "./styles/controls.css";
import { App } from "./app.ts";
import "./styles/narrow.css";
import { classRouteFrom, rejoinTokens } from "./class/routes.ts";
import { loadSeat, tableFromUrl } from "./net/session.ts";

const root = document.getElementById("app")!;
const params = new URLSearchParams(location.search);

// A debrief (/debrief/…) is its own page: no table connection, no Phaser.
if (location.pathname.startsWith("/debrief")) void import("./debrief/main.ts").then(({ startDebrief }) => startDebrief(root));
else startGame();

function startGame(): void {
  const app = new App(root);

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
    // A class student's refresh rejoins the class room, which hands their seat back; a plain table resumes its seat token.
    const viaClass = classRoute && (classRoute.page !== "join" || rejoinTokens.load(classRoute.code) || !code || !loadSeat(code));
    if (classRoute && viaClass) void import("./class/boot.ts").then(({ bootClass }) => bootClass(app, classRoute));
    else if (code) void app.resume(code);
    else app.showLanding();
  }
}
