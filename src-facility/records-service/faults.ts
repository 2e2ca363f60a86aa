// Fault injection for the tests: the records service can be told, request by request, to fail the
// way real networks and servers fail (a dropped stream, a cut line, a bad record, a stall, an
// error status), so a workstation's sync is proven against the real peer rather than a mock.

/** A fault the feed endpoint applies to the NDJSON lines it writes. */
export type FeedFault =
  /** The connection drops after `afterLines` lines, as when the service is killed mid-stream. */
  | { readonly kind: 'cut'; readonly afterLines: number }
  /** Nothing more is sent after `afterLines` lines, and the connection stays open. */
  | { readonly kind: 'stall'; readonly afterLines: number }
  /** The last line (the checkpoint) is cut in half, then the response ends cleanly. */
  | { readonly kind: 'truncate-last-line' }
  /** The change lines are sent and the response ends without its checkpoint. */
  | { readonly kind: 'missing-checkpoint' }
  /** A line that is not JSON is sent after `afterLines` lines. */
  | { readonly kind: 'bad-json-line'; readonly afterLines: number }
  /**
   * The record of the `atLine`-th upsert (0-based) is sent in a form that fails its schema. By
   * default its second field (the one after `id`) becomes '', which every record schema refuses.
   */
  | {
      readonly kind: 'bad-record';
      readonly atLine: number;
      readonly corrupt?: (data: Record<string, unknown>) => unknown;
    }
  /** Every change line is sent twice. */
  | { readonly kind: 'duplicate-lines' }
  /** The page the previous feed request asked for is served again, whatever this one asked for. */
  | { readonly kind: 'replay-previous-page' };

/** A fault any endpoint can apply instead of its answer. */
export type ReplyFault =
  | { readonly kind: 'status'; readonly status: 401 | 500 | 502 | 503; readonly retryAfter?: string }
  /** Mutations and audit events are applied, then the connection drops before the answer. */
  | { readonly kind: 'drop-reply' };

export type Fault = FeedFault | ReplyFault;

export interface FaultRequest {
  readonly method: string;
  /** e.g. '/v1/changes' */
  readonly path: string;
  readonly query: URLSearchParams;
  /** How many requests the service received before this one (all paths). */
  readonly index: number;
}

/** Asked once per request that passed the device-token check; null or undefined: no fault. */
export type FaultHook = (request: FaultRequest) => Fault | null | undefined;

/** How a fault changes one line of the feed, and whether the response stops after it. */
export interface ShapedLine {
  readonly text: string;
  readonly stop?: 'cut' | 'stall' | 'end';
}

export interface FeedShaper {
  line(text: string, kind: 'change' | 'checkpoint'): ShapedLine;
}

export function feedShaper(fault: FeedFault): FeedShaper {
  let sent = 0;
  let upserts = 0;
  return {
    line(text, kind) {
      const index = sent;
      sent += 1;
      switch (fault.kind) {
        case 'cut':
        case 'stall':
          return index === fault.afterLines ? { text: '', stop: fault.kind } : { text };
        case 'truncate-last-line':
          return kind === 'checkpoint'
            ? { text: text.slice(0, Math.floor(text.length / 2)), stop: 'end' }
            : { text };
        case 'missing-checkpoint':
          return kind === 'checkpoint' ? { text: '', stop: 'end' } : { text };
        case 'bad-json-line':
          return index === fault.afterLines ? { text: `{"type":"change","seq":\n${text}` } : { text };
        case 'duplicate-lines':
          return kind === 'change' ? { text: text + text } : { text };
        case 'bad-record': {
          if (kind !== 'change') return { text };
          const line = JSON.parse(text) as { op: string; data: Record<string, unknown> | null };
          if (line.op !== 'upsert' || line.data === null) return { text };
          upserts += 1;
          if (upserts - 1 !== fault.atLine) return { text };
          const corrupt = fault.corrupt ?? emptySecondField;
          return { text: `${JSON.stringify({ ...line, data: corrupt(line.data) })}\n` };
        }
        case 'replay-previous-page':
          return { text };
      }
    },
  };
}

function emptySecondField(data: Record<string, unknown>): unknown {
  const second = Object.keys(data)[1];
  return second === undefined ? { ...data, id: '' } : { ...data, [second]: '' };
}

/** Scripted faults for a test: queue faults for a path, each used by one request in order. */
export class FaultScript {
  readonly #queued = new Map<string, Fault[]>();
  readonly #always = new Map<string, Fault>();
  readonly #seen = new Map<string, number>();

  /** The next requests to `path` get these faults, one each. */
  next(path: string, ...faults: Fault[]): this {
    this.#queued.set(path, [...(this.#queued.get(path) ?? []), ...faults]);
    return this;
  }

  /** Every request to `path` gets this fault until `clear`. */
  always(path: string, fault: Fault): this {
    this.#always.set(path, fault);
    return this;
  }

  clear(): this {
    this.#queued.clear();
    this.#always.clear();
    return this;
  }

  /** Faults still queued for `path`. */
  pending(path: string): number {
    return this.#queued.get(path)?.length ?? 0;
  }

  /** Requests seen per path (those that passed the token check). */
  seen(path: string): number {
    return this.#seen.get(path) ?? 0;
  }

  readonly hook: FaultHook = (request) => {
    this.#seen.set(request.path, this.seen(request.path) + 1);
    const always = this.#always.get(request.path);
    if (always) return always;
    return this.#queued.get(request.path)?.shift() ?? null;
  };
}
