import type { App } from "../app.ts";
import { pushToast } from "../store/store.ts";
import type { ClassRoute } from "./routes.ts";

/** Opens the class page a URL names (see routes.ts) inside the app; a seated student moves on to the table screen. */
export async function bootClass(app: App, route: ClassRoute): Promise<void> {
  document.body.dataset.screen = `class-${route.page}`;
  switch (route.page) {
    case "run": {
      const { RunClassPage } = await import("./run-form.ts");
      app.showPage(new RunClassPage().el);
      document.title = "Run a class · Trilateral";
      return;
    }
    case "projector": {
      const { ProjectorPage } = await import("./projector.ts");
      app.showPage(new ProjectorPage(route.code).el);
      document.title = `Class ${route.code} · Trilateral`;
      return;
    }
    case "console": {
      const { ConsolePage } = await import("./console/console.ts");
      app.showPage(new ConsolePage(route.code).el);
      document.title = `Console ${route.code} · Trilateral`;
      return;
    }
    case "join": {
      const { JoinPage } = await import("./join.ts");
      const page = new JoinPage(route.code, {
        seated: async (seat) => {
          if (seat.handover) pushToast(app.store, "info", "A computer player keeps your seat warm until the next phase begins; then it is yours.");
          const error = await app.enterReservation(seat.reservation);
          if (error) pushToast(app.store, "error", `Could not sit down at table ${seat.table}: ${error}`);
        },
      });
      app.showPage(page.el);
      document.title = "Join a class · Trilateral";
      return;
    }
  }
}
