// The workstation's HTTP(S) client for the records service: the device token on every request,
// TLS trusting only the facility CA from policy, plain HTTP only when policy says so by name, and
// time limits that also cover a stream that stops sending (node:http's socket idle timeout: no
// byte for `stallMs` and the request is abandoned). Answers that are not 2xx become SyncErrors.
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { z } from 'zod';
import { neutralise } from '../audit/redact';
import { deviceTokenHeaderValue, ServiceError } from '../../src-shared/protocol/mutations';
import { parseRetryAfter } from './backoff';
import { stoppedError, SyncError, tokenRefusedMessage } from './sync-error';
import { isCertificateError } from '../tls/certificate-errors';

export interface RecordsClientOptions {
  /** policy.records.url */
  readonly url: string;
  readonly allowPlaintext: boolean;
  /** The facility CA (PEM) from policy.records.caFile: the only CA trusted; the system's when null. */
  readonly caPem: string | null;
  /** No byte for this long while an answer is expected: the request is abandoned. */
  readonly stallMs: number;
  readonly clock: () => Date;
}

export interface RequestOptions {
  readonly token: string;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
  /** Longest wait for the answer to start (a long-poll waits longer than stallMs on purpose). */
  readonly firstByteMs?: number;
}

/** A 2xx answer whose body has not been read yet. */
export interface OpenAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body as it arrives; throws a SyncError when the stream stalls, drops or is aborted. */
  chunks(): AsyncIterable<Buffer>;
  /** Stops reading and frees the connection. */
  discard(): void;
}

const ERROR_BODY_LIMIT = 16 * 1024;
const JSON_BODY_LIMIT = 4 * 1024 * 1024;

export class RecordsClient {
  readonly #base: URL;
  readonly #options: RecordsClientOptions;
  readonly #agent: http.Agent | null;
  readonly #refusal: SyncError | null;

  constructor(options: RecordsClientOptions) {
    this.#options = options;
    this.#base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.#refusal =
      this.#base.protocol === 'https:' || (this.#base.protocol === 'http:' && options.allowPlaintext)
        ? null
        : new SyncError(
            'PLAINTEXT_REFUSED',
            `The policy names the records service at ${this.#base.origin}, which is not https: Sallyport will not send ` +
              'records in the clear. Ask IT to use https (or, knowingly, set records.allowPlaintext).',
          );
    // Kept-alive connections: an initial sync is many pages, and a TLS handshake per page is waste.
    this.#agent =
      this.#refusal !== null
        ? null
        : this.#base.protocol === 'https:'
          ? new https.Agent({
              keepAlive: true,
              maxSockets: 4,
              ...(options.caPem ? { ca: options.caPem } : {}),
            })
          : new http.Agent({ keepAlive: true, maxSockets: 4 });
  }

  /** No byte for this long while an answer is expected: the request is abandoned. */
  get stallMs(): number {
    return this.#options.stallMs;
  }

  /** Where the service is, for messages. */
  get origin(): string {
    return this.#base.origin;
  }

  /**
   * Sends a request and resolves once a 2xx answer starts; any other answer throws a SyncError.
   * A kept-alive connection the service closed in the meantime fails at once with a reset: that
   * request is sent again once on a new connection (every request here is idempotent: the feed
   * by nature, mutations and audit events by their ids).
   */
  async open(method: 'GET' | 'POST', pathAndQuery: string, options: RequestOptions): Promise<OpenAnswer> {
    if (this.#refusal) throw this.#refusal;
    try {
      return await this.#send(method, pathAndQuery, options);
    } catch (error) {
      if (!(error instanceof StaleConnection)) throw error;
      return this.#send(method, pathAndQuery, options, false);
    }
  }

  #send(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    options: RequestOptions,
    mayRetry = true,
  ): Promise<OpenAnswer> {
    const url = new URL(pathAndQuery.replace(/^\//, ''), this.#base);
    const payload =
      options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body), 'utf8');
    const transport = url.protocol === 'https:' ? https : http;
    const stallMs = this.#options.stallMs;

    return new Promise<OpenAnswer>((resolve, reject) => {
      // Set before the request is destroyed on purpose, so the error it then raises is ours.
      let failure: SyncError | null = null;
      const fail = (error: SyncError) => {
        failure ??= error;
        request.destroy(failure);
      };
      const request = transport.request(url, {
        method,
        agent: this.#agent ?? undefined,
        headers: {
          authorization: deviceTokenHeaderValue(options.token),
          accept: 'application/json, application/x-ndjson',
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : {}),
        },
      });
      const onAbort = () => fail(stoppedError(options.signal?.reason));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => options.signal?.removeEventListener('abort', onAbort);

      let answering = false;
      request.setTimeout(options.firstByteMs ?? stallMs, () =>
        fail(
          new SyncError(
            'TIMEOUT',
            answering
              ? `The records service at ${this.origin} stopped sending in the middle of an answer. Sallyport tries again.`
              : `The records service at ${this.origin} did not answer in time. Sallyport keeps working from its cache and tries again.`,
          ),
        ),
      );
      request.once('error', (error) => {
        settle();
        const code = (error as NodeJS.ErrnoException).code;
        if (
          mayRetry &&
          failure === null &&
          request.reusedSocket &&
          (code === 'ECONNRESET' || code === 'EPIPE')
        ) {
          reject(new StaleConnection());
          return;
        }
        reject(failure ?? this.#describe(error));
      });
      request.once('response', (response) => {
        // From here the limit is between bytes: a stream that stops sending is abandoned.
        answering = true;
        request.setTimeout(stallMs);
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          resolve(this.#answer(request, response, status, fail, () => failure, settle));
          return;
        }
        void this.#refusalOf(response, status).then((error) => {
          settle();
          response.destroy();
          reject(error);
        }, reject);
      });
      if (options.signal?.aborted) onAbort();
      request.end(payload);
    });
  }

  /** A request whose 2xx answer is JSON, checked against `schema`. */
  async json<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    schema: S,
    options: RequestOptions,
  ): Promise<z.infer<S>> {
    const answer = await this.open(method, pathAndQuery, options);
    const text = await readText(answer, JSON_BODY_LIMIT);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new SyncError(
        'BAD_ANSWER',
        `The records service answered ${pathAndQuery} with something that is not JSON.`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncError(
        'BAD_ANSWER',
        `The records service's answer to ${pathAndQuery} is not in the expected form.`,
      );
    }
    return parsed.data;
  }

  close(): void {
    this.#agent?.destroy();
  }

  #answer(
    request: http.ClientRequest,
    response: IncomingMessage,
    status: number,
    fail: (error: SyncError) => void,
    failure: () => SyncError | null,
    settle: () => void,
  ): OpenAnswer {
    const origin = this.origin;
    return {
      status,
      headers: response.headers,
      async *chunks() {
        try {
          for await (const chunk of response) yield chunk as Buffer;
          // A response cut mid-body ends without error on some paths; `complete` tells them apart.
          if (!response.complete) {
            throw new SyncError(
              'BAD_PAGE',
              `The connection to the records service at ${origin} dropped mid-answer.`,
            );
          }
        } catch (error) {
          throw failure() ?? (error instanceof SyncError ? error : dropped(origin, error));
        } finally {
          settle();
          if (!response.complete) request.destroy();
        }
      },
      discard() {
        settle();
        fail(new SyncError('TIMEOUT', 'The answer was no longer wanted.'));
      },
    };
  }

  async #refusalOf(response: IncomingMessage, status: number): Promise<SyncError> {
    const retryAfterMs = parseRetryAfter(headerText(response.headers['retry-after']), this.#options.clock());
    const said = await readServiceError(response);
    if (status === 401) return new SyncError('TOKEN_REFUSED', tokenRefusedMessage, { status });
    if (status === 410) {
      return new SyncError(
        'CURSOR_UNKNOWN',
        "The records service no longer knows this workstation's sync position (its data was replaced). Sallyport syncs again from the start.",
        { status },
      );
    }
    if (status >= 500 || status === 429) {
      const what = status === 503 ? 'is unavailable' : `failed (HTTP ${status})`;
      return new SyncError(
        'SERVICE_FAILED',
        `The records service at ${this.origin} ${what}. Sallyport keeps working from its cache and tries again.`,
        { retryAfterMs, status },
      );
    }
    const detail = said ? ` (${said.code}: ${said.message})` : '';
    return new SyncError(
      'BAD_ANSWER',
      `The records service answered HTTP ${status}${detail}. Tell IT: this version of Sallyport and the service may not match.`,
      { retryAfterMs, status, cause: said },
    );
  }

  #describe(error: unknown): SyncError {
    const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
    if (isCertificateError(code)) {
      return new SyncError(
        'TLS_UNTRUSTED',
        `The records service at ${this.origin} presented a certificate the facility CA does not vouch for (${code}). ` +
          'Sallyport did not send anything. Ask IT to check records.caFile in the policy and the service certificate.',
        { cause: error },
      );
    }
    return new SyncError(
      'UNREACHABLE',
      `The records service at ${this.origin} cannot be reached${code ? ` (${code})` : ''}. Sallyport keeps working from its cache and tries again.`,
      { cause: error },
    );
  }
}

/** A kept-alive socket the other end had closed: the request never reached the service. */
class StaleConnection extends Error {}

function dropped(origin: string, error: unknown): SyncError {
  return new SyncError('BAD_PAGE', `The connection to the records service at ${origin} dropped mid-answer.`, {
    cause: error,
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readText(answer: OpenAnswer, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of answer.chunks()) {
    size += chunk.length;
    if (size > limit) {
      answer.discard();
      throw new SyncError('BAD_ANSWER', 'The records service sent a larger answer than Sallyport accepts.');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The service's `{ error: { code, message } }`, made safe to show on one line; null if absent. */
async function readServiceError(
  response: IncomingMessage,
): Promise<{ code: string; message: string } | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > ERROR_BODY_LIMIT) break;
      chunks.push(chunk as Buffer);
    }
    const parsed = ServiceError.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) return null;
    return {
      code: neutralise(parsed.data.error.code).slice(0, 64),
      message: neutralise(parsed.data.error.message).slice(0, 300),
    };
  } catch {
    return null;
  }
}
