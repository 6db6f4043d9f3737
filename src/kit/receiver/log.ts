import type { IncomingMessage } from 'node:http';
import type { Problem } from '../../contracts/types.js';

/** One callback that reached the receiver, with what the receiver made of it. */
export interface ReceivedCallback {
  /** Arrival order, from 0, counted since the receiver started. */
  index: number;
  /** Wall-clock time of arrival, ISO 8601. */
  receivedAt: string;
  method: string;
  path: string;
  /** `webhook-id`, or `X-Message-Id` when that is missing. */
  messageId?: string;
  /** `message_type` of the body, or `X-Message-Type` when the body has none. */
  messageType?: string;
  /** Attempts with this message id so far, this one included, from 1. */
  attempt: number;
  /** `failed` is a scripted 503, so the sender's retries can be watched. */
  outcome: 'accepted' | 'rejected' | 'failed';
  /** The status of the receiver's response. */
  status: number;
  /** Reasons for a rejection or a scripted failure. */
  reasons: string[];
  /** Places where the body breaks its webhook schema. */
  problems: Problem[];
  /** Request headers; the value of `Authorization` is redacted. */
  headers: Record<string, string>;
  /** The parsed JSON body, when it was JSON. */
  body?: unknown;
  /** The start of the raw body, when it was not JSON. */
  text?: string;
}

export interface CallbackFilter {
  messageType?: string;
  outcome?: ReceivedCallback['outcome'];
}

/** Message ids whose attempts are counted; the oldest are forgotten first. */
const MAX_TRACKED_IDS = 10_000;
const MAX_TEXT_LENGTH = 2000;

interface Waiter {
  predicate: (callbacks: ReceivedCallback[]) => boolean;
  resolve: (callbacks: ReceivedCallback[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

function redactedHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (headers.authorization !== undefined) {
    const scheme = headers.authorization.split(' ', 1)[0] ?? '';
    headers.authorization = `${scheme} [redacted]`;
  }
  return headers;
}

/** The newest callbacks, at most `capacity`, and waiters on them. */
export class ReceivedLog {
  readonly #entries: ReceivedCallback[] = [];
  readonly #attempts = new Map<string, number>();
  readonly #waiters = new Set<Waiter>();
  #nextIndex = 0;
  dropped = 0;

  constructor(readonly capacity: number) {}

  /** Counts one more attempt of a message id and returns its number. */
  nextAttempt(messageId: string | undefined): number {
    if (messageId === undefined) return 1;
    const attempt = (this.#attempts.get(messageId) ?? 0) + 1;
    this.#attempts.delete(messageId);
    this.#attempts.set(messageId, attempt);
    if (this.#attempts.size > MAX_TRACKED_IDS) {
      const oldest = this.#attempts.keys().next().value;
      if (oldest !== undefined) this.#attempts.delete(oldest);
    }
    return attempt;
  }

  add(input: {
    request: IncomingMessage;
    path: string;
    raw: Buffer;
    messageId: string | undefined;
    attempt: number;
    status: number;
    outcome: ReceivedCallback['outcome'];
    reasons: string[];
    problems: Problem[];
    body: unknown;
  }): ReceivedCallback {
    const headers = redactedHeaders(input.request);
    const typeInBody = (input.body as { message_type?: unknown } | undefined)?.message_type;
    const messageType = typeof typeInBody === 'string' ? typeInBody : headers['x-message-type'];
    const callback: ReceivedCallback = {
      index: this.#nextIndex,
      receivedAt: new Date().toISOString(),
      method: input.request.method ?? 'POST',
      path: input.path,
      ...(input.messageId === undefined ? {} : { messageId: input.messageId }),
      ...(messageType === undefined ? {} : { messageType }),
      attempt: input.attempt,
      outcome: input.outcome,
      status: input.status,
      reasons: input.reasons,
      problems: input.problems,
      headers,
      ...(input.body === undefined
        ? { text: input.raw.toString('utf8').slice(0, MAX_TEXT_LENGTH) }
        : { body: input.body }),
    };
    this.#nextIndex += 1;
    this.#entries.push(callback);
    if (this.#entries.length > this.capacity) {
      this.#entries.shift();
      this.dropped += 1;
    }
    this.#wake();
    return callback;
  }

  list(filter: CallbackFilter = {}): ReceivedCallback[] {
    return this.#entries.filter(
      (callback) =>
        (filter.messageType === undefined || callback.messageType === filter.messageType) &&
        (filter.outcome === undefined || callback.outcome === filter.outcome),
    );
  }

  /** Removes every callback and attempt count; returns how many callbacks there were. */
  clear(): number {
    const count = this.#entries.length;
    this.#entries.length = 0;
    this.#attempts.clear();
    this.dropped = 0;
    return count;
  }

  waitFor(
    predicate: (callbacks: ReceivedCallback[]) => boolean,
    timeoutMs: number,
  ): Promise<ReceivedCallback[]> {
    const current = this.list();
    if (predicate(current)) return Promise.resolve(current);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(
            new Error(
              `receiver: condition not met within ${timeoutMs} ms; ` +
                `${this.#entries.length} callbacks arrived`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
    });
  }

  cancelWaiters(reason: string): void {
    for (const waiter of this.#waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.#waiters.clear();
  }

  #wake(): void {
    const current = this.list();
    for (const waiter of this.#waiters) {
      if (!waiter.predicate(current)) continue;
      clearTimeout(waiter.timer);
      this.#waiters.delete(waiter);
      waiter.resolve(current);
    }
  }
}
