import { describeEvent, actorName } from "../../../shared/replay/describe-events.ts";
import { changesOfStep } from "../../../shared/replay/series.ts";
import type { StepInfo } from "../../../shared/replay/stepper.ts";
import type { SeatStory } from "../../../shared/replay/story.ts";
import type { TurningPoint } from "../../../shared/replay/turning-points.ts";
import type { Command } from "../../../shared/rules/commands.ts";
import type { GameState } from "../../../shared/rules/state.ts";
import type { PlayerView } from "../../../shared/rules/view.ts";
import { NATION_NAMES, pairName, type Nation } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";

const COMMAND_TEXT: Record<Command["type"], string> = {
  respond: "answers the card",
  tableProposal: "tables a proposal",
  acceptProposal: "accepts a proposal",
  rejectProposal: "rejects a proposal",
  withdrawProposal: "withdraws a proposal",
  say: "writes in the chat",
  ready: "is done with the phase",
  commitPolicy: "commits a policy",
  phaseTimeout: "ends the phase (deadline)",
  pause: "pauses the table",
  resume: "resumes the table",
  extendPhase: "extends the phase",
  advancePhase: "moves the table to the next phase",
  injectCard: "chooses the next event card",
  broadcast: "sends a message to every student",
  endTable: "ends the game",
};

/** What this step did: the command, every meter change with its cause, and the other events. */
export function stepChanges(step: StepInfo, cards: GameState["cards"]): HTMLElement {
  const changes = changesOfStep(step);
  const others = step.events.filter((e) => e.type !== "meterChanged").map((e) => describeEvent(e, cards)).filter((t): t is string => !!t);
  const what = step.command ? `${actorName(step.command)} ${COMMAND_TEXT[step.command.command.type]}` : "The game is dealt";
  return h(
    "section",
    { class: "db-step", "aria-labelledby": "db-step-title", "aria-live": "polite" },
    h("h2", { id: "db-step-title" }, `Step ${step.index}: ${what}`),
    changes.length === 0
      ? h("p", { class: "db-muted" }, "No meter changed at this step.")
      : h(
          "ul",
          { class: "db-changes" },
          changes.map((c) =>
            h(
              "li",
              { class: (c.to >= c.from) !== (c.key === "threat" || c.key === "historyTension") ? "is-good" : "is-bad" },
              h("span", { class: "db-change-meter" }, `${c.meter} ${c.from} → ${c.to}`),
              h("span", { class: "db-change-cause" }, ` — ${c.cause}${c.absorbed > 0 ? ` (${c.absorbed} absorbed by institutions)` : ""}${c.firewalled ? " (softened by the firewall)" : ""}`),
            ),
          ),
        ),
    others.length > 0 ? h("ul", { class: "db-events" }, others.map((t) => h("li", {}, t))) : null,
  );
}

/** The chat up to this step, as this reader may see it. */
export function chatUpTo(view: PlayerView, names: Record<Nation, string>, withheld: boolean): HTMLElement {
  const messages = view.messages.slice(-60);
  return h(
    "section",
    { class: "db-chat", "aria-labelledby": "db-chat-title" },
    h("h2", { id: "db-chat-title" }, `Chat so far (${view.messages.length})`),
    withheld ? h("p", { class: "db-muted" }, "Bilateral channels are kept private in this debrief.") : null,
    messages.length === 0
      ? h("p", { class: "db-muted" }, "Nobody has written yet.")
      : h(
          "ol",
          { class: "db-chat-list", tabindex: 0, "aria-label": "Chat messages up to this step" },
          messages.map((m) =>
            h(
              "li",
              { class: `nation-${m.from}` },
              h("span", { class: "db-chat-who" }, `${names[m.from]} (${NATION_NAMES[m.from]})`),
              h("span", { class: "db-chat-channel" }, m.channel === "table" ? " to the table" : ` in ${pairName(m.channel)}`),
              h("span", { class: "db-chat-text" }, `: ${m.text}`),
            ),
          ),
        ),
  );
}

const KIND_TEXT: Record<TurningPoint["kind"], string> = {
  crisis: "Crisis",
  "institution-created": "Institution created",
  "institution-suspended": "Institution suspended",
  "institution-restored": "Institution restored",
  "institution-dissolved": "Institution ended",
  "firewall-breached": "Firewall breached",
  "firewall-rebuilt": "Firewall rebuilt",
  "leadership-change": "New government",
  "pledge-kept": "Pledge kept",
  "pledge-broken": "Pledge broken",
  swing: "Large swing",
};

/** Turning points: each with its card, the essay facts the card cites (our words, with the source), and its prompts. */
export function turningPointList(points: readonly TurningPoint[], jump: (step: number) => void): HTMLElement {
  return h(
    "section",
    { class: "db-turning", "aria-labelledby": "db-turning-title" },
    h("h2", { id: "db-turning-title" }, `Turning points (${points.length})`),
    points.length === 0 ? h("p", { class: "db-muted" }, "Nothing stood out in this game.") : null,
    h(
      "ol",
      { class: "db-turning-list" },
      points.map((p) =>
        h(
          "li",
          { class: `db-tp kind-${p.kind}` },
          h(
            "button",
            { type: "button", class: "db-tp-jump", "data-step": p.step, onclick: () => jump(p.step) },
            h("span", { class: "db-tp-kind" }, `${KIND_TEXT[p.kind]} · round ${p.round} · step ${p.step}`),
            h("span", { class: "db-tp-title" }, p.title),
          ),
          p.cause ? h("p", { class: "db-tp-cause" }, `Cause: ${p.cause}`) : null,
          p.card
            ? h(
                "div",
                { class: "db-tp-card" },
                h("p", {}, h("strong", {}, `Card: ${p.card.title}`), ` (${p.card.date})`),
                p.card.sources.map((s) =>
                  h(
                    "div",
                    { class: "db-source" },
                    h("p", { class: "db-cite" }, `${s.author}, “${s.title}”, ${s.outlet}, ${s.date}.`),
                    s.items.length > 0 ? h("ul", {}, s.items.map((i) => h("li", {}, `${i.kind === "fact" ? "Fact" : "Argument"}${i.date ? ` (${i.date})` : ""}: ${i.text}`))) : null,
                  ),
                ),
                h("p", { class: "db-prompts-title" }, "To discuss"),
                h("ul", { class: "db-prompts" }, p.card.prompts.map((q) => h("li", {}, q))),
              )
            : null,
        ),
      ),
    ),
  );
}

/** The story of each seat: agenda and whether it was met, the score line by line, every decision in order. */
export function seatStories(stories: readonly SeatStory[], names: Record<Nation, string>, jump: (step: number) => void): HTMLElement {
  return h(
    "section",
    { class: "db-stories", "aria-labelledby": "db-stories-title" },
    h("h2", { id: "db-stories-title" }, "Each seat's story"),
    h(
      "div",
      { class: "db-story-grid" },
      stories.map((s) =>
        h(
          "article",
          { class: `db-story nation-${s.nation}`, "aria-labelledby": `story-${s.nation}` },
          h("h3", { id: `story-${s.nation}` }, `${NATION_NAMES[s.nation]} — ${names[s.nation]}`),
          h(
            "p",
            { class: "db-agenda" },
            h("strong", {}, `Secret agenda: ${s.agenda.title}. `),
            s.agenda.description,
            " ",
            h("span", { class: "db-agenda-result", "data-agenda": s.nation }, s.agenda.met === null ? (s.agenda.broken ? "Lost." : "Game still running.") : s.agenda.met ? "Met." : "Not met."),
          ),
          s.score
            ? h(
                "table",
                { class: "db-score" },
                h("caption", {}, `Score ${s.score.total}${s.score.rank ? `, rank ${s.score.rank}` : ""}`),
                h("tbody", {}, s.score.lines.map((l) => h("tr", {}, h("th", { scope: "row" }, l.label), h("td", {}, l.points), h("td", { class: "db-score-detail" }, l.detail)))),
              )
            : null,
          h("p", { class: "db-group-title" }, "Decisions"),
          h(
            "ol",
            { class: "db-decisions", tabindex: 0, "aria-label": `${NATION_NAMES[s.nation]}'s decisions` },
            s.decisions.map((d) => h("li", {}, h("button", { type: "button", class: "db-link", onclick: () => jump(d.step) }, `R${d.round} · ${d.text}`))),
          ),
        ),
      ),
    ),
  );
}
