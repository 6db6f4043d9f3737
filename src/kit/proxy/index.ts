import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createValidator, type Validator } from '../../contracts/index.js';
import type { Problem } from '../../contracts/types.js';
import { createLogger } from '../../server/logger.js';
import { kitError, type KitErrorCode } from '../errors.js';
import { BodyTooLargeError, listen, readRequestBody, sendJson } from '../http.js';
import {
  callUpstream,
  clientResponseHeaders,
  UpstreamError,
  upstreamRequestHeaders,
} from './forward.js';
import { ViolationLog, type ProxyViolation } from './violations.js';

/** The proxy's own route; every other path goes to the upstream. */
export const VIOLATIONS_PATH = '/__admin/violations';

/** The mock's control plane, which the contract does not describe. */
const ADMIN_PREFIX = '/__admin/';

export interface ProxyOptions {
  /** Upstream origin, such as `http://127.0.0.1:4010`; a path prefix is kept. */
  target: string;
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /**
   * Replaces a response that breaks the contract with a 502
   * `CONTRACT_VIOLATION` whose details name each problem. Off by default:
   * the response passes through and the violation is only recorded.
   */
  strict?: boolean;
  /** Largest request or response body, in bytes; 32 MiB by default. */
  maxBodyBytes?: number;
  /** Time limit of each upstream call, in milliseconds; 30,000 by default. */
  timeoutMs?: number;
  /** Violations kept for `GET /__admin/violations`; 1,000 by default. */
  maxViolations?: number;
  /** pino logger; a `silent` one by default. */
  logger?: Logger;
  validator?: Validator;
}

/** A running proxy, as `startProxy` returns it. */
export interface RunningProxy {
  /** Origin, such as `http://127.0.0.1:4011`. */
  url: string;
  target: string;
  violations(): ProxyViolation[];
  clearViolations(): number;
  close(): Promise<void>;
}

/**
 * Starts a validating reverse proxy: every request and response between a
 * client and the upstream is checked against the contract. Violations are
 * logged and listed at `GET /__admin/violations` (`DELETE` clears them).
 * Paths under `/__admin/` other than that one pass through unchecked,
 * since the contract does not describe the mock's control plane.
 *
 * @example
 * const proxy = await startProxy({ target: mock.url, strict: true });
 * // point the client at proxy.url instead of mock.url
 * await proxy.close();
 */
export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  let target: URL;
  try {
    target = new URL(options.target);
  } catch {
    throw new Error(`invalid proxy target URL '${options.target}'; give an origin such as http://127.0.0.1:4010`);
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new Error(`the proxy target must be an http or https URL, got '${options.target}'`);
  }
  const prefix = target.pathname.replace(/\/+$/, '');
  const settings = {
    strict: options.strict === true,
    maxBodyBytes: options.maxBodyBytes ?? 32 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  const validator = options.validator ?? createValidator();
  const log = new ViolationLog(options.maxViolations ?? 1000);
  const logger = (options.logger ?? createLogger('silent')).child({ component: 'proxy' });

  const fail = (response: ServerResponse, code: KitErrorCode, message: string, details: Problem[] = []) => {
    const error = kitError(
      code,
      message,
      details.map((problem) => ({ field: problem.pointer, problem: problem.message })),
    );
    sendJson(response, error.status, error.body);
  };

  const record = (entry: Omit<ProxyViolation, 'id' | 'at'>): ProxyViolation => {
    const violation = log.add(entry);
    logger.warn(
      {
        violation: violation.id,
        direction: entry.direction,
        method: entry.method,
        path: entry.path,
        status: entry.status,
        pointers: entry.problems.map((problem) => problem.pointer),
      },
      `${entry.direction} breaks the contract`,
    );
    return violation;
  };

  async function forward(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const path = `${url.pathname}${url.search}`;
    const checked = !url.pathname.startsWith(ADMIN_PREFIX);

    let body: Buffer;
    try {
      body = await readRequestBody(request, settings.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      fail(response, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${settings.maxBodyBytes} bytes`);
      return;
    }

    const contentType = request.headers['content-type'];
    if (checked) {
      const problems = validator.validateRequest({
        method,
        path: url.pathname,
        query: url.search,
        ...(body.length === 0 ? {} : { body: body.toString('utf8') }),
        ...(contentType === undefined ? {} : { contentType }),
      });
      if (problems.length > 0) record({ direction: 'request', method, path, problems });
    }

    const upstreamUrl = new URL(`${prefix}${url.pathname}${url.search}`, target);
    // fetch rejects a body on GET and HEAD, so such a body is not passed on.
    const sendsBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
    let upstream;
    try {
      upstream = await callUpstream(
        upstreamUrl,
        { method, headers: upstreamRequestHeaders(request.headers), ...(sendsBody ? { body } : {}) },
        settings,
      );
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      logger.error({ err: error, method, path, upstream: upstreamUrl.origin }, 'upstream call failed');
      fail(response, error.code, error.message);
      return;
    }

    if (checked && method !== 'HEAD') {
      const responseType = upstream.headers.get('content-type');
      const problems = validator.validateResponse(
        { method, path: url.pathname },
        upstream.status,
        upstream.body.toString('utf8'),
        {
          headers: upstream.headers,
          ...(responseType === null ? {} : { contentType: responseType }),
        },
      );
      if (problems.length > 0) {
        const violation = record({ direction: 'response', method, path, status: upstream.status, problems });
        if (settings.strict) {
          const error = kitError(
            'CONTRACT_VIOLATION',
            `the response of ${method} ${url.pathname} (status ${upstream.status}) breaks the contract ` +
              `in ${problems.length} place${problems.length === 1 ? '' : 's'}; see error.details`,
            problems.map((problem) => ({ field: problem.pointer, problem: problem.message })),
            { upstream_status: upstream.status, violation_id: violation.id },
          );
          sendJson(response, error.status, error.body);
          return;
        }
      }
    }

    const headers = clientResponseHeaders(upstream.headers);
    headers['content-length'] = String(upstream.body.length);
    response.writeHead(upstream.status, headers);
    response.end(method === 'HEAD' ? undefined : upstream.body);
  }

  function admin(request: IncomingMessage, response: ServerResponse): void {
    request.resume();
    if (request.method === 'GET') {
      sendJson(response, 200, log.toJSON());
    } else if (request.method === 'DELETE') {
      sendJson(response, 200, { cleared: log.clear() });
    } else {
      const error = kitError('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${VIOLATIONS_PATH}; use GET or DELETE`);
      sendJson(response, error.status, error.body, { allow: 'GET, DELETE' });
    }
  }

  const server = await listen(
    (request, response) => {
      const url = new URL(request.url ?? '/', 'http://proxy.invalid');
      if (url.pathname === VIOLATIONS_PATH) {
        admin(request, response);
        return;
      }
      forward(request, response, url).catch((error: unknown) => {
        logger.error({ err: error, method: request.method, path: url.pathname }, 'proxy failed');
        if (response.headersSent) {
          response.destroy();
          return;
        }
        fail(response, 'INTERNAL_ERROR', 'internal error in the proxy; see its log');
      });
    },
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  logger.info({ url: server.url, target: options.target, strict: settings.strict }, 'proxy started');

  return {
    url: server.url,
    target: options.target,
    violations: () => log.list(),
    clearViolations: () => log.clear(),
    close: async () => {
      await server.close();
      logger.info({ url: server.url }, 'proxy stopped');
    },
  };
}

export type { ProxyViolation } from './violations.js';
