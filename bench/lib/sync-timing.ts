import type { EventMessage } from '../../src/shared/api/contract';
import type { Core } from '../../src/main/core/core';
import { adapterFor } from '../../src/main/core/sync/adapter-for';
import type { SyncAdapter } from '../../src/main/core/sync/sync-adapter';
import type { AdapterFactory } from '../../src/main/core/sync/sync-types';

// Where a sync round's time goes, seen from the counter without changing what it does: the
// app's own adapter (adapter-for.ts), each call timed on the way through, and the engine's
// 'sync.state' events (one after every batch, with the entries still pending) timed as they
// arrive. Nothing is stubbed: every call still goes over HTTP to the double.

export interface CallTotals {
  calls: number;
  /** Sum of the calls' durations (overlapping calls each count). */
  sumMs: number;
  /** Wall time during which at least one such call was in flight. */
  busyMs: number;
  /** performance.now() when the first call started; null before any. */
  firstStartAt: number | null;
}

export interface AdapterTimings {
  push: CallTotals;
  sendFile: CallTotals;
  pull: CallTotals;
}

function tracker(onFirst?: () => void): { totals: CallTotals; wrap<T>(p: () => Promise<T>): Promise<T> } {
  const totals: CallTotals = { calls: 0, sumMs: 0, busyMs: 0, firstStartAt: null };
  let inFlight = 0;
  let busySince = 0n;
  return {
    totals,
    async wrap(p) {
      if (totals.firstStartAt === null) {
        totals.firstStartAt = performance.now();
        onFirst?.();
      }
      const t0 = process.hrtime.bigint();
      if (inFlight++ === 0) busySince = t0;
      try {
        return await p();
      } finally {
        const t1 = process.hrtime.bigint();
        totals.calls++;
        totals.sumMs += Number(t1 - t0) / 1e6;
        if (--inFlight === 0) totals.busyMs += Number(t1 - busySince) / 1e6;
      }
    },
  };
}

/** The app's adapter factory with its push, sendFile and pull timed; `onFirstSendFile` runs as the first upload starts. */
export function timedAdapterFactory(opts: { inner?: AdapterFactory; onFirstSendFile?: () => void } = {}): { factory: AdapterFactory; timings: AdapterTimings } {
  const inner = opts.inner ?? adapterFor;
  const push = tracker();
  const sendFile = tracker(opts.onFirstSendFile);
  const pull = tracker();
  const factory: AdapterFactory = (settings, tuning, hooks) => {
    const a = inner(settings, tuning, hooks);
    const timed: SyncAdapter = {
      kind: a.kind,
      health: (signal) => a.health(signal),
      push: (changes, signal) => push.wrap(() => a.push(changes, signal)),
      sendFile: (file, signal) => sendFile.wrap(() => a.sendFile(file, signal)),
      pull: (cursor, limit, signal) => pull.wrap(() => a.pull(cursor, limit, signal)),
    };
    return timed;
  };
  return { factory, timings: { push: push.totals, sendFile: sendFile.totals, pull: pull.totals } };
}

/** Milliseconds since `t0` when the outbox's pending count first fell to `pending` or below; null if it never did. */
export function watchPending(core: Core, t0: () => bigint): { at(pending: number): number | null; stop(): void } {
  const seen: { ms: number; pending: number }[] = [];
  const stop = core.events.subscribe((m: EventMessage) => {
    if (m.event !== 'sync.state') return;
    seen.push({ ms: Number(process.hrtime.bigint() - t0()) / 1e6, pending: (m.payload as { pending: number }).pending });
  });
  return {
    at: (pending) => seen.find((s) => s.pending <= pending)?.ms ?? null,
    stop: () => void stop(),
  };
}
