import type { Dice } from './random.js';
import type { LatencyDistribution } from './types.js';

/** Draws one delay, in whole milliseconds, from a latency distribution. */
export function sampleLatency(distribution: LatencyDistribution, dice: Dice): number {
  switch (distribution.kind) {
    case 'fixed':
      return Math.round(distribution.ms);
    case 'uniform': {
      const { min_ms, max_ms } = distribution;
      return Math.round(min_ms + dice.next() * (max_ms - min_ms));
    }
    case 'normal': {
      // Box-Muller transform; 1 - u keeps the logarithm's argument above 0.
      const u = 1 - dice.next();
      const v = dice.next();
      const gaussian = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
      const value = distribution.mean_ms + gaussian * distribution.stddev_ms;
      return Math.round(Math.min(distribution.max_ms, Math.max(0, value)));
    }
  }
}
