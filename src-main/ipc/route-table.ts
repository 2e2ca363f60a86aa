// The shape of the router's table: for each channel of the contract, who may call it and the
// function that answers. The access rule sits next to the channel, not inside the service.
import type { Channel, ParsedRequestOf, ReplyOf } from '../../src-shared/contract';
import type { Role } from '../../src-shared/domain/roles';

export type Access =
  /** Callable before sign-in (the sign-in screen itself). */
  | { session: 'none' }
  /** Needs a signed-in session; refused while it is locked. */
  | { session: 'active'; role: Role }
  /** Needs a signed-in session, locked or not (sign-out, unlock). */
  | { session: 'any' };

export interface CallContext {
  /** Which window or browser connection sent the call; for audit and per-sender state. */
  readonly sender: string;
}

export interface Route<C extends Channel> {
  readonly access: Access;
  handle(request: ParsedRequestOf<C>, context: CallContext): ReplyOf<C> | Promise<ReplyOf<C>>;
}

/** Every channel must have a route: a new channel in the contract fails the type check here. */
export type RouteTable = { readonly [C in Channel]: Route<C> };

/** What the router needs to know about the current session to apply `Access`. */
export interface SessionGate {
  current(): { state: 'signed-out' } | { state: 'active' | 'locked'; role: Role };
}
