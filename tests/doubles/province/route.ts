import type { RouteTraits } from './faults';
import type { Exchange } from './http-util';
import type { ProvinceContext } from './province-context';

// A route of either face, described before it runs so the fault drawer knows what fits it.

/** An acknowledgement fault the route must apply to its list of results. */
export type AckFault = 'duplicateAck' | 'partialAck' | null;

export interface Route extends RouteTraits {
  /** For stats: e.g. 'POST /changes'. */
  name: string;
  /** Exempt from random faults (health checks). */
  exempt?: boolean;
  handle(ctx: ProvinceContext, ex: Exchange, ack: AckFault): Promise<void>;
}

/** Applies an acknowledgement fault to a list of per-change results. */
export function faultAcks<T>(results: T[], ack: AckFault): T[] {
  if (ack === 'partialAck') return results.slice(0, Math.floor(results.length / 2));
  if (ack === 'duplicateAck') return results.flatMap((r) => [r, r]);
  return results;
}
