import { describe, expect, it } from 'vitest';
import { parseErrorRate, parseLatency, parseRateLimit, shortcutRules } from '../../src/control/flags.js';
import { Dice } from '../../src/control/random.js';
import { compileRoute } from '../../src/control/route-pattern.js';

describe('compileRoute', () => {
  it('matches paths below the API base', () => {
    const table: [string, string, boolean][] = [
      ['/inventory', '/inventory', true],
      ['inventory', '/inventory/', true],
      ['/inventory', '/inventory_adjustments', false],
      ['/snapshot_request/*', '/snapshot_request/5c00-11', true],
      ['/snapshot_request/*', '/snapshot_request', false],
      ['/snapshot_request/*', '/snapshot_request/a/b', false],
      ['/snapshot_*/*', '/snapshot_download/x.json', true],
      ['/data_factory/**', '/data_factory/createAvailable', true],
      ['/**', '/', true],
      ['/a.b', '/axb', false],
    ];
    for (const [pattern, path, expected] of table) {
      expect(compileRoute(pattern)(path), `${pattern} ~ ${path}`).toBe(expected);
    }
  });
});

describe('shortcut flags', () => {
  it('parses latency, rate limit and error rate', () => {
    expect(parseLatency('50')).toEqual({ kind: 'fixed', ms: 50 });
    expect(parseLatency('50-200')).toEqual({ kind: 'uniform', min_ms: 50, max_ms: 200 });
    expect(parseLatency('200-50')).toBeUndefined();
    expect(parseLatency('fast')).toBeUndefined();
    expect(parseRateLimit('10/s')).toEqual({ limit: 10, window_ms: 1000 });
    expect(parseRateLimit('100/m')).toEqual({ limit: 100, window_ms: 60_000 });
    expect(parseRateLimit('5/500ms')).toEqual({ limit: 5, window_ms: 500 });
    expect(parseRateLimit('0/s')).toBeUndefined();
    expect(parseRateLimit('10 per second')).toBeUndefined();
    expect(parseErrorRate('0.05')).toBe(0.05);
    expect(parseErrorRate('1.5')).toBeUndefined();
    expect(parseErrorRate('')).toBeUndefined();
  });

  it('orders latency, rate limit, then errors', () => {
    const rules = shortcutRules({ latency: 50, errorRate: 0.05, rateLimit: '10/s' });
    expect(rules.map((rule) => rule.id)).toEqual(['flag-latency', 'flag-rate-limit', 'flag-error-rate']);
    expect(rules[2]?.action).toEqual({ type: 'error', status: 500, probability: 0.05 });
    expect(shortcutRules({ errorRate: 0 })).toEqual([]);
  });
});

describe('Dice', () => {
  it('repeats a sequence for a seed', () => {
    const a = new Dice(42);
    const b = new Dice(42);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(new Dice(43).next()).not.toBe(first[0]);
  });
});
