import type { ApiErrorBody } from './errors';
import type { EventMessage } from './contract';

/** What comes back from any call, over any transport. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorBody };

/**
 * The whole surface a transport offers: one generic invoke and one event stream. Electron's
 * preload, the browser-mode client and tests all implement exactly this.
 */
export interface Transport {
  invoke(method: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (message: EventMessage) => void): () => void;
}
