import "./game-screen.css";
import "./phase-panel.css";
import "./game-screen-projector.css";
import "./game-screen-phone.css";
import type * as Phaser from "phaser";
import type { DeterrenceBreakdown } from "../../../shared/rules/deterrence.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { PHASE_NAMES } from "../../../shared/rules/vocabulary.ts";
import { h, replaceChildren } from "../dom.ts";
import type { PlaybackEvent } from "../store/playback.ts";
import { changeSentence } from "../store/selectors.ts";
import type { AppState } from "../store/store.ts";
import { prefersReducedMotion } from "../theme.ts";
import { annotate } from "../help/glossary.ts";
import { walkthroughNote } from "../help/walkthrough.ts";
import { TableSummaryText } from "./a11y.ts";
import { MobileTabs } from "./mobile-tabs.ts";
import { TableKey } from "./table-key.ts";
import { AgendaPanel } from "./agenda.ts";
import { ChatPanel } from "./chat.ts";
import type { PanelContext } from "./context.ts";
import { endScreen } from "./end.ts";
import { eventPanel } from "./event-card.ts";
import { HeaderBar } from "./header.ts";
import { NegotiationPanel } from "./negotiation.ts";
import { PolicyPanel } from "./policy.ts";
import { summaryPanel } from "./summary.ts";

/** The table screen: header, the Phaser table, the phase panel beside it, agenda and chat below. */
export class GameScreen {
  readonly el: HTMLElement;
  readonly chat: ChatPanel;
  game: Phaser.Game | null = null;
  #header: HeaderBar;
  #agenda = new AgendaPanel();
  #key = new TableKey();
  #tabs = new MobileTabs();
  #summary = new TableSummaryText();
  #stage = h("div", { class: "stage", id: "stage" });
  #sidebar = h("aside", { class: "sidebar", id: "main", tabindex: -1, "aria-label": "Your actions this phase" });
  /** Toasts sit at the top of the action panel, in the flow: they never cover the table or a control. */
  #toastSlot = h("div", { class: "toast-slot" });
  #panelHost = h("div", { class: "panel-host" });
  #end = h("div", { class: "end-host" });
  #negotiation = new NegotiationPanel();
  #policy = new PolicyPanel();
  /** When each card was first shown in the event step (a card shown under 2 s was not read). */
  #revealedCards = new Map<string, number>();
  #eventLeft = new Map<string, number>();
  #panelKey = "";
  #phaseKey = "";
  #endDismissed = false;
  /** Deterrence as each stage of a round began ("3:opening", "3:resolution"), to say why it moved. */
  #deterrenceBefore = new Map<string, DeterrenceBreakdown>();
  #lastView: PlayerView | null = null;
  #endShown = false;
  #unsub: (() => void)[] = [];
  #destroyed = false;

  readonly ctx: PanelContext;
  readonly onNewGame: () => void;

  constructor(ctx: PanelContext, onNewGame: () => void, onFirstRender: () => void) {
    this.ctx = ctx;
    this.onNewGame = onNewGame;
    this.#header = new HeaderBar(ctx.announce);
    this.chat = new ChatPanel(ctx);
    this.el = h(
      "div",
      { class: "game-screen" },
      this.#header.el,
      h(
        "main",
        { class: "game-main" },
        this.#sidebar,
        this.#tabs.el,
        h(
          "div",
          { class: "stage-col" },
          h("figure", { class: "stage-frame", "aria-describedby": "table-summary-heading" }, this.#stage, h("figcaption", { class: "visually-hidden" }, "The negotiation table seen from above. Its content is described in text in “The table, in words”.")),
          this.#key.el,
          h("div", { class: "dock" }, this.#agenda.el, this.chat.el),
        ),
      ),
      this.#summary.el,
      this.#end,
    );
    this.#tabs.attach(this.el);
    this.chat.restoreSize();
    this.#sidebar.append(this.#toastSlot, this.#panelHost);
    if (ctx.toasts) this.#toastSlot.append(ctx.toasts);
    this.#unsub.push(ctx.playback.subscribe((e) => this.#onPlayback(e)));
    const reducedMotion = prefersReducedMotion();
    void import("../game/game.ts").then(({ createTableGame }) => {
      if (this.#destroyed) return;
      this.game = createTableGame(this.#stage, { store: ctx.store, playback: ctx.playback, reducedMotion, onFirstRender });
    });
  }

  #onPlayback(e: PlaybackEvent): void {
    if (e.type === "step") this.ctx.announce(changeSentence(e.change));
    const view = this.ctx.store.get().view;
    if (view && (view.phase === "event" || view.phase === "summary" || view.phase === "ended") && e.type !== "reset") this.#renderPanel(view, true);
    // The results wait for the last round's playback to finish (or for "Show the results").
    if (view && e.type === "idle") this.#renderEnd(view);
  }

  update(state: AppState): void {
    const view = state.view;
    if (!view) return;
    this.#remember(view);
    this.#header.update(state);
    this.#agenda.update(view);
    this.#key.update(view);
    this.#summary.update(view);
    this.chat.update(view, state.code);
    const phaseKey = `${view.round}:${view.phase}`;
    if (phaseKey !== this.#phaseKey) {
      const first = this.#phaseKey === "";
      this.#phaseKey = phaseKey;
      if (!first) this.#tabs.flag("act");
      if (!first) this.ctx.announce(view.phase === "ended" ? "The game is over. The results are shown." : `Round ${view.round}: ${PHASE_NAMES[view.phase]} phase.`);
      const active = document.activeElement;
      const focusInSidebar = !active || active === document.body || this.#sidebar.contains(active);
      this.#renderPanel(view, true);
      this.#sidebar.scrollTop = 0;
      if (!first && focusInSidebar && view.phase !== "ended") this.#sidebar.querySelector<HTMLElement>(".phase-heading")?.focus({ preventScroll: true });
    } else {
      this.#renderPanel(view, false);
    }
    this.#renderEnd(view);
  }

  #remember(view: PlayerView): void {
    const prev = this.#lastView;
    this.#lastView = view;
    if (!prev || prev === view) return;
    if (view.round !== prev.round) this.#deterrenceBefore.set(`${view.round}:opening`, prev.deterrence);
    if ((view.phase === "summary" || view.phase === "ended") && prev.phase === "policy") this.#deterrenceBefore.set(`${view.round}:resolution`, prev.deterrence);
  }

  /** Solo play: every other seat is a bot. */
  #solo(): boolean {
    const state = this.ctx.store.get();
    const seats = state.presence?.seats ?? [];
    return seats.length > 0 && seats.every((s) => s.nation === state.view?.seat || s.bot);
  }

  #cardSeen(view: PlayerView): boolean {
    const id = view.card?.id;
    if (!id) return true;
    const shown = this.#revealedCards.get(id);
    if (shown === undefined) return false;
    if (!this.#eventLeft.has(id)) this.#eventLeft.set(id, Date.now());
    return this.#eventLeft.get(id)! - shown >= 2000;
  }

  #before(view: PlayerView, stage: "opening" | "resolution"): DeterrenceBreakdown | null {
    return this.#deterrenceBefore.get(`${view.round}:${stage}`) ?? null;
  }

  /** One button node kept across re-renders (the panel re-renders at every playback step). */
  #results: HTMLButtonElement | null = null;
  #resultsButton(): HTMLButtonElement {
    this.#results ??= h("button", {
      type: "button",
      class: "btn btn-primary btn-wide",
      "data-focus": "show-results",
      onclick: () => {
        this.#endDismissed = false;
        this.ctx.playback.skip();
        const view = this.ctx.store.get().view;
        if (view) this.#renderEnd(view, true);
      },
    });
    this.#results.textContent = this.ctx.playback.busy ? "Skip to the results" : "Show the results";
    return this.#results;
  }

  #rerender = (): void => {
    const view = this.ctx.store.get().view;
    if (view) this.#renderPanel(view, true);
  };

  #renderPanel(view: PlayerView, force: boolean): void {
    const key = JSON.stringify([view.phase, view.round, view.responses, view.responsesDue, view.proposals, view.ready, view.committed, view.policies, view.seat, view.card?.id, view.institutions, view.firewall]);
    if (!force && key === this.#panelKey) return;
    this.#panelKey = key;
    let panel: HTMLElement;
    switch (view.phase) {
      case "event": {
        const revealed = !!view.card && this.#revealedCards.has(view.card.id);
        if (view.card && !revealed) this.#revealedCards.set(view.card.id, Date.now());
        panel = eventPanel(view, this.ctx, revealed, this.#before(view, "opening"));
        break;
      }
      case "negotiation":
        panel = this.#negotiation.render(view, this.ctx, this.#rerender, this.#cardSeen(view), this.#before(view, "opening"));
        break;
      case "policy":
        panel = this.#policy.render(view, this.ctx, this.#rerender);
        break;
      case "summary":
        panel = summaryPanel(view, this.ctx, this.ctx.store.get().roundEvents, this.#before(view, "resolution"));
        break;
      case "ended":
        panel = h(
          "section",
          { class: "phase-panel" },
          h("h2", { class: "phase-heading", tabindex: -1 }, "Game over"),
          h("p", {}, "The final scores and every secret agenda are on the results screen."),
          this.#resultsButton(),
          summaryPanel(view, this.ctx, this.ctx.store.get().roundEvents, this.#before(view, "resolution")),
        );
        break;
    }
    annotate(panel);
    const tour = walkthroughNote({ solo: this.#solo(), round: view.round, phase: view.phase, onChange: this.#rerender });
    if (tour) panel.prepend(tour);
    const heading = panel.querySelector<HTMLElement>(".phase-heading");
    heading?.setAttribute("tabindex", "-1");
    if (heading) heading.dataset.focus = "phase-heading";
    const scrollTop = this.#sidebar.scrollTop;
    replaceChildren(this.#panelHost, [panel]);
    if (!force) this.#sidebar.scrollTop = scrollTop;
  }

  #renderEnd(view: PlayerView, forceFocus = false): void {
    const show = view.phase === "ended" && !!view.ended && !this.#endDismissed && !this.ctx.playback.busy;
    // While the results cover the screen, the table behind them is out of reach (focus and screen readers).
    for (const el of [this.el.querySelector(".topbar"), this.el.querySelector(".game-main")]) el?.toggleAttribute("inert", show);
    if (!show) {
      if (this.#endShown) replaceChildren(this.#end, []);
      this.#endShown = false;
      return;
    }
    if (this.#endShown && !forceFocus) return;
    this.#endShown = true;
    replaceChildren(this.#end, [
      endScreen(view, {
        showTable: () => {
          this.#endDismissed = true;
          this.#renderEnd(view);
          this.#sidebar.querySelector<HTMLElement>(".phase-heading")?.focus();
        },
        newGame: this.onNewGame,
      }),
    ]);
    this.#end.querySelector<HTMLElement>("#end-heading")?.setAttribute("tabindex", "-1");
    this.#end.querySelector<HTMLElement>("#end-heading")?.focus();
  }

  destroy(): void {
    this.#destroyed = true;
    if (this.ctx.toasts) document.getElementById("app")?.append(this.ctx.toasts);
    this.#header.destroy();
    this.#unsub.forEach((u) => u());
    this.game?.destroy(true);
    this.game = null;
  }
}
