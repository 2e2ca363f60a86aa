// The one router: every call from a renderer, whichever host carried it, passes through
// `dispatch`, which checks the frame, the size, the channel, the session and the role, validates
// the request against the contract, calls the route, and validates the reply. It never throws and
// never lets a stack trace or an internal message reach the renderer.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  AppError,
  CallFrame,
  MAX_REQUEST_BYTES,
  channels,
  isChannel,
  type CallError,
  type CallResult,
  type Channel,
  type ErrorCode,
} from '../../src-shared/contract';
import { roleAtLeast } from '../../src-shared/domain/roles';
import type { Access, CallContext, Route, RouteTable, SessionGate } from './route-table';

export interface RouterLog {
  error(fields: Record<string, unknown>, message: string): void;
}

export interface Router {
  /** Answers one frame. `size` is the frame's byte length as received, when the host knows it. */
  dispatch(frame: unknown, context: CallContext, size?: number): Promise<{ id: number | null } & CallResult>;
}

function failure(code: ErrorCode, message: string): { ok: false; error: CallError } {
  return { ok: false, error: { code, message } };
}

function describeFirstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'The request is not valid.';
  const field = issue.path.length > 0 ? issue.path.map(String).join('.') : 'request';
  return `${field}: ${issue.message}`;
}

function checkAccess(access: Access, gate: SessionGate): { ok: false; error: CallError } | null {
  if (access.session === 'none') return null;
  const session = gate.current();
  if (session.state === 'signed-out') return failure('SIGNED_OUT', 'Sign in to continue.');
  if (access.session === 'any') return null;
  if (session.state === 'locked')
    return failure('LOCKED', 'This workstation is locked. Unlock it to continue.');
  if (!roleAtLeast(session.role, access.role)) {
    return failure('FORBIDDEN', `This needs the ${access.role} role.`);
  }
  return null;
}

export function createRouter(options: { routes: RouteTable; gate: SessionGate; log: RouterLog }): Router {
  const { routes, gate, log } = options;

  async function answer(frame: CallFrame, context: CallContext): Promise<CallResult> {
    if (!isChannel(frame.channel)) {
      return failure('UNKNOWN_CHANNEL', 'That request is not part of this version of Sallyport.');
    }
    const channel: Channel = frame.channel;
    const route = routes[channel] as Route<Channel>;
    const denied = checkAccess(route.access, gate);
    if (denied !== null) return denied;

    const parsed = channels[channel].request.safeParse(frame.request);
    if (!parsed.success) return failure('INVALID_REQUEST', describeFirstIssue(parsed.error));

    try {
      const value: unknown = await route.handle(parsed.data as never, context);
      const reply = channels[channel].reply.safeParse(value);
      if (!reply.success) {
        const incident = randomUUID();
        log.error(
          { incident, channel, issues: reply.error.issues.length },
          'route answered outside its contract',
        );
        return failure('INTERNAL', `Something went wrong inside Sallyport (incident ${incident}).`);
      }
      return { ok: true, value: reply.data };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.message);
      const incident = randomUUID();
      // The name only: messages of unexpected errors may carry record contents.
      log.error(
        { incident, channel, error: error instanceof Error ? error.name : typeof error },
        'route failed',
      );
      return failure('INTERNAL', `Something went wrong inside Sallyport (incident ${incident}).`);
    }
  }

  return {
    async dispatch(raw, context, size) {
      if (size !== undefined && size > MAX_REQUEST_BYTES) {
        return { id: null, ...failure('TOO_LARGE', `A request may be at most ${MAX_REQUEST_BYTES} bytes.`) };
      }
      const frame = CallFrame.safeParse(raw);
      if (!frame.success) {
        return { id: null, ...failure('BAD_MESSAGE', 'The message is not a well-formed call.') };
      }
      if (size === undefined && measure(frame.data.request) > MAX_REQUEST_BYTES) {
        return {
          id: frame.data.id,
          ...failure('TOO_LARGE', `A request may be at most ${MAX_REQUEST_BYTES} bytes.`),
        };
      }
      return { id: frame.data.id, ...(await answer(frame.data, context)) };
    },
  };
}

/** Bytes of a request as JSON; a value that cannot be serialised counts as too large. */
function measure(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
