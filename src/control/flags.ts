import type { FaultRuleInput, LatencyDistribution } from './types.js';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

/** Reads `50-200` (uniform, ms) or `50` (fixed, ms); undefined when it is neither. */
export function parseLatency(value: string | number): LatencyDistribution | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? { kind: 'fixed', ms: value } : undefined;
  }
  const match = /^(\d+)(?:-(\d+))?$/.exec(value.trim());
  if (!match) return undefined;
  const low = Number(match[1]);
  if (match[2] === undefined) return { kind: 'fixed', ms: low };
  const high = Number(match[2]);
  return high >= low ? { kind: 'uniform', min_ms: low, max_ms: high } : undefined;
}

/** Reads `10/s`, `100/m`, `1000/h` or `5/500ms`; undefined for any other text. */
export function parseRateLimit(value: string): { limit: number; window_ms: number } | undefined {
  const match = /^(\d+)\/(\d+)?(ms|s|m|h)$/.exec(value.trim());
  if (!match) return undefined;
  const limit = Number(match[1]);
  const count = match[2] === undefined ? 1 : Number(match[2]);
  const windowMs = count * UNIT_MS[match[3] as keyof typeof UNIT_MS];
  return limit >= 1 && windowMs >= 1 ? { limit, window_ms: windowMs } : undefined;
}

/** Reads a share from 0 to 1; undefined otherwise. */
export function parseErrorRate(value: string | number): number | undefined {
  if (typeof value === 'string' && value.trim() === '') return undefined;
  const rate = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) return undefined;
  return rate;
}

/**
 * Turns the shortcut options into fault rules, checked after the configured
 * ones: latency first, then the rate limit, then the error rate, so a
 * rate-limited request is not also counted as an error.
 */
export function shortcutRules(options: { latency?: string | number; errorRate?: number; rateLimit?: string }): FaultRuleInput[] {
  const rules: FaultRuleInput[] = [];
  if (options.latency !== undefined) {
    const distribution = parseLatency(options.latency);
    if (distribution) rules.push({ id: 'flag-latency', action: { type: 'latency', distribution } });
  }
  if (options.rateLimit !== undefined) {
    const limit = parseRateLimit(options.rateLimit);
    if (limit) rules.push({ id: 'flag-rate-limit', action: { type: 'rate_limit', ...limit } });
  }
  if (options.errorRate !== undefined && options.errorRate > 0) {
    rules.push({ id: 'flag-error-rate', action: { type: 'error', status: 500, probability: options.errorRate } });
  }
  return rules;
}
