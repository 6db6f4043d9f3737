import type { Micros } from '../domain/time.js';
import { sampleLatency } from './latency.js';
import type { Dice } from './random.js';
import type { RateWindows } from './rate-limit.js';
import type { AppliedFault, FaultRule } from './types.js';

/** An injected response in the documented error shape. */
export interface InjectedError {
  kind: 'error';
  ruleId: string;
  status: number;
  code: string;
  message: string;
  headers: Record<string, string>;
}

/** Effect of the faults on one request: a delay, then possibly an end other than the route's response. */
export interface Decision {
  latencyMs: number;
  applied: AppliedFault[];
  end?: InjectedError | { kind: 'drop' | 'hang'; ruleId: string };
}

/** Error code of an injected error whose rule names none. */
export function defaultErrorCode(status: number): string {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  return 'INJECTED_FAULT';
}

/**
 * Walks the matching rules in order. Latency rules add up; the first error,
 * exceeded rate limit, drop or hang ends the walk. Each rule that applies
 * counts against its `times`. Every draw comes from the account's dice, in
 * rule order, so the same rules and requests give the same decisions.
 */
export function decide(rules: readonly FaultRule[], dice: Dice, windows: RateWindows, now: Micros): Decision {
  const decision: Decision = { latencyMs: 0, applied: [] };
  for (const rule of rules) {
    if (!dice.chance(rule.probability)) continue;
    const action = rule.action;

    if (action.type === 'latency') {
      const ms = sampleLatency(action.distribution, dice);
      decision.latencyMs += ms;
      decision.applied.push({ id: rule.id, type: 'latency', latency_ms: ms });
      rule.applied += 1;
      continue;
    }

    if (action.type === 'rate_limit') {
      const retryAfter = windows.hit(rule.id, action.limit, action.window_ms, now);
      if (retryAfter === undefined) continue;
      decision.end = {
        kind: 'error',
        ruleId: rule.id,
        status: 429,
        code: 'RATE_LIMITED',
        message: `rate limit of ${action.limit} requests per ${action.window_ms} ms reached; retry after ${retryAfter} s`,
        headers: { 'Retry-After': String(retryAfter) },
      };
    } else if (action.type === 'error') {
      if (!dice.chance(action.probability)) continue;
      const code = action.code ?? defaultErrorCode(action.status);
      decision.end = {
        kind: 'error',
        ruleId: rule.id,
        status: action.status,
        code,
        message: `injected fault '${rule.id}': ${action.status} ${code}`,
        headers: action.retry_after_s === undefined ? {} : { 'Retry-After': String(action.retry_after_s) },
      };
    } else {
      decision.end = { kind: action.type, ruleId: rule.id };
    }
    decision.applied.push({ id: rule.id, type: action.type });
    rule.applied += 1;
    break;
  }
  return decision;
}
