import "./help.css";
import { INSTITUTIONS, INSTITUTION_IDS } from "../../../shared/rules/institutions.ts";
import { TUNING } from "../../../shared/rules/tuning.ts";
import { NATION_NAMES, PAIRS, pairName } from "../../../shared/rules/vocabulary.ts";
import { h } from "../dom.ts";
import { annotate } from "./glossary.ts";
import { TERMS } from "./terms.ts";

/**
 * "How to play": the rules in our words, from shared/rules/README.md, every number read from
 * shared/rules/tuning.ts. Opened by any link to #rules (the landing page, the table's header,
 * the glossary), as a full-screen dialog over whatever was on screen; closing it returns there.
 */
const T = TUNING;
const sc = T.scoring;

function section(id: string, title: string, ...body: (HTMLElement | string | null)[]): HTMLElement {
  return h("section", { class: "rules-section", "aria-labelledby": `rules-${id}` }, h("h2", { id: `rules-${id}` }, title), ...body);
}

const p = (...c: (string | HTMLElement)[]) => h("p", {}, ...c);
const li = (...c: (string | HTMLElement)[]) => h("li", {}, ...c);

export function rulesContent(): HTMLElement {
  const start = T.start;
  const trustStart = PAIRS.map((pair) => `${pairName(pair)} ${start.trust[pair]}`).join(", ");
  const body = h(
    "div",
    { class: "rules-body" },
    section(
      "goal",
      "The game in a minute",
      p(`Three governments — Seoul, Tokyo and Washington — share one table for ${T.rounds.default} rounds (your table may set another number). Each round brings an event from the last two decades; you talk, make deals, and each secretly chooses one policy. Then everything resolves at once and every change is listed with its cause.`),
      p(`Your score is your national interest plus your secret agenda. But if the region slides into crisis (${T.crisis.markersToEndGame} crisis markers), the game ends at once and every government scores zero: cooperation is not optional.`),
    ),
    section(
      "round",
      "A round, step by step",
      h(
        "ol",
        { class: "rules-steps" },
        li(h("strong", {}, "Event. "), `From round ${T.escalation.fromRound}, threat first rises by ${T.escalation.threatPerStep} (“${T.escalation.label}”). Then a card is revealed and its effects apply. If it asks your government, choose a response; if you stay silent, the card's default is taken for you.`),
        li(h("strong", {}, "Negotiation. "), `Chat with the whole table or one partner privately. Table proposals of up to ${T.proposals.maxTermsPerProposal} terms: create, suspend or restore an institution; a pledge to commit a policy; a joint statement. A proposal binds only when every party accepts before negotiation ends.`),
        li(h("strong", {}, "Policy. "), "Each government secretly commits one policy. The others only see that you committed, never what. You may change your mind until all three have committed; if the clock runs out you hold steady."),
        li(h("strong", {}, "Resolution and summary. "), "Policies are revealed; agreements are enacted in the order they were tabled; policies apply (Seoul, Tokyo, Washington); pledges are settled; institutions pay; threat is checked against deterrence; governments with too little support fall. Every change is listed with its cause."),
      ),
    ),
    section(
      "meters",
      "The meters",
      h(
        "table",
        { class: "rules-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Meter"), h("th", { scope: "col" }, "Range"), h("th", { scope: "col" }, "Start"))),
        h(
          "tbody",
          {},
          h("tr", {}, h("th", { scope: "row" }, "Trust, per pair"), h("td", {}, `${T.bounds.trust[0]}–${T.bounds.trust[1]}`), h("td", {}, trustStart)),
          h("tr", {}, h("th", { scope: "row" }, "Domestic support, per government"), h("td", {}, `${T.bounds.support[0]}–${T.bounds.support[1]}`), h("td", {}, String(start.support))),
          h("tr", {}, h("th", { scope: "row" }, "Threat"), h("td", {}, `${T.bounds.threat[0]}–${T.bounds.threat[1]}`), h("td", {}, String(start.threat))),
          h("tr", {}, h("th", { scope: "row" }, "History tension"), h("td", {}, `${T.bounds.historyTension[0]}–${T.bounds.historyTension[1]}`), h("td", {}, String(start.historyTension))),
          h("tr", {}, h("th", { scope: "row" }, "Japan's defense posture"), h("td", {}, `${T.bounds.japanDefense[0]}–${T.bounds.japanDefense[1]}`), h("td", {}, String(start.japanDefense))),
          h("tr", {}, h("th", { scope: "row" }, "Burden shared"), h("td", {}, `${T.bounds.burdenShared[0]}–${T.bounds.burdenShared[1]}`), h("td", {}, String(start.burdenShared))),
          h("tr", {}, h("th", { scope: "row" }, "Crisis markers"), h("td", {}, `0–${T.crisis.markersToEndGame}`), h("td", {}, "0")),
        ),
      ),
      p(`Deterrence is worked out, never stored: ${T.deterrence.base} + ⌊average trust ÷ ${T.deterrence.trustPerPoint}⌋ + each security institution in force + ⌊Japan's defense posture ÷ ${T.deterrence.japanDefensePerPoint}⌋ + ${T.deterrence.extendedDeterrenceBonus} for extended deterrence offered this round (it ends with the round).`),
      p(`A government whose domestic support is below ${T.leadership.fallsBelowSupport} at the end of a round falls: support resets to ${T.leadership.newGovernmentSupport} and a government of another stance takes office.`),
    ),
    section(
      "crises",
      "Crises: three markers and everyone loses",
      p(`At resolution, if threat is above deterrence, a crisis marker is placed and every pair's trust takes ${T.crisis.trustShockPerPair}. Threat does not ease afterwards, so an unanswered threat keeps placing markers. At ${T.crisis.markersToEndGame} markers the game ends in a regional crisis and every government scores zero.`),
    ),
    section(
      "institutions",
      "Institutions",
      p(`An institution in force absorbs ${Math.round(T.absorption.perInstitution * 100)} % of any trust loss between two of its members, each, up to ${Math.round(T.absorption.cap * 100)} % in all. Security institutions add deterrence. A suspended institution does nothing until it is restored. Creating one applies its one-off effects.`),
      h(
        "ul",
        { class: "rules-list" },
        INSTITUTION_IDS.map((id) => {
          const d = INSTITUTIONS[id];
          return li(h("strong", {}, d.name), ` — ${d.summary}. ${d.members.map((m) => NATION_NAMES[m]).join(", ")}.${d.deterrence > 0 ? ` +${d.deterrence} deterrence.` : ""}`);
        }),
      ),
    ),
    section(
      "firewall",
      "The firewall",
      p(`While the firewall is intact, a history shock hits Seoul–Tokyo trust at ${Math.round(T.firewallHistoryFactor * 100)} % strength and cannot suspend a security institution. Export controls tied to history breach it; a two-track joint statement rebuilds it.`),
    ),
    section(
      "scoring",
      "Scoring",
      h(
        "ul",
        { class: "rules-list" },
        li(h("strong", {}, "Seoul: "), `security (deterrence × ${sc.securityPerDeterrencePoint}); autonomy (+${sc.seoul.autonomyBonus}, or ${sc.seoul.uncoordinatedCounterstrikePenalty} if Japan holds counterstrike capability with no coordination protocol; plus Seoul–Washington trust ÷ ${sc.trustDivisor}); support ÷ ${sc.supportDivisor}; history justice (Tokyo's apologies × 2 + (10 − history tension) ÷ 2).`),
        li(h("strong", {}, "Tokyo: "), `security (deterrence × ${sc.securityPerDeterrencePoint}); defense normalization (posture × ${sc.tokyo.defensePerPoint}, +${sc.tokyo.counterstrikeBonus} with counterstrike); support ÷ ${sc.supportDivisor}; stability with Seoul (Seoul–Tokyo trust ÷ ${sc.trustDivisor}).`),
        li(h("strong", {}, "Washington: "), `trilateral cooperation (average trust ÷ ${sc.trustDivisor} + ${sc.washington.trilateralInstitutionPoints} per trilateral institution in force); burden shared × ${sc.washington.burdenPerPoint}; support ÷ ${sc.supportDivisor}.`),
        li(h("strong", {}, "Everyone: "), `+${sc.agendaBonus} for a secret agenda met. In a regional crisis, everyone scores zero.`),
      ),
    ),
    section(
      "glossary",
      "Glossary",
      h(
        "dl",
        { class: "rules-glossary", "data-no-gloss": "" },
        TERMS.flatMap((t) => [h("dt", { id: `term-${t.id}` }, t.title), h("dd", {}, t.text)]),
      ),
    ),
  );
  annotate(body);
  return body;
}

let open: HTMLElement | null = null;
let returnFocus: HTMLElement | null = null;

export function openRules(): void {
  if (open) return;
  returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const close = () => closeRules();
  open = h(
    "div",
    { class: "rules-overlay", role: "dialog", "aria-modal": "true", "aria-labelledby": "rules-heading", onkeydown: (e: Event) => (e as KeyboardEvent).key === "Escape" && close() },
    h(
      "div",
      { class: "rules-page", role: "document" },
      h(
        "header",
        { class: "rules-head" },
        h("h1", { id: "rules-heading", tabindex: -1 }, "How to play Trilateral"),
        h("button", { type: "button", class: "btn", onclick: close }, "Close the rules"),
      ),
      rulesContent(),
    ),
  );
  document.body.append(open);
  for (const el of document.querySelectorAll<HTMLElement>("#app")) el.inert = true;
  open.querySelector<HTMLElement>("#rules-heading")?.focus();
}

export function closeRules(): void {
  if (!open) return;
  open.remove();
  open = null;
  for (const el of document.querySelectorAll<HTMLElement>("#app")) el.inert = false;
  if (location.hash === "#rules") history.replaceState(null, "", location.pathname + location.search);
  returnFocus?.focus();
}

/** Any link to #rules opens the page; so does arriving with #rules in the address. */
export function installRulesRoute(): void {
  const sync = () => (location.hash === "#rules" ? openRules() : closeRules());
  window.addEventListener("hashchange", sync);
  if (location.hash === "#rules") queueMicrotask(sync);
}

export function rulesLink(label = "How to play: the rules", cls = "rules-link"): HTMLElement {
  return h("a", { href: "#rules", class: cls }, label);
}
