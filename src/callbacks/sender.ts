/** One HTTP request the delivery engine wants sent. */
export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
  timeoutMs: number;
  /** Aborts the request when the account is reset or removed. */
  signal: AbortSignal;
}

/** Outcome of one attempt: a status, or the reason there was none. */
export type SendResult = { status: number } | { error: string };

/** Sends one attempt. The promise resolves with the outcome and never rejects. */
export type Sender = (request: SendRequest) => Promise<SendResult>;

/** Marks a request aborted by its account going away, not by the receiver. */
export const ABORTED = 'aborted';

/**
 * Sends with the platform `fetch`. The timeout covers the time until the
 * status line; the response body is then read and discarded, so the
 * connection can be reused.
 */
export const fetchSender: Sender = async (request) => {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([timeout, request.signal]);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal,
      redirect: 'manual',
    });
    await response.arrayBuffer().catch(() => undefined);
    return { status: response.status };
  } catch (error) {
    if (request.signal.aborted) return { error: ABORTED };
    if (timeout.aborted) return { error: 'timeout' };
    return { error: `connection_error: ${describeCause(error)}` };
  }
};

/** Returns the most specific reason that fetch gives for a failed request. */
function describeCause(error: unknown): string {
  let current: unknown = error;
  let text = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
    text = current.message || text;
    current = current.cause;
  }
  return text;
}
