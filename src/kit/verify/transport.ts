import { BodyTooLargeError, readResponseBody } from '../http.js';
import { TransportError } from './errors.js';
import type { Exchange } from './exchange.js';

export interface TransportLimits {
  timeoutMs: number;
  maxBodyBytes: number;
}

/** Percent-encodes a query value but keeps commas, as in `cid=a,b`. */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replaceAll('%2C', ',');
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function transportReason(error: unknown, timeoutMs: number): string {
  if (error instanceof BodyTooLargeError) return error.message;
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `no response within ${timeoutMs} ms`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return `connection failed: ${detail}`;
}

/**
 * Sends one request and reads its whole body within the time limit.
 * Throws `TransportError` when no usable response arrives. Redirects are
 * not followed, so a 3xx is checked like any other status.
 */
export async function fetchExchange(
  fetchImpl: typeof fetch,
  line: string,
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
  limits: TransportLimits,
): Promise<Omit<Exchange, 'method' | 'route' | 'query'>> {
  try {
    const response = await fetchImpl(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
    const raw = await readResponseBody(response, limits.maxBodyBytes);
    const text = raw.toString('utf8');
    return {
      request: line,
      status: response.status,
      headers: response.headers,
      text,
      body: parseJson(text),
    };
  } catch (error) {
    throw new TransportError(line, transportReason(error, limits.timeoutMs), {
      cause: error,
    });
  }
}
