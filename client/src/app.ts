import type { Nation } from "../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "./dom.ts";
import type { OpenRequest, TableLink } from "./net/connection.ts";
import { fetchTableSummary } from "./net/api.ts";
import { forgetSeat, loadSeat, setTableInUrl } from "./net/session.ts";
import { installRulesRoute } from "./help/rules-page.ts";
import { LiveRegion } from "./panels/a11y.ts";
import { makeAct, type PanelContext } from "./panels/context.ts";
import { GameScreen } from "./panels/game-screen.ts";
import { LandingScreen, type LandingChoice } from "./panels/landing.ts";
import { InstructorBanner } from "./class/table-banner.ts";
import { LobbyScreen } from "./panels/lobby.ts";
import { StatusLayer } from "./panels/status.ts";
import { Playback } from "./store/playback.ts";
import { initialState, pushToast, Store, type AppState, type AppStore } from "./store/store.ts";
import { prefersReducedMotion } from "./theme.ts";
import { installTestHook, testHookEnabled, type TrilateralHook } from "./test-hook.ts";

type Screen =
  | { kind: "landing"; screen: LandingScreen }
  | { kind: "lobby"; screen: LobbyScreen }
  | { kind: "game"; screen: GameScreen }
  | { kind: "connecting" }
  | { kind: "page"; screen: { el: HTMLElement } }
  | { kind: "finished"; el: HTMLElement };

/** The application: routes between landing, lobby and table, and owns the one link to the server. */
export class App {
  readonly store: AppStore = new Store<AppState>(initialState);
  readonly playback: Playback;
  readonly live = new LiveRegion();
  #link: TableLink | null = null;
  #screen: Screen | null = null;
  #host = h("div", { class: "screen-host" });
  #status: StatusLayer;
  #ctx: PanelContext;
  #hook: TrilateralHook | null = null;

  constructor(root: HTMLElement) {
    this.playback = new Playback(this.store, prefersReducedMotion() ? 700 : 600);
    this.#status = new StatusLayer(this.store, () => void this.rejoin());
    this.#ctx = {
      store: this.store,
      playback: this.playback,
      link: () => this.#link,
      act: makeAct(this.store, () => this.#link),
      announce: (text) => this.live.announce(text),
      toasts: this.#status.toasts,
    };
    root.replaceChildren(this.#status.banner, new InstructorBanner(this.store).el, this.#host, this.#status.toasts, this.live.el);
    root.removeAttribute("aria-busy");
    installRulesRoute();
    this.store.subscribe((s) => this.#render(s));
    if (testHookEnabled()) {
      this.#hook = installTestHook({
        store: this.store,
        playback: this.playback,
        game: () => (this.#screen?.kind === "game" ? this.#screen.screen.game : null),
        announcements: this.live.history,
      });
    }
  }

  /** Use an already-open link (the dev fixture). */
  useLink(link: TableLink): void {
    this.#link = link;
  }

  showLanding(prefill: { code?: string | null; error?: string | null } = {}): void {
    this.store.set({ ...initialState, toasts: this.store.get().toasts });
    setTableInUrl(null);
    this.#show({
      kind: "landing",
      screen: new LandingScreen({ start: (choice) => this.#start(choice) }, prefill),
    });
    if (prefill.code) setTableInUrl(prefill.code);
  }

  /** A page of its own (the class pages in client/src/class), in place of the landing page. */
  showPage(el: HTMLElement): void {
    this.store.set({ ...initialState, toasts: this.store.get().toasts });
    this.#show({ kind: "page", screen: { el } });
  }

  /** Sit down at the seat a class reserved for this student; resolves with an error in words, or null. */
  async enterReservation(reservation: Extract<OpenRequest, { kind: "reservation" }>["reservation"]): Promise<string | null> {
    void import("./game/game.ts");
    try {
      this.#link = await this.#open({ kind: "reservation", reservation });
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** The network code (Colyseus SDK) loads only when a table is opened, not with the landing page. */
  async #open(request: OpenRequest): Promise<TableLink> {
    const { openTable } = await import("./net/connection.ts");
    return openTable(this.store, request);
  }

  async #start(choice: LandingChoice): Promise<string | null> {
    try {
      if (choice.kind === "create") {
        this.#link = await this.#open({ kind: "create", options: choice.options });
      } else {
        const options: { name: string; nation?: Nation } = { name: choice.name };
        if (choice.nation) options.nation = choice.nation;
        this.#link = await this.#open({ kind: "join", code: choice.code, options });
      }
      return null;
    } catch (error) {
      return error instanceof Error && error.name === "JoinError" ? error.message : `Something went wrong: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** A refresh: sit back down with the seat token this tab saved for the table in the URL. */
  async resume(code: string): Promise<void> {
    const saved = loadSeat(code);
    if (!saved) return this.showLanding({ code });
    this.#show({ kind: "connecting" });
    if (await this.#showIfFinished(code, saved.seatToken)) return;
    void import("./game/game.ts");
    try {
      this.#link = await this.#open({ kind: "join", code, options: { seatToken: saved.seatToken } });
    } catch (error) {
      forgetSeat(code);
      this.showLanding({ code, error: `Could not return to your seat at table ${code}: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /** A finished table's link: its end screen and the way to its debrief (issue 14.6). */
  async #showIfFinished(code: string, seatToken: string): Promise<boolean> {
    const summary = await fetchTableSummary(code);
    if (!summary.ok || !summary.table.ended) return false;
    const { finishedScreen } = await import("./debrief/finished.ts");
    const el = await finishedScreen(code, seatToken, { newGame: () => this.showLanding() });
    if (!el) return false;
    this.#show({ kind: "finished", el });
    return true;
  }

  async rejoin(): Promise<void> {
    try {
      await this.#link?.rejoin();
    } catch (error) {
      pushToast(this.store, "error", error instanceof Error ? error.message : String(error));
    }
  }

  async leave(): Promise<void> {
    const code = this.store.get().code;
    await this.#link?.leave();
    this.#link = null;
    if (code) forgetSeat(code);
    this.showLanding();
  }

  #show(screen: Screen): void {
    if (this.#screen?.kind === "game") this.#screen.screen.destroy();
    this.#screen = screen;
    const el =
      screen.kind === "finished"
        ? screen.el
        : screen.kind === "connecting"
        ? h("main", { id: "main", class: "connecting", "aria-busy": "true" }, h("span", { class: "spinner", "aria-hidden": "true" }), h("p", { role: "status" }, "Returning to your seat…"))
        : screen.screen.el;
    replaceChildren(this.#host, [el]);
    document.body.dataset.screen = screen.kind;
  }

  #render(state: AppState): void {
    this.#status.update(state);
    if (state.route === "landing") return;
    // The server deals round 1 as soon as the table exists; the lobby stays up until every seat is filled.
    const wantGame = !!state.view && (state.presence?.started === true || state.view.phase === "ended");
    if (wantGame && this.#screen?.kind !== "game") {
      this.#show({
        kind: "game",
        screen: new GameScreen(this.#ctx, () => void this.leave(), () => this.#onFirstRender()),
      });
    } else if (!wantGame && this.#screen?.kind !== "lobby") {
      this.#show({ kind: "lobby", screen: new LobbyScreen(() => void this.leave()) });
    }
    const s = this.#screen;
    if (s?.kind === "game" || s?.kind === "lobby") s.screen.update(state);
  }

  #onFirstRender(): void {
    performance.mark("trilateral:table-rendered");
    if (this.#hook) this.#hook.tableRenderedAt = performance.now();
  }
}
