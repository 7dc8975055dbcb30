/** Comparisons of lists by identity, item by item (states are never changed, so the same object means the same value). */

/** `list` holds every item of `prefix`, the same objects, at the same places (it grew from it). */
export function startsWith<T>(list: readonly T[], prefix: readonly T[]): boolean {
  if (prefix.length > list.length) return false;
  for (let i = 0; i < prefix.length; i++) if (list[i] !== prefix[i]) return false;
  return true;
}

/** The same items, the same objects, in the same order. */
export const sameList = <T>(a: readonly T[], b: readonly T[]): boolean => a === b || (a.length === b.length && startsWith(a, b));
