// The frames that carry calls and events, the same over Electron IPC and the browser host's
// WebSocket. A request larger than MAX_REQUEST_BYTES is refused before it is parsed further.
import { z } from 'zod';
import type { CallError } from './errors';

export const MAX_REQUEST_BYTES = 256 * 1024;

export const CallFrame = z.object({
  type: z.literal('call'),
  id: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  channel: z.string().min(1).max(100),
  request: z.unknown(),
});
export type CallFrame = z.infer<typeof CallFrame>;

export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: CallError };

/** `id` is null when the call frame was too malformed to carry one. */
export type ReplyFrame = { type: 'reply'; id: number | null } & CallResult;
export type EventFrame = { type: 'event'; event: string; payload: unknown };
export type ServerFrame = ReplyFrame | EventFrame;
