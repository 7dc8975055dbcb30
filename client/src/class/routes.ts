/**
 * The class pages' addresses. Each page is a query parameter on the one client page, so a
 * refresh lands on the same page:
 *   /?run                         the run-a-class form
 *   /?class=CODE                  a student's join page, then the class lobby (and their table)
 *   /?projector=CODE              the wall page (instructor's browser: it holds the token)
 *   /?console=CODE                the instructor's console
 *   /?console=CODE#key=TOKEN      the private "reopen this console" link for a second device:
 *                                 the token stays in the fragment, which browsers never send to a server.
 */
export type ClassRoute =
  | { page: "run" }
  | { page: "join"; code: string }
  | { page: "projector"; code: string }
  | { page: "console"; code: string };

const clean = (code: string | null) => (code ?? "").trim().toUpperCase();

export function classRouteFrom(loc: Pick<Location, "search">): ClassRoute | null {
  const p = new URLSearchParams(loc.search);
  if (p.has("run")) return { page: "run" };
  if (p.get("console")) return { page: "console", code: clean(p.get("console")) };
  if (p.get("projector")) return { page: "projector", code: clean(p.get("projector")) };
  if (p.get("class")) return { page: "join", code: clean(p.get("class")) };
  return null;
}

export const joinUrl = (code: string, origin = location.origin): string => `${origin}/?class=${encodeURIComponent(code)}`;
export const projectorUrl = (code: string): string => `/?projector=${encodeURIComponent(code)}`;
export const consoleUrl = (code: string): string => `/?console=${encodeURIComponent(code)}`;
export const reopenUrl = (code: string, token: string, origin = location.origin): string =>
  `${origin}/?console=${encodeURIComponent(code)}#key=${encodeURIComponent(token)}`;

/** A token handed over in the fragment (#key=…): taken, then wiped from the address bar. */
export function takeTokenFromHash(): string | null {
  const m = /(?:^#|&)key=([^&]+)/.exec(location.hash);
  if (!m?.[1]) return null;
  history.replaceState(history.state, "", location.pathname + location.search);
  return decodeURIComponent(m[1]);
}

function local(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The instructor token lives in the instructor's browser (localStorage), one per class code. */
export const instructorTokens = {
  load: (code: string): string | null => local()?.getItem(`trilateral:class-key:${code}`) ?? null,
  save: (code: string, token: string): void => local()?.setItem(`trilateral:class-key:${code}`, token),
  forget: (code: string): void => local()?.removeItem(`trilateral:class-key:${code}`),
};

/** A student's rejoin token for a class (localStorage: it survives closing the tab). */
export const rejoinTokens = {
  load: (code: string): string | null => local()?.getItem(`trilateral:class-student:${code}`) ?? null,
  save: (code: string, token: string): void => local()?.setItem(`trilateral:class-student:${code}`, token),
  forget: (code: string): void => local()?.removeItem(`trilateral:class-student:${code}`),
};
