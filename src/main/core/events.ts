import type { EventMessage, EventName, EventPayload } from '../../shared/api/contract';

export type EventListener = (message: EventMessage) => void;

/** The core's outbound messages; each host forwards them over its own channel. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener({ event, payload } as EventMessage);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
