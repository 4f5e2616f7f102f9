import { mulberry32 } from '../../bench/lib/random';

/** A seeded generator of floats in [0, 1): the same seed draws the same synthetic page. */
export function seededFloats(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
