import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { seededFloats } from '../../support/prng';

// The provincial double's bad days, as switches. A request draws at most one fault: with
// probability `rate`, one of `kinds` that makes sense for its route (an ack fault only where
// there are acknowledgements, diskFull only where something is written…). The draws come from a
// seeded PRNG, so a chaos run with the same seed and the same request order injects the same
// faults. /health is exempt from random faults (not from `down`); the admin routes from all.

export const FAULT_KINDS = [
  'http500',
  'timeout',
  'reset',
  'resetAfterCommit',
  'slow',
  'duplicateAck',
  'partialAck',
  'expiredToken',
  'diskFull',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const faultConfig = z.strictObject({
  /** Probability (0–1) per request of injecting one fault. */
  rate: z.number().min(0).max(1),
  /** Which faults may be drawn (those that do not fit a route are left out for it). */
  kinds: z.array(z.enum(FAULT_KINDS)),
  /** Seed of the PRNG; setting it restarts the sequence of draws. */
  seed: z.number().int().optional(),
  /** "The province is unreachable": every request is answered by destroying the socket. */
  down: z.boolean(),
  /** The province's clock runs this much ahead of ours (negative: behind). */
  clockOffsetMs: z.number().int().min(-10 * 365 * 86_400_000).max(10 * 365 * 86_400_000),
  /** How long a 'timeout' holds the request before destroying it. */
  timeoutHoldMs: z.number().int().min(0).max(600_000),
});
export type FaultConfig = z.infer<typeof faultConfig>;
/** What callers pass: any subset; what is left out keeps its current value. */
export const faultPatch = faultConfig.partial();
export type FaultPatch = z.infer<typeof faultPatch>;

export const NO_FAULTS: FaultConfig = { rate: 0, kinds: [...FAULT_KINDS], down: false, clockOffsetMs: 0, timeoutHoldMs: 30_000 };

/** What a route offers to the fault drawer. */
export interface RouteTraits {
  /** Needs a token or session: 'expiredToken' fits. */
  authed: boolean;
  /** Writes data: 'diskFull' and 'resetAfterCommit' fit. */
  writes: boolean;
  /** Answers with a list of per-change results: 'duplicateAck' and 'partialAck' fit. */
  acks: boolean;
}

function fits(kind: FaultKind, route: RouteTraits): boolean {
  switch (kind) {
    case 'expiredToken':
      return route.authed;
    case 'diskFull':
    case 'resetAfterCommit':
      return route.writes;
    case 'duplicateAck':
    case 'partialAck':
      return route.acks;
    default:
      return true;
  }
}

export type FaultCounts = Record<FaultKind | 'down', number>;

export class FaultSwitch {
  private config: FaultConfig;
  private random: () => number;
  readonly counts: FaultCounts = Object.fromEntries([...FAULT_KINDS, 'down'].map((k) => [k, 0])) as FaultCounts;

  constructor(
    private readonly baseline: FaultConfig,
    initial: FaultPatch = {},
  ) {
    this.config = { ...baseline };
    this.random = seededFloats(randomInt(2 ** 31));
    this.set(initial);
  }

  current(): FaultConfig {
    return { ...this.config, kinds: [...this.config.kinds] };
  }

  /** Merges a patch (validated: a bad switch is refused whole, nothing changes). */
  set(patch: FaultPatch): FaultConfig {
    const next = faultConfig.parse({ ...this.config, ...faultPatch.parse(patch) });
    if (patch.seed !== undefined) this.random = seededFloats(patch.seed);
    this.config = next;
    return this.current();
  }

  /** Back to no faults, with the clock offset the province was started with. */
  clear(): FaultConfig {
    this.config = { ...this.baseline };
    return this.current();
  }

  get down(): boolean {
    return this.config.down;
  }

  get clockOffsetMs(): number {
    return this.config.clockOffsetMs;
  }

  get timeoutHoldMs(): number {
    return this.config.timeoutHoldMs;
  }

  /** One draw for one request: the fault to inject, or null. Counted when drawn. */
  draw(route: RouteTraits): FaultKind | null {
    const { rate, kinds } = this.config;
    if (rate <= 0) return null;
    if (this.random() >= rate) return null;
    const candidates = kinds.filter((k) => fits(k, route));
    if (candidates.length === 0) return null;
    const kind = candidates[Math.min(candidates.length - 1, Math.floor(this.random() * candidates.length))]!;
    this.counts[kind]++;
    return kind;
  }

  /** 200–1500 ms, from the same PRNG (reproducible). */
  slowDelayMs(): number {
    return 200 + Math.floor(this.random() * 1300);
  }

  countDown(): void {
    this.counts.down++;
  }
}
