/**
 * A seeded, serializable PRNG (mulberry32). Its whole state is one 32-bit integer that
 * lives in GameState, so drawing a number is a pure function of the state.
 */
export function seedToRng(seed: number | string): number {
  if (typeof seed === "number") return seed >>> 0;
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Returns a float in [0, 1) and the next state. */
export function nextFloat(rng: number): [number, number] {
  const next = (rng + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next];
}

/** An integer in [0, n). */
export function nextInt(rng: number, n: number): [number, number] {
  const [f, next] = nextFloat(rng);
  return [Math.floor(f * n), next];
}

export function shuffle<T>(items: readonly T[], rng: number): [T[], number] {
  const out = items.slice();
  let state = rng;
  for (let i = out.length - 1; i > 0; i--) {
    const [j, next] = nextInt(state, i + 1);
    state = next;
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return [out, state];
}
