import { readFileSync } from 'node:fs';

import type {
  FixtureFile,
  SkuFixture,
  StockFixture,
} from '../../src/engine/fixture-format.js';

/** Hand-written fixture files in test/support/fixtures/. */
export type FixtureName = 'f0' | 'f-kit2' | 'f-empty' | 'f0-cecile';

export const FIXTURE_DIRECTORY = new URL('./fixtures/', import.meta.url);

/** Reads a fixture file afresh, so a test may change what it gets. */
export function loadFixtureFile(name: FixtureName): FixtureFile {
  const text = readFileSync(new URL(`${name}.json`, FIXTURE_DIRECTORY), 'utf8');
  return JSON.parse(text) as FixtureFile;
}

/** Ids and times of fixture F0 (account `acme-test`). */
export const F0 = {
  account: 'acme-test',
  L1: '0a5c1f0e-0000-4000-8000-000000000001',
  L2: '0a5c1f0e-0000-4000-8000-000000000002',
  stockedAt: '2026-12-04T11:00:00.000000Z',
  /** Returns the id of F0's SKU `nn` (1 to 8), so `sku(1)` is TEE-BLK-M. */
  sku: (nn: number): string =>
    `5c000000-0000-4000-8000-0000000000${String(nn).padStart(2, '0')}`,
} as const;

/**
 * Builds fixture F-large: account `large-test` with F0's locations and SKUs
 * `L00001` up to `count`, each with L1 available 1 and L2 expected 2.
 */
export function makeLargeFixture(count = 20_000): FixtureFile {
  const f0Account = loadFixtureFile('f0').accounts[0];
  if (f0Account === undefined) throw new Error('f0.json has no account.');

  const skus: SkuFixture[] = [];
  const stock: StockFixture[] = [];
  for (let n = 1; n <= count; n += 1) {
    const identifier = `L${String(n).padStart(5, '0')}`;
    skus.push({ customer_identifier: identifier });
    stock.push(
      {
        customer_identifier: identifier,
        inventory_location_id: F0.L1,
        inventory_status: 'available',
        quantity: 1,
      },
      {
        customer_identifier: identifier,
        inventory_location_id: F0.L2,
        inventory_status: 'expected',
        quantity: 2,
      },
    );
  }

  return {
    accounts: [
      {
        slug: 'large-test',
        stocked_at: F0.stockedAt,
        locations: f0Account.locations,
        skus,
        stock,
      },
    ],
  };
}
