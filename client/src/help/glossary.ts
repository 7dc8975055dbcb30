import "./help.css";
import { h } from "../dom.ts";
import { TERMS, TERM_BY_ID, type Term } from "./terms.ts";

/**
 * A glossary popover on every term of art. `annotate(root)` turns the first mention of each term
 * in a panel's text into a small button; pressing it opens one shared popover (the Popover API:
 * Esc and a click outside close it) explaining the term, with a link to the rules page.
 */

let popover: HTMLElement | null = null;

function ensurePopover(): HTMLElement {
  if (popover?.isConnected) return popover;
  popover = h("div", { id: "glossary-popover", class: "glossary-popover", popover: "auto", role: "dialog", "aria-labelledby": "glossary-title" });
  document.body.append(popover);
  return popover;
}

export function showTerm(term: Term, anchor: HTMLElement): void {
  const pop = ensurePopover();
  pop.replaceChildren(
    h("h2", { id: "glossary-title", class: "glossary-title" }, term.title),
    h("p", {}, term.text),
    h("p", { class: "glossary-more" }, h("a", { href: "#rules", onclick: () => pop.hidePopover() }, "All the rules"), " · ", h("button", { type: "button", class: "link-button", onclick: () => (pop.hidePopover(), anchor.focus()) }, "Close")),
  );
  pop.showPopover();
  const a = anchor.getBoundingClientRect();
  const w = Math.min(pop.offsetWidth, window.innerWidth - 16);
  const left = Math.min(Math.max(8, a.left), window.innerWidth - w - 8);
  const below = a.bottom + 6;
  const top = below + pop.offsetHeight > window.innerHeight - 8 ? Math.max(8, a.top - pop.offsetHeight - 6) : below;
  pop.style.left = `${left}px`;
  pop.style.top = `${top}px`;
  pop.querySelector<HTMLElement>("a")?.focus({ preventScroll: true });
}

/** A term as a button that opens its explanation. */
export function termButton(id: string, label?: string): HTMLElement {
  const term = TERM_BY_ID.get(id);
  if (!term) return h("span", {}, label ?? id);
  return h(
    "button",
    { type: "button", class: "gloss", "data-term": term.id, "aria-haspopup": "dialog", title: `What is “${term.title}”?`, onclick: (e: Event) => showTerm(term, e.currentTarget as HTMLElement) },
    label ?? term.title,
  );
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const SPELLINGS = TERMS.flatMap((t) => t.spellings.map((s) => ({ s, t }))).sort((a, b) => b.s.length - a.s.length);
const PATTERN = new RegExp(`(?<![\\w-])(${SPELLINGS.map((x) => escape(x.s)).join("|")})(?![\\w-])`, "g");
const BY_SPELLING = new Map(SPELLINGS.map((x) => [x.s, x.t]));

/** Never inside controls or text a screen reader reads as one (labels, buttons, links, headings of cards). */
const SKIP = "button, a, label, summary, input, select, textarea, option, .gloss, .visually-hidden, [data-no-gloss], .chat-log";

/** Wrap the first mention of each term inside `root` in a glossary button. */
export function annotate(root: HTMLElement, seen = new Set<string>()): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const text = node.data;
    PATTERN.lastIndex = 0;
    let match: RegExpExecArray | null;
    let last = 0;
    const parts: (string | HTMLElement)[] = [];
    while ((match = PATTERN.exec(text))) {
      const term = BY_SPELLING.get(match[1]!);
      if (!term || seen.has(term.id)) continue;
      seen.add(term.id);
      parts.push(text.slice(last, match.index), termButton(term.id, match[1]));
      last = match.index + match[1]!.length;
    }
    if (parts.length === 0) continue;
    parts.push(text.slice(last));
    // A term that is all its element's text (a row's label) is a target of its own, not a word in a sentence.
    const only = parts.length === 3 ? (parts[1] as HTMLElement) : null;
    if (only && node.parentElement?.textContent?.trim() === only.textContent) only.classList.add("gloss-alone");
    node.replaceWith(...parts);
  }
}
