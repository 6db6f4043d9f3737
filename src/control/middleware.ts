import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Context, MiddlewareHandler } from 'hono';
import { formatRfc3339, MICROS_PER_MS } from '../domain/time.js';
import type { Account } from '../engine/account.js';
import { errorBody, type ErrorDetail } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import type { Timer } from '../simulation/clock.js';
import type { Decision, InjectedError } from './decide.js';
import type { JournalEntry } from './types.js';

/** `/{account}/api/v1` and the path below it. */
const API_PATH = /^\/([^/]+)\/api\/v1(\/.*)?$/;

/**
 * Status of the placeholder response to a request whose connection a fault
 * closed. Nothing reaches the client, and the journal records no status.
 */
const CONNECTION_CLOSED = 499;

/**
 * Applies the fault rules to every API request before its route runs, and
 * records every request outside `/__admin` in the journal. A request that a
 * fault responds to, drops or hangs never reaches its route, so it changes
 * no state. A delayed request runs its route after the delay.
 *
 * @example
 * app.use('*', requestControl(server));
 */
export function requestControl(server: ServerContext): MiddlewareHandler {
  const logger = server.control.logger;

  return async function requestControl(c, next) {
    const path = c.req.path;
    if (path === '/__admin' || path.startsWith('/__admin/')) return next();

    const started = performance.now();
    const match = API_PATH.exec(path);
    const slug = match ? decodeSegment(match[1] ?? '') : undefined;
    const account = slug === undefined ? undefined : server.mock.account(slug);
    const url = c.req.url;
    const queryStart = url.indexOf('?');
    const entry: Omit<JournalEntry, 'seq' | 'duration_ms'> = {
      at: formatRfc3339((account ?? server.mock).clock.now()),
      method: c.req.method,
      path,
      query: queryStart < 0 ? '' : url.slice(queryStart + 1),
      ...(account ? { account: account.slug } : {}),
    };
    const decision: Decision = account
      ? server.control.decide(account, c.req.method, match?.[2] ?? '/')
      : { latencyMs: 0, applied: [] };
    if (decision.applied.length > 0) entry.faults = decision.applied;
    const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;

    let response: Response | undefined;
    if (account && decision.latencyMs > 0) {
      const outcome = await delay(server, account, decision.latencyMs, socket);
      if (outcome === 'released') response = closed(c);
    }
    if (!response && account && decision.end) {
      const end = decision.end;
      if (end.kind === 'error') response = injectedError(c, end);
      else if (!socket) {
        logger.warn({ account: account.slug, fault: end.ruleId }, 'no socket to close; responding with 500');
        response = c.json(errorBody('INJECTED_FAULT', `fault '${end.ruleId}' needs a network connection to ${end.kind}`), 500);
      } else {
        if (end.kind === 'drop') socket.destroy();
        else await hang(server, account, socket);
        response = closed(c);
      }
    }

    if (!response) {
      await next();
      await record(server, entry, c.res, started);
      return;
    }
    await record(server, entry, response, started);
    return response;
  };
}

/** Waits `ms` on the account's clock; 'released' when the account went away first. */
function delay(server: ServerContext, account: Account, ms: number, socket: Socket | undefined): Promise<'elapsed' | 'released'> {
  return new Promise((resolve) => {
    let timer: Timer | undefined;
    const heldRequest = server.control.hold(account, () => {
      account.clock.cancel(timer);
      socket?.destroy();
      resolve('released');
    });
    timer = account.clock.after(ms * MICROS_PER_MS, () => {
      heldRequest.done();
      resolve('elapsed');
    });
  });
}

/** Waits until the client gives up, or the account goes away (then the connection is closed). */
function hang(server: ServerContext, account: Account, socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) {
      resolve();
      return;
    }
    const heldRequest = server.control.hold(account, () => socket.destroy());
    socket.once('close', () => {
      heldRequest.done();
      resolve();
    });
  });
}

function injectedError(c: Context, end: InjectedError): Response {
  for (const [name, value] of Object.entries(end.headers)) c.header(name, value);
  return c.json(errorBody(end.code, end.message, [], { fault_id: end.ruleId }), end.status as 500);
}

function closed(c: Context): Response {
  return c.body(null, CONNECTION_CLOSED as 500);
}

async function record(
  server: ServerContext,
  entry: Omit<JournalEntry, 'seq' | 'duration_ms'>,
  response: Response,
  started: number,
): Promise<void> {
  const full: Omit<JournalEntry, 'seq'> = { ...entry, duration_ms: Math.round((performance.now() - started) * 10) / 10 };
  if (response.status !== CONNECTION_CLOSED) full.status = response.status;
  if (response.status >= 400 && response.status !== CONNECTION_CLOSED) Object.assign(full, await errorOf(response));
  server.control.journal.record(full);
}

/** Code and details of an error body in the documented shape. */
async function errorOf(response: Response): Promise<{ error_code?: string; details?: ErrorDetail[] }> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) return {};
  try {
    const body = (await response.clone().json()) as { error?: { code?: unknown; details?: unknown } };
    const code = body.error?.code;
    const details = body.error?.details;
    return {
      ...(typeof code === 'string' ? { error_code: code } : {}),
      ...(Array.isArray(details) && details.length > 0 ? { details: details as ErrorDetail[] } : {}),
    };
  } catch {
    // A body that is not the error shape has no code to record.
    return {};
  }
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
