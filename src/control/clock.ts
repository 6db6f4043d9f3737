import { isRecord } from '../domain/adjustments.js';
import { formatRfc3339, MICROS_PER_MS, parseRfc3339, type Micros } from '../domain/time.js';
import { ApiError } from '../server/errors.js';
import type { ServerContext } from '../server/route.js';
import type { Clock, ClockMode } from '../simulation/clock.js';
import { allowKeys } from './body.js';

/** Maximum single advance: about 31 years, in milliseconds. */
export const MAX_ADVANCE_MS = 1e12;

/** A checked clock change: switch mode, set the time, then advance. */
export interface ClockUpdate {
  mode?: ClockMode;
  at?: Micros;
  advance?: Micros;
}

export interface ClockView {
  mode: ClockMode;
  now: string;
}

export function clockView(clock: Clock): ClockView {
  return { mode: clock.mode, now: formatRfc3339(clock.now()) };
}

/** Reads `{mode?, at?, advance_ms?}`; throws a 400 naming the bad field. */
export function readClockUpdate(body: unknown): ClockUpdate {
  if (!isRecord(body)) throw ApiError.field('INVALID_BODY', '/', 'the body must be a JSON object {mode?, at?, advance_ms?}');
  allowKeys(body, ['mode', 'at', 'advance_ms']);
  const update: ClockUpdate = {};

  if (body.mode !== undefined) {
    if (body.mode !== 'manual' && body.mode !== 'real') {
      throw ApiError.field('INVALID_BODY', '/mode', `mode must be "manual" or "real", not ${JSON.stringify(body.mode)}`);
    }
    update.mode = body.mode;
  }
  if (body.at !== undefined) {
    const at = typeof body.at === 'string' ? parseRfc3339(body.at) : undefined;
    if (at === undefined) {
      throw ApiError.field('INVALID_DATE_FORMAT', '/at', 'at must be an RFC 3339 date-time with an offset, such as 2026-12-04T12:00:00Z');
    }
    update.at = at;
  }
  if (body.advance_ms !== undefined) {
    const ms = body.advance_ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
      throw ApiError.field('INVALID_BODY', '/advance_ms', `advance_ms must be a number of milliseconds from 0 to ${MAX_ADVANCE_MS}`);
    }
    update.advance = Math.round(ms * MICROS_PER_MS);
  }
  if (Object.keys(update).length === 0) {
    throw ApiError.field('INVALID_BODY', '/', 'give at least one of mode, at, advance_ms');
  }
  return update;
}

/** Applies a clock change; timers that fall due fire in due-time order. */
export function applyClockUpdate(clock: Clock, update: ClockUpdate): void {
  if (update.mode === 'manual') clock.setManual(update.at ?? clock.now());
  else if (update.mode === 'real') clock.setReal(update.at ?? clock.now());
  else if (update.at !== undefined) clock.set(update.at);
  if (update.advance !== undefined && update.advance > 0) clock.advance(update.advance);
}

/** Applies a clock change to the mock's clock and to every account's clock. */
export function updateAllClocks(server: ServerContext, update: ClockUpdate): ClockView {
  const mock = server.mock;
  applyClockUpdate(mock.clock, update);
  for (const account of mock.accounts.values()) applyClockUpdate(account.clock, update);
  server.control.logger.info({ mode: mock.clock.mode, now: formatRfc3339(mock.clock.now()) }, 'clock changed');
  return clockView(mock.clock);
}
