import type { Faker } from '@faker-js/faker';

import { countsTowardUnits, isStoredStatus } from '../../domain/statuses.js';
import { formatRfc3339 } from '../../domain/time.js';
import type { LocationFixture, StockFixture } from '../../engine/fixture-format.js';
import type { Settings } from './options.js';
import { pickInstantBefore, pickInstantBetween } from './time.js';

interface Metro {
  city: string;
  state: string;
  timezone: string;
  /** First three digits of the city's ZIP codes. */
  zipPrefix: string;
  /** IATA code of the nearest airport, the root of the short code. */
  airport: string;
}

/** Logistics hubs, all in different states. */
export const METROS: readonly Metro[] = [
  metro('Allentown', 'PA', 'America/New_York', '181', 'ABE'),
  metro('Atlanta', 'GA', 'America/New_York', '303', 'ATL'),
  metro('Columbus', 'OH', 'America/New_York', '432', 'CMH'),
  metro('Jacksonville', 'FL', 'America/New_York', '322', 'JAX'),
  metro('Memphis', 'TN', 'America/Chicago', '381', 'MEM'),
  metro('Dallas', 'TX', 'America/Chicago', '752', 'DFW'),
  metro('Kansas City', 'MO', 'America/Chicago', '641', 'MCI'),
  metro('Denver', 'CO', 'America/Denver', '802', 'DEN'),
  metro('Salt Lake City', 'UT', 'America/Denver', '841', 'SLC'),
  metro('Albuquerque', 'NM', 'America/Denver', '871', 'ABQ'),
  metro('Reno', 'NV', 'America/Los_Angeles', '895', 'RNO'),
  metro('Ontario', 'CA', 'America/Los_Angeles', '917', 'ONT'),
  metro('Kent', 'WA', 'America/Los_Angeles', '980', 'SEA'),
  metro('Phoenix', 'AZ', 'America/Phoenix', '850', 'PHX'),
];

function metro(
  city: string,
  state: string,
  timezone: string,
  zipPrefix: string,
  airport: string,
): Metro {
  return { city, state, timezone, zipPrefix, airport };
}

const STREET_SUFFIXES = [
  'Industrial Parkway',
  'Logistics Drive',
  'Commerce Boulevard',
  'Distribution Way',
  'Freight Road',
  'Trade Center Drive',
];

/**
 * Picks metros round-robin over time zones, so the first five centers are
 * in five different time zones (and all centers in different states).
 */
function pickMetros(faker: Faker, count: number): Metro[] {
  const byZone = new Map<string, Metro[]>();
  for (const candidate of METROS) {
    byZone.set(candidate.timezone, [...(byZone.get(candidate.timezone) ?? []), candidate]);
  }
  const queues = faker.helpers.shuffle(
    [...byZone.values()].map((group) => faker.helpers.shuffle(group)),
  );

  const picked: Metro[] = [];
  for (let round = 0; picked.length < count; round += 1) {
    for (const queue of queues) {
      const next = queue[round];
      if (next !== undefined && picked.length < count) picked.push(next);
    }
  }
  return picked;
}

export function generateLocations(faker: Faker, settings: Settings): LocationFixture[] {
  const metros = pickMetros(faker, settings.locationCount);
  // Distinct weights, so every center has its own share of demand.
  const weights = faker.helpers.arrayElements(
    Array.from({ length: 51 }, (_, i) => 10 + i),
    metros.length,
  );

  return metros.map((site, index) => {
    const createdAt = pickInstantBefore(faker, settings.stockedAt, 2 * 365, 6 * 365);
    const street =
      `${faker.number.int({ min: 100, max: 9899 })} ` +
      `${faker.person.lastName()} ${faker.helpers.arrayElement(STREET_SUFFIXES)}`;
    // The first center always has a second street line, the others sometimes.
    const hasLineTwo = index === 0 || faker.datatype.boolean({ probability: 0.4 });
    const lineTwo =
      `${faker.helpers.arrayElement(['Building', 'Dock', 'Suite'])} ` +
      `${faker.number.int({ min: 1, max: 40 })}`;

    return {
      id: faker.string.uuid(),
      name: `${site.city} DC`,
      street_line_one: street,
      ...(hasLineTwo ? { street_line_two: lineTwo } : {}),
      city: site.city,
      locale_code: site.state,
      postal_code: `${site.zipPrefix}${faker.string.numeric(2)}`,
      short_code: `${site.airport}${faker.number.int({ min: 1, max: 9 })}`,
      timezone: site.timezone,
      capacity: 0, // set by setCapacities once the stock is known
      weight: weights[index] ?? 1,
      created_at: formatRfc3339(createdAt),
      updated_at: formatRfc3339(pickInstantBetween(faker, createdAt, settings.stockedAt)),
    };
  });
}

/**
 * Sizes each center so that its stock fills 55 to 85 percent of it. The
 * capacity is rounded up to two significant digits, then raised until no
 * other center has the same one. It covers every status that
 * `countsTowardUnits` counts, which is units on hand plus `expected` ones.
 */
export function setCapacities(
  faker: Faker,
  locations: LocationFixture[],
  stock: readonly StockFixture[],
): void {
  const used = new Map<string, number>();
  for (const row of stock) {
    if (!isStoredStatus(row.inventory_status)) continue;
    if (!countsTowardUnits(row.inventory_status)) continue;
    const id = row.inventory_location_id;
    used.set(id, (used.get(id) ?? 0) + row.quantity);
  }

  const taken = new Set<number>();
  for (const location of locations) {
    const utilization = faker.number.float({ min: 0.55, max: 0.85 });
    const needed = Math.max(1000, (used.get(location.id) ?? 0) / utilization);
    const step = 10 ** (Math.floor(Math.log10(needed)) - 1);
    let capacity = Math.ceil(needed / step) * step;
    while (taken.has(capacity)) capacity += step;
    taken.add(capacity);
    location.capacity = capacity;
  }
}
