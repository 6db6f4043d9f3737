import { Faker, base } from '@faker-js/faker';

/**
 * Seeded source of uuids, so that the same seed and the same request sequence
 * give the same ids and therefore byte-identical responses.
 */
export class IdSource {
  readonly #faker: Faker;

  constructor(seed: number) {
    this.#faker = new Faker({ locale: [base], seed });
  }

  uuid(): string {
    return this.#faker.string.uuid();
  }

  /** A float in [0, 1) from the same seeded stream. */
  random(): number {
    return this.#faker.number.float({ min: 0, max: 1 });
  }

  /** Random bytes from the seeded stream, for secrets that must be reproducible. */
  bytes(count: number): Buffer {
    const bytes = Buffer.alloc(count);
    for (let i = 0; i < count; i++) bytes[i] = this.#faker.number.int({ min: 0, max: 255 });
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
