// The frames the browser host sends back, checked before use: a reply to one of our calls, or an
// event. Anything else is dropped.
import { z } from 'zod';
import { CallError, type ServerFrame } from '../../src-shared/contract';

const ReplyFrame = z.discriminatedUnion('ok', [
  z.object({ type: z.literal('reply'), id: z.number().nullable(), ok: z.literal(true), value: z.unknown() }),
  z.object({ type: z.literal('reply'), id: z.number().nullable(), ok: z.literal(false), error: CallError }),
]);
const EventFrame = z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() });

export function parseServerFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const reply = ReplyFrame.safeParse(json);
  if (reply.success) return reply.data;
  const event = EventFrame.safeParse(json);
  return event.success ? event.data : null;
}
