import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { createValidator, type Validator } from '../../contracts/index.js';
import type { Problem } from '../../contracts/types.js';
import { Dice } from '../../control/random.js';
import { createLogger } from '../../server/logger.js';
import { KIT_ERROR_CODES, kitError, type KitErrorCode } from '../errors.js';
import { BodyTooLargeError, listen, readRequestBody, sendJson } from '../http.js';
import { ReceivedLog, type CallbackFilter, type ReceivedCallback } from './log.js';
import { verifyWebhookSignature } from './signature.js';

/** The receiver's own route; a POST to any other path is a callback. */
export const RECEIVED_PATH = '/received';

export interface ReceiverOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; `127.0.0.1` by default. */
  host?: string;
  /** When set, every callback must carry `Authorization: Bearer <token>`. */
  token?: string;
  /** When set, every callback must carry a valid Standard Webhooks signature. */
  secret?: string;
  /**
   * Largest accepted distance of `webhook-timestamp` from the receiver's
   * clock, in seconds. Unset by default, since the mock's clock may be
   * manual; 300 is the usual Standard Webhooks tolerance.
   */
  maxClockSkewSeconds?: number;
  /** Share of valid callbacks rejected with a 503, from 0 to 1; 0 by default. */
  failRate?: number;
  /** Attempts per message id rejected with a 503 before one is accepted; 0 by default. */
  failFirst?: number;
  /** Seed of the fail-rate draws, so a run repeats exactly; 1 by default. */
  seed?: number;
  /** Largest callback body, in bytes; 1 MiB by default. */
  maxBodyBytes?: number;
  /** Callbacks kept for `GET /received`; 1,000 by default. */
  maxRecords?: number;
  /** pino logger; a `silent` one by default. */
  logger?: Logger;
  /** Called once per callback after the response is sent, such as to print a line. */
  onCallback?: (callback: ReceivedCallback) => void;
  validator?: Validator;
}

/** A running receiver, as `startReceiver` returns it. */
export interface RunningReceiver {
  /** Origin, such as `http://127.0.0.1:9911`. Register any path under it. */
  url: string;
  received(filter?: CallbackFilter): ReceivedCallback[];
  clear(): void;
  /**
   * Resolves with the callbacks once `predicate` holds for them, checked on
   * every callback; rejects after `timeoutMs` of real time (5,000 by default).
   */
  waitFor(
    predicate: (callbacks: ReceivedCallback[]) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedCallback[]>;
  close(): Promise<void>;
}

interface Verdict {
  status: number;
  /** The error code of a status other than 200. */
  code?: KitErrorCode;
  outcome: ReceivedCallback['outcome'];
  reasons: string[];
  problems: Problem[];
  body: unknown;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Compares in constant time, so the token cannot be guessed from timings. */
function sameText(actual: string, expected: string): boolean {
  const left = Buffer.from(actual, 'utf8');
  const right = Buffer.from(expected, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Starts a callback receiver for testing a server's callbacks. It checks
 * each one against its webhook schema, the bearer token and the Standard
 * Webhooks signature. Scripted 503 failures let the sender's retries be
 * watched. `GET /received` lists what arrived (filtered by `?message_type=`
 * and `?outcome=`), and `DELETE /received` clears it.
 *
 * @example
 * const receiver = await startReceiver({ secret: 'whsec_...', failFirst: 2 });
 * // register `${receiver.url}/hooks/inventory` with the server
 * await receiver.waitFor((got) => got.some((c) => c.outcome === 'accepted'));
 */
export async function startReceiver(
  options: ReceiverOptions = {},
): Promise<RunningReceiver> {
  const failRate = options.failRate ?? 0;
  const failFirst = options.failFirst ?? 0;
  if (!(failRate >= 0 && failRate <= 1)) {
    throw new RangeError(`failRate must be from 0 to 1, got ${failRate}`);
  }
  if (!Number.isInteger(failFirst) || failFirst < 0) {
    throw new RangeError(`failFirst must be a whole number, got ${failFirst}`);
  }

  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const validator = options.validator ?? createValidator();
  const dice = new Dice(options.seed ?? 1);
  const log = new ReceivedLog(options.maxRecords ?? 1000);
  const logger = (options.logger ?? createLogger('silent')).child({ component: 'receiver' });

  function judge(request: IncomingMessage, raw: Buffer, attempt: number): Verdict {
    const reject = (code: KitErrorCode, reason: string, problems: Problem[] = [], body?: unknown): Verdict => ({
      status: KIT_ERROR_CODES[code],
      code,
      outcome: 'rejected',
      reasons: [reason],
      problems,
      body,
    });
    const fail = (reason: string, body: unknown): Verdict => ({
      status: KIT_ERROR_CODES.SCRIPTED_FAILURE,
      code: 'SCRIPTED_FAILURE',
      outcome: 'failed',
      reasons: [reason],
      problems: [],
      body,
    });

    if (options.token !== undefined) {
      const authorization = header(request, 'authorization') ?? '';
      if (!sameText(authorization, `Bearer ${options.token}`)) {
        const reason = authorization === '' ? 'the Authorization header is missing' : 'the bearer token is wrong';
        return reject('TOKEN_INVALID', reason);
      }
    }
    if (options.secret !== undefined) {
      const failure = verifyWebhookSignature(
        options.secret,
        {
          id: header(request, 'webhook-id'),
          timestamp: header(request, 'webhook-timestamp'),
          signature: header(request, 'webhook-signature'),
          body: raw,
        },
        {
          nowSeconds: Math.floor(Date.now() / 1000),
          ...(options.maxClockSkewSeconds === undefined ? {} : { maxClockSkewSeconds: options.maxClockSkewSeconds }),
        },
      );
      if (failure !== undefined) return reject('SIGNATURE_INVALID', failure);
    }

    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      return reject('INVALID_JSON', 'the body is not valid JSON');
    }
    const typeInBody = (body as { message_type?: unknown } | null)?.message_type;
    const type = typeInBody ?? header(request, 'x-message-type');
    const problems = validator.validateCallback(String(type), raw.toString('utf8'), {
      headers: request.headers,
    });
    if (problems.length > 0) {
      const places = `${problems.length} place${problems.length === 1 ? '' : 's'}`;
      return reject('CALLBACK_INVALID', `the callback breaks its webhook schema in ${places}`, problems, body);
    }

    if (attempt <= failFirst) {
      return fail(`scripted failure: attempt ${attempt} of the first ${failFirst}`, body);
    }
    if (dice.chance(failRate)) return fail(`scripted failure: fail rate ${failRate}`, body);
    return { status: 200, outcome: 'accepted', reasons: [], problems: [], body };
  }

  async function receive(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const messageId = header(request, 'webhook-id') ?? header(request, 'x-message-id');
    const attempt = log.nextAttempt(messageId);
    let verdict: Verdict;
    let raw: Buffer = Buffer.alloc(0);
    try {
      raw = await readRequestBody(request, maxBodyBytes);
      verdict = judge(request, raw, attempt);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      verdict = {
        status: KIT_ERROR_CODES.PAYLOAD_TOO_LARGE,
        code: 'PAYLOAD_TOO_LARGE',
        outcome: 'rejected',
        reasons: [`the body is larger than ${maxBodyBytes} bytes`],
        problems: [],
        body: undefined,
      };
    }

    const callback = log.add({ request, path, raw, messageId, attempt, ...verdict });
    if (verdict.code === undefined) {
      sendJson(response, 200, { received: true, index: callback.index });
    } else {
      const error = kitError(
        verdict.code,
        verdict.reasons.join('; '),
        verdict.problems.map((problem) => ({ field: problem.pointer, problem: problem.message })),
      );
      sendJson(response, error.status, error.body);
    }

    const fields = {
      index: callback.index,
      messageId,
      messageType: callback.messageType,
      attempt: callback.attempt,
      status: verdict.status,
    };
    if (callback.outcome === 'rejected') {
      logger.warn({ ...fields, reasons: verdict.reasons }, 'callback rejected');
    } else if (callback.outcome === 'failed') {
      logger.info(fields, 'callback failed on purpose');
    } else {
      logger.info(fields, 'callback accepted');
    }
    options.onCallback?.(callback);
  }

  function listReceived(request: IncomingMessage, response: ServerResponse, url: URL): void {
    request.resume();
    if (request.method === 'GET') {
      const type = url.searchParams.get('message_type');
      const outcome = url.searchParams.get('outcome');
      const callbacks = log.list({
        ...(type === null ? {} : { messageType: type }),
        ...(outcome === null ? {} : { outcome: outcome as ReceivedCallback['outcome'] }),
      });
      sendJson(response, 200, { count: callbacks.length, dropped: log.dropped, callbacks });
    } else if (request.method === 'DELETE') {
      sendJson(response, 200, { cleared: log.clear() });
    } else {
      const error = kitError('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${RECEIVED_PATH}; use GET or DELETE`);
      sendJson(response, error.status, error.body, { allow: 'GET, DELETE' });
    }
  }

  const server = await listen(
    (request, response) => {
      const url = new URL(request.url ?? '/', 'http://receiver.invalid');
      if (url.pathname === RECEIVED_PATH) {
        listReceived(request, response, url);
        return;
      }
      if (request.method !== 'POST') {
        request.resume();
        const error = kitError('METHOD_NOT_ALLOWED', `callbacks are POST requests; GET ${RECEIVED_PATH} lists what arrived`);
        sendJson(response, error.status, error.body, { allow: 'POST' });
        return;
      }
      receive(request, response, url.pathname).catch((error: unknown) => {
        logger.error({ err: error, path: url.pathname }, 'receiver failed');
        if (!response.headersSent) {
          const failure = kitError('INTERNAL_ERROR', 'internal error in the receiver; see its log');
          sendJson(response, failure.status, failure.body);
        }
      });
    },
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  logger.info(
    {
      url: server.url,
      checksToken: options.token !== undefined,
      checksSignature: options.secret !== undefined,
      failRate,
      failFirst,
    },
    'receiver started',
  );

  return {
    url: server.url,
    received: (filter) => log.list(filter),
    clear: () => log.clear(),
    waitFor: (predicate, timeoutMs = 5000) => log.waitFor(predicate, timeoutMs),
    close: async () => {
      log.cancelWaiters('the receiver closed');
      await server.close();
      logger.info({ url: server.url }, 'receiver stopped');
    },
  };
}

export type { CallbackFilter, ReceivedCallback } from './log.js';
export { verifyWebhookSignature, webhookKey } from './signature.js';
