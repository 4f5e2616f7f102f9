// Seeded randomness for benchmark data. Benchmarks must be repeatable: the same seed gives the
// same database, so a slower run means slower code, not different data. Math.random can't be
// seeded, hence this small PRNG.

/** mulberry32: 32-bit state, fast, good enough statistically for synthetic data (not for crypto). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * A 32-bit seed for one named stream of a seed (FNV-1a over the label, then mixed). Separate
 * streams for times, ids and names mean that changing how names are drawn doesn't shift every
 * timestamp too.
 */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Rng {
  /** A uniform unsigned 32-bit integer. */
  uint32(): number;
  /** A uniform float in [0, 1). */
  float(): number;
  /** A uniform integer in [0, n). */
  int(n: number): number;
  /** A uniform integer in [min, max]. */
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRng(seed: number, stream = ''): Rng {
  const next = mulberry32(stream ? deriveSeed(seed, stream) : seed);
  const float = () => next() / 4294967296;
  const int = (n: number) => Math.floor(float() * n);
  return {
    uint32: next,
    float,
    int,
    between: (min, max) => min + int(max - min + 1),
    chance: (p) => float() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
  };
}

/** Values with relative weights, drawn in O(log n) by binary search over cumulative weights. */
export interface WeightedTable<T> {
  readonly values: readonly T[];
  draw(rng: Rng): T;
}

export function weighted<T>(entries: readonly (readonly [T, number])[]): WeightedTable<T> {
  if (entries.length === 0) throw new Error('weighted table needs entries');
  const values = entries.map(([v]) => v);
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, w], i) => {
    if (!(w >= 0)) throw new Error(`negative or NaN weight at ${i}`);
    total += w;
    cumulative[i] = total;
  });
  if (total <= 0) throw new Error('weighted table has zero total weight');
  return {
    values,
    draw(rng) {
      const x = rng.float() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((cumulative[mid] as number) > x) hi = mid;
        else lo = mid + 1;
      }
      return values[lo] as T;
    },
  };
}
