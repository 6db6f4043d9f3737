import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { BodyTooLargeError, readResponseBody } from '../http.js';
import type { KitErrorCode } from '../errors.js';

/**
 * Headers that describe one connection, not the message (RFC 9110,
 * section 7.6.1), so a proxy must not pass them on. `host` and
 * `content-length` are set afresh for the new connection and body.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  // Node's HTTP server has already sent `100 Continue` to the client,
  // and fetch rejects the header, so it stops here.
  'expect',
]);

/** Header names listed in `Connection`, which are hop-by-hop as well. */
function connectionTokens(value: string | string[] | null | undefined): Set<string> {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return new Set(
    text
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter((token) => token !== ''),
  );
}

/**
 * Copies the client's headers for the upstream request. `accept-encoding`
 * is dropped too, so the upstream sends the body as is and the proxy can
 * read it.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders): Headers {
  const listed = connectionTokens(incoming.connection);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (HOP_BY_HOP.has(name) || listed.has(name) || name === 'accept-encoding') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      headers.append(name, item);
    }
  }
  return headers;
}

/**
 * Copies the upstream's headers for the client. `content-encoding` is
 * dropped because fetch has already decoded the body.
 */
export function clientResponseHeaders(upstream: Headers): OutgoingHttpHeaders {
  const listed = connectionTokens(upstream.get('connection'));
  const headers: OutgoingHttpHeaders = {};
  upstream.forEach((value, name) => {
    if (HOP_BY_HOP.has(name) || listed.has(name)) return;
    if (name === 'content-encoding' || name === 'set-cookie') return;
    headers[name] = value;
  });
  const cookies = upstream.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

/** A call to the upstream that got no usable response. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly code: KitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** Calls the upstream with a time limit and reads at most `maxBodyBytes`. */
export async function callUpstream(
  url: URL,
  init: { method: string; headers: Headers; body?: Buffer },
  limits: { timeoutMs: number; maxBodyBytes: number },
): Promise<UpstreamResponse> {
  try {
    const response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body === undefined ? {} : { body: init.body }),
      redirect: 'manual',
      signal: AbortSignal.timeout(limits.timeoutMs),
    });
    const body = await readResponseBody(response, limits.maxBodyBytes);
    return { status: response.status, headers: response.headers, body };
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new UpstreamError(
        'UPSTREAM_BODY_TOO_LARGE',
        `the upstream's response body is larger than ${limits.maxBodyBytes} bytes; ` +
          'raise the proxy limit with --max-body-bytes',
        { cause: error },
      );
    }
    const name = (error as { name?: string }).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new UpstreamError(
        'UPSTREAM_TIMEOUT',
        `the upstream timed out: no response within ${limits.timeoutMs} ms`,
        { cause: error },
      );
    }
    const cause = (error as { cause?: { code?: string } }).cause;
    throw new UpstreamError(
      'UPSTREAM_UNREACHABLE',
      `cannot reach the upstream ${url.origin}: ${cause?.code ?? (error as Error).message}`,
      { cause: error },
    );
  }
}
