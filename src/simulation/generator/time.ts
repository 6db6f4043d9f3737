import type { Faker } from '@faker-js/faker';

import { MICROS_PER_SECOND } from '../../domain/time.js';
import type { Micros } from '../../domain/time.js';

/** Picks a whole-second instant `minDays` to `maxDays` days before `end`. */
export function pickInstantBefore(
  faker: Faker,
  end: Micros,
  minDays: number,
  maxDays: number,
): Micros {
  const seconds = faker.number.int({ min: minDays * 86_400, max: maxDays * 86_400 });
  return end - seconds * MICROS_PER_SECOND;
}

/** Picks a whole-second instant from `start` to `end`. */
export function pickInstantBetween(faker: Faker, start: Micros, end: Micros): Micros {
  const span = Math.floor((end - start) / MICROS_PER_SECOND);
  return start + faker.number.int({ min: 0, max: span }) * MICROS_PER_SECOND;
}
