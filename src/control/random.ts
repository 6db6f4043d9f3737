/**
 * A seeded pseudo-random stream (mulberry32): the same seed gives the same
 * sequence of draws, so fault decisions repeat exactly from run to run.
 */
export class Dice {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Draws a float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * True with the given probability. Certain and impossible outcomes take no
   * draw, so turning a rule's probability to 1 leaves the other rules' draws
   * unchanged.
   */
  chance(probability: number | undefined): boolean {
    if (probability === undefined || probability >= 1) return true;
    if (probability <= 0) return false;
    return this.next() < probability;
  }
}
