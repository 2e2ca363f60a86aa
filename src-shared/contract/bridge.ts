// The one surface between the renderer and main: the Electron preload exposes it as
// `window.sallyport`, the browser host's WebSocket client implements it too. It carries untyped
// frames; `createClient` puts the contract's types on top.
import type { CallResult } from './envelope';
import type { Channel, EventName, EventPayload, ReplyOf, RequestOf } from './channels';

export interface Bridge {
  invoke(channel: string, request: unknown): Promise<CallResult>;
  /** Returns the function that ends the subscription. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Client {
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<CallResult<ReplyOf<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export function createClient(bridge: Bridge): Client {
  return {
    call: (channel, request) => bridge.invoke(channel, request) as Promise<CallResult<never>>,
    on: (event, listener) => bridge.subscribe(event, listener as (payload: unknown) => void),
  };
}
