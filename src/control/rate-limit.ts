import { MICROS_PER_MS, MICROS_PER_SECOND, type Micros } from '../domain/time.js';

interface Window {
  start: Micros;
  count: number;
}

/**
 * Fixed-window request counters of one account, one per rate-limit rule. A
 * window opens at the first request after the previous one closed and lasts
 * `window_ms` on the account's clock, so advancing a manual clock past its
 * end lets requests through again.
 */
export class RateWindows {
  readonly #windows = new Map<string, Window>();

  /**
   * Counts one request against a rule's window. Returns undefined when the
   * request is within the limit, or the whole seconds until the window closes
   * (at least 1, as `Retry-After` needs) when it is over.
   */
  hit(ruleId: string, limit: number, windowMs: number, now: Micros): number | undefined {
    const length = windowMs * MICROS_PER_MS;
    let window = this.#windows.get(ruleId);
    if (!window || now >= window.start + length || now < window.start) {
      window = { start: now, count: 0 };
      this.#windows.set(ruleId, window);
    }
    if (window.count < limit) {
      window.count += 1;
      return undefined;
    }
    const remaining = window.start + length - now;
    return Math.max(1, Math.ceil(remaining / MICROS_PER_SECOND));
  }

  clear(): void {
    this.#windows.clear();
  }
}
