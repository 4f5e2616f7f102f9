import { ApiCallError } from './errors';
import type { EventName, EventPayload, Input, Method, Output } from './contract';
import type { Transport } from './transport';

/** The typed face of a transport: `api.call('dossiers.receive', {...})` checks names and shapes. */
export interface ApiClient {
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return transport.onEvent((message) => {
        if (message.event === event) listener(message.payload as never);
      });
    },
  };
}
