import type { Faker } from '@faker-js/faker';

import type { StoredStatus } from '../../domain/statuses.js';
import type { LocationFixture, StockFixture } from '../../engine/fixture-format.js';
import type { Catalog } from './catalog.js';
import type { Settings } from './options.js';

/**
 * Chance that a stocked (SKU, location) pair has units in each status. The
 * quantity is the pair's weekly demand times a factor drawn from `cover`.
 */
const STATUS_MIX: readonly {
  status: StoredStatus;
  probability: number;
  cover: readonly [number, number];
}[] = [
  { status: 'available', probability: 0.9, cover: [1, 4] },
  { status: 'expected', probability: 0.3, cover: [0.5, 3] },
  { status: 'received', probability: 0.12, cover: [0.1, 0.5] },
  { status: 'in-receiving', probability: 0.05, cover: [0.1, 0.5] },
  { status: 'allocated', probability: 0.3, cover: [0.1, 0.6] },
  { status: 'picked', probability: 0.12, cover: [0.05, 0.3] },
  { status: 'quality-control', probability: 0.07, cover: [0.02, 0.2] },
  { status: 'refurbishing', probability: 0.02, cover: [0.02, 0.1] },
  { status: 'under-investigation', probability: 0.02, cover: [0.02, 0.1] },
  { status: 'damaged', probability: 0.08, cover: [0.02, 0.15] },
  { status: 'lost', probability: 0.04, cover: [0.01, 0.05] },
  { status: 'expired', probability: 0.02, cover: [0.01, 0.1] },
];

/** Share of SKUs that no center stocks yet (new or not yet received). */
const UNSTOCKED_SHARE = 0.08;
/** Share of kits with pre-built units on a shelf. */
const PREBUILT_KIT_SHARE = 0.35;

export function generateStock(
  faker: Faker,
  settings: Settings,
  locations: readonly LocationFixture[],
  catalog: Catalog,
): StockFixture[] {
  const weights = locations.map((location) => location.weight ?? 1);
  const maxWeight = Math.max(...weights);
  const meanWeight = weights.reduce((sum, weight) => sum + weight, 0) / weights.length;
  const weightedLocations = locations.map((location) => ({
    weight: location.weight ?? 1,
    value: location,
  }));
  const rows: StockFixture[] = [];

  catalog.skus.forEach((sku, index) => {
    const row = (location: LocationFixture, status: StoredStatus, quantity: number) =>
      rows.push({
        customer_identifier: sku.customer_identifier,
        inventory_location_id: location.id,
        inventory_status: status,
        quantity,
      });

    if (index >= catalog.nonKitCount) {
      // Pre-built kits are ordinary units of the kit SKU.
      if (faker.datatype.boolean({ probability: PREBUILT_KIT_SHARE })) {
        const location = faker.helpers.weightedArrayElement(weightedLocations);
        row(location, 'available', faker.number.int({ min: 1, max: 12 }));
      }
      return;
    }

    const forced = index < settings.extraSkuIdentifiers.length;
    if (!forced && faker.datatype.boolean({ probability: UNSTOCKED_SHARE })) return;

    // Units sold per week at a center of average weight. One SKU in ten is
    // a best seller that moves eight times as fast.
    let velocity = faker.number.int({ min: 4, max: 60 });
    if (faker.datatype.boolean({ probability: 0.1 })) velocity *= 8;

    for (const location of locations) {
      const weight = location.weight ?? 1;
      const stockedHere =
        forced || faker.datatype.boolean({ probability: 0.45 + (0.5 * weight) / maxWeight });
      if (!stockedHere) continue;

      const demand =
        ((velocity * weight) / meanWeight) * faker.number.float({ min: 0.5, max: 1.5 });
      for (const { status, probability, cover } of STATUS_MIX) {
        const required = forced && status === 'available';
        if (!required && !faker.datatype.boolean({ probability })) continue;
        const share = faker.number.float({ min: cover[0], max: cover[1] });
        row(location, status, Math.max(1, Math.round(demand * share)));
      }
    }
  });

  return rows;
}
