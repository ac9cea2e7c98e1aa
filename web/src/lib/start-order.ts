/**
 * The order a ranking's options are first shown in, drawn per respondent: a list that always
 * starts the same way pulls answers towards that order (primacy), so each respondent sees a
 * different one, the same on every visit and device (seeded by who they are, not by chance).
 */
import { sha256Hex } from './sha256.ts';

/** A Fisher–Yates shuffle driven by a small PRNG (mulberry32) seeded from SHA-256 of `seed`. */
export function startOrder<T>(items: readonly T[], seed: string): T[] {
  let state = Number.parseInt(sha256Hex(seed).slice(0, 8), 16) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
