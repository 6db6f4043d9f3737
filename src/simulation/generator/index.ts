import { Faker, base, en, en_US } from '@faker-js/faker';

import { formatRfc3339 } from '../../domain/time.js';
import type { AccountFixture } from '../../engine/fixture-format.js';
import { generateCatalog } from './catalog.js';
import { generateLocations, setCapacities } from './locations.js';
import { checkOptions } from './options.js';
import type { GenerateAccountOptions } from './options.js';
import { generateStock } from './stock.js';

export type { GenerateAccountOptions } from './options.js';

/**
 * Generates one account's fixture: distribution centers in different US
 * time zones, a catalog with kits, and stock rows in many statuses. Equal
 * options give byte-identical JSON, because every random draw, ids included,
 * comes from a Faker instance seeded with `seed`, never from global state.
 * Time and memory grow linearly with `skuCount`.
 *
 * @example
 * const account = generateAccount({
 *   slug: 'demo', seed: 7, skuCount: 50, kitCount: 3,
 *   stockedAt: '2026-01-01T00:00:00.000000Z',
 * });
 */
export function generateAccount(options: GenerateAccountOptions): AccountFixture {
  const settings = checkOptions(options);
  // Faker 10's en_US contains only US-specific lists, so en supplies the
  // names, commerce words and colors (without it those calls throw).
  const faker = new Faker({ locale: [en_US, en, base], seed: options.seed });

  const locations = generateLocations(faker, settings);
  const catalog = generateCatalog(faker, settings);
  const stock = generateStock(faker, settings, locations, catalog);
  setCapacities(faker, locations, stock);

  return {
    slug: options.slug,
    ...(options.callbackSecret === undefined
      ? {}
      : { callback_secret: options.callbackSecret }),
    stocked_at: formatRfc3339(settings.stockedAt),
    locations,
    skus: catalog.skus,
    stock,
  };
}

/**
 * Derives a Standard Webhooks secret from a seed, as `whsec_` followed by
 * the base64 of 24 seeded bytes.
 */
export function deriveCallbackSecret(seed: number): string {
  const faker = new Faker({ locale: [base], seed });
  // A second seed word keeps these bytes apart from generateAccount's draws.
  faker.seed([seed, 0x5ec7e7]);
  const bytes = Array.from({ length: 24 }, () =>
    faker.number.int({ min: 0, max: 255 }),
  );
  return `whsec_${Buffer.from(bytes).toString('base64')}`;
}
