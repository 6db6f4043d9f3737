import { SeededRandom } from '../simulation/random.js';

/**
 * Seeded source of the ids an account hands out (ledger events, audit
 * entries, registrations), so that the same seed and the same request
 * sequence give the same ids and therefore byte-identical responses.
 */
export class IdSource extends SeededRandom {
  /** Random bytes from the seeded stream, for secrets that must be reproducible. */
  bytes(count: number): Buffer {
    const bytes = Buffer.alloc(count);
    for (let i = 0; i < count; i++) bytes[i] = this.uint32() & 0xff;
    return bytes;
  }
}

/** Mixes a seed with a label (an account slug) into a 32-bit seed. */
export function deriveSeed(seed: number, label: string): number {
  let hash = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
